import crypto from 'node:crypto';
import { getStrapi, http, serverUrl, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser } from '../helpers/users';
import { addressNotifications, makeShopProduct, placeAndPrepay, skuRow, wxPayEnvFor } from '../helpers/mall-orders';
import { startFakeWxPayServer, type FakeWxPay } from '../../src/plugins/mall/server/src/fake/fake-wxpay-server';
import { paySign } from '../../src/plugins/mall/server/src/wxpay/crypto';

/**
 * WeChat Pay end to end over HTTP: the app's WeChat Pay client against the fake WeChat Pay server (a real
 * HTTP server with its own keys), its notifications against the app's notification route. A notification
 * delivered twice, racing the timeout, with a wrong amount, a bad signature or a stale timestamp leaves the
 * order, its stock and its trail right each time.
 */
let fake: FakeWxPay;
const mall = (name: 'timeouts' | 'refunds') => getStrapi().plugin('mall').service(name);
const orderOf = async (user: { auth: Record<string, string> }, orderNo: string) => (await http().get(`/api/orders/${orderNo}`).set(user.auth).expect(200)).body.data;
const moves = (order: { trail: Array<{ to: string }> }) => order.trail.map((t) => t.to);

beforeAll(async () => {
  fake = await startFakeWxPayServer({ appId: 'wx1234567890abcdef' });
  await setupStrapi(wxPayEnvFor(fake));
  addressNotifications();
});
afterAll(async () => {
  await teardownStrapi();
  await fake.close();
});

describe('paying an order', () => {
  it('gives wx.requestPayment its parameters, signed with the merchant key, and reuses the prepay', async () => {
    const buyer = await createUser();
    const { skus } = await makeShopProduct({ skus: [{ price: 1990, stock: 3 }] });
    const { orderNo, payment } = await placeAndPrepay(buyer, skus[0].documentId);
    expect(payment).toMatchObject({ appId: 'wx1234567890abcdef', signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) });
    const expected = crypto.createVerify('RSA-SHA256')
      .update(`${payment.appId}\n${payment.timeStamp}\n${payment.nonceStr}\n${payment.package}\n`)
      .verify(crypto.createPublicKey(crypto.createPrivateKey(fake.merchant.privateKeyPem)), payment.paySign, 'base64');
    expect(expected).toBe(true);
    expect(paySign(fake.merchant.privateKeyPem, payment.appId, payment.timeStamp, payment.nonceStr, payment.package)).toBe(payment.paySign);
    const again = await http().post(`/api/orders/${orderNo}/pay`).set(buyer.auth).send({}).expect(200);
    expect(again.body.data.payment.package).toBe(payment.package);
    expect(fake.trades.get(orderNo)).toMatchObject({ total: 1990, openid: expect.stringMatching(/^o-test-/) });
  });

  it('moves the order to paid once when the notification comes twice, and sells the reserved units', async () => {
    const buyer = await createUser();
    const { skus } = await makeShopProduct({ skus: [{ price: 500, stock: 5 }] });
    const { orderNo } = await placeAndPrepay(buyer, skus[0].documentId, 2);
    const statuses = await fake.pay(orderNo, { deliver: 'twice' });
    expect(statuses).toEqual([204, 204]);
    await fake.notify(orderNo); // a day later, WeChat Pay tries once more
    const order = await orderOf(buyer, orderNo);
    expect(order.status).toBe('paid');
    expect(moves(order)).toEqual(['pending_payment', 'paid']);
    expect(order.trail[1]).toMatchObject({ by: 'wechat' });
    expect(await skuRow(skus[0].id)).toEqual({ stock: 3, reserved: 0, sales_count: 2 });
    const row = await getStrapi().db.connection('orders').where({ order_no: orderNo }).first('transaction_id');
    expect(row.transaction_id).toBe(fake.trades.get(orderNo)?.transaction_id);
  });

  it('refuses a notification with a bad signature, a stale timestamp, a wrong amount, another merchant or the wrong key, and moves nothing', async () => {
    const buyer = await createUser();
    const { skus } = await makeShopProduct({ skus: [{ price: 800, stock: 5 }] });
    const { orderNo } = await placeAndPrepay(buyer, skus[0].documentId);
    expect(await fake.pay(orderNo, { tamper: 'bad_signature' })).toEqual([401]);
    expect(await fake.notify(orderNo, { tamper: 'stale' })).toBe(401);
    expect(await fake.notify(orderNo, { tamper: 'wrong_amount' })).toBe(400);
    expect(await fake.notify(orderNo, { tamper: 'wrong_mchid' })).toBe(400);
    expect(await fake.notify(orderNo, { tamper: 'bad_key' })).toBe(400);
    expect((await orderOf(buyer, orderNo)).status).toBe('pending_payment');
    expect(await skuRow(skus[0].id)).toEqual({ stock: 4, reserved: 1, sales_count: 0 });
    // A body changed after signing (one byte of the raw JSON) is refused as well.
    const raw = await fetch(`${serverUrl()}/api/mall/wxpay/notify`, { method: 'POST', headers: { 'content-type': 'application/json', 'Wechatpay-Timestamp': String(Math.floor(Date.now() / 1000)), 'Wechatpay-Nonce': 'n', 'Wechatpay-Serial': fake.publicKey.id, 'Wechatpay-Signature': 'c2lnbmF0dXJl' }, body: '{"id":"x"}' });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual({ code: 'FAIL', message: 'bad_signature' });
    // The true notification still counts.
    expect(await fake.notify(orderNo)).toBe(204);
    expect((await orderOf(buyer, orderNo)).status).toBe('paid');
    expect(await skuRow(skus[0].id)).toEqual({ stock: 4, reserved: 0, sales_count: 1 });
  });

  it('lets a payment that beat the timeout win: the timeout finds it and the order is paid, not cancelled', async () => {
    const buyer = await createUser();
    const { skus } = await makeShopProduct({ skus: [{ price: 300, stock: 2 }] });
    const { orderNo } = await placeAndPrepay(buyer, skus[0].documentId);
    await fake.pay(orderNo, { deliver: 'none' }); // paid at WeChat Pay, the notification not here yet
    await getStrapi().db.connection('orders').where({ order_no: orderNo }).update({ expires_at: new Date(Date.now() - 1000) });
    await mall('timeouts').run();
    const paid = await orderOf(buyer, orderNo);
    expect(paid.status).toBe('paid');
    expect(moves(paid)).toEqual(['pending_payment', 'paid']);
    // The late notification changes nothing more.
    expect(await fake.notify(orderNo)).toBe(204);
    expect(moves(await orderOf(buyer, orderNo))).toEqual(['pending_payment', 'paid']);
    expect(await skuRow(skus[0].id)).toEqual({ stock: 1, reserved: 0, sales_count: 1 });
  });

  it('closes the WeChat Pay order when the timeout wins, and a payment that then slips through is refunded in full', async () => {
    const buyer = await createUser();
    const { skus } = await makeShopProduct({ skus: [{ price: 700, stock: 2 }] });
    const { orderNo } = await placeAndPrepay(buyer, skus[0].documentId);
    await getStrapi().db.connection('orders').where({ order_no: orderNo }).update({ expires_at: new Date(Date.now() - 1000) });
    await mall('timeouts').run();
    expect((await orderOf(buyer, orderNo)).status).toBe('cancelled');
    expect(fake.trades.get(orderNo)?.state).toBe('CLOSED');
    expect(await skuRow(skus[0].id)).toEqual({ stock: 2, reserved: 0, sales_count: 0 });
    // A payment WeChat Pay took anyway (its close lost, say) reaches a cancelled order: refunded, never lost.
    const trade = fake.trades.get(orderNo);
    if (!trade) throw new Error('no trade');
    trade.state = 'NOTPAY';
    await fake.pay(orderNo);
    await fake.settled();
    const order = await orderOf(buyer, orderNo);
    expect(order.status).toBe('cancelled');
    expect(order.refund).toMatchObject({ status: 'succeeded', amountFen: 700, method: 'wechat' });
    expect([...fake.refunds.values()].filter((r) => r.out_trade_no === orderNo)).toHaveLength(1);
    expect(await skuRow(skus[0].id)).toEqual({ stock: 2, reserved: 0, sales_count: 0 });
  });

  it('cancels at the buyer’s request only after WeChat Pay closed the order; WeChat Pay down is a 503 and nothing moves', async () => {
    const buyer = await createUser();
    const { skus } = await makeShopProduct({ skus: [{ price: 100, stock: 1 }] });
    const { orderNo } = await placeAndPrepay(buyer, skus[0].documentId);
    fake.failNext('/v3/pay/transactions/out-trade-no', 500, 'SYSTEM_ERROR');
    fake.failNext('/v3/pay/transactions/out-trade-no', 500, 'SYSTEM_ERROR');
    const down = await http().post(`/api/orders/${orderNo}/cancel`).set(buyer.auth).send({});
    expect(down.status).toBe(503);
    expect(down.body.error.details).toMatchObject({ reason: 'pay_unavailable' });
    expect((await orderOf(buyer, orderNo)).status).toBe('pending_payment');
    await http().post(`/api/orders/${orderNo}/cancel`).set(buyer.auth).send({}).expect(200);
    expect(fake.trades.get(orderNo)?.state).toBe('CLOSED');
    expect(await skuRow(skus[0].id)).toEqual({ stock: 1, reserved: 0, sales_count: 0 });
  });
});

describe('a WeChat Pay refund', () => {
  it('goes back through WeChat Pay once, even when approved twice, and its notification settles it', async () => {
    const buyer = await createUser();
    const { skus } = await makeShopProduct({ skus: [{ price: 1200, stock: 3 }] });
    const { orderNo } = await placeAndPrepay(buyer, skus[0].documentId);
    await fake.pay(orderNo);
    await http().post(`/api/orders/${orderNo}/refund`).set(buyer.auth).send({ reason: '质量问题' }).expect(200);
    const operator = { type: 'operator' as const, id: 1, name: '运营小王' };
    const decisions = await Promise.allSettled([mall('refunds').decide(orderNo, 'approve', operator, null), mall('refunds').decide(orderNo, 'approve', operator, null)]);
    expect(decisions.filter((d) => d.status === 'fulfilled')).toHaveLength(1);
    await fake.settled();
    const order = await orderOf(buyer, orderNo);
    expect(order).toMatchObject({ status: 'refunded', refund: { status: 'succeeded', amountFen: 1200 } });
    expect(moves(order)).toEqual(['pending_payment', 'paid', 'refund_requested', 'refunding', 'refunded']);
    expect([...fake.refunds.values()].filter((r) => r.out_trade_no === orderNo)).toEqual([expect.objectContaining({ amount: 1200, status: 'SUCCESS' })]);
    expect(await skuRow(skus[0].id)).toEqual({ stock: 3, reserved: 0, sales_count: 0 });
    // The refund notification again: nothing more.
    expect(fake.deliveries.filter((d) => d.kind === 'refund' && d.outTradeNo === orderNo).map((d) => d.status)).toEqual([204]);
  });

  it('goes back to refund_requested when WeChat Pay closes the refund, for the operator to decide again', async () => {
    const buyer = await createUser();
    const { skus } = await makeShopProduct({ skus: [{ price: 900, stock: 3 }] });
    const { orderNo } = await placeAndPrepay(buyer, skus[0].documentId);
    await fake.pay(orderNo);
    await http().post(`/api/orders/${orderNo}/refund`).set(buyer.auth).send({ reason: '不想要了' }).expect(200);
    fake.refundOutcome('ABNORMAL');
    try {
      await mall('refunds').decide(orderNo, 'approve', { type: 'operator', id: 1, name: '运营小王' }, null);
      await fake.settled();
    } finally {
      fake.refundOutcome('SUCCESS');
    }
    const order = await orderOf(buyer, orderNo);
    expect(order).toMatchObject({ status: 'refund_requested', refund: { status: 'requested' } });
    expect(moves(order).slice(-2)).toEqual(['refunding', 'refund_requested']);
  });
});
