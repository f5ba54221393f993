import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { gamification } from '../../src/plugins/gamification/public';
import { createUser, type TestUser } from '../helpers/users';
import { adminRoleId, adminWith, removeAdmins, type TestAdmin } from '../helpers/admin';
import { ADDRESS, addressNotifications, balanceOf, givePoints, makeMerchant, makeShopProduct, placeOrder, wxPayEnvFor } from '../helpers/mall-orders';
import { startFakeWxPayServer, type FakeWxPay } from '../../src/plugins/mall/server/src/fake/fake-wxpay-server';

/**
 * The operators' workplace over HTTP with admin JWTs (/mall/admin/*): 运营 Operators see every shop's
 * orders, ship, cancel and decide refunds, export CSV; a 商家 Merchant's admins see their own shop only;
 * an admin without `plugin::mall.orders` is refused.
 */
let fake: FakeWxPay;
let operator: TestAdmin;

beforeAll(async () => {
  fake = await startFakeWxPayServer({ appId: 'wx1234567890abcdef' });
  await setupStrapi(wxPayEnvFor(fake));
  addressNotifications();
  operator = await adminWith(await adminRoleId('mall-operator'), 'Yunying');
});
afterAll(async () => {
  await removeAdmins();
  await teardownStrapi();
  await fake.close();
});

const admin = (who: TestAdmin) => ({
  get: (path: string) => http().get(`/mall/admin${path}`).set(who.auth),
  post: (path: string, body: Record<string, unknown>) => http().post(`/mall/admin${path}`).set(who.auth).send(body),
});

/** A paid points order of `buyer` in a shop (made for the call when not given). */
const pointsOrder = async (buyer: TestUser, options: { merchantId?: number; title?: string; points?: number } = {}) => {
  const merchantId = options.merchantId ?? (await makeMerchant()).id;
  const { skus } = await makeShopProduct({ name: options.title, merchantId, skus: [{ spec: '标准', pointsPrice: options.points ?? 200, stock: 10 }] });
  const placed = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 1 }], payWith: 'points', address: ADDRESS });
  if (placed.status !== 201) throw new Error(`order not placed: ${placed.status} ${JSON.stringify(placed.body)}`);
  return { orderNo: placed.body.data.orderNo as string, merchantId };
};

const richBuyer = async (points = 5000) => {
  const buyer = await createUser();
  await givePoints(buyer, points);
  return buyer;
};

describe('the 运营 Operator role', () => {
  it('is made at boot with the order permission and the content manager on orders, products and shops', async () => {
    const res = await http().get('/admin/users/me/permissions').set(operator.auth).expect(200);
    const actions = (res.body.data as Array<{ action: string; subject: string | null }>).map((p) => `${p.action} ${p.subject ?? ''}`.trim());
    expect(actions).toEqual(
      expect.arrayContaining([
        'plugin::mall.orders',
        'plugin::content-manager.explorer.read api::order.order',
        'plugin::content-manager.explorer.create api::product.product',
        'plugin::content-manager.explorer.delete api::product.product',
        'plugin::content-manager.explorer.update plugin::mall.merchant',
      ]),
    );
    // Orders move only through the status table: never edited or deleted in the content manager.
    expect(actions).not.toContain('plugin::content-manager.explorer.update api::order.order');
    expect(actions).not.toContain('plugin::content-manager.explorer.delete api::order.order');
  });
});

describe('an operator', () => {
  it('lists orders with counts per status, filters by status, order number, title, shop and day, and pages', async () => {
    const buyer = await richBuyer();
    const shop = await makeMerchant();
    const title = `台灯-${Date.now().toString(36)}`;
    const first = await pointsOrder(buyer, { merchantId: shop.id, title });
    const second = await pointsOrder(buyer, { merchantId: shop.id, title });
    const list = await admin(operator).get(`/orders?merchant=${shop.id}`).expect(200);
    expect(list.body.data.map((o: { orderNo: string }) => o.orderNo)).toEqual([second.orderNo, first.orderNo]);
    expect(list.body.data[0]).toMatchObject({ status: 'paid', statusLabel: '待发货', payMethod: 'points', totalPoints: 200, merchant: shop.name, title });
    expect(list.body.meta.counts).toMatchObject({ paid: 2, shipped: 0, pending_payment: 0 });
    expect(list.body.meta.pagination).toEqual({ page: 1, pageSize: 20, total: 2, pageCount: 1 });

    const byNo = await admin(operator).get(`/orders?q=${first.orderNo}`).expect(200);
    expect(byNo.body.data.map((o: { orderNo: string }) => o.orderNo)).toEqual([first.orderNo]);
    const byTitle = await admin(operator).get(`/orders?q=${encodeURIComponent(title)}&pageSize=1&page=2`).expect(200);
    expect(byTitle.body.data.map((o: { orderNo: string }) => o.orderNo)).toEqual([first.orderNo]);
    expect(byTitle.body.meta.pagination).toEqual({ page: 2, pageSize: 1, total: 2, pageCount: 2 });
    const shipped = await admin(operator).get(`/orders?merchant=${shop.id}&status=shipped`).expect(200);
    expect(shipped.body.data).toEqual([]);
    // Days are China's calendar days; tomorrow holds none of today's orders.
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const later = await admin(operator).get(`/orders?merchant=${shop.id}&from=${tomorrow}`).expect(200);
    expect(later.body.meta.pagination.total).toBe(0);
    const bad = await admin(operator).get('/orders?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('ValidationError');
  });

  it('ships a paid order and sees who did it in the trail, and cannot ship an unpaid one (409)', async () => {
    const buyer = await richBuyer();
    const { orderNo } = await pointsOrder(buyer);
    const page = await admin(operator).get(`/orders/${orderNo}`).expect(200);
    expect(page.body.data).toMatchObject({ orderNo, status: 'paid', adminActions: ['ship'], address: ADDRESS, buyer: { id: buyer.id } });
    expect(page.body.data.items[0]).toMatchObject({ spec: '标准', unitPoints: 200, quantity: 1 });

    const shipped = await admin(operator).post(`/orders/${orderNo}/ship`, { carrier: '顺丰', trackingNumber: 'SF1234567890' }).expect(200);
    expect(shipped.body.data).toMatchObject({ status: 'shipped', carrier: '顺丰', trackingNumber: 'SF1234567890', adminActions: [] });
    const last = shipped.body.data.trail.at(-1);
    expect(last).toMatchObject({ from: 'paid', to: 'shipped', by: 'operator', actorId: String(operator.id), actorName: expect.stringContaining('Yunying'), reason: '顺丰 SF1234567890' });

    const again = await admin(operator).post(`/orders/${orderNo}/ship`, { carrier: '顺丰', trackingNumber: 'SF1234567890' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ reason: 'invalid_transition', status: 'shipped', action: 'ship' });

    const { skus } = await makeShopProduct({ merchantId: (await makeMerchant()).id, skus: [{ price: 990, stock: 3 }] });
    const unpaid = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 1 }], payWith: 'wechat', address: ADDRESS });
    expect(unpaid.status).toBe(201);
    const early = await admin(operator).post(`/orders/${unpaid.body.data.orderNo}/ship`, { carrier: '顺丰', trackingNumber: 'SF0000000001' });
    expect(early.status).toBe(409);
    expect(early.body.error.details).toMatchObject({ reason: 'invalid_transition', status: 'pending_payment' });
    const still = await admin(operator).get(`/orders/${unpaid.body.data.orderNo}`).expect(200);
    expect(still.body.data).toMatchObject({ status: 'pending_payment', carrier: null, adminActions: ['cancel'] });

    const badForm = await admin(operator).post(`/orders/${orderNo}/ship`, { carrier: '', trackingNumber: 'x' });
    expect(badForm.status).toBe(400);
  });

  it('cancels an unpaid order with a reason', async () => {
    const buyer = await createUser();
    const { skus } = await makeShopProduct({ merchantId: (await makeMerchant()).id, skus: [{ price: 990, stock: 3 }] });
    const placed = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 1 }], payWith: 'wechat', address: ADDRESS });
    const orderNo = placed.body.data.orderNo as string;
    expect((await admin(operator).post(`/orders/${orderNo}/cancel`, {})).status).toBe(400);
    const cancelled = await admin(operator).post(`/orders/${orderNo}/cancel`, { reason: '缺货' }).expect(200);
    expect(cancelled.body.data.status).toBe('cancelled');
    expect(cancelled.body.data.trail.at(-1)).toMatchObject({ to: 'cancelled', by: 'operator', reason: '缺货' });
  });

  it('rejects a points refund with a note (required), then approves the next request: points back once', async () => {
    const buyer = await richBuyer(1000);
    const { orderNo } = await pointsOrder(buyer, { points: 300 });
    expect(await balanceOf(buyer.id)).toEqual({ balance: 700, ledger: 700 });
    await http().post(`/api/orders/${orderNo}/refund`).set(buyer.auth).send({ reason: '不想要了' }).expect(200);

    const page = await admin(operator).get(`/orders/${orderNo}`).expect(200);
    expect(page.body.data).toMatchObject({ status: 'refund_requested', adminActions: ['approveRefund', 'rejectRefund'], refund: { status: 'requested', reason: '不想要了', amountPoints: 300 } });
    const noNote = await admin(operator).post(`/orders/${orderNo}/refund-decision`, { decision: 'reject' });
    expect(noNote.status).toBe(400);
    const rejected = await admin(operator).post(`/orders/${orderNo}/refund-decision`, { decision: 'reject', note: '已使用，不支持退款' }).expect(200);
    expect(rejected.body.data).toMatchObject({ status: 'paid', refund: { decisionNote: '已使用，不支持退款' } });
    expect(await balanceOf(buyer.id)).toEqual({ balance: 700, ledger: 700 });

    await http().post(`/api/orders/${orderNo}/refund`).set(buyer.auth).send({ reason: '再申请一次' }).expect(200);
    const decisions = await Promise.all([1, 2].map(() => admin(operator).post(`/orders/${orderNo}/refund-decision`, { decision: 'approve' })));
    expect(decisions.map((d) => d.status).sort()).toEqual([200, 409]);
    const refused = decisions.find((d) => d.status === 409);
    expect(refused?.body.error.details).toMatchObject({ reason: 'invalid_transition' });
    expect(await balanceOf(buyer.id)).toEqual({ balance: 1000, ledger: 1000 });
    const after = await admin(operator).get(`/orders/${orderNo}`).expect(200);
    expect(after.body.data).toMatchObject({ status: 'refunded', adminActions: [] });
    expect(after.body.data.trail.filter((t: { to: string }) => t.to === 'refunded')).toHaveLength(1);
  });

  it('names the CSV by the day in China time, not the UTC date', async () => {
    const clock = gamification(getStrapi(), 'clock');
    clock.setNow('2026-02-20T17:30:00Z'); // 01:30 on the 21st in Shanghai
    try {
      const res = await admin(operator).get('/orders.csv').expect(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="orders-2026-02-21.csv"');
    } finally {
      clock.setNow(null);
    }
  });

  it('exports the filtered orders as CSV with a BOM and a header, formulas neutralised', async () => {
    const buyer = await richBuyer();
    await getStrapi().db.connection('up_users').where({ id: buyer.id }).update({ nickname: '=HYPERLINK("x")' });
    const shop = await makeMerchant({ name: `+店 ${Date.now().toString(36)}` });
    const one = await pointsOrder(buyer, { merchantId: shop.id, title: '@笔记本, "A5"' });
    const two = await pointsOrder(buyer, { merchantId: shop.id, title: '-钢笔' });
    const res = await admin(operator).get(`/orders.csv?merchant=${shop.id}`).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = res.body as string;
    expect(text.startsWith('\uFEFF订单号,状态,支付方式,金额(元),积分,件数,商品,买家,商家')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1].startsWith(`${two.orderNo},待发货,积分,0.00,200,1,'-钢笔,`)).toBe(true);
    expect(lines[2]).toContain(`"'@笔记本, ""A5"""`);
    expect(lines[2]).toContain(`'+店`);
    // No cell starts with a formula character.
    for (const line of lines.slice(1)) expect(line.split(',').filter((cell) => /^"?[=+\-@]/.test(cell))).toEqual([]);
    expect(lines[2].startsWith(one.orderNo)).toBe(true);
  });
});

describe('a 商家 Merchant admin', () => {
  it('sees and moves only their own shop’s orders, whatever they ask for', async () => {
    const merchantRole = await adminRoleId('mall-merchant');
    const shopAdmin = await adminWith(merchantRole, 'Shangjia');
    const mine = await makeMerchant({ admins: [shopAdmin.id] });
    const other = await makeMerchant();
    const buyer = await richBuyer();
    const own = await pointsOrder(buyer, { merchantId: mine.id });
    const theirs = await pointsOrder(buyer, { merchantId: other.id });

    const list = await admin(shopAdmin).get('/orders').expect(200);
    expect(list.body.data.map((o: { orderNo: string }) => o.orderNo)).toEqual([own.orderNo]);
    expect(list.body.meta.counts.paid).toBe(1);
    const asked = await admin(shopAdmin).get(`/orders?merchant=${other.id}`).expect(200);
    expect(asked.body.data).toEqual([]);
    expect((await admin(shopAdmin).get(`/orders/${theirs.orderNo}`)).status).toBe(404);
    const ship = await admin(shopAdmin).post(`/orders/${theirs.orderNo}/ship`, { carrier: '顺丰', trackingNumber: 'SF1111111111' });
    expect(ship.status).toBe(404);
    const csv = await admin(shopAdmin).get('/orders.csv').buffer(true).parse((response, done) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => done(null, text));
    });
    expect(csv.body).toContain(own.orderNo);
    expect(csv.body).not.toContain(theirs.orderNo);

    await admin(shopAdmin).post(`/orders/${own.orderNo}/ship`, { carrier: '圆通', trackingNumber: 'YT1111111111' }).expect(200);
    // The operator still sees both shops.
    expect((await admin(operator).get(`/orders/${theirs.orderNo}`)).status).toBe(200);
  });
});

describe('a 商家 Merchant admin bound to no shop yet', () => {
  it('sees no order at all, not every shop’s', async () => {
    const newcomer = await adminWith(await adminRoleId('mall-merchant'), 'Xinlai');
    const buyer = await richBuyer();
    const { orderNo } = await pointsOrder(buyer, { merchantId: (await makeMerchant()).id });
    const list = await admin(newcomer).get('/orders').expect(200);
    expect(list.body.data).toEqual([]);
    expect((await admin(newcomer).get(`/orders/${orderNo}`)).status).toBe(404);
    expect((await admin(operator).get(`/orders/${orderNo}`)).status).toBe(200);
  });
});

describe('an admin without the order permission', () => {
  it('is refused with 403 on every order route', async () => {
    const editor = await adminWith(await adminRoleId('strapi-editor'), 'Bianji');
    const buyer = await richBuyer();
    const { orderNo } = await pointsOrder(buyer);
    const answers = await Promise.all([
      admin(editor).get('/orders'),
      admin(editor).get('/orders.csv'),
      admin(editor).get(`/orders/${orderNo}`),
      admin(editor).post(`/orders/${orderNo}/ship`, { carrier: '顺丰', trackingNumber: 'SF2222222222' }),
      admin(editor).post(`/orders/${orderNo}/cancel`, { reason: 'x' }),
      admin(editor).post(`/orders/${orderNo}/refund-decision`, { decision: 'approve' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect((await http().get('/mall/admin/orders')).status).toBe(401);
  });
});
