import {
  actionButtons,
  addToCart,
  attemptFor,
  boundQuantity,
  cartItemOf,
  categoryStrip,
  checkoutProblems,
  countdownText,
  defaultSku,
  emptyAddress,
  fenOf,
  groupCart,
  listingBody,
  listingProblems,
  listingRow,
  loadCart,
  newIdempotencyKey,
  orderBody,
  orderCard,
  orderRefusal,
  orderView,
  pollUntilPaid,
  priceText,
  productCard,
  productQuery,
  defaultFilters,
  refundReason,
  removeFromCart,
  saveCart,
  setCartQuantity,
  skuPicker,
  transitionRefusal,
  trailRows,
  yuan,
  type CartItem,
  type CheckoutForm,
} from '../../logic/mall';
import { ApiError } from '../../api/errors';
import { categories, order, orderSummary, product, productSummary } from '../helpers/mall-fixtures';
import type { KeyValueStorage } from '../../platform/types';

const refused = (status: number, details: Record<string, unknown>) => new ApiError(status, status === 409 ? 'ConflictError' : 'ApplicationError', 'refused', details);

describe('money', () => {
  it('shows fen as yuan with two decimals, integers only', () => {
    expect([0, 1, 10, 99, 100, 1290, 123456789, -250].map(yuan)).toEqual(['¥0.00', '¥0.01', '¥0.10', '¥0.99', '¥1.00', '¥12.90', '¥1234567.89', '-¥2.50']);
    // 0.1 + 0.2 style sums stay exact because they are sums of fen.
    expect(yuan(10 + 20)).toBe('¥0.30');
  });

  it('reads yuan typed by a person into fen without floats', () => {
    expect(['12.9', '12.90', '12', '¥ 0.07', '0.1', '19.99', '  3. '].map(fenOf)).toEqual([1290, 1290, 1200, 7, 10, 1999, 300]);
    expect(['', 'abc', '1.234', '-1', '1e3', '1,000'].map(fenOf)).toEqual([null, null, null, null, null, null]);
    // A float would make 19.99 * 100 = 1998.9999999999998.
    expect(fenOf('19.99')).toBe(1999);
  });

  it('prices in yuan, points or both', () => {
    expect(priceText({ price: 350, pointsPrice: 100 })).toBe('¥3.50 / 100 积分');
    expect(priceText({ price: null, pointsPrice: 100 })).toBe('100 积分');
    expect(priceText({ price: 5, pointsPrice: null })).toBe('¥0.05');
    expect(priceText({ price: null, pointsPrice: null })).toBe('暂无价格');
  });
});

describe('catalogue', () => {
  it('asks for the filters that are set, with the cursor', () => {
    expect(productQuery(defaultFilters(), null)).toEqual({ sort: 'newest', limit: 20 });
    expect(productQuery({ category: 'cat00000000001', payWith: 'points', sort: 'points_asc', kind: 'secondHand', q: ' 笔 ' }, 'c1')).toEqual({
      category: 'cat00000000001', payWith: 'points', kind: 'secondHand', q: '笔', sort: 'points_asc', cursor: 'c1', limit: 20,
    });
  });

  it('puts 全部 before the top-level categories and marks the chosen one', () => {
    expect(categoryStrip(categories(), 'cat00000000002').map((c) => [c.name, c.selected])).toEqual([['全部', false], ['文具', false], ['零食', true]]);
  });

  it('turns a product into a card', () => {
    expect(productCard(productSummary())).toMatchObject({ priceText: '¥3.50 / 100 积分', shop: '东区小卖部', salesText: '已售 12', soldOut: false });
    expect(productCard(productSummary({ kind: 'secondHand', merchant: null, pointsPrice: null, salesCount: 0, soldOut: true, image: null }))).toMatchObject({ shop: '闲置', salesText: '', soldOut: true, image: '' });
  });
});

describe('the SKU picker', () => {
  it('starts on the first SKU in stock and disables the sold-out ones', () => {
    const p = product();
    expect(defaultSku(p)).toBe('sku00000000002');
    const picker = skuPicker(p, defaultSku(p), 1);
    expect(picker.chips.map((c) => [c.spec, c.selected, c.disabled])).toEqual([['黑色', false, true], ['蓝色', true, false], ['红色', false, false]]);
    expect(picker).toMatchObject({ quantity: 1, max: 3, canDecrease: false, canIncrease: true, stockText: '库存 3', priceText: '¥3.50 / 100 积分', canBuy: true });
  });

  it('bounds the quantity by the stock and by 99', () => {
    const p = product();
    expect(skuPicker(p, 'sku00000000002', 5)).toMatchObject({ quantity: 3, canIncrease: false, canDecrease: true });
    expect(skuPicker(p, 'sku00000000002', 0).quantity).toBe(1);
    expect(skuPicker(p, 'sku00000000003', 500)).toMatchObject({ quantity: 99, max: 99 });
    expect(skuPicker(p, 'sku00000000001', 2)).toMatchObject({ quantity: 0, max: 0, canBuy: false, stockText: '已售罄', canIncrease: false });
    expect(skuPicker(p, null, 1)).toMatchObject({ sku: null, canBuy: false, stockText: '请选择规格' });
    expect([boundQuantity(2.7, 5), boundQuantity(-3, 5), boundQuantity(NaN, 5)]).toEqual([2, 1, 1]);
  });
});

const memory = (): KeyValueStorage & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, get: <T>(k: string) => (map.has(k) ? (JSON.parse(map.get(k) as string) as T) : undefined), set: (k, v) => void map.set(k, JSON.stringify(v)), remove: (k) => void map.delete(k) };
};

describe('the cart', () => {
  const p = product();
  const blue = cartItemOf(p, p.skus[1], 2);
  const red = cartItemOf(p, p.skus[2], 1);
  const other: CartItem = { ...cartItemOf(product({ documentId: 'prod0000000002', name: '薯片', merchant: { documentId: 'shop0000000002', name: '西区超市', pickupPoints: [], region: null } }), p.skus[2], 1), sku: 'sku00000000009' };
  const listing = cartItemOf(product({ documentId: 'list0000000001', name: '二手台灯', kind: 'secondHand', merchant: null, seller: { nickname: '小李', avatarUrl: null } }), { ...p.skus[2], documentId: 'sku00000000010', pointsPrice: null, stock: 1 }, 1);

  it('adds up one SKU, bounded by its stock, and keeps shops apart', () => {
    let cart = addToCart([], blue);
    cart = addToCart(cart, blue);
    expect(cart).toHaveLength(1);
    expect(cart[0].quantity).toBe(3);
    cart = addToCart(addToCart(addToCart(cart, other), red), listing);
    const groups = groupCart(cart);
    expect(groups.map((g) => [g.shopName, g.lines.map((l) => l.sku)])).toEqual([
      ['东区小卖部', ['sku00000000002', 'sku00000000003']],
      ['西区超市', ['sku00000000009']],
      ['小李 的闲置', ['sku00000000010']],
    ]);
    // 3 × ¥3.50 + ¥4.00 = ¥14.50; the red pen has no points price, so this shop pays by WeChat only.
    expect(groups[0]).toMatchObject({ totalFen: 1450, totalPoints: null, payWith: ['wechat'], totalText: '¥14.50' });
    expect(groups[0].lines[0]).toMatchObject({ canIncrease: false, canDecrease: true });
    expect(groups[2].lines[0]).toMatchObject({ canIncrease: false, canDecrease: false });
    expect(groups[0].lines[0].priceText).toBe('¥3.50 / 100 积分');
  });

  it('changes quantities within bounds, removes, and survives in storage', () => {
    let cart = addToCart(addToCart([], blue), red);
    cart = setCartQuantity(cart, 'sku00000000002', 10);
    expect(cart[0].quantity).toBe(3);
    cart = setCartQuantity(cart, 'sku00000000002', 0);
    expect(cart[0].quantity).toBe(1);
    expect(groupCart(cart)[0]).toMatchObject({ totalFen: 750, payWith: ['wechat'] });
    cart = removeFromCart(cart, ['sku00000000003']);
    expect(groupCart(cart)[0]).toMatchObject({ totalFen: 350, totalPoints: 100, payWith: ['points', 'wechat'] });
    const storage = memory();
    expect(loadCart(storage)).toEqual([]);
    saveCart(storage, cart);
    expect(loadCart(storage)).toEqual(cart);
  });
});

describe('checkout', () => {
  const address = { name: '张三', phone: '13800000000', region: '东校区', detail: '3号楼 201' };
  const form = (over: Partial<CheckoutForm> = {}): CheckoutForm => ({ delivery: 'address', address, pickup: '', payWith: 'points', note: '', ...over });
  const group = { payWith: ['points', 'wechat'] as Array<'points' | 'wechat'>, totalPoints: 200, pickupPoints: ['东区快递站'] };

  it('checks the address as the server does, or the pickup point, the way to pay and the balance', () => {
    expect(checkoutProblems(form(), group, 500)).toEqual({});
    expect(checkoutProblems(form({ address: emptyAddress(), payWith: null }), group, null)).toEqual({
      name: '请填写收货人', phone: '请填写正确的手机号', region: '请填写校区 / 地区', detail: '请填写详细地址', payWith: '请选择支付方式',
    });
    expect(checkoutProblems(form({ address: { ...address, phone: '12', name: 'x'.repeat(31) } }), group, 500)).toMatchObject({ phone: '请填写正确的手机号', name: '收货人最多 30 个字' });
    expect(checkoutProblems(form({ delivery: 'pickup', pickup: '操场', address: emptyAddress() }), group, 500)).toEqual({ pickup: '请选择自提点' });
    expect(checkoutProblems(form({ delivery: 'pickup', pickup: '东区快递站' }), group, 500)).toEqual({});
    expect(checkoutProblems(form(), group, 150)).toEqual({ points: '积分不足，还差 50 积分' });
    expect(checkoutProblems(form(), { ...group, payWith: ['wechat'] }, 500)).toEqual({ payWith: '请选择支付方式' });
    expect(checkoutProblems(form({ note: 'x'.repeat(201) }), group, 500)).toEqual({ note: '备注最多 200 个字' });
  });

  it('sends the address or the pickup point, never both', () => {
    const items = [{ sku: 'sku00000000002', quantity: 2 }];
    expect(orderBody(items, form({ address: { ...address, name: ' 张三 ' }, note: ' 放门口 ' }), 'key-12345678')).toEqual({ items, payWith: 'points', address, note: '放门口', idempotencyKey: 'key-12345678' });
    expect(orderBody(items, form({ delivery: 'pickup', pickup: '东区快递站', payWith: 'wechat' }), 'key-12345678')).toEqual({ items, payWith: 'wechat', pickup: '东区快递站', note: '', idempotencyKey: 'key-12345678' });
  });

  it('keeps one idempotency key for the retries of one order, and a new one once the order changed', () => {
    let n = 0;
    const fresh = () => `key-${++n}`;
    const body = { items: [{ sku: 'sku00000000002', quantity: 1 }], payWith: 'points' as const, note: '' };
    const first = attemptFor(null, body, fresh);
    expect(attemptFor(first, { ...body }, fresh)).toBe(first);
    const changed = attemptFor(first, { ...body, items: [{ sku: 'sku00000000002', quantity: 2 }] }, fresh);
    expect([first.key, changed.key]).toEqual(['key-1', 'key-2']);
    const key = newIdempotencyKey(new Date('2026-12-04T12:00:00Z'), () => 0.5);
    expect(key).toMatch(/^[0-9a-z-]{8,64}$/);
  });

  it('words every refusal of an order in Chinese, on its field when it has one', () => {
    expect(orderRefusal(refused(409, { reason: 'sold_out', sku: 'sku00000000002' }))).toEqual({ message: '库存不足，请调整数量', field: null, soldOutSku: 'sku00000000002' });
    expect(orderRefusal(refused(400, { reason: 'insufficient_points', needed: 50 }))).toMatchObject({ message: '积分不足', field: 'points' });
    expect(orderRefusal(refused(400, { reason: 'price_missing', sku: 'x' })).field).toBe('payWith');
    expect(orderRefusal(refused(400, { reason: 'mixed_shops' })).message).toBe('一个订单只能包含同一店铺的商品');
    expect(orderRefusal(refused(400, { reason: 'address_required' })).field).toBe('detail');
    expect(orderRefusal(refused(400, { reason: 'pickup_unknown' })).field).toBe('pickup');
    expect(orderRefusal(refused(503, {})).message).toBe('微信支付暂不可用，请稍后在订单中支付');
  });
});

describe('orders', () => {
  it('shows the buttons the server allows, the primary one last', () => {
    expect(actionButtons(['pay', 'cancel']).map((b) => [b.action, b.text, b.primary])).toEqual([['cancel', '取消订单', false], ['pay', '去支付', true]]);
    expect(actionButtons(['confirm', 'refund']).map((b) => b.text)).toEqual(['申请退款', '确认收货']);
    expect(actionButtons(['withdrawRefund'])[0]).toMatchObject({ text: '撤回退款申请', confirm: expect.stringContaining('撤回') });
    expect(actionButtons([])).toEqual([]);
    expect(actionButtons(['cancel'])[0].confirm).toBe('确定取消这个订单吗？');
  });

  it('shows an order: amount by how it was paid, delivery, the trail newest first in Beijing time', () => {
    const view = orderView(order());
    expect(view).toMatchObject({ statusLabel: '待发货', amountText: '200 积分', payMethodText: '积分支付', shop: '东区小卖部', createdText: '2026-12-04 20:19' });
    expect(view.items[0]).toMatchObject({ unitText: '100 积分', quantity: 2, spec: '蓝色' });
    expect(view.delivery).toEqual({ kind: 'address', lines: ['张三 13800000000', '东校区 3号楼 201'] });
    expect(view.trail.map((t) => [t.text, t.by, t.time])).toEqual([['已支付', '系统', '2026-12-04 20:19'], ['下单', '我', '2026-12-04 20:19']]);
    expect(view.buttons.map((b) => b.action)).toEqual(['refund']);
    const wechat = orderView(order({ payMethod: 'wechat', totalFen: 700, totalPoints: 0, address: null, pickup: '东区快递站', items: [{ ...order().items[0], unitPrice: 350, unitPoints: 0 }], carrier: '顺丰', trackingNumber: 'SF123' }));
    expect(wechat).toMatchObject({ amountText: '¥7.00', payMethodText: '微信支付', shipping: '顺丰 SF123', delivery: { kind: 'pickup', lines: ['自提点：东区快递站'] } });
    expect(wechat.items[0].unitText).toBe('¥3.50');
    const refunding = orderView(order({ status: 'refund_requested', statusLabel: '退款申请中', refund: { status: 'requested', method: 'points', amountFen: 0, amountPoints: 200, reason: '不想要了', decisionNote: null, createdAt: '2026-12-04T13:00:00.000Z' } }));
    expect(refunding.refund).toEqual({ text: '退款申请已提交，等待商家处理', reason: '不想要了', decision: '', amountText: '200 积分' });
  });

  it('says a refund request that ended went back to where the order was', () => {
    const rows = trailRows([{ from: 'refund_requested', to: 'paid', by: 'user', reason: null, at: '2026-12-04T13:00:00.000Z' }, { from: 'refund_requested', to: 'refunded', by: 'operator', reason: '同意', at: '2026-12-04T14:00:00.000Z' }]);
    expect(rows.map((r) => r.text)).toEqual(['已退款', '退款申请结束，恢复已支付']);
  });

  it('lists an order as a card', () => {
    expect(orderCard(orderSummary())).toMatchObject({ amountText: '200 积分', countText: '共 2 件', shop: '东区小卖部', statusLabel: '待发货' });
  });

  it('counts down to the payment deadline', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    expect(countdownText('2026-12-04T12:29:59Z', now)).toBe('29:59');
    expect(countdownText('2026-12-04T12:00:01Z', now)).toBe('00:01');
    expect(countdownText('2026-12-04T12:00:00Z', now)).toBeNull();
    expect(countdownText(null, now)).toBeNull();
  });

  it('reads the order until the notification moved it, within a bound', async () => {
    const statuses = ['pending_payment', 'pending_payment', 'paid'] as const;
    let reads = 0;
    const sleeps: number[] = [];
    const paid = await pollUntilPaid(async () => order({ status: statuses[Math.min(reads++, 2)] }), async (ms) => void sleeps.push(ms));
    expect([paid.status, reads, sleeps]).toEqual(['paid', 3, [1000, 1000]]);
    reads = 0;
    const stuck = await pollUntilPaid(async () => (reads++, order({ status: 'pending_payment' })), async () => undefined, 4);
    expect([stuck.status, reads]).toEqual(['pending_payment', 4]);
  });

  it('words refused moves and refund reasons', () => {
    expect(transitionRefusal(refused(409, { reason: 'invalid_transition', action: 'cancel', status: 'paid' }))).toBe('订单状态已变化，请刷新后再试');
    expect(transitionRefusal(refused(409, { reason: 'after_sales_closed', action: 'refund', status: 'completed' }))).toBe('已超过售后期限');
    expect(refundReason('', '  ')).toEqual({ reason: '', problem: '请选择或填写退款原因' });
    expect(refundReason('质量问题', ' 笔芯断了 ')).toEqual({ reason: '质量问题：笔芯断了', problem: '' });
    expect(refundReason('', 'x'.repeat(201)).problem).toBe('退款原因最多 200 个字');
  });
});

describe('second-hand listings', () => {
  const form = { name: ' 台灯 ', description: '', price: '25.5', originalPrice: '', region: '', images: [3, 4] };

  it('sends the price in fen, checked as the server checks', () => {
    expect(listingProblems(form)).toEqual({});
    expect(listingBody(form, 'key-12345678')).toEqual({ name: '台灯', price: 2550, images: [3, 4], idempotencyKey: 'key-12345678' });
    expect(listingBody({ ...form, originalPrice: '99', region: '西校区', description: '九成新' }, 'key-12345678')).toMatchObject({ originalPrice: 9900, region: '西校区', description: '九成新' });
    expect(listingProblems({ ...form, name: '', price: '0', originalPrice: 'abc' })).toEqual({ name: '请填写名称', price: '请填写价格（元，最多两位小数）', originalPrice: '原价格式不对' });
    expect(listingProblems({ ...form, price: '100000.01' }).price).toBe('价格最多 ¥100000.00');
  });

  it('shows my listing with its status', () => {
    expect(listingRow(product({ kind: 'secondHand', review: 'pending', price: 2550 }))).toMatchObject({ statusText: '审核中', priceText: '¥25.50', canTakeOff: true });
    expect(listingRow(product({ review: 'rejected', reviewNote: '图片不清晰' }))).toMatchObject({ statusText: '未通过', note: '图片不清晰' });
    expect(listingRow(product({ soldOut: true }))).toMatchObject({ statusText: '已售出', canTakeOff: false });
    expect(listingRow(product({ active: false }))).toMatchObject({ statusText: '已下架', canTakeOff: false });
  });
});
