import crypto from 'node:crypto';
import { gamification } from '../../src/plugins/gamification/public';
import { getStrapi, http, serverUrl } from './strapi';
import type { FakeWxPay } from '../../src/plugins/mall/server/src/fake/fake-wxpay-server';
import type { TestUser } from './users';

/**
 * Mall test data: a product with SKUs (straight through the query engine: what an editor's save makes),
 * points for a buyer, and placing orders over HTTP.
 */
const RUN = crypto.randomBytes(3).toString('hex');
let made = 0;

export type TestSku = { id: number; documentId: string; spec: string };
export type SkuSpec = { spec?: string; price?: number | null; pointsPrice?: number | null; stock: number };

export const makeShopProduct = async (options: { name?: string; merchantId?: number | null; kind?: 'mall' | 'secondHand'; sellerId?: number; skus: SkuSpec[] }) => {
  const strapi = getStrapi();
  made += 1;
  const product = (await strapi.db.query('api::product.product').create({
    data: {
      name: options.name ?? `商品 ${RUN}-${made}`,
      kind: options.kind ?? 'mall',
      merchant: options.merchantId ?? null,
      seller: options.sellerId ?? null,
      active: true,
      review: 'approved',
    },
  })) as { id: number; documentId: string; name: string };
  const skus: TestSku[] = [];
  for (const [i, sku] of options.skus.entries()) {
    const row = (await strapi.db.query('plugin::mall.sku').create({
      data: { product: product.id, spec: sku.spec ?? `规格${i + 1}`, price: sku.price ?? null, pointsPrice: sku.pointsPrice ?? null, stock: sku.stock, reserved: 0, salesCount: 0, active: true },
    })) as { id: number; documentId: string; spec: string };
    skus.push({ id: row.id, documentId: row.documentId, spec: row.spec });
  }
  return { product, skus };
};

export const makeMerchant = async (data: { name?: string; pickupPoints?: string[]; admins?: number[] } = {}) =>
  (await getStrapi().db.query('plugin::mall.merchant').create({
    data: { name: data.name ?? `小店 ${RUN}-${(made += 1)}`, pickupPoints: data.pickupPoints ?? ['东区快递站'], active: true, admins: data.admins ?? [] },
  })) as { id: number; documentId: string; name: string };

export const givePoints = async (user: { id: number }, amount: number) => {
  const ledger = gamification(getStrapi(), 'ledger');
  await ledger.withUserLock(user.id, (sql) => ledger.apply(sql, user.id, [{ amount, reason: 'test-credit' }], new Date()));
};

export const ADDRESS = { name: '张三', phone: '13800000000', region: '东校区', detail: '3号楼 201' };

export const placeOrder = (user: TestUser, body: Record<string, unknown>) => http().post('/api/orders').set(user.auth).send(body);

export const skuRow = async (id: number) =>
  (await getStrapi().db.connection('mall_skus').where({ id }).first('stock', 'reserved', 'sales_count')) as { stock: number; reserved: number; sales_count: number };

export const balanceOf = async (userId: number) => {
  const strapi = getStrapi();
  const row = (await strapi.db.connection('up_users').where({ id: userId }).first('points_balance')) as { points_balance: number };
  return { balance: Number(row.points_balance), ledger: await gamification(strapi, 'ledger').ledgerSum(userId) };
};

/**
 * WeChat Pay for a test file: the fake WeChat Pay server (started by the caller) as the real client sees it,
 * through the WECHATPAY_* variables an operator would set. After setupStrapi, `addressNotifications()`
 * points the notifications at the test app (its port is known only once it listens).
 */
export const wxPayEnvFor = (fake: FakeWxPay): Record<string, string> => ({
  WECHATPAY_MCH_ID: fake.mchId,
  WECHATPAY_APP_ID: fake.appId,
  WECHATPAY_SERIAL_NO: fake.merchant.serialNo,
  WECHATPAY_PRIVATE_KEY: fake.merchant.privateKeyPem,
  WECHATPAY_API_V3_KEY: fake.apiV3Key,
  WECHATPAY_BASE_URL: fake.url,
  WECHATPAY_PUBLIC_KEY: fake.publicKey.pem,
  WECHATPAY_PUBLIC_KEY_ID: fake.publicKey.id,
  WECHATPAY_PLATFORM_CERT: fake.platformCertificatePem,
  WECHATPAY_TIMEOUT_MS: '2000',
});

export const addressNotifications = () => getStrapi().config.set('plugin::mall.notifyBase', serverUrl());

/** Places a WeChat Pay order and gets its payment parameters (the prepay): what the mini-program does. */
export const placeAndPrepay = async (user: TestUser, skuDocumentId: string, quantity = 1) => {
  const placed = await placeOrder(user, { items: [{ sku: skuDocumentId, quantity }], payWith: 'wechat', address: ADDRESS });
  if (placed.status !== 201) throw new Error(`order not placed: ${placed.status} ${JSON.stringify(placed.body)}`);
  const orderNo = placed.body.data.orderNo as string;
  const pay = await http().post(`/api/orders/${orderNo}/pay`).set(user.auth).send({});
  if (pay.status !== 200) throw new Error(`no prepay: ${pay.status} ${JSON.stringify(pay.body)}`);
  return { orderNo, placed, payment: pay.body.data.payment as Record<string, string> };
};
