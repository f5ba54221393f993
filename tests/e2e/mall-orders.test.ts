
import { getStrapi, http, setupStrapi, teardownStrapi, usingPostgres } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { ADDRESS, addressNotifications, balanceOf, givePoints, makeMerchant, makeShopProduct, placeOrder, skuRow, wxPayEnvFor } from '../helpers/mall-orders';
import { startFakeWxPayServer, type FakeWxPay } from '../../src/plugins/mall/server/src/fake/fake-wxpay-server';

/**
 * Placing orders over HTTP (on PostgreSQL under test:services, where the races are real): points orders
 * paid at once, WeChat Pay orders holding their units as reserved, stock never oversold, the status table
 * refusing every move it does not list, the timeout returning what unpaid orders held.
 */
const mall = (name: 'orders' | 'timeouts' | 'refunds') => getStrapi().plugin('mall').service(name);
const key = () => `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;

let fake: FakeWxPay;
beforeAll(async () => {
  fake = await startFakeWxPayServer({ appId: 'wx1234567890abcdef' });
  await setupStrapi(wxPayEnvFor(fake));
  addressNotifications();
});
afterAll(async () => {
  await teardownStrapi();
  await fake.close();
});

describe('a points order', () => {
  it('prices on the server, spends the points and sells the units in one go', async () => {
    const buyer = await createUser();
    await givePoints(buyer, 1000);
    const { skus } = await makeShopProduct({ skus: [{ spec: '蓝色', pointsPrice: 300, price: 1990, stock: 5 }] });
    const res = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 2 }], payWith: 'points', address: ADDRESS, idempotencyKey: key() });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'paid', statusLabel: '待发货', payMethod: 'points', totalPoints: 600, totalFen: 0, itemCount: 2, address: ADDRESS });
    expect(res.body.data.items[0]).toMatchObject({ spec: '蓝色', unitPoints: 300, unitPrice: 0, quantity: 2, sku: skus[0].documentId });
    expect(res.body.data.trail.map((t: { from: string | null; to: string; by: string }) => [t.from, t.to, t.by])).toEqual([
      [null, 'pending_payment', 'user'],
      ['pending_payment', 'paid', 'system'],
    ]);
    expect(res.body.data.actions).toEqual(['refund']);
    expect(res.body.meta.balance).toBe(400);
    expect(await skuRow(skus[0].id)).toEqual({ stock: 3, reserved: 0, sales_count: 2 });
    expect(await balanceOf(buyer.id)).toEqual({ balance: 400, ledger: 400 });
    const mine = await http().get('/api/orders').set(buyer.auth).expect(200);
    expect(mine.body.data.map((o: { orderNo: string }) => o.orderNo)).toEqual([res.body.data.orderNo]);
    expect(res.body.data.orderNo).toMatch(/^\d{17}[0-9A-Z]{12}$/);
    // The answer built by the placing transaction is the order as it reads back.
    const again = await http().get(`/api/orders/${res.body.data.orderNo}`).set(buyer.auth).expect(200);
    expect(again.body.data).toEqual(res.body.data);
  });

  it('answers a retry with the same key with the first order, spending once', async () => {
    const buyer = await createUser();
    await givePoints(buyer, 500);
    const { skus } = await makeShopProduct({ skus: [{ pointsPrice: 100, stock: 10 }] });
    const body = { items: [{ sku: skus[0].documentId, quantity: 1 }], payWith: 'points', address: ADDRESS, idempotencyKey: key() };
    const answers = await Promise.all(Array.from({ length: 5 }, () => placeOrder(buyer, body)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.data.orderNo)).size).toBe(1);
    expect(await balanceOf(buyer.id)).toEqual({ balance: 400, ledger: 400 });
    expect((await skuRow(skus[0].id)).stock).toBe(9);
    // The same key with another body is a client bug: 422, nothing more spent.
    const reused = await placeOrder(buyer, { ...body, items: [{ sku: skus[0].documentId, quantity: 2 }] });
    expect(reused.status).toBe(422);
    expect(await balanceOf(buyer.id)).toEqual({ balance: 400, ledger: 400 });
  });

  it('refuses what the buyer cannot pay, and leaves stock and points as they were', async () => {
    const buyer = await createUser();
    await givePoints(buyer, 50);
    const { skus } = await makeShopProduct({ skus: [{ pointsPrice: 100, stock: 3 }, { price: 990, stock: 3 }] });
    const poor = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 1 }], payWith: 'points', address: ADDRESS });
    expect(poor.status).toBe(400);
    expect(poor.body.error.details).toMatchObject({ reason: 'insufficient_points' });
    const noPointsPrice = await placeOrder(buyer, { items: [{ sku: skus[1].documentId, quantity: 1 }], payWith: 'points', address: ADDRESS });
    expect(noPointsPrice.status).toBe(400);
    expect(noPointsPrice.body.error.details).toMatchObject({ reason: 'price_missing', sku: skus[1].documentId });
    const tooMany = await placeOrder(buyer, { items: [{ sku: skus[1].documentId, quantity: 4 }], payWith: 'wechat', address: ADDRESS });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.details).toMatchObject({ reason: 'sold_out', sku: skus[1].documentId });
    const noAddress = await placeOrder(buyer, { items: [{ sku: skus[1].documentId, quantity: 1 }], payWith: 'wechat' });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.error.details).toMatchObject({ reason: 'address_required' });
    expect(await skuRow(skus[0].id)).toEqual({ stock: 3, reserved: 0, sales_count: 0 });
    expect(await skuRow(skus[1].id)).toEqual({ stock: 3, reserved: 0, sales_count: 0 });
    expect(await balanceOf(buyer.id)).toEqual({ balance: 50, ledger: 50 });
    const orders = await getStrapi().db.connection('orders').where({ user_id: buyer.id }).count<Array<{ n: number }>>({ n: '*' });
    expect(Number(orders[0].n)).toBe(0);
  });

  it('takes one shop per order, and a pickup point only from that shop’s list', async () => {
    const buyer = await createUser();
    await givePoints(buyer, 1000);
    const east = await makeMerchant({ pickupPoints: ['东区快递站', '图书馆一楼'] });
    const west = await makeMerchant();
    const a = await makeShopProduct({ merchantId: east.id, skus: [{ pointsPrice: 10, stock: 5 }] });
    const b = await makeShopProduct({ merchantId: west.id, skus: [{ pointsPrice: 10, stock: 5 }] });
    const mixed = await placeOrder(buyer, { items: [{ sku: a.skus[0].documentId, quantity: 1 }, { sku: b.skus[0].documentId, quantity: 1 }], payWith: 'points', address: ADDRESS });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.details).toMatchObject({ reason: 'mixed_shops' });
    const unknown = await placeOrder(buyer, { items: [{ sku: a.skus[0].documentId, quantity: 1 }], payWith: 'points', pickup: '操场' });
    expect(unknown.body.error.details).toMatchObject({ reason: 'pickup_unknown' });
    const ok = await placeOrder(buyer, { items: [{ sku: a.skus[0].documentId, quantity: 1 }], payWith: 'points', pickup: '图书馆一楼' });
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({ pickup: '图书馆一楼', address: null, merchant: { documentId: east.documentId, name: east.name } });
  });

  it('refuses bad input with a 400 in the error envelope', async () => {
    const buyer = await createUser();
    for (const body of [
      {},
      { items: [], payWith: 'points' },
      { items: [{ sku: 'nope', quantity: 1 }], payWith: 'points' },
      { items: [{ sku: 'abcdefghij0123456789abcd', quantity: 0 }], payWith: 'points' },
      { items: [{ sku: 'abcdefghij0123456789abcd', quantity: 1 }], payWith: 'cash' },
      { items: [{ sku: 'abcdefghij0123456789abcd', quantity: 1 }, { sku: 'abcdefghij0123456789abcd', quantity: 1 }], payWith: 'points' },
      { items: [{ sku: 'abcdefghij0123456789abcd', quantity: 1 }], payWith: 'points', address: ADDRESS, pickup: 'x' },
      { items: [{ sku: 'abcdefghij0123456789abcd', quantity: 1 }], payWith: 'points', user: 1 },
    ]) {
      const res = await placeOrder(buyer, body);
      expect({ body, status: res.status, name: res.body.error?.name }).toEqual({ body, status: 400, name: 'ValidationError' });
    }
    const missing = await placeOrder(buyer, { items: [{ sku: 'abcdefghij0123456789abcd', quantity: 1 }], payWith: 'points', address: ADDRESS });
    expect(missing.status).toBe(404);
    await http().post('/api/orders').send({}).expect(401);
  });
});

describe('a WeChat Pay order', () => {
  it('holds its units as reserved until the deadline; the timeout cancels it and returns them', async () => {
    const buyer = await createUser();
    const { skus } = await makeShopProduct({ skus: [{ price: 1990, stock: 4 }] });
    const res = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 3 }], payWith: 'wechat', address: ADDRESS });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'pending_payment', statusLabel: '待付款', totalFen: 5970, actions: ['pay', 'cancel'] });
    expect(Date.parse(res.body.data.expiresAt) - Date.parse(res.body.data.createdAt)).toBe(30 * 60_000);
    expect(await skuRow(skus[0].id)).toEqual({ stock: 1, reserved: 3, sales_count: 0 });

    // Not yet due: the timeout leaves it alone.
    await mall('timeouts').run();
    expect((await http().get(`/api/orders/${res.body.data.orderNo}`).set(buyer.auth)).body.data.status).toBe('pending_payment');
    // Due (its deadline moved into the past): cancelled by the system, the units back on sale.
    await getStrapi().db.connection('orders').where({ order_no: res.body.data.orderNo }).update({ expires_at: new Date(Date.now() - 1000) });
    const outcome = await mall('timeouts').run();
    expect(outcome.cancelled).toBeGreaterThanOrEqual(1);
    const after = await http().get(`/api/orders/${res.body.data.orderNo}`).set(buyer.auth).expect(200);
    expect(after.body.data).toMatchObject({ status: 'cancelled', actions: [] });
    expect(after.body.data.trail.at(-1)).toMatchObject({ from: 'pending_payment', to: 'cancelled', by: 'system' });
    expect(await skuRow(skus[0].id)).toEqual({ stock: 4, reserved: 0, sales_count: 0 });
    // A second run finds nothing more to do with it.
    await mall('timeouts').run();
    expect(await skuRow(skus[0].id)).toEqual({ stock: 4, reserved: 0, sales_count: 0 });
  });

  it('is cancelled by its buyer once; another user cannot see or touch it', async () => {
    const buyer = await createUser();
    const other = await createUser();
    const { skus } = await makeShopProduct({ skus: [{ price: 500, stock: 2 }] });
    const { body } = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 2 }], payWith: 'wechat', address: ADDRESS });
    const orderNo = body.data.orderNo as string;
    await http().get(`/api/orders/${orderNo}`).set(other.auth).expect(404);
    await http().post(`/api/orders/${orderNo}/cancel`).set(other.auth).send({}).expect(404);
    const cancels = await Promise.all(Array.from({ length: 4 }, () => http().post(`/api/orders/${orderNo}/cancel`).set(buyer.auth).send({ reason: '不想要了' })));
    expect(cancels.map((c) => c.status).sort()).toEqual([200, 409, 409, 409]);
    expect(await skuRow(skus[0].id)).toEqual({ stock: 2, reserved: 0, sales_count: 0 });
    const trail = (await http().get(`/api/orders/${orderNo}`).set(buyer.auth)).body.data.trail;
    expect(trail.filter((t: { to: string }) => t.to === 'cancelled')).toHaveLength(1);
  });
});

describe('the status table', () => {
  const STATUSES = ['pending_payment', 'paid', 'shipped', 'completed', 'cancelled', 'refund_requested', 'refunding', 'refunded'] as const;
  /** What a buyer may do from each status (the table; completed: only within the after-sales window, open here). */
  const ALLOWED: Record<string, string[]> = {
    pending_payment: ['cancel'],
    paid: ['refund'],
    shipped: ['confirm', 'refund'],
    completed: ['refund'],
    cancelled: [],
    refund_requested: ['refund/withdraw'],
    refunding: [],
    refunded: [],
  };
  const ACTIONS = ['cancel', 'confirm', 'refund', 'refund/withdraw'];

  it('refuses every buyer move it does not list with 409, changing nothing', async () => {
    const buyer = await createUser();
    await givePoints(buyer, 10_000);
    const { skus } = await makeShopProduct({ skus: [{ pointsPrice: 10, stock: 100 }] });
    const knex = getStrapi().db.connection;
    for (const status of STATUSES) {
      for (const action of ACTIONS.filter((a) => !ALLOWED[status].includes(a))) {
        const { body } = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 1 }], payWith: 'points', address: ADDRESS });
        const orderNo = body.data.orderNo as string;
        await knex('orders').where({ order_no: orderNo }).update({ status, after_sales_until: new Date(Date.now() + 86_400_000) });
        const before = { sku: await skuRow(skus[0].id), points: await balanceOf(buyer.id), events: await knex('mall_order_events').count<Array<{ n: number }>>({ n: '*' }) };
        const res = await http().post(`/api/orders/${orderNo}/${action}`).set(buyer.auth).send(action === 'refund' ? { reason: '测试' } : {});
        expect({ status, action, code: res.status, reason: res.body.error?.details?.reason }).toEqual({ status, action, code: 409, reason: 'invalid_transition' });
        expect((await knex('orders').where({ order_no: orderNo }).first('status')).status).toBe(status);
        expect({ sku: await skuRow(skus[0].id), points: await balanceOf(buyer.id), events: await knex('mall_order_events').count<Array<{ n: number }>>({ n: '*' }) }).toEqual(before);
      }
    }
  });

  it('closes refunds of a completed order after the after-sales window', async () => {
    const buyer = await createUser();
    await givePoints(buyer, 100);
    const { skus } = await makeShopProduct({ skus: [{ pointsPrice: 10, stock: 5 }] });
    const { body } = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 1 }], payWith: 'points', address: ADDRESS });
    await getStrapi().db.connection('orders').where({ order_no: body.data.orderNo }).update({ status: 'completed', after_sales_until: new Date(Date.now() - 1000) });
    const res = await http().post(`/api/orders/${body.data.orderNo}/refund`).set(buyer.auth).send({ reason: '坏了' });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ reason: 'after_sales_closed' });
  });
});

describe('a points refund', () => {
  it('pays the points back once, however many times it is approved', async () => {
    const buyer = await createUser();
    await givePoints(buyer, 1000);
    const { skus } = await makeShopProduct({ skus: [{ pointsPrice: 250, stock: 5 }] });
    const { body } = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 2 }], payWith: 'points', address: ADDRESS });
    const orderNo = body.data.orderNo as string;
    const asked = await http().post(`/api/orders/${orderNo}/refund`).set(buyer.auth).send({ reason: '买错了' }).expect(200);
    expect(asked.body.data).toMatchObject({ status: 'refund_requested', refund: { status: 'requested', reason: '买错了', amountPoints: 500, method: 'points' }, actions: ['withdrawRefund'] });
    const operator = { type: 'operator' as const, id: 1, name: '运营小王' };
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => mall('refunds').decide(orderNo, 'approve', operator, null)));
    const refused = (o: PromiseSettledResult<unknown>) => (o.status === 'rejected' ? (o.reason as { details?: { reason?: string } }).details?.reason : 'approved');
    expect(outcomes.map(refused).sort()).toEqual(['approved', 'invalid_transition', 'invalid_transition', 'invalid_transition', 'invalid_transition']);
    expect(await balanceOf(buyer.id)).toEqual({ balance: 1000, ledger: 1000 });
    // Refunded from paid: the units never left, they are back on sale and the sale is undone.
    expect(await skuRow(skus[0].id)).toEqual({ stock: 5, reserved: 0, sales_count: 0 });
    const after = await http().get(`/api/orders/${orderNo}`).set(buyer.auth).expect(200);
    expect(after.body.data).toMatchObject({ status: 'refunded', refund: { status: 'succeeded' } });
    expect(after.body.data.trail.map((t: { to: string }) => t.to)).toEqual(['pending_payment', 'paid', 'refund_requested', 'refunded']);
  });

  it('goes back to where it was when withdrawn or rejected', async () => {
    const buyer = await createUser();
    await givePoints(buyer, 100);
    const { skus } = await makeShopProduct({ skus: [{ pointsPrice: 10, stock: 5 }] });
    const { body } = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 1 }], payWith: 'points', address: ADDRESS });
    const orderNo = body.data.orderNo as string;
    await getStrapi().db.connection('orders').where({ order_no: orderNo }).update({ status: 'shipped' });
    await http().post(`/api/orders/${orderNo}/refund`).set(buyer.auth).send({ reason: '太慢' }).expect(200);
    const withdrawn = await http().post(`/api/orders/${orderNo}/refund/withdraw`).set(buyer.auth).send({}).expect(200);
    expect(withdrawn.body.data).toMatchObject({ status: 'shipped', refund: { status: 'withdrawn' } });
    await http().post(`/api/orders/${orderNo}/refund`).set(buyer.auth).send({ reason: '还是想退' }).expect(200);
    await mall('refunds').decide(orderNo, 'reject', { type: 'operator', id: 1, name: '运营小王' }, '已发货，请拒收');
    const rejected = await http().get(`/api/orders/${orderNo}`).set(buyer.auth).expect(200);
    expect(rejected.body.data).toMatchObject({ status: 'shipped', refund: { status: 'rejected', decisionNote: '已发货，请拒收' } });
    expect(await balanceOf(buyer.id)).toEqual({ balance: 90, ledger: 90 });
  });
});

describe('racing buyers', () => {
  const race = async (payWith: 'points' | 'wechat') => {
    const buyers: TestUser[] = [];
    for (let i = 0; i < 200; i += 1) buyers.push(await createUser());
    if (payWith === 'points') for (const buyer of buyers) await givePoints(buyer, 100);
    const { skus } = await makeShopProduct({ skus: [{ pointsPrice: 30, price: 100, stock: 10 }] });
    const answers = await Promise.all(buyers.map((buyer) => placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 1 }], payWith, address: ADDRESS })));
    const codes = answers.map((a) => a.status);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(190);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.details.reason === 'sold_out')).toBe(true);
    const row = await skuRow(skus[0].id);
    return { buyers, answers, row, skus };
  };

  it(`200 buyers, 10 units, points: 10 orders, 10 spends, stock 0 and every balance its ledger sum${usingPostgres() ? ' (PostgreSQL)' : ''}`, async () => {
    const { buyers, answers, row } = await race('points');
    expect(row).toEqual({ stock: 0, reserved: 0, sales_count: 10 });
    const winners = new Set(answers.flatMap((a, i) => (a.status === 201 ? [buyers[i].id] : [])));
    for (const buyer of buyers) expect(await balanceOf(buyer.id)).toEqual(winners.has(buyer.id) ? { balance: 70, ledger: 70 } : { balance: 100, ledger: 100 });
    const spends = await getStrapi().db.connection('points_ledger').whereIn('user_id', buyers.map((b) => b.id)).where({ reason: 'mall-order' }).count<Array<{ n: number }>>({ n: '*' });
    expect(Number(spends[0].n)).toBe(10);
  });

  it(`200 buyers, 10 units, WeChat Pay: 10 reservations, stock 0${usingPostgres() ? ' (PostgreSQL)' : ''}`, async () => {
    const { row } = await race('wechat');
    expect(row).toEqual({ stock: 0, reserved: 10, sales_count: 0 });
  });
});

