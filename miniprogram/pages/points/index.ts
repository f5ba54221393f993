import { getApi } from '../../api';
import { type LoadState } from '../../logic/load-state';
import { emptyList, footerOf, listState, nextPage, startLoading, withError, withPage, type PagedList } from '../../logic/paged-list';
import { pointsRow, type PointsBalance, type PointsRecord, type PointsRow } from '../../logic/points';
import { stopPullDownRefresh } from '../../platform/ui';

/** 积分明细: the balance (GET /api/points/balance) and the ledger, 20 a page (GET /api/points/records). */
/** The latest list read: an older one's answer (a refresh during "more") is dropped. */
let latest = 0;

Page({
  data: {
    balance: { balance: 0, earned: 0, spent: 0 } as PointsBalance,
    list: emptyList<PointsRecord>(),
    rows: [] as PointsRow[],
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
  },

  onLoad() {
    void this.reload();
  },

  async onPullDownRefresh() {
    await this.reload();
    stopPullDownRefresh();
  },

  onReachBottom() {
    void this.more();
  },

  async reload() {
    const api = getApi();
    api.points
      .balance()
      .then((answer) => this.setData({ balance: answer.data }))
      // The list shows the failure; the balance card keeps its last figures.
      .catch(() => undefined);
    await this.load(startLoading(this.data.list, true), 1);
  },

  async more() {
    const { list } = this.data;
    if (!footerOf(list).canLoadMore) return;
    await this.load(startLoading(list), nextPage(list));
  },

  async load(loading: PagedList<PointsRecord>, page: number) {
    const ticket = ++latest;
    this.show(loading);
    try {
      const answer = await getApi().points.records({ page, pageSize: 20 });
      if (ticket !== latest) return;
      this.show(withPage(loading, answer.data, answer.meta.pagination));
    } catch (error) {
      if (ticket === latest) this.show(withError(loading, error));
    }
  },

  show(list: PagedList<PointsRecord>) {
    this.setData({ list, rows: list.items.map(pointsRow), state: listState(list), error: list.error, footer: footerOf(list) });
  },
});
