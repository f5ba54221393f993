import { getApi } from '../../api';
import type { OrderListStatus, OrderSummary } from '../../api/paths';
import { cursorFooter, cursorListState, cursorLoader, emptyCursorList, type CursorList, type CursorLoader } from '../../logic/community-list';
import type { LoadState } from '../../logic/load-state';
import { ORDER_TABS, orderCard, type OrderCard } from '../../logic/mall';
import { navigateTo, stopPullDownRefresh } from '../../platform/ui';

type Row = OrderSummary & { documentId: string };

/** 我的订单: tabs by status (`?status=` opens one), newest first by cursor; a tap opens the order. A read overtaken by a tab switch is dropped. */
Page({
  data: {
    tabs: ORDER_TABS.map((t) => ({ ...t })),
    status: 'all' as OrderListStatus,
    list: emptyCursorList<Row>(),
    cards: [] as OrderCard[],
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
  },
  loader: undefined as CursorLoader | undefined,

  onLoad(query: Record<string, string | undefined> = {}) {
    const known = ORDER_TABS.find((t) => t.key === query.status);
    if (known) this.setData({ status: known.key });
  },

  onShow() {
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
    await this.pages().reload();
  },

  async more() {
    await this.pages().more();
  },

  pages(): CursorLoader {
    this.loader ??= cursorLoader<Row>({ list: () => this.data.list, show: (list) => this.show(list) }, async (cursor) => {
      const answer = await getApi().orders.list({ status: this.data.status, cursor });
      return { items: answer.data.map((order) => ({ ...order, documentId: order.orderNo })), next: answer.meta.nextCursor };
    });
    return this.loader;
  },

  show(list: CursorList<Row>) {
    this.setData({ list, cards: list.items.map(orderCard), state: cursorListState(list), error: list.error, footer: cursorFooter(list) });
  },

  onTab(event: WechatMiniprogram.BaseEvent<Record<string, never>, { key: OrderListStatus }>) {
    const status = event.currentTarget.dataset.key;
    if (status === this.data.status) return;
    this.setData({ status, list: emptyCursorList<Row>() });
    void this.reload();
  },

  openOrder(event: WechatMiniprogram.BaseEvent<Record<string, never>, { no: string }>) {
    navigateTo(`/pages/order/index?orderNo=${event.currentTarget.dataset.no}`);
  },

  openMall() {
    navigateTo('/pages/mall/index');
  },
});
