import { getApi } from '../../api';
import { type LoadState } from '../../logic/load-state';
import { pageLoader, type PageLoader } from '../../logic/list-loader';
import { emptyList, footerOf, listState, type PagedList } from '../../logic/paged-list';
import { pointsRow, type PointsBalance, type PointsRecord, type PointsRow } from '../../logic/points';
import { stopPullDownRefresh } from '../../platform/ui';

/** 积分明细: the balance (GET /api/points/balance) and the ledger, 20 a page (GET /api/points/records). */
Page({
  data: {
    balance: { balance: 0, earned: 0, spent: 0 } as PointsBalance,
    list: emptyList<PointsRecord>(),
    rows: [] as PointsRow[],
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
  },

  loader: undefined as PageLoader | undefined,

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
    await this.records().reload();
  },

  async more() {
    await this.records().more();
  },

  /** The ledger's pages (20 a page); an answer overtaken by a newer read is dropped. */
  records(): PageLoader {
    this.loader ??= pageLoader<PointsRecord>({ list: () => this.data.list, show: (list) => this.show(list) }, async (page) => {
      const answer = await getApi().points.records({ page, pageSize: 20 });
      return { items: answer.data, pagination: answer.meta.pagination };
    });
    return this.loader;
  },

  show(list: PagedList<PointsRecord>) {
    this.setData({ list, rows: list.items.map(pointsRow), state: listState(list), error: list.error, footer: footerOf(list) });
  },
});
