import { getApi } from '../../api';
import type { Order, OrderAction } from '../../api/paths';
import { messageOf, type LoadState } from '../../logic/load-state';
import { actionButtons, orderView, transitionRefusal, type OrderView } from '../../logic/mall';
import { confirm, copyText, navigateTo, stopPullDownRefresh, toast } from '../../platform/ui';

/**
 * 订单详情 `?orderNo=`: status, items, amount and how it was paid, the address or pickup point, shipping,
 * the refund, the trail (newest first: what moved it, who, when, why), and a button for each of the
 * server's `actions`: 去支付 (the pay step), 取消订单, 确认收货, 申请退款 (the refund page), 撤回退款申请.
 * A refused move (409: the status changed meanwhile, the after-sales window closed) is said and the order read again.
 */
Page({
  data: {
    orderNo: '',
    view: null as OrderView | null,
    busy: false,
    state: 'loading' as LoadState,
    error: '',
  },

  onLoad(query: Record<string, string | undefined> = {}) {
    this.setData({ orderNo: query.orderNo ?? '' });
  },

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    stopPullDownRefresh();
  },

  async load() {
    if (!this.data.view) this.setData({ state: 'loading', error: '' });
    try {
      const { data } = await getApi().orders.get(this.data.orderNo);
      this.show(data);
    } catch (error) {
      this.setData({ state: 'error', error: (error as { status?: number }).status === 404 ? '订单不存在' : messageOf(error) });
    }
  },

  show(order: Order) {
    this.setData({ view: orderView(order), state: 'ready', error: '' });
  },

  async onAction(event: WechatMiniprogram.BaseEvent<Record<string, never>, { action: OrderAction }>) {
    if (this.data.busy) return;
    const { action } = event.currentTarget.dataset;
    const { orderNo } = this.data;
    if (action === 'pay') {
      navigateTo(`/pages/pay/index?orderNo=${orderNo}`);
      return;
    }
    if (action === 'refund') {
      navigateTo(`/pages/refund/index?orderNo=${orderNo}`);
      return;
    }
    const button = actionButtons([action])[0];
    if (button?.confirm && !(await confirm(button.text, button.confirm, button.text))) return;
    const orders = getApi().orders;
    this.setData({ busy: true });
    try {
      const answer = action === 'cancel' ? await orders.cancel(orderNo) : action === 'confirm' ? await orders.confirm(orderNo) : await orders.withdrawRefund(orderNo);
      this.setData({ busy: false });
      this.show(answer.data);
      toast(action === 'cancel' ? '订单已取消' : action === 'confirm' ? '已确认收货' : '已撤回', 'success');
    } catch (error) {
      this.setData({ busy: false });
      toast(transitionRefusal(error));
      await this.load();
    }
  },

  copyOrderNo() {
    copyText(this.data.orderNo);
  },
});
