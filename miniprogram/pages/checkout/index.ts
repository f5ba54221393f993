import { getApi } from '../../api';
import type { OrderAddress, PayWith } from '../../api/paths';
import type { LoadState } from '../../logic/load-state';
import {
  ADDRESS_KEY,
  attemptFor,
  CHECKOUT_KEY,
  checkoutProblems,
  emptyAddress,
  groupTotals,
  loadCart,
  newIdempotencyKey,
  orderBody,
  orderRefusal,
  pointsText,
  priceText,
  removeFromCart,
  saveCart,
  type Attempt,
  type CartItem,
  type CheckoutForm,
  type CheckoutProblems,
  type Delivery,
} from '../../logic/mall';
import { redirectTo, toast } from '../../platform/ui';

type Checkout = { items: CartItem[]; fromCart: boolean };

/**
 * 确认订单: one shop's items (from the cart's 结算 or 立即购买), delivered to an address (the form is
 * remembered on the phone) or fetched at one of the shop's pickup points; paid with points (the balance
 * shown) or WeChat Pay, where every item has that price. 提交订单 sends one idempotency key per attempt:
 * a retry of the same order (no answer, a failure) sends the same key, so the server answers the first
 * order instead of placing a second. A points order opens the order (paid); a WeChat Pay order opens
 * the pay step.
 */
Page({
  data: {
    items: [] as Array<CartItem & { priceText: string }>,
    fromCart: false,
    shopName: '',
    pickupPoints: [] as string[],
    payOptions: [] as PayWith[],
    totalText: '',
    totalFen: null as number | null,
    totalPoints: null as number | null,
    balance: null as number | null,
    balanceText: '',
    form: { delivery: 'address', address: emptyAddress(), pickup: '', payWith: null, note: '' } as CheckoutForm,
    problems: {} as CheckoutProblems,
    tried: false,
    submitting: false,
    error: '',
    state: 'loading' as LoadState,
  },
  attempt: null as Attempt | null,

  onLoad() {
    const api = getApi();
    const storage = api.client.platform.storage;
    const checkout = storage.get<Checkout>(CHECKOUT_KEY);
    if (!checkout || checkout.items.length === 0) {
      this.setData({ state: 'empty' });
      return;
    }
    const totals = groupTotals(checkout.items);
    const pickupPoints = checkout.items[0].shop.pickupPoints;
    const saved = storage.get<OrderAddress>(ADDRESS_KEY);
    this.setData({
      items: checkout.items.map((item) => ({ ...item, priceText: priceText(item) })),
      fromCart: checkout.fromCart,
      shopName: checkout.items[0].shop.name,
      pickupPoints,
      payOptions: totals.payWith,
      totalText: totals.totalText,
      totalFen: totals.totalFen,
      totalPoints: totals.totalPoints,
      form: { delivery: 'address', address: saved ?? emptyAddress(), pickup: pickupPoints[0] ?? '', payWith: totals.payWith[0] ?? null, note: '' },
      state: 'ready',
    });
    if (totals.payWith.includes('points')) void this.loadBalance();
  },

  async loadBalance() {
    try {
      const { data } = await getApi().points.balance();
      this.setData({ balance: data.balance, balanceText: `可用 ${pointsText(data.balance)}` });
      this.recheck();
    } catch {
      this.setData({ balanceText: '' });
    }
  },

  setForm(form: CheckoutForm) {
    this.setData({ form, error: '' });
    this.recheck();
  },

  recheck() {
    if (!this.data.tried && this.data.balance === null) return;
    const problems = this.problems();
    // Before a first try only the balance is worth saying.
    this.setData({ problems: this.data.tried ? problems : problems.points ? { points: problems.points } : {} });
  },

  problems(): CheckoutProblems {
    return checkoutProblems(this.data.form, { payWith: this.data.payOptions, totalPoints: this.data.totalPoints, pickupPoints: this.data.pickupPoints }, this.data.balance);
  },

  onDelivery(event: WechatMiniprogram.BaseEvent<Record<string, never>, { kind: Delivery }>) {
    this.setForm({ ...this.data.form, delivery: event.currentTarget.dataset.kind });
  },

  onPickup(event: WechatMiniprogram.BaseEvent<Record<string, never>, { point: string }>) {
    this.setForm({ ...this.data.form, pickup: event.currentTarget.dataset.point });
  },

  onPayWith(event: WechatMiniprogram.BaseEvent<Record<string, never>, { way: PayWith }>) {
    this.setForm({ ...this.data.form, payWith: event.currentTarget.dataset.way });
  },

  onAddress(event: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: keyof OrderAddress }>) {
    this.setForm({ ...this.data.form, address: { ...this.data.form.address, [event.currentTarget.dataset.field]: event.detail.value } });
  },

  onNote(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setForm({ ...this.data.form, note: event.detail.value });
  },

  async submit() {
    if (this.data.submitting) return;
    this.setData({ tried: true });
    const problems = this.problems();
    this.setData({ problems });
    if (Object.keys(problems).length > 0) return;
    const api = getApi();
    const { idempotencyKey: _unused, ...body } = orderBody(this.data.items, this.data.form, '');
    this.attempt = attemptFor(this.attempt, body, () => newIdempotencyKey(api.client.platform.now()));
    this.setData({ submitting: true, error: '' });
    try {
      const answer = await api.orders.place({ ...body, idempotencyKey: this.attempt.key });
      const storage = api.client.platform.storage;
      if (this.data.form.delivery === 'address') storage.set(ADDRESS_KEY, body.address);
      if (this.data.fromCart) saveCart(storage, removeFromCart(loadCart(storage), this.data.items.map((i) => i.sku)));
      storage.remove(CHECKOUT_KEY);
      this.setData({ submitting: false });
      const order = answer.data;
      if (order.status === 'pending_payment') redirectTo(`/pages/pay/index?orderNo=${order.orderNo}`);
      else {
        toast('兑换成功', 'success');
        redirectTo(`/pages/order/index?orderNo=${order.orderNo}`);
      }
    } catch (error) {
      // The attempt (and its key) stays: 提交订单 again is a retry of this same order.
      const refusal = orderRefusal(error);
      this.setData({ submitting: false, error: refusal.message, problems: refusal.field ? { ...this.data.problems, [refusal.field]: refusal.message } : this.data.problems });
    }
  },
});
