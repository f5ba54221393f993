import { getApi } from '../../api';
import { errorStatus, messageOf, type LoadState } from '../../logic/load-state';
import {
  drawKey, drawRecordView, outcomeOfDraw, outcomeOfDrawError, outOfStockOutcome, prizeBoard,
  type DrawRecord, type DrawRecordView, type LotteryOutcome, type Prize, type PrizeBoard, type PrizesMeta,
} from '../../logic/lottery';
import { emptyList, footerOf, listState, nextPage, startLoading, withError, withPage, type PagedList } from '../../logic/paged-list';
import { navigateTo, stopPullDownRefresh } from '../../platform/ui';

/**
 * The lottery: the prizes with their stock (GET /api/lottery/prizes), a draw (POST /api/lottery/draw,
 * with an idempotency key kept until an answer arrives, so a retry after a lost answer is not a second
 * paid draw) shown by lottery-result, and my draws (GET /api/lottery/records, paginated).
 */
/** Where the key of a draw that got no answer waits for its retry, across visits and restarts. */
const PENDING_DRAW_KEY = 'lottery.pendingDrawKey';
const storage = () => getApi().client.platform.storage;

/** The latest list read: an older one's answer (a refresh during "more") is dropped. */
let latest = 0;

Page({
  data: {
    tab: 'prizes' as 'prizes' | 'records',
    state: 'loading' as LoadState,
    error: '',
    prizes: [] as Prize[],
    meta: null as PrizesMeta | null,
    balance: 0,
    board: null as PrizeBoard | null,
    drawing: false,
    /** The key of a draw sent without an answer yet: resent as is (kept in storage across visits). */
    pendingKey: '',
    outcome: null as LotteryOutcome | null,
    recordList: emptyList<DrawRecord>(),
    records: [] as DrawRecordView[],
    recordsState: 'loading' as LoadState,
    recordsError: '',
    recordsFooter: { text: '', canLoadMore: false },
  },

  onLoad(query: Record<string, string | undefined>) {
    if (query.tab === 'records') this.setData({ tab: 'records' });
    this.setData({ pendingKey: storage().get<string>(PENDING_DRAW_KEY) ?? '' });
    void this.load();
    void this.reloadRecords();
  },

  async onPullDownRefresh() {
    await (this.data.tab === 'prizes' ? this.load() : this.reloadRecords());
    stopPullDownRefresh();
  },

  onReachBottom() {
    if (this.data.tab === 'records') void this.moreRecords();
  },

  onTab(event: WechatMiniprogram.TouchEvent) {
    this.setData({ tab: event.currentTarget.dataset.tab as 'prizes' | 'records' });
  },

  async load() {
    if (!this.data.board) this.setData({ state: 'loading', error: '' });
    try {
      const api = getApi();
      const [prizes, balance] = await Promise.all([api.lottery.prizes(), api.points.balance()]);
      this.show(prizes.data, prizes.meta, balance.data.balance);
    } catch (error) {
      this.setData({ state: 'error', error: messageOf(error) });
    }
  },

  show(prizes: Prize[], meta: PrizesMeta, balance: number) {
    this.setData({ prizes, meta, balance, board: prizeBoard(prizes, meta, balance), state: prizes.length > 0 ? 'ready' : 'empty', error: '' });
  },

  async draw() {
    const { drawing, meta, board, prizes } = this.data;
    if (drawing || !meta) return;
    if (board?.allGone) {
      this.setData({ outcome: outOfStockOutcome(meta) });
      return;
    }
    const key = this.data.pendingKey || drawKey(Date.now(), Math.random);
    storage().set(PENDING_DRAW_KEY, key);
    this.setData({ drawing: true, pendingKey: key, outcome: null });
    try {
      const answer = await getApi().lottery.draw(key);
      const next = { ...meta, drawsLeftToday: answer.meta.drawsLeftToday };
      this.show(prizes, next, answer.meta.balance);
      storage().remove(PENDING_DRAW_KEY);
      this.setData({ drawing: false, pendingKey: '', outcome: outcomeOfDraw(answer) });
      // Stock and the records changed: read them again behind the result.
      void this.load();
      void this.reloadRecords();
    } catch (error) {
      // No answer (offline, timeout): the draw may have happened, so the retry resends the same key.
      const answered = errorStatus(error) > 0;
      if (answered) storage().remove(PENDING_DRAW_KEY);
      this.setData({ drawing: false, pendingKey: answered ? '' : key, outcome: outcomeOfDrawError(error) });
    }
  },

  closeResult() {
    this.setData({ outcome: null });
  },

  showRecords() {
    this.setData({ outcome: null, tab: 'records' });
  },

  earn() {
    this.setData({ outcome: null });
    navigateTo('/pages/tasks/index');
  },

  async reloadRecords() {
    await this.loadRecords(startLoading(this.data.recordList, true), 1);
  },

  async moreRecords() {
    const list = this.data.recordList;
    if (!footerOf(list).canLoadMore) return;
    await this.loadRecords(startLoading(list), nextPage(list));
  },

  async loadRecords(loading: PagedList<DrawRecord>, page: number) {
    const ticket = ++latest;
    this.showRecordList(loading);
    try {
      const answer = await getApi().lottery.records({ page, pageSize: 20 });
      if (ticket !== latest) return;
      this.showRecordList(withPage(loading, answer.data, answer.meta.pagination));
    } catch (error) {
      if (ticket === latest) this.showRecordList(withError(loading, error));
    }
  },

  showRecordList(list: PagedList<DrawRecord>) {
    this.setData({
      recordList: list,
      records: list.items.map(drawRecordView),
      recordsState: listState(list),
      recordsError: list.error,
      recordsFooter: footerOf(list),
    });
  },
});
