import { getApi } from '../../api';
import { type LoadState } from '../../logic/load-state';
import { pageLoader, type PageLoader } from '../../logic/list-loader';
import { emptyList, footerOf, listState, type PagedList } from '../../logic/paged-list';
import { codeInput, KIND_FILTERS, redeemErrorText, redeemSuccessText, redemptionRow, type RedeemKind, type Redemption, type RedemptionRow } from '../../logic/redeem';
import { stopPullDownRefresh } from '../../platform/ui';

/** 兑换码: redeem a code (POST /api/redeem-codes/redeem) and my redemptions (GET …/history, paginated, by kind). */
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
  loader: undefined as PageLoader | undefined,


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
    await this.pages().reload();
  },

  async more() {
    await this.pages().more();
  },

  /** My redemptions of the chosen kind, 20 a page; a kind changed while a page was on its way drops that page. */
  pages(): PageLoader {
    this.loader ??= pageLoader<Redemption>({ list: () => this.data.list, show: (list) => this.show(list) }, async (page) => {
      const answer = await getApi().redeem.history({ page, pageSize: 20, kind: this.data.kind || undefined });
      return { items: answer.data, pagination: answer.meta.pagination };
    });
    return this.loader;
  },

  show(list: PagedList<Redemption>) {
    this.setData({ list, rows: list.items.map(redemptionRow), state: listState(list), error: list.error, footer: footerOf(list) });
  },
});
