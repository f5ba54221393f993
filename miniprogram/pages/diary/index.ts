import { getApi } from '../../api';
import { diaryOf, diaryRow, monthTitle, shiftMonth, type Diary, type DiaryRow } from '../../logic/diary';
import { localDayFor } from '../../logic/dates';
import { type LoadState } from '../../logic/load-state';
import { pageLoader, type PageLoader } from '../../logic/list-loader';
import { emptyList, footerOf, listState, paginationOf, type PagedList } from '../../logic/paged-list';
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
  loader: undefined as PageLoader | undefined,


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
    await this.pages().reload();
  },

  async more() {
    await this.pages().more();
  },

  /** The month's diaries, 10 a page; a month switched while a page was on its way drops that page (showMonth reloads). */
  pages(): PageLoader {
    this.loader ??= pageLoader<Diary>({ list: () => this.data.list, show: (list) => this.show(list) }, async (page) => {
      const answer = await getApi().diaries.list({ month: this.data.month, page, pageSize: 10 });
      const diaries = (answer.data ?? []).map(diaryOf);
      return { items: diaries, pagination: paginationOf(answer.meta, { page, pageSize: 10 }, diaries.length) };
    });
    return this.loader;
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
