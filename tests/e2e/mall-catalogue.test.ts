import crypto from 'node:crypto';
import type { UID } from '@strapi/strapi';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { makeMerchant, makeShopProduct, skuRow } from '../helpers/mall-orders';

/**
 * The public catalogue over HTTP: two-level categories, keyset pages of products on sale with filters that
 * hold under inserts, one product with its SKUs; and editors' writes: a SKU's stock moved only by restock
 * (never put back by a stale form), the product's prices following its SKUs, categories two levels deep.
 */
const RUN = crypto.randomBytes(3).toString('hex');
const documents = (uid: string) => getStrapi().documents(uid as UID.ContentType) as unknown as {
  create(params: object): Promise<{ id: number; documentId: string }>;
  update(params: object): Promise<{ id: number; documentId: string }>;
};
type Card = { documentId: string; name: string; price: number | null; pointsPrice: number | null; soldOut: boolean };

beforeAll(async () => {
  await setupStrapi();
});
afterAll(async () => {
  await teardownStrapi();
});

describe('categories', () => {
  it('come as a two-level tree in the editors’ order, and a third level is refused under the field', async () => {
    const top = await documents('api::product-category.product-category').create({ data: { name: `顶级 ${RUN}`, sortOrder: -5, active: true } });
    const child = await documents('api::product-category.product-category').create({ data: { name: `子类 ${RUN}`, parent: top.id, sortOrder: 1, active: true } });
    const res = await http().get('/api/mall/categories').expect(200);
    const mine = res.body.data.find((c: { documentId: string }) => c.documentId === top.documentId);
    expect(mine).toEqual({ documentId: top.documentId, name: `顶级 ${RUN}`, icon: null, children: [{ documentId: child.documentId, name: `子类 ${RUN}`, icon: null }] });
    await expect(documents('api::product-category.product-category').create({ data: { name: `孙类 ${RUN}`, parent: child.id, active: true } })).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ path: ['parent'] })] },
    });
  });
});

describe('product lists', () => {
  it('page by cursor without repeats or gaps while products are added, and filter by category, shop, kind and how they are paid', async () => {
    const category = await documents('api::product-category.product-category').create({ data: { name: `列表 ${RUN}`, active: true } });
    const shop = await makeMerchant();
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { product } = await makeShopProduct({ name: `列表商品 ${RUN} ${i}`, merchantId: shop.id, skus: [{ price: 100 * (i + 1), pointsPrice: i % 2 === 0 ? 10 * (i + 1) : null, stock: i === 4 ? 0 : 3 }] });
      await getStrapi().db.connection('products').where({ id: product.id }).update({ category_id: category.id });
      made.push(product.documentId);
    }
    const page = (query: Record<string, unknown>) => http().get('/api/mall/products').query({ category: category.documentId, ...query }).expect(200);
    const first = await page({ limit: 2 });
    expect(first.body.data.map((c: Card) => c.documentId)).toEqual([made[4], made[3]]);
    expect(first.body.data[0]).toMatchObject({ soldOut: true, price: 500, merchant: { documentId: shop.documentId } });
    // A product added now is newer than the first page: it does not push anything into the next page.
    const { product: late } = await makeShopProduct({ name: `列表商品 ${RUN} late`, skus: [{ price: 50, stock: 1 }] });
    await getStrapi().db.connection('products').where({ id: late.id }).update({ category_id: category.id });
    const second = await page({ limit: 2, cursor: first.body.meta.nextCursor });
    const third = await page({ limit: 2, cursor: second.body.meta.nextCursor });
    expect([...second.body.data, ...third.body.data].map((c: Card) => c.documentId)).toEqual([made[2], made[1], made[0]]);
    expect(third.body.meta.nextCursor).toBeNull();

    const cheapFirst = await page({ sort: 'price_asc', limit: 10 });
    expect(cheapFirst.body.data.map((c: Card) => c.price)).toEqual([50, 100, 200, 300, 400, 500]);
    const byPoints = await page({ payWith: 'points', sort: 'points_asc' });
    expect(byPoints.body.data.map((c: Card) => c.pointsPrice)).toEqual([10, 30, 50]);
    const band = await page({ minPrice: 150, maxPrice: 350, sort: 'price_desc' });
    expect(band.body.data.map((c: Card) => c.price)).toEqual([300, 200]);
    const ofShop = await http().get('/api/mall/products').query({ merchant: shop.documentId, limit: 50 }).expect(200);
    expect(ofShop.body.data.map((c: Card) => c.documentId).sort()).toEqual([...made].sort());
    expect((await page({ kind: 'secondHand' })).body.data).toEqual([]);
    await http().get('/api/mall/products').query({ cursor: 'garbage!' }).expect(400);
    await http().get('/api/mall/products').query({ cursor: first.body.meta.nextCursor, sort: 'price_asc' }).expect(400);
    await http().get('/api/mall/products').query({ minPrice: 500, maxPrice: 100 }).expect(400);
  });

  it('leave out what is off sale: inactive, under review, or without an active SKU', async () => {
    const { product: off } = await makeShopProduct({ name: `下架 ${RUN}`, skus: [{ price: 100, stock: 1 }] });
    await getStrapi().db.connection('products').where({ id: off.id }).update({ active: false });
    const { product: pending } = await makeShopProduct({ name: `待审 ${RUN}`, skus: [{ price: 100, stock: 1 }] });
    await getStrapi().db.connection('products').where({ id: pending.id }).update({ review: 'pending' });
    const res = await http().get('/api/mall/products').query({ q: RUN, limit: 50 }).expect(200);
    const names = res.body.data.map((c: Card) => c.name);
    expect(names).not.toContain(`下架 ${RUN}`);
    expect(names).not.toContain(`待审 ${RUN}`);
    await http().get(`/api/mall/products/${off.documentId}`).expect(404);
    await http().get(`/api/mall/products/${pending.documentId}`).expect(404);
  });
});

describe('one product', () => {
  it('shows its SKUs with stock, its shop with pickup points, and its lowest prices', async () => {
    const shop = await makeMerchant({ pickupPoints: ['东区快递站', '图书馆一楼'] });
    const { product, skus } = await makeShopProduct({ name: `水杯 ${RUN}`, merchantId: shop.id, skus: [{ spec: '蓝色', price: 3990, pointsPrice: 1000, stock: 5 }, { spec: '粉色', price: 3590, pointsPrice: 900, stock: 0 }] });
    const res = await http().get(`/api/mall/products/${product.documentId}`).expect(200);
    expect(res.body.data).toMatchObject({
      name: `水杯 ${RUN}`, price: 3590, pointsPrice: 900, soldOut: false, review: 'approved', active: true,
      merchant: { documentId: shop.documentId, pickupPoints: ['东区快递站', '图书馆一楼'] },
      skus: [
        { documentId: skus[0].documentId, spec: '蓝色', price: 3990, pointsPrice: 1000, stock: 5, image: null },
        { documentId: skus[1].documentId, spec: '粉色', price: 3590, pointsPrice: 900, stock: 0, image: null },
      ],
    });
  });
});

describe('editors’ SKU writes', () => {
  it('never put sold units back: the form’s stock is ignored, restock adds atomically, and cannot go below zero', async () => {
    const { skus } = await makeShopProduct({ skus: [{ price: 100, stock: 10 }] });
    const sku = documents('plugin::mall.sku');
    // Sales happened after the editor opened the form (stock 10 -> 7).
    await getStrapi().db.connection('mall_skus').where({ id: skus[0].id }).update({ stock: 7, sales_count: 3 });
    await sku.update({ documentId: skus[0].documentId, data: { spec: '改名', stock: 10, salesCount: 0, reserved: 5 } });
    expect(await skuRow(skus[0].id)).toEqual({ stock: 7, reserved: 0, sales_count: 3 });
    await Promise.all(Array.from({ length: 5 }, () => sku.update({ documentId: skus[0].documentId, data: { restock: 2 } })));
    expect(await skuRow(skus[0].id)).toEqual({ stock: 17, reserved: 0, sales_count: 3 });
    await expect(sku.update({ documentId: skus[0].documentId, data: { restock: -20 } })).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ path: ['restock'] })] } });
    expect((await skuRow(skus[0].id)).stock).toBe(17);
  });

  it('keep the product’s lowest prices in step with its active SKUs', async () => {
    const { product, skus } = await makeShopProduct({ skus: [{ price: 500, pointsPrice: 50, stock: 1 }, { price: 300, stock: 1 }] });
    const prices = async () => getStrapi().db.connection('products').where({ id: product.id }).first('price', 'points_price');
    expect(await prices()).toEqual({ price: 300, points_price: 50 });
    await documents('plugin::mall.sku').update({ documentId: skus[1].documentId, data: { active: false } });
    expect(await prices()).toEqual({ price: 500, points_price: 50 });
    await documents('plugin::mall.sku').create({ data: { product: product.id, spec: '新', price: 200, pointsPrice: 20, stock: 3 } });
    expect(await prices()).toEqual({ price: 200, points_price: 20 });
  });
});
