import { getApi } from '../../api';
import { diaryOf, diaryRow, monthTitle, shiftMonth, type Diary, type DiaryRow } from '../../logic/diary';
import { localDayFor } from '../../logic/dates';
import { type LoadState } from '../../logic/load-state';
import { emptyList, footerOf, listState, nextPage, paginationOf, startLoading, withError, withPage, type PagedList } from '../../logic/paged-list';
import { navigateTo, stopPullDownRefresh } from '../../platform/ui';

/** 成长日记: my diaries of one month, newest first, 10 a page (GET /api/diaries?month=), drafts marked. */
Page({
  data: {
    month: '',
    thisMonth: '',
    monthTitle: '',
    list: emptyList<Diary>(),
    rows: [] as DiaryRow[],
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
  },

  onLoad(query: Record<string, string | undefined>) {
    const thisMonth = localDayFor(getApi().session.user ?? {}, new Date()).slice(0, 7);
    const month = query.month && /^\d{4}-\d{2}$/.test(query.month) && query.month <= thisMonth ? query.month : thisMonth;
    this.setData({ thisMonth, month, monthTitle: monthTitle(month) });
  },

  onShow() {
    // Back from the editor: the month's list may have changed.
    void this.reload();
  },

  async onPullDownRefresh() {
    await this.reload();
    stopPullDownRefresh();
  },

  onReachBottom() {
    void this.more();
  },

  showMonth(month: string) {
    if (month > this.data.thisMonth) return;
    this.setData({ month, monthTitle: monthTitle(month) });
    void this.reload();
  },

  previousMonth() {
    this.showMonth(shiftMonth(this.data.month, -1));
  },

  nextMonth() {
    this.showMonth(shiftMonth(this.data.month, 1));
  },

  onMonth(event: WechatMiniprogram.PickerChange) {
    this.showMonth(String(event.detail.value).slice(0, 7));
  },

  async reload() {
    await this.load(startLoading(this.data.list, true), 1);
  },

  async more() {
    const { list } = this.data;
    if (!footerOf(list).canLoadMore) return;
    await this.load(startLoading(list), nextPage(list));
  },

  async load(loading: PagedList<Diary>, page: number) {
    const month = this.data.month;
    this.show(loading);
    try {
      const answer = await getApi().diaries.list({ month, page, pageSize: 10 });
      // A month switched while this page was on its way: its answer is not for this list.
      if (month !== this.data.month) return;
      const diaries = (answer.data ?? []).map(diaryOf);
      this.show(withPage(loading, diaries, paginationOf(answer.meta, { page, pageSize: 10 }, diaries.length)));
    } catch (error) {
      if (month === this.data.month) this.show(withError(loading, error));
    }
  },

  show(list: PagedList<Diary>) {
    this.setData({ list, rows: list.items.map(diaryRow), state: listState(list), error: list.error, footer: footerOf(list) });
  },

  open(event: WechatMiniprogram.TouchEvent) {
    navigateTo(`/pages/diary-edit/index?id=${String(event.currentTarget.dataset.id)}`);
  },

  write() {
    navigateTo('/pages/diary-edit/index');
  },
});
