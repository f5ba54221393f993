/**
 * @jest-environment node
 */
import type { AddressInfo } from 'node:net';
import { createApi, setApi, type Api } from '../../api/index';
import { ApiClient } from '../../api/client';
import { registerSecret } from '../../../tests/helpers/audit';
import { getStrapi } from '../../../tests/helpers/strapi';
import { identityOf, registerIssuedSecrets, setupWeChat, teardownWeChat, WECHAT_APP_ID } from '../../../tests/helpers/wechat';
import { addressNotifications, balanceOf, givePoints, makeMerchant, makeShopProduct, skuRow, wxPayEnvFor, type TestSku } from '../../../tests/helpers/mall-orders';
import { fakeIdentityFor } from '../../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { startFakeWxPayServer, type FakeWxPay } from '../../../src/plugins/mall/server/src/fake/fake-wxpay-server';
import { installDomGlobals } from '../helpers/jsdom-globals';
import { installWx, type WxDouble } from '../helpers/wx-double';
import { fetchBridge, shapeChecker, type Exchange } from './shape-check';
import { CART_KEY, CHECKOUT_KEY } from '../../logic/mall';

/**
 * The mall pages against the real backend (SQLite, fake WeChat, the fake WeChat Pay behind the real
 * client), driven as a person would: the feed and the product page, the SKU picker into the cart,
 * checkout with points (the balance spent once, the stock sold), the order read back on 我的订单 and
 * 订单详情, a refund asked and withdrawn; then a WeChat Pay order paid through wx.requestPayment (the
 * double has the fake WeChat Pay's buyer pay, whose notification moves the order) and polled until paid.
 * Every exchange is held to the API document.
 */

type PageHelpers = typeof import('../helpers/page');
type SimulateHelpers = typeof import('../helpers/simulate');

let pages: PageHelpers;
let sim: SimulateHelpers;
let wxDouble: WxDouble;
let api: Api;
let ui: ReturnType<PageHelpers['installUi']>;
let check: ReturnType<typeof shapeChecker>;
let wxpay: FakeWxPay;
let userId = 0;
let productId = '';
let skus: TestSku[] = [];
let shopName = '';
const exchanges: Exchange[] = [];
const problems: string[] = [];
const { send: bridge, state: requests, settle: settleLong } = fetchBridge({ exchanges, problems, check: () => check });
const person = identityOf('shopper');
const sent = (method: string, pathname: string) => exchanges.filter((e) => e.method === method && e.path === pathname);
const texts = (root: { querySelectorAll(s: string): Array<{ dom: { textContent: string | null } }> }, selector: string) => root.querySelectorAll(selector).map((n) => (n.dom.textContent ?? '').trim());


describe('the mall pages against the real backend', () => {
  beforeAll(async () => {
    check = shapeChecker();
    wxpay = await startFakeWxPayServer({ appId: WECHAT_APP_ID });
    await setupWeChat(wxPayEnvFor(wxpay));
    addressNotifications();
    const strapi = getStrapi();
    const { port } = strapi.server.httpServer.address() as AddressInfo;
    const shop = await makeMerchant({ pickupPoints: ['东区快递站', '图书馆一楼'] });
    shopName = shop.name;
    const made = await makeShopProduct({ name: `契约中性笔 ${Date.now()}`, merchantId: shop.id, skus: [{ spec: '黑色', price: 350, pointsPrice: 100, stock: 0 }, { spec: '蓝色', price: 350, pointsPrice: 100, stock: 3 }] });
    productId = made.product.documentId;
    skus = made.skus;
    const identity = fakeIdentityFor(WECHAT_APP_ID, `${person}.x`);
    registerSecret(identity.openid);
    if (identity.unionid) registerSecret(identity.unionid);

    installDomGlobals();
    pages = await import('../helpers/page');
    sim = await import('../helpers/simulate');
    wxDouble = installWx(bridge);
    ui = pages.installUi();
    api = createApi(new ApiClient({ baseUrl: `http://127.0.0.1:${port}`, platform: wxDouble.platform(), devSignInAs: person }));
    setApi(api);
    await api.account.signIn();
    registerIssuedSecrets();
    registerSecret(String(api.session.refreshToken), { fromNow: true });
    const user = (await strapi.db.query('plugin::users-permissions.user').findOne({ where: { documentId: api.session.user?.documentId } })) as { id: number };
    userId = user.id;
    await givePoints(user, 500);
  });

  afterAll(async () => {
    setApi(null);
    await teardownWeChat();
    await wxpay.close();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('商城 lists the product; 商品详情 picks the blue pen and puts two in the cart', async () => {
    const home = pages.renderPage('mall');
    home.instance.onLoad({});
    home.instance.onShow();
    await settleLong();
    expect(sent('GET', '/api/mall/products').map((e) => e.status)).toEqual([200]);
    const names = texts(home, '.product-name');
    expect(names.length).toBeGreaterThan(0);

    const page = pages.renderPage('product');
    page.instance.onLoad({ id: productId });
    page.instance.onShow();
    await settleLong();
    expect(sim.textOf(page, '.pickup')).toBe('自提点：东区快递站、图书馆一楼');
    expect(texts(page, '.sku')).toEqual(['黑色', '蓝色']);
    expect(sim.textOf(page, '.stock')).toBe('库存 3');
    await sim.tap(page.querySelector('.plus'));
    await sim.tap(page.querySelector('.add'));
    expect(api.client.platform.storage.get<Array<{ sku: string; quantity: number }>>(CART_KEY)?.map((c) => [c.sku, c.quantity])).toEqual([[skus[1].documentId, 2]]);
  });

  it('购物车 → 确认订单 with points: placed once, the order read back on 我的订单 and 订单详情', async () => {
    const cart = pages.renderPage('cart');
    cart.instance.onShow();
    expect(texts(cart, '.shop')).toEqual([shopName]);
    await sim.tap(cart.querySelector('.checkout'));
    expect(ui.navigations.pop()).toBe('/pages/checkout/index');

    const checkout = pages.renderPage('checkout');
    checkout.instance.onLoad();
    await settleLong();
    expect(sim.textOf(checkout, '.balance')).toBe('可用 500 积分');
    await sim.tap(checkout.querySelector('.tab-pickup'));
    await sim.tap(checkout.querySelectorAll('.pickup')[1]);
    await sim.tap(checkout.querySelector('.submit'));
    await settleLong();
    const placed = sent('POST', '/api/orders');
    expect(placed.map((e) => e.status)).toEqual([201]);
    const orderNo = (placed[0].responseBody as { data: { orderNo: string } }).data.orderNo;
    expect(ui.redirects.pop()).toBe(`/pages/order/index?orderNo=${orderNo}`);
    expect(api.client.platform.storage.get(CART_KEY)).toEqual([]);
    expect(api.client.platform.storage.get(CHECKOUT_KEY)).toBeUndefined();
    expect(await balanceOf(userId)).toEqual({ balance: 300, ledger: 300 });
    expect(await skuRow(skus[1].id)).toEqual({ stock: 1, reserved: 0, sales_count: 2 });

    const list = pages.renderPage('orders');
    list.instance.onLoad({});
    list.instance.onShow();
    await settleLong();
    expect(texts(list, '.order-status')).toEqual(['待发货']);
    expect(texts(list, '.order-amount')).toEqual(['200 积分']);

    const detail = pages.renderPage('order');
    detail.instance.onLoad({ orderNo });
    detail.instance.onShow();
    await settleLong();
    expect(sim.textOf(detail, '.status')).toBe('待发货');
    expect(texts(detail, '.delivery-line')).toEqual(['自提点：图书馆一楼']);
    expect(sim.textOf(detail, '.amount')).toBe('实付 200 积分');
    expect(texts(detail, '.trail-text')).toEqual(['已支付', '下单']);
    expect(texts(detail, '.action')).toEqual(['申请退款']);

    const refund = pages.renderPage('refund');
    refund.instance.onLoad({ orderNo });
    await sim.tap(refund.querySelectorAll('.reason')[0]);
    await sim.tap(refund.querySelector('.submit'));
    await settleLong();
    expect(sent('POST', `/api/orders/${orderNo}/refund`).map((e) => e.status)).toEqual([200]);
    expect(ui.redirects.splice(0)).toEqual([`/pages/order/index?orderNo=${orderNo}`]);
    detail.instance.onShow();
    await settleLong();
    expect(sim.textOf(detail, '.status')).toBe('退款申请中');
    expect(texts(detail, '.action')).toEqual(['撤回退款申请']);
    await sim.tap(detail.querySelector('.action-withdrawRefund'));
    await settleLong();
    expect(sim.textOf(detail, '.status')).toBe('待发货');
    expect(texts(detail, '.trail-text')[0]).toBe('退款申请结束，恢复已支付');
  });

  it('a WeChat Pay order: 立即购买, the pay step pays through wx.requestPayment and waits until the order is paid', async () => {
    const payments: Array<Record<string, unknown>> = [];
    let payingOrder = '';
    (globalThis as unknown as { wx: Record<string, unknown> }).wx.requestPayment = (option: Record<string, unknown> & { success?: () => void; fail?: (e: { errMsg: string }) => void }) => {
      const { success, fail, ...params } = option;
      payments.push(params);
      // The buyer pays in WeChat's cashier: the fake WeChat Pay pays and notifies the server.
      wxpay.pay(payingOrder).then(() => success?.(), (error: Error) => fail?.({ errMsg: error.message }));
    };
    const page = pages.renderPage('product');
    page.instance.onLoad({ id: productId });
    await settleLong();
    await sim.tap(page.querySelector('.buy'));
    const checkout = pages.renderPage('checkout');
    checkout.instance.onLoad();
    await settleLong();
    await sim.tap(checkout.querySelector('.way-wechat'));
    await sim.tap(checkout.querySelector('.tab-pickup'));
    await sim.tap(checkout.querySelector('.submit'));
    await settleLong();
    const placed = sent('POST', '/api/orders').at(-1)!;
    expect(placed.status).toBe(201);
    payingOrder = (placed.responseBody as { data: { orderNo: string } }).data.orderNo;
    expect(ui.redirects.pop()).toBe(`/pages/pay/index?orderNo=${payingOrder}`);

    const pay = pages.renderPage('pay');
    pay.instance.onLoad({ orderNo: payingOrder });
    await settleLong();
    expect(sim.textOf(pay, '.amount')).toBe('¥3.50');
    expect(sim.textOf(pay, '.countdown')).toMatch(/^剩余支付时间 \d\d:\d\d$/);
    await sim.tap(pay.querySelector('.pay-button'));
    for (let i = 0; i < 50 && ui.redirects.length === 0; i += 1) await settleLong();
    pay.instance.onUnload();
    expect(pay.instance.data.message).toBe('');
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) });
    expect(ui.redirects.pop()).toBe(`/pages/order/index?orderNo=${payingOrder}`);
    const order = await api.orders.get(payingOrder);
    expect(order.data).toMatchObject({ status: 'paid', payMethod: 'wechat', totalFen: 350 });
    expect(await skuRow(skus[1].id)).toEqual({ stock: 0, reserved: 0, sales_count: 3 });
  });
});
