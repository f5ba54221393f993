/** @jest-environment jsdom */
import { installApp, ok, renderPage, settle, type RenderedPage, type UiCalls } from '../helpers/page';
import { hasClass, tap, textOf } from '../helpers/simulate';
import { envelope, type WxAnswer, type WxCall, type WxDouble } from '../helpers/wx-double';
import { categories, order, ORDER_NO, orderSummary, product, productSummary } from '../helpers/mall-fixtures';
import { CART_KEY, CHECKOUT_KEY, cartItemOf, type CartItem } from '../../logic/mall';
import { config } from '../../config';

/**
 * The mall pages over made-up answers shaped by the contract (tests/contract/mall-fixtures.test.ts holds
 * them to the document): 商城 (filters, cursor pages), 分类, 商品详情 (SKU picker, cart, 立即购买), 购物车
 * (by shop), 确认订单 (checks, the body, one key per attempt), 支付 (wx.requestPayment, polling, cancel),
 * 我的订单 (tabs), 订单详情 (buttons from `actions`), 申请退款, 发布闲置 and 我的闲置.
 */

const NOW = new Date('2026-12-04T12:20:00.000Z');
let double: WxDouble;
let ui: UiCalls;
let answer: (call: WxCall) => WxAnswer | 'fail';
let payments: Array<Record<string, unknown>>;
let paymentOutcome: 'ok' | 'cancel';
const notFound = () => envelope(404, 'NotFoundError', 'Not Found');

beforeEach(() => {
  answer = () => notFound();
  ({ double, ui } = installApp((call) => answer(call), { now: () => NOW }));
  payments = [];
  paymentOutcome = 'ok';
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wx.requestPayment = (option: Record<string, unknown> & { success?: () => void; fail?: (e: { errMsg: string }) => void }) => {
    const { success, fail, ...params } = option;
    payments.push(params);
    if (paymentOutcome === 'ok') success?.();
    else fail?.({ errMsg: 'requestPayment:fail cancel' });
  };
});

const sent = (method: string, prefix: string) => double.calls.filter((c) => c.method === method && c.path.startsWith(prefix));
const queryOf = (call: WxCall) => Object.fromEntries(new URL(call.url).searchParams.entries());
const stored = <T>(key: string): T | undefined => (double.storage.has(key) ? (JSON.parse(double.storage.get(key) as string) as T) : undefined);
const store = (key: string, value: unknown) => double.storage.set(key, JSON.stringify(value));
const all = (page: RenderedPage, selector: string) => page.querySelectorAll(selector).map((n) => n.dom.textContent?.trim() ?? '');

describe('商城 (home)', () => {
  it('shows the strip, the feed by cursor, and asks again when a filter or the sort changes', async () => {
    answer = (call) => {
      if (call.path.startsWith('/api/mall/categories')) return ok({ data: categories(), meta: {} });
      if (call.path.startsWith('/api/mall/products')) {
        const q = queryOf(call);
        if (q.cursor === 'c2') return ok({ data: [productSummary({ documentId: 'prod0000000003', name: '笔记本', soldOut: true })], meta: { nextCursor: null } });
        return ok({ data: [productSummary(), productSummary({ documentId: 'prod0000000002', name: '台灯', kind: 'secondHand', merchant: null, pointsPrice: null, price: 2550 })], meta: { nextCursor: 'c2' } });
      }
      return notFound();
    };
    store(CART_KEY, [{ ...cartItemOf(product(), product().skus[1], 2) }]);
    const page = renderPage('mall');
    page.instance.onLoad({});
    page.instance.onShow();
    await settle();
    expect(all(page, '.category-chip')).toEqual(['全部', '文具', '零食']);
    expect(all(page, '.product-name')).toEqual(['中性笔', '台灯']);
    expect(all(page, '.product-price')).toEqual(['¥3.50 / 100 积分', '¥25.50']);
    expect(all(page, '.product-shop')).toEqual(['东区小卖部', '闲置']);
    expect(textOf(page, '.cart-count')).toBe('2');
    expect(queryOf(sent('GET', '/api/mall/products')[0])).toEqual({ sort: 'newest', limit: '20' });
    // Catalogue reads go without the token (the server may answer from its cache).
    expect(sent('GET', '/api/mall/products')[0].headers.Authorization).toBeUndefined();
    page.instance.onReachBottom();
    await settle();
    expect(all(page, '.product-name')).toEqual(['中性笔', '台灯', '笔记本']);
    expect(textOf(page, '.product-sold-out')).toBe('已售罄');
    expect(textOf(page, '.footer')).toBe('没有更多了');

    await tap(page.querySelectorAll('.pay-filter')[1]);
    await settle();
    await tap(page.querySelectorAll('.sort')[3]);
    await settle();
    await tap(page.querySelectorAll('.category-chip')[1]);
    await settle();
    const asked = sent('GET', '/api/mall/products').map(queryOf);
    expect(asked.slice(-3)).toEqual([
      { payWith: 'points', sort: 'newest', limit: '20' },
      { payWith: 'points', sort: 'points_asc', limit: '20' },
      { category: 'cat00000000001', payWith: 'points', sort: 'points_asc', limit: '20' },
    ]);
    await tap(page.querySelectorAll('.product')[0]);
    expect(ui.navigations).toContain('/pages/product/index?id=prod0000000001');
  });

  it('says when nothing matches, and when the feed fails', async () => {
    let fail = true;
    answer = (call) => (call.path.startsWith('/api/mall/products') ? (fail ? 'fail' : ok({ data: [], meta: { nextCursor: null } })) : ok({ data: [], meta: {} }));
    const page = renderPage('mall');
    page.instance.onLoad({ category: 'cat00000000011', name: encodeURIComponent('笔') });
    await settle();
    expect(textOf(page.querySelector('#state')!, '.state-error .state-text')).toBe('网络不给力，请稍后重试');
    expect(queryOf(sent('GET', '/api/mall/products')[0]).category).toBe('cat00000000011');
    fail = false;
    await page.instance.reload();
    await settle();
    expect(textOf(page.querySelector('#state')!, '.state-empty .state-text')).toBe('没有找到商品');
  });
});

describe('分类', () => {
  it('shows the top level and the chosen one’s children, and opens the feed of one', async () => {
    answer = (call) => (call.path === '/api/mall/categories' ? ok({ data: categories(), meta: {} }) : notFound());
    const page = renderPage('mall-category');
    page.instance.onLoad();
    await settle();
    expect(all(page, '.top')).toEqual(['文具', '零食']);
    expect(all(page, '.child-name')).toEqual(['笔', '本子']);
    await tap(page.querySelectorAll('.child')[1]);
    expect(ui.navigations).toEqual([`/pages/mall/index?category=cat00000000011&name=${encodeURIComponent('笔')}`]);
    await tap(page.querySelectorAll('.top')[1]);
    expect(textOf(page, '.child-all')).toBe('全部零食');
  });
});

describe('商品详情', () => {
  const open = async () => {
    answer = (call) => (call.path === '/api/mall/products/prod0000000001' ? ok({ data: product(), meta: {} }) : notFound());
    const page = renderPage('product');
    page.instance.onLoad({ id: 'prod0000000001' });
    page.instance.onShow();
    await settle();
    return page;
  };

  it('picks a SKU in stock, bounds the stepper by its stock, and adds to the cart', async () => {
    const page = await open();
    expect(textOf(page, '.name')).toBe('中性笔');
    expect(textOf(page, '.pickup')).toBe('自提点：东区快递站、图书馆一楼');
    expect(page.querySelectorAll('.sku').map((n) => [n.dom.textContent, hasClass(n, 'sku-on'), hasClass(n, 'sku-off')])).toEqual([['黑色', false, true], ['蓝色', true, false], ['红色', false, false]]);
    expect(textOf(page, '.stock')).toBe('库存 3');
    // A sold-out chip cannot be chosen.
    await tap(page.querySelectorAll('.sku')[0]);
    expect(textOf(page, '.stock')).toBe('库存 3');
    for (let i = 0; i < 5; i += 1) await tap(page.querySelector('.plus'));
    expect(textOf(page, '.quantity')).toBe('3');
    expect(hasClass(page.querySelector('.plus'), 'step-off')).toBe(true);
    await tap(page.querySelector('.add'));
    await tap(page.querySelector('.add'));
    expect(stored<CartItem[]>(CART_KEY)!.map((c) => [c.sku, c.quantity])).toEqual([['sku00000000002', 3]]);
    expect(ui.toasts).toEqual(['已加入购物车', '已加入购物车']);
    await tap(page.querySelectorAll('.sku')[2]);
    expect(textOf(page, '.sku-price')).toBe('¥4.00');
    await tap(page.querySelector('.buy'));
    expect(stored<{ items: CartItem[]; fromCart: boolean }>(CHECKOUT_KEY)).toMatchObject({ fromCart: false, items: [{ sku: 'sku00000000003', quantity: 3, price: 400 }] });
    expect(ui.navigations).toEqual(['/pages/checkout/index']);
  });

  it('says when the product is gone', async () => {
    const page = renderPage('product');
    page.instance.onLoad({ id: 'prod0000000009' });
    await settle();
    expect(textOf(page.querySelector('#state')!, '.state-error .state-text')).toBe('商品不存在或已下架');
  });
});

describe('购物车', () => {
  it('groups by shop, steps within stock, removes after asking, and checks out one shop', async () => {
    const p = product();
    const other = product({ documentId: 'prod0000000002', name: '薯片', merchant: { documentId: 'shop0000000002', name: '西区超市', pickupPoints: [], region: null } });
    store(CART_KEY, [cartItemOf(p, p.skus[1], 1), cartItemOf(other, { ...other.skus[2], documentId: 'sku00000000009' }, 2), cartItemOf(p, p.skus[2], 1)]);
    const page = renderPage('cart');
    page.instance.onShow();
    expect(all(page, '.shop')).toEqual(['东区小卖部', '西区超市']);
    expect(all(page, '.total')).toEqual(['合计 ¥7.50', '合计 ¥8.00']);
    await tap(page.querySelectorAll('.plus')[0]);
    await tap(page.querySelectorAll('.plus')[0]);
    await tap(page.querySelectorAll('.plus')[0]);
    expect(all(page, '.quantity')[0]).toBe('3');
    await tap(page.querySelectorAll('.remove')[1]);
    await settle();
    expect(all(page, '.line-name')).toEqual(['中性笔', '薯片']);
    expect(all(page, '.total')).toEqual(['合计 ¥10.50 / 300 积分', '合计 ¥8.00']);
    await tap(page.querySelectorAll('.checkout')[0]);
    expect(stored<{ items: CartItem[]; fromCart: boolean }>(CHECKOUT_KEY)).toMatchObject({ fromCart: true, items: [{ sku: 'sku00000000002', quantity: 3 }] });
    expect(ui.navigations).toEqual(['/pages/checkout/index']);
  });

  it('is empty with the way to the mall', async () => {
    const page = renderPage('cart');
    page.instance.onShow();
    expect(textOf(page.querySelector('#state')!, '.state-empty .state-text')).toBe('购物车是空的');
  });
});

describe('确认订单', () => {
  const p = product();
  const items = [cartItemOf(p, p.skus[1], 2)];
  let placed: unknown[];
  let placeAnswer: () => WxAnswer | 'fail';

  beforeEach(() => {
    placed = [];
    placeAnswer = () => ok({ data: order(), meta: { balance: 300 } }, 201);
    answer = (call) => {
      if (call.path === '/api/points/balance') return ok({ data: { balance: 500, totalEarned: 600, totalSpent: 100 }, meta: {} });
      if (call.method === 'POST' && call.path === '/api/orders') {
        placed.push(call.body);
        return placeAnswer();
      }
      return notFound();
    };
    store(CART_KEY, items);
    store(CHECKOUT_KEY, { items, fromCart: true });
  });

  const open = async () => {
    const page = renderPage('checkout');
    page.instance.onLoad();
    await settle();
    return page;
  };

  it('checks the address, then places a points order, remembers the address, empties the cart and opens the order', async () => {
    const page = await open();
    expect(textOf(page, '.balance')).toBe('可用 500 积分');
    expect(textOf(page, '.total')).toBe('合计 200 积分');
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.problem-name')).toBe('请填写收货人');
    expect(placed).toEqual([]);
    for (const [field, value] of [['name', '张三'], ['phone', '13800000000'], ['region', '东校区'], ['detail', '3号楼 201']]) {
      page.instance.onAddress({ detail: { value }, currentTarget: { dataset: { field } } });
    }
    await tap(page.querySelector('.submit'));
    await settle();
    expect(placed).toEqual([{ items: [{ sku: 'sku00000000002', quantity: 2 }], payWith: 'points', address: { name: '张三', phone: '13800000000', region: '东校区', detail: '3号楼 201' }, note: '', idempotencyKey: expect.stringMatching(/^mp-/) }]);
    expect(ui.redirects).toEqual([`/pages/order/index?orderNo=${ORDER_NO}`]);
    expect(stored(CART_KEY)).toEqual([]);
    expect(stored(CHECKOUT_KEY)).toBeUndefined();
    // The next checkout starts with the remembered address.
    store(CHECKOUT_KEY, { items, fromCart: false });
    const next = await open();
    expect(next.instance.data.form).toMatchObject({ address: { name: '张三', detail: '3号楼 201' } });
  });

  it('retries with the same key after no answer, and a new key once the order changed', async () => {
    store('mall.address', { name: '张三', phone: '13800000000', region: '东校区', detail: '3号楼 201' });
    placeAnswer = () => 'fail';
    const page = await open();
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.error')).toBe('网络不给力，请稍后重试');
    placeAnswer = () => envelope(409, 'ConflictError', 'sold out', { reason: 'sold_out', sku: 'sku00000000002' });
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.error')).toBe('库存不足，请调整数量');
    await tap(page.querySelector('.way-wechat'));
    placeAnswer = () => ok({ data: order({ status: 'pending_payment', statusLabel: '待付款', payMethod: 'wechat', actions: ['pay', 'cancel'] }), meta: {} }, 201);
    await tap(page.querySelector('.submit'));
    await settle();
    const keys = (placed as Array<{ idempotencyKey: string }>).map((b) => b.idempotencyKey);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[1]);
    expect((placed[2] as { payWith: string }).payWith).toBe('wechat');
    expect(ui.redirects).toEqual([`/pages/pay/index?orderNo=${ORDER_NO}`]);
  });

  it('offers the shop’s pickup points and says a balance too low', async () => {
    answer = (call) => (call.path === '/api/points/balance' ? ok({ data: { balance: 150, totalEarned: 150, totalSpent: 0 }, meta: {} }) : notFound());
    const page = await open();
    expect(textOf(page, '.problem-points')).toBe('积分不足，还差 50 积分');
    await tap(page.querySelector('.tab-pickup'));
    expect(all(page, '.pickup')).toEqual(['东区快递站', '图书馆一楼']);
    expect(page.instance.data.form).toMatchObject({ delivery: 'pickup', pickup: '东区快递站' });
    await tap(page.querySelector('.submit'));
    await settle();
    expect(placed).toEqual([]);
  });
});

describe('支付', () => {
  const pending = () => order({ status: 'pending_payment', statusLabel: '待付款', payMethod: 'wechat', totalFen: 700, totalPoints: 0, actions: ['pay', 'cancel'], expiresAt: '2026-12-04T12:49:30.000Z' });
  const payment = { appId: 'wx1234567890abcdef', timeStamp: '1764850000', nonceStr: 'n0nce', package: 'prepay_id=wx123', signType: 'RSA' as const, paySign: 'c2ln' };
  let reads: number;
  afterEach(() => {
    config.fakePayments = false;
  });

  const serve = (paidAfter: number) => {
    reads = 0;
    answer = (call) => {
      if (call.method === 'GET' && call.path === `/api/orders/${ORDER_NO}`) {
        reads += 1;
        return ok({ data: reads > paidAfter ? order({ payMethod: 'wechat', totalFen: 700, totalPoints: 0 }) : pending(), meta: {} });
      }
      if (call.method === 'POST' && call.path === `/api/orders/${ORDER_NO}/pay`) return ok({ data: { orderNo: ORDER_NO, expiresAt: pending().expiresAt, payment }, meta: {} });
      if (call.method === 'POST' && call.path === `/api/orders/${ORDER_NO}/fake-pay`) return ok({ data: pending(), meta: {} });
      return notFound();
    };
  };

  it('shows the amount and the countdown, pays through wx.requestPayment and waits for the order to be paid', async () => {
    serve(2);
    const page = renderPage('pay');
    page.instance.onLoad({ orderNo: ORDER_NO });
    await settle();
    expect(textOf(page, '.amount')).toBe('¥7.00');
    expect(textOf(page, '.countdown')).toBe('剩余支付时间 29:30');
    await tap(page.querySelector('.pay-button'));
    await settle(40);
    page.instance.onUnload();
    expect(payments).toEqual([{ timeStamp: '1764850000', nonceStr: 'n0nce', package: 'prepay_id=wx123', signType: 'RSA', paySign: 'c2ln' }]);
    expect(reads).toBe(3);
    expect(ui.toasts).toEqual(['支付成功']);
    expect(ui.redirects).toEqual([`/pages/order/index?orderNo=${ORDER_NO}`]);
  });

  it('stays unpaid with its countdown when the cashier is closed', async () => {
    serve(99);
    paymentOutcome = 'cancel';
    const page = renderPage('pay');
    page.instance.onLoad({ orderNo: ORDER_NO });
    await settle();
    await tap(page.querySelector('.pay-button'));
    await settle();
    page.instance.onUnload();
    expect(textOf(page, '.message')).toBe('已取消支付，订单将保留到倒计时结束');
    expect(textOf(page, '.countdown')).toBe('剩余支付时间 29:30');
    expect(ui.redirects).toEqual([]);
  });

  it('lets the fake WeChat Pay’s buyer pay when config says the server is fake', async () => {
    serve(1);
    config.fakePayments = true;
    const page = renderPage('pay');
    page.instance.onLoad({ orderNo: ORDER_NO });
    await settle();
    await tap(page.querySelector('.pay-button'));
    await settle(40);
    page.instance.onUnload();
    expect(payments).toEqual([]);
    expect(sent('POST', `/api/orders/${ORDER_NO}/fake-pay`)).toHaveLength(1);
    expect(ui.redirects).toEqual([`/pages/order/index?orderNo=${ORDER_NO}`]);
  });
});

describe('我的订单 and 订单详情', () => {
  it('lists orders by status tab', async () => {
    answer = (call) => (call.path.startsWith('/api/orders?') ? ok({ data: queryOf(call).status === 'refund' ? [] : [orderSummary()], meta: { nextCursor: null } }) : notFound());
    const page = renderPage('orders');
    page.instance.onLoad({});
    page.instance.onShow();
    await settle();
    expect(all(page, '.tab')).toEqual(['全部', '待付款', '待发货', '待收货', '已完成', '退款/售后']);
    expect(textOf(page, '.order-status')).toBe('待发货');
    expect(textOf(page, '.order-amount')).toBe('200 积分');
    await tap(page.querySelectorAll('.tab')[5]);
    await settle();
    expect(sent('GET', '/api/orders?').map((c) => queryOf(c).status)).toEqual(['all', 'refund']);
    expect(textOf(page.querySelector('#state')!, '.state-empty .state-text')).toBe('还没有订单');
  });

  it('shows the order with its trail and the buttons from actions; cancels after asking; a refused move reads it again', async () => {
    let current = order({ status: 'pending_payment', statusLabel: '待付款', payMethod: 'wechat', totalFen: 700, totalPoints: 0, actions: ['pay', 'cancel'] });
    let refuse = false;
    answer = (call) => {
      if (call.method === 'GET' && call.path === `/api/orders/${ORDER_NO}`) return ok({ data: current, meta: {} });
      if (call.method === 'POST' && call.path === `/api/orders/${ORDER_NO}/cancel`) {
        if (refuse) return envelope(409, 'ConflictError', 'no', { reason: 'invalid_transition', action: 'cancel', status: 'paid' });
        current = order({ status: 'cancelled', statusLabel: '已取消', actions: [] });
        return ok({ data: current, meta: {} });
      }
      return notFound();
    };
    const page = renderPage('order');
    page.instance.onLoad({ orderNo: ORDER_NO });
    page.instance.onShow();
    await settle();
    expect(textOf(page, '.status')).toBe('待付款');
    expect(all(page, '.trail-text')).toEqual(['已支付', '下单']);
    expect(all(page, '.action')).toEqual(['取消订单', '去支付']);
    await tap(page.querySelector('.action-pay'));
    expect(ui.navigations).toEqual([`/pages/pay/index?orderNo=${ORDER_NO}`]);
    ui.confirmNext = false;
    await tap(page.querySelector('.action-cancel'));
    await settle();
    expect(sent('POST', `/api/orders/${ORDER_NO}/cancel`)).toHaveLength(0);
    ui.confirmNext = true;
    refuse = true;
    await tap(page.querySelector('.action-cancel'));
    await settle();
    expect(ui.toasts).toEqual(['订单状态已变化，请刷新后再试']);
    refuse = false;
    await tap(page.querySelector('.action-cancel'));
    await settle();
    expect(textOf(page, '.status')).toBe('已取消');
    expect(page.querySelector('.action')).toBeFalsy();
  });

  it('asks for a refund with a reason and opens the order again', async () => {
    answer = (call) => (call.path === `/api/orders/${ORDER_NO}/refund` ? ok({ data: order({ status: 'refund_requested', statusLabel: '退款申请中', actions: ['withdrawRefund'] }), meta: {} }) : notFound());
    const page = renderPage('refund');
    page.instance.onLoad({ orderNo: ORDER_NO });
    await tap(page.querySelector('.submit'));
    expect(textOf(page, '.problem')).toBe('请选择或填写退款原因');
    await tap(page.querySelectorAll('.reason')[2]);
    page.instance.onWords({ detail: { value: '笔芯断了' } });
    await tap(page.querySelector('.submit'));
    await settle();
    expect(sent('POST', `/api/orders/${ORDER_NO}/refund`).map((c) => c.body)).toEqual([{ reason: '质量问题：笔芯断了' }]);
    expect(ui.redirects).toEqual([`/pages/order/index?orderNo=${ORDER_NO}`]);
  });
});

describe('发布闲置 and 我的闲置', () => {
  it('sends the price in fen and opens my listings; takes one off the shelf', async () => {
    const listing = product({ documentId: 'list0000000001', name: '台灯', kind: 'secondHand', merchant: null, price: 2550, pointsPrice: null, review: 'pending', seller: { nickname: '小李', avatarUrl: null } });
    answer = (call) => {
      if (call.method === 'POST' && call.path === '/api/mall/listings') return ok({ data: listing, meta: {} }, 201);
      if (call.path === '/api/me/listings') return ok({ data: [listing, product({ documentId: 'list0000000002', name: '旧书', soldOut: true, kind: 'secondHand' })], meta: {} });
      if (call.path === '/api/mall/listings/list0000000001/off-shelf') return ok({ data: { ...listing, active: false }, meta: {} });
      return notFound();
    };
    const form = renderPage('listing-new');
    await tap(form.querySelector('.submit'));
    expect(textOf(form, '.problem-price')).toBe('请填写价格（元，最多两位小数）');
    for (const [field, value] of [['name', '台灯'], ['price', '25.5'], ['originalPrice', '89.9']]) form.instance.onInput({ detail: { value }, currentTarget: { dataset: { field } } });
    await tap(form.querySelector('.submit'));
    await settle();
    expect(sent('POST', '/api/mall/listings').map((c) => c.body)).toEqual([{ name: '台灯', price: 2550, originalPrice: 8990, images: [], idempotencyKey: expect.stringMatching(/^mp-/) }]);
    expect(ui.toasts).toEqual(['已提交，审核通过后上架']);
    expect(ui.redirects).toEqual(['/pages/my-listings/index']);

    const mine = renderPage('my-listings');
    mine.instance.onShow();
    await settle();
    expect(all(mine, '.listing-status')).toEqual(['审核中', '已售出']);
    expect(mine.querySelectorAll('.off-shelf')).toHaveLength(1);
    await tap(mine.querySelector('.off-shelf'));
    await settle();
    expect(all(mine, '.listing-status')).toEqual(['已下架', '已售出']);
  });
});

describe('奖励 and 我的 reach the mall', () => {
  it('lists the mall, my orders and my listings', async () => {
    const { ME_LINKS, rewardEntries } = await import('../../logic/me');
    expect(ME_LINKS.filter((l) => ['mall', 'orders', 'my-listings'].includes(l.key)).map((l) => l.url)).toEqual(['/pages/mall/index', '/pages/orders/index', '/pages/my-listings/index']);
    expect(rewardEntries({ balance: 0, drawsLeftToday: null, tasksLeft: null, tier: 'free' }).find((e) => e.key === 'mall')?.url).toBe('/pages/mall/index');
  });
});
