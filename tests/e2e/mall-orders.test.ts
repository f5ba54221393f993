import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser } from '../helpers/users';
import { ADDRESS, balanceOf, givePoints, makeShopProduct, placeOrder, skuRow } from '../helpers/mall-orders';

/** Placing orders over HTTP: points orders paid at once, WeChat Pay orders reserved; the status table. */
beforeAll(async () => {
  await setupStrapi();
});
afterAll(async () => {
  await teardownStrapi();
});

describe('a points order', () => {
  it('prices on the server, spends the points and sells the units in one go', async () => {
    const buyer = await createUser();
    await givePoints(buyer, 1000);
    const { skus } = await makeShopProduct({ skus: [{ spec: '蓝色', pointsPrice: 300, price: 1990, stock: 5 }] });
    const res = await placeOrder(buyer, { items: [{ sku: skus[0].documentId, quantity: 2 }], payWith: 'points', address: ADDRESS, idempotencyKey: `k-${Date.now()}` });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'paid', payMethod: 'points', totalPoints: 600, totalFen: 0, itemCount: 2 });
    expect(res.body.data.items[0]).toMatchObject({ spec: '蓝色', unitPoints: 300, quantity: 2 });
    expect(res.body.data.trail.map((t: { to: string }) => t.to)).toEqual(['pending_payment', 'paid']);
    expect(res.body.meta.balance).toBe(400);
    expect(await skuRow(skus[0].id)).toEqual({ stock: 3, reserved: 0, sales_count: 2 });
    expect(await balanceOf(buyer.id)).toEqual({ balance: 400, ledger: 400 });
    const mine = await http().get('/api/orders').set(buyer.auth).expect(200);
    expect(mine.body.data.map((o: { orderNo: string }) => o.orderNo)).toEqual([res.body.data.orderNo]);
  });
});

void getStrapi;
