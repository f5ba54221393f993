import { getApi } from '../../api';
import { type LoadState } from '../../logic/load-state';
import { emptyList, footerOf, listState, nextPage, startLoading, withError, withPage, type PagedList } from '../../logic/paged-list';
import { codeInput, KIND_FILTERS, redeemErrorText, redeemSuccessText, redemptionRow, type RedeemKind, type Redemption, type RedemptionRow } from '../../logic/redeem';
import { stopPullDownRefresh } from '../../platform/ui';

/** 兑换码: redeem a code (POST /api/redeem-codes/redeem) and my redemptions (GET …/history, paginated, by kind). */
/** The latest list read: an older one's answer (a refresh during "more") is dropped. */
let latest = 0;

Page({
  data: {
    code: '',
    redeeming: false,
    message: '',
    success: false,
    kinds: KIND_FILTERS,
    kind: '' as '' | RedeemKind,
    list: emptyList<Redemption>(),
    rows: [] as RedemptionRow[],
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
  },

  onLoad(query: Record<string, string | undefined>) {
    if (query.code) this.setData({ code: query.code });
    void this.reload();
  },

  async onPullDownRefresh() {
    await this.reload();
    stopPullDownRefresh();
  },

  onReachBottom() {
    void this.more();
  },

  onInput(event: WechatMiniprogram.Input) {
    this.setData({ code: event.detail.value, message: '' });
  },

  async redeem() {
    if (this.data.redeeming) return;
    const input = codeInput(this.data.code);
    if (!input.ok) {
      this.setData({ message: input.message, success: false });
      return;
    }
    this.setData({ redeeming: true, message: '' });
    try {
      const answer = await getApi().redeem.redeem(input.code);
      this.setData({ redeeming: false, code: '', success: true, message: redeemSuccessText(answer.data) });
      // A membership or points came with it: the account others read changed.
      void getApi().account.me().catch(() => undefined);
      void this.reload();
    } catch (error) {
      this.setData({ redeeming: false, success: false, message: redeemErrorText(error) });
    }
  },

  onKind(event: WechatMiniprogram.TouchEvent) {
    this.setData({ kind: event.currentTarget.dataset.value as '' | RedeemKind });
    void this.reload();
  },

  async reload() {
    await this.load(startLoading(this.data.list, true), 1);
  },

  async more() {
    const { list } = this.data;
    if (!footerOf(list).canLoadMore) return;
    await this.load(startLoading(list), nextPage(list));
  },

  async load(loading: PagedList<Redemption>, page: number) {
    const ticket = ++latest;
    this.show(loading);
    try {
      const answer = await getApi().redeem.history({ page, pageSize: 20, kind: this.data.kind || undefined });
      if (ticket !== latest) return;
      this.show(withPage(loading, answer.data, answer.meta.pagination));
    } catch (error) {
      if (ticket === latest) this.show(withError(loading, error));
    }
  },

  show(list: PagedList<Redemption>) {
    this.setData({ list, rows: list.items.map(redemptionRow), state: listState(list), error: list.error, footer: footerOf(list) });
  },
});
