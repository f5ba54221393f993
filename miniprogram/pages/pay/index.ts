import { getApi } from '../../api';
import type { Order } from '../../api/paths';
import { config } from '../../config';
import { messageOf, type LoadState } from '../../logic/load-state';
import { countdownText, orderAmount, pollUntilPaid, transitionRefusal } from '../../logic/mall';
import { requestPayment } from '../../platform/pay';
import { redirectTo, toast } from '../../platform/ui';

/**
 * 支付 `?orderNo=`: the amount and the time left to pay (a countdown to `expiresAt`). 微信支付 asks the
 * server for wx.requestPayment's parameters and opens WeChat's cashier (platform/pay.ts); once WeChat says
 * paid, the order is read again until its notification moved it to paid, then the order opens. Closing
 * the cashier leaves the order pending_payment with its countdown. With `config.fakePayments` (a server in
 * WECHAT_MODE=fake, whose orders DevTools cannot pay) the server's fake buyer pays instead.
 */
Page({
  data: {
    orderNo: '',
    amountText: '',
    title: '',
    countdown: '' as string,
    expired: false,
    paying: false,
    message: '',
    state: 'loading' as LoadState,
    error: '',
  },
  timer: null as ReturnType<typeof setInterval> | null,
  expiresAt: null as string | null,

  onLoad(query: Record<string, string | undefined> = {}) {
    this.setData({ orderNo: query.orderNo ?? '' });
    void this.load();
  },

  onUnload() {
    this.stopTimer();
  },

  async load() {
    this.setData({ state: 'loading', error: '' });
    try {
      const { data: order } = await getApi().orders.get(this.data.orderNo);
      if (order.status !== 'pending_payment') {
        this.done(order);
        return;
      }
      this.expiresAt = order.expiresAt;
      this.setData({ amountText: orderAmount(order), title: order.title, state: 'ready' });
      this.tick();
      this.startTimer();
    } catch (error) {
      this.setData({ state: 'error', error: messageOf(error) });
    }
  },

  startTimer() {
    this.stopTimer();
    this.timer = setInterval(() => this.tick(), 1000);
  },

  stopTimer() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  },

  tick() {
    const left = countdownText(this.expiresAt, getApi().client.platform.now());
    this.setData({ countdown: left ?? '', expired: left === null });
    if (left === null) this.stopTimer();
  },

  done(order: Order) {
    this.stopTimer();
    if (order.status === 'paid') toast('支付成功', 'success');
    redirectTo(`/pages/order/index?orderNo=${order.orderNo}`);
  },

  async pay() {
    if (this.data.paying || this.data.expired) return;
    const api = getApi();
    const { orderNo } = this.data;
    this.setData({ paying: true, message: '' });
    try {
      if (config.fakePayments) await api.orders.fakePay(orderNo);
      else {
        const { data } = await api.orders.pay(orderNo);
        this.expiresAt = data.expiresAt;
        const { outcome } = await requestPayment(data.payment);
        if (outcome !== 'paid') {
          this.setData({ paying: false, message: outcome === 'cancelled' ? '已取消支付，订单将保留到倒计时结束' : '支付失败，请重试' });
          return;
        }
      }
      const order = await pollUntilPaid(async () => (await api.orders.get(orderNo)).data, (ms) => api.client.platform.sleep(ms));
      this.setData({ paying: false });
      if (order.status === 'pending_payment') this.setData({ message: '支付结果确认中，请稍后在订单中查看' });
      else this.done(order);
    } catch (error) {
      this.setData({ paying: false, message: transitionRefusal(error) });
    }
  },

  openOrder() {
    redirectTo(`/pages/order/index?orderNo=${this.data.orderNo}`);
  },
});
