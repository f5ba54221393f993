import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminRoleId, adminWith, contentManager, removeAdmins, superAdmin } from '../helpers/admin';
import { createUser } from '../helpers/users';
import { allPages, makeCategory, makeMerchant, makeProduct, productPrices, RUN, skuStock } from '../helpers/mall';
import { ADDRESS, givePoints, placeOrder } from '../helpers/mall-orders';

/**
 * More of the catalogue than mall-catalogue.test.ts: every filter and order, the category tree's refusals
 * through the admin's content manager, restock and prices through the admin's forms, restocks racing
 * points orders, and shops' own admin accounts (the 商家 role) scoped to their shop.
 *
 * The mall's public catalogue over HTTP: the two-level category tree, keyset product pages (filters, four
 * orders, stable while products are added), a product's page; the product's prices kept from its SKUs;
 * stock changed by editors only through restock, atomically; shops' admin accounts scoped to their shop.
 */
beforeAll(async () => {
  await setupStrapi();
});
afterAll(async () => {
  await removeAdmins();
  await teardownStrapi();
});

const products = (query: Record<string, string | number>) => http().get('/api/mall/products').query(query);
const names = (res: { body: { data: Array<{ name: string }> } }) => res.body.data.map((p) => p.name);

describe('categories', () => {
  it('are a two-level tree of active categories, each level in sortOrder', async () => {
    const strapi = getStrapi();
    const top = await makeCategory(strapi, { name: `文具 ${RUN}`, sortOrder: -100 });
    const second = await makeCategory(strapi, { name: `本子 ${RUN}`, parentId: top.id, sortOrder: 2 });
    const first = await makeCategory(strapi, { name: `笔 ${RUN}`, parentId: top.id, sortOrder: 1 });
    await makeCategory(strapi, { name: `停用 ${RUN}`, parentId: top.id, sortOrder: 0, active: false });
    const res = await http().get('/api/mall/categories').expect(200);
    const node = res.body.data.find((c: { documentId: string }) => c.documentId === top.documentId);
    expect(node).toEqual({
      documentId: top.documentId,
      name: top.name,
      icon: null,
      children: [
        { documentId: first.documentId, name: first.name, icon: null },
        { documentId: second.documentId, name: second.name, icon: null },
      ],
    });
    // Children appear under their parent only.
    expect(res.body.data.map((c: { documentId: string }) => c.documentId)).not.toContain(first.documentId);
  });

  it('refuses a third level, with the message under the parent field', async () => {
    const strapi = getStrapi();
    const top = await makeCategory(strapi);
    const child = await makeCategory(strapi, { parentId: top.id });
    await expect(
      strapi.documents('api::product-category.product-category').create({ data: { name: `孙 ${RUN}`, parent: child.id, active: true } as never }),
    ).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ path: ['parent'] })] } });

    const editor = await superAdmin();
    const res = await contentManager(editor, 'api::product-category.product-category').create({ name: `孙 ${RUN}`, parent: { connect: [{ id: child.id, documentId: child.documentId }], disconnect: [] }, active: true });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('分类只有两级');
    expect(res.body.error.details.errors[0].path).toEqual(['parent']);

    // A top category with children cannot be put under another one either.
    const other = await makeCategory(strapi);
    const moved = await contentManager(editor, 'api::product-category.product-category').update(top.documentId, { parent: { connect: [{ id: other.id, documentId: other.documentId }], disconnect: [] } });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details.errors[0].path).toEqual(['parent']);
    // A second level under a top category is fine.
    const ok = await contentManager(editor, 'api::product-category.product-category').create({ name: `子 ${RUN}`, parent: { connect: [{ id: other.id, documentId: other.documentId }], disconnect: [] }, active: true });
    expect(ok.status).toBe(201);
  });
});

describe('product pages', () => {
  it('list what is on sale, with cards priced from the SKUs and soldOut when no active SKU has stock', async () => {
    const strapi = getStrapi();
    const category = await makeCategory(strapi);
    const shop = await makeMerchant(strapi, { region: '东校区' });
    const cup = await makeProduct(strapi, { name: `水杯 ${RUN}`, categoryId: category.id, merchantId: shop.id, region: '东校区', skus: [{ spec: '蓝', price: 3990, pointsPrice: 1000, stock: 5 }, { spec: '粉', price: 3590, pointsPrice: 1200, stock: 0 }] });
    const gone = await makeProduct(strapi, { name: `售罄 ${RUN}`, categoryId: category.id, skus: [{ spec: '默认', price: 100, stock: 0 }, { spec: '停售', price: 50, stock: 9, active: false }] });
    await makeProduct(strapi, { name: `下架 ${RUN}`, categoryId: category.id, active: false, skus: [{ spec: '默认', price: 100, stock: 1 }] });
    await makeProduct(strapi, { name: `待审 ${RUN}`, categoryId: category.id, review: 'pending', skus: [{ spec: '默认', price: 100, stock: 1 }] });
    await makeProduct(strapi, { name: `无规格 ${RUN}`, categoryId: category.id, skus: [{ spec: '停售', price: 100, stock: 1, active: false }] });

    const res = await products({ category: category.documentId }).expect(200);
    expect(names(res)).toEqual([gone.product.name, cup.product.name]);
    expect(res.body.meta).toEqual({ nextCursor: null });
    expect(res.body.data[1]).toEqual({
      documentId: cup.product.documentId,
      name: cup.product.name,
      kind: 'mall',
      image: null,
      price: 3590,
      originalPrice: null,
      pointsPrice: 1000,
      salesCount: 0,
      region: '东校区',
      soldOut: false,
      merchant: { documentId: shop.documentId, name: shop.name },
      createdAt: expect.any(String),
    });
    // Only the inactive SKU has units: sold out; its price is the active SKUs' lowest.
    expect(res.body.data[0]).toMatchObject({ soldOut: true, price: 100 });
  });

  it('filter by category (a top one includes its children), shop, region, kind, way to pay, price and name', async () => {
    const strapi = getStrapi();
    const top = await makeCategory(strapi);
    const child = await makeCategory(strapi, { parentId: top.id });
    const shop = await makeMerchant(strapi);
    const a = await makeProduct(strapi, { name: `A笔 ${RUN}`, categoryId: top.id, merchantId: shop.id, region: '东校区', skus: [{ spec: '黑', price: 990, pointsPrice: 200, stock: 3 }] });
    const b = await makeProduct(strapi, { name: `B本 ${RUN}`, categoryId: child.id, region: '西校区', skus: [{ spec: '默认', price: null, pointsPrice: 500, stock: 3 }] });
    const c = await makeProduct(strapi, { name: `C书 ${RUN}`, categoryId: child.id, kind: 'secondHand', region: '东校区', skus: [{ spec: '默认', price: 2500, stock: 1 }] });
    const q = async (extra: Record<string, string | number>) => names(await products({ category: top.documentId, ...extra }).expect(200)).sort();

    expect(await q({})).toEqual([a, b, c].map((p) => p.product.name).sort());
    expect(names(await products({ category: child.documentId }).expect(200)).sort()).toEqual([b, c].map((p) => p.product.name).sort());
    expect(await q({ merchant: shop.documentId })).toEqual([a.product.name]);
    expect(await q({ region: '东校区' })).toEqual([a, c].map((p) => p.product.name).sort());
    expect(await q({ kind: 'secondHand' })).toEqual([c.product.name]);
    expect(await q({ kind: 'mall' })).toEqual([a, b].map((p) => p.product.name).sort());
    expect(await q({ payWith: 'points' })).toEqual([a, b].map((p) => p.product.name).sort());
    expect(await q({ payWith: 'wechat' })).toEqual([a, c].map((p) => p.product.name).sort());
    expect(await q({ minPrice: 1000 })).toEqual([c.product.name]);
    expect(await q({ maxPrice: 1000 })).toEqual([a.product.name]);
    expect(await q({ minPrice: 990, maxPrice: 2500 })).toEqual([a, c].map((p) => p.product.name).sort());
    expect(await q({ q: 'B本' })).toEqual([b.product.name]);
    expect(await q({ q: '%' })).toEqual([]);
    // An unknown category or shop lists nothing.
    expect((await products({ category: 'zzzzzzzzzzzzzzzzzzzzzzzz' }).expect(200)).body.data).toEqual([]);
    expect((await products({ merchant: 'zzzzzzzzzzzzzzzzzzzzzzzz' }).expect(200)).body.data).toEqual([]);
  });

  it('sort newest, by price up and down, and by points', async () => {
    const strapi = getStrapi();
    const category = await makeCategory(strapi);
    const made = [];
    for (const [price, points] of [[300, 30], [100, null], [200, 10], [null, 20]] as const) {
      made.push(await makeProduct(strapi, { name: `排序 ${price}/${points} ${RUN}`, categoryId: category.id, skus: [{ spec: '默认', price, pointsPrice: points, stock: 1 }] }));
    }
    const [p300, p100, p200, pPointsOnly] = made.map((m) => m.product.name);
    const sorted = async (sort: string) => names(await products({ category: category.documentId, sort }).expect(200));
    expect(await sorted('newest')).toEqual([pPointsOnly, p200, p100, p300]);
    expect(await sorted('price_asc')).toEqual([p100, p200, p300]);
    expect(await sorted('price_desc')).toEqual([p300, p200, p100]);
    expect(await sorted('points_asc')).toEqual([p200, pPointsOnly, p300]);
  });

  it('page by an opaque cursor that stays right while products are added', async () => {
    const strapi = getStrapi();
    const category = await makeCategory(strapi);
    const prices = [500, 100, 300, 300, 300, 200, 400, 100, 250];
    const originals = [];
    for (const [i, price] of prices.entries()) {
      originals.push((await makeProduct(strapi, { name: `翻页 ${i} ${RUN}`, categoryId: category.id, skus: [{ spec: '默认', price, pointsPrice: price, stock: 1 }] })).product.documentId);
    }
    for (const sort of ['newest', 'price_asc', 'price_desc', 'points_asc']) {
      let added = 0;
      const seen = await allPages({ category: category.documentId, sort, limit: 2 }, async (page) => {
        // Between the first pages: a product at a price the list has, and a cheaper and a dearer one.
        if (page >= 2) return;
        for (const price of [50, 300, 600]) {
          await makeProduct(strapi, { name: `插入 ${sort} ${(added += 1)} ${RUN}`, categoryId: category.id, skus: [{ spec: '默认', price, pointsPrice: price, stock: 1 }] });
        }
      });
      // Each product listed once, every original one included, whatever was inserted meanwhile.
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(originals));
    }
    const first = await products({ category: category.documentId, sort: 'price_asc', limit: 3 }).expect(200);
    expect(first.body.meta.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    // A cursor is for the sort it was made in.
    const wrong = await products({ category: category.documentId, sort: 'price_desc', cursor: first.body.meta.nextCursor }).expect(400);
    expect(wrong.body.error.name).toBe('ValidationError');
  });

  it('answer bad queries with 400', async () => {
    const bad: Array<Record<string, string | number>> = [{ sort: 'cheapest' }, { cursor: 'not a cursor!' }, { minPrice: 500, maxPrice: 100 }, { limit: 0 }, { limit: 51 }, { kind: 'other' }, { payWith: 'cash' }, { category: 'x' }, { unknown: 1 }];
    for (const query of bad) {
      const res = await products(query);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.error.name).toBe('ValidationError');
    }
  });
});

describe('a product page', () => {
  it('shows its active SKUs with stock, its shop with pickup points; 404 when not on sale', async () => {
    const strapi = getStrapi();
    const shop = await makeMerchant(strapi, { region: '东校区', pickupPoints: ['东区快递站', '图书馆一楼'] });
    const { product, skus } = await makeProduct(strapi, { merchantId: shop.id, skus: [{ spec: '蓝', price: 3990, pointsPrice: 1000, stock: 7 }, { spec: '粉', price: 3990, stock: 2 }, { spec: '旧款', price: 100, stock: 5, active: false }] });
    const res = await http().get(`/api/mall/products/${product.documentId}`).expect(200);
    expect(res.body.data).toMatchObject({
      documentId: product.documentId,
      price: 3990,
      pointsPrice: 1000,
      images: [],
      description: null,
      skus: [
        { documentId: skus[0].documentId, spec: '蓝', price: 3990, pointsPrice: 1000, stock: 7, image: null },
        { documentId: skus[1].documentId, spec: '粉', price: 3990, pointsPrice: null, stock: 2, image: null },
      ],
      merchant: { documentId: shop.documentId, name: shop.name, region: '东校区', pickupPoints: ['东区快递站', '图书馆一楼'] },
      seller: null,
      review: 'approved',
      active: true,
    });

    const hidden = await makeProduct(strapi, { active: false, skus: [{ spec: '默认', price: 1, stock: 1 }] });
    const pending = await makeProduct(strapi, { review: 'pending', skus: [{ spec: '默认', price: 1, stock: 1 }] });
    for (const documentId of [hidden.product.documentId, pending.product.documentId, 'zzzzzzzzzzzzzzzzzzzzzzzz']) {
      const miss = await http().get(`/api/mall/products/${documentId}`).expect(404);
      expect(miss.body.error.name).toBe('NotFoundError');
    }
    await http().get('/api/mall/products/NOT-AN-ID').expect(400);
  });
});

describe('SKU writes', () => {
  it('keep the product at its active SKUs’ lowest prices, whoever writes them', async () => {
    const strapi = getStrapi();
    const { product, skus } = await makeProduct(strapi, { skus: [{ spec: '小', price: 1000, pointsPrice: 300, stock: 5 }, { spec: '大', price: 1500, pointsPrice: 200, stock: 5 }] });
    expect(await productPrices(strapi, product.id)).toEqual({ price: 1000, pointsPrice: 200 });

    const documents = strapi.documents('plugin::mall.sku' as never) as unknown as { update(p: object): Promise<unknown>; delete(p: object): Promise<unknown>; create(p: object): Promise<{ id: number; documentId: string }> };
    await documents.update({ documentId: skus[0].documentId, data: { price: 1800 } });
    expect(await productPrices(strapi, product.id)).toEqual({ price: 1500, pointsPrice: 200 });

    await strapi.db.query('plugin::mall.sku').update({ where: { id: skus[1].id }, data: { active: false } });
    expect(await productPrices(strapi, product.id)).toEqual({ price: 1800, pointsPrice: 300 });

    const cheap = await documents.create({ data: { product: product.id, spec: '试用装', price: 99, stock: 3, active: true } });
    expect(await productPrices(strapi, product.id)).toEqual({ price: 99, pointsPrice: 300 });
    // The public page shows it at once (not served from a cache).
    expect((await http().get(`/api/mall/products/${product.documentId}`).expect(200)).body.data.price).toBe(99);

    await documents.delete({ documentId: cheap.documentId });
    expect(await productPrices(strapi, product.id)).toEqual({ price: 1800, pointsPrice: 300 });

    // The admin's form: a product's prices are never taken from it.
    const editor = await superAdmin();
    await contentManager(editor, 'api::product.product').update(product.documentId, { price: 1, pointsPrice: 1, name: `改名 ${RUN}` }).expect(200);
    expect(await productPrices(strapi, product.id)).toEqual({ price: 1800, pointsPrice: 300 });

    // Deactivating the last active SKU takes the prices away (and the product off sale).
    await strapi.db.query('plugin::mall.sku').updateMany({ where: { id: { $in: skus.map((sku) => sku.id) } }, data: { active: false } });
    expect(await productPrices(strapi, product.id)).toEqual({ price: null, pointsPrice: null });
    await http().get(`/api/mall/products/${product.documentId}`).expect(404);
  });

  it('never take stock from an editor’s form: restock adds units in one statement', async () => {
    const strapi = getStrapi();
    const editor = await superAdmin();
    const cm = contentManager(editor, 'plugin::mall.sku');
    const { product, skus } = await makeProduct(strapi, { skus: [{ spec: '默认', price: 500, stock: 10 }] });
    const sku = skus[0];

    // A form opened at stock 10; meanwhile 4 sold; saving it with its old stock changes nothing.
    await strapi.db.connection('mall_skus').where({ id: sku.id }).update({ stock: 6, sales_count: 4 });
    const stale = await cm.update(sku.documentId, { spec: '默认', stock: 10, salesCount: 0, reserved: 0, price: 500 });
    expect(stale.status).toBe(200);
    expect(await skuStock(strapi, sku.id)).toBe(6);

    const restocked = await cm.update(sku.documentId, { stock: 10, restock: 5 });
    expect(restocked.status).toBe(200);
    expect(await skuStock(strapi, sku.id)).toBe(11);
    // restock is never stored.
    expect(((await strapi.db.connection('mall_skus').where({ id: sku.id }).first('restock')) as { restock: number | null }).restock ?? 0).toBe(0);

    const tooMany = await cm.update(sku.documentId, { restock: -12 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details.errors[0].path).toEqual(['restock']);
    expect(await skuStock(strapi, sku.id)).toBe(11);
    await cm.update(sku.documentId, { restock: -11 }).expect(200);
    expect(await skuStock(strapi, sku.id)).toBe(0);

    // A SKU made in the admin starts with its restock (stock is read-only there).
    const created = await cm.create({ product: { connect: [{ id: product.id, documentId: product.documentId }], disconnect: [] }, spec: '新', price: 700, restock: 8, active: true });
    expect(created.status).toBe(201);
    expect(await skuStock(strapi, created.body.data.id)).toBe(8);
  });

  it('show stock, reserved units and sales read-only in the admin’s SKU form, with 补货 to change stock', async () => {
    const editor = await superAdmin();
    const sku = await http().get('/content-manager/content-types/plugin::mall.sku/configuration').set(editor.auth).expect(200);
    const metadatas = sku.body.data.contentType.metadatas as Record<string, { edit: { editable?: boolean; label: string } }>;
    expect(['stock', 'reserved', 'salesCount', 'restock'].map((field) => [field, metadatas[field].edit.editable])).toEqual([
      ['stock', false],
      ['reserved', false],
      ['salesCount', false],
      ['restock', true],
    ]);
    const product = await http().get('/content-manager/content-types/api::product.product/configuration').set(editor.auth).expect(200);
    const productFields = product.body.data.contentType.metadatas as Record<string, { edit: { editable?: boolean } }>;
    expect(['price', 'pointsPrice', 'salesCount'].map((field) => productFields[field].edit.editable)).toEqual([false, false, false]);
  });

  it('add up concurrent restocks and sales', async () => {
    const strapi = getStrapi();
    const { skus } = await makeProduct(strapi, { skus: [{ spec: '默认', price: 500, pointsPrice: 10, stock: 20 }] });
    const sku = skus[0];
    const documents = strapi.documents('plugin::mall.sku' as never) as unknown as { update(p: object): Promise<unknown> };
    const buyers = await Promise.all(Array.from({ length: 5 }, () => createUser()));
    for (const buyer of buyers) await givePoints(buyer, 100);
    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, () => documents.update({ documentId: sku.documentId, data: { restock: 3, stock: 20 } })),
      ...buyers.map((buyer) => placeOrder(buyer, { items: [{ sku: sku.documentId, quantity: 2 }], payWith: 'points', address: ADDRESS })),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const orders = results.slice(10).map((r) => (r as PromiseFulfilledResult<{ status: number }>).value.status);
    expect(orders).toEqual([201, 201, 201, 201, 201]);
    // 20 + 10 x 3 restocked - 5 x 2 sold: no restock undid a sale, no sale undid a restock.
    expect(await skuStock(strapi, sku.id)).toBe(40);
  });
});

describe('shops’ own admin accounts', () => {
  it('see and edit only their shop’s products and SKUs in the content manager', async () => {
    const strapi = getStrapi();
    const roleId = await adminRoleId('mall-merchant');
    const owner = await adminWith(roleId, 'Shop');
    const mine = await makeMerchant(strapi, { admins: [owner.id] });
    const theirs = await makeMerchant(strapi);
    const own = await makeProduct(strapi, { name: `本店 ${RUN}`, merchantId: mine.id, skus: [{ spec: '默认', price: 100, stock: 3 }] });
    const other = await makeProduct(strapi, { name: `别家 ${RUN}`, merchantId: theirs.id, skus: [{ spec: '默认', price: 100, stock: 3 }] });

    const list = await http().get('/content-manager/collection-types/api::product.product').query({ page: 1, pageSize: 100 }).set(owner.auth).expect(200);
    expect(list.body.results.map((p: { documentId: string }) => p.documentId)).toEqual([own.product.documentId]);
    const skuList = await http().get('/content-manager/collection-types/plugin::mall.sku').query({ page: 1, pageSize: 100 }).set(owner.auth).expect(200);
    expect(skuList.body.results.map((s: { documentId: string }) => s.documentId)).toEqual([own.skus[0].documentId]);

    const products = contentManager(owner, 'api::product.product');
    expect((await products.findOne(own.product.documentId)).status).toBe(200);
    expect([403, 404]).toContain((await products.findOne(other.product.documentId)).status);
    expect([403, 404]).toContain((await products.update(other.product.documentId, { name: '抢过来' })).status);
    expect([403, 404]).toContain((await contentManager(owner, 'plugin::mall.sku').update(other.skus[0].documentId, { restock: 5 })).status);
    expect(await skuStock(strapi, other.skus[0].id)).toBe(3);

    const renamed = await products.update(own.product.documentId, { name: `本店新名 ${RUN}` });
    expect(renamed.status).toBe(200);
    expect(((await strapi.db.connection('products').where({ id: own.product.id }).first('name')) as { name: string }).name).toBe(`本店新名 ${RUN}`);
    await contentManager(owner, 'plugin::mall.sku').update(own.skus[0].documentId, { restock: 2 }).expect(200);
    expect(await skuStock(strapi, own.skus[0].id)).toBe(5);
    // Orders: read-only, their shop's only.
    const buyer = await createUser();
    await givePoints(buyer, 100);
    await strapi.db.connection('mall_skus').whereIn('id', [own.skus[0].id, other.skus[0].id]).update({ points_price: 10 });
    const ownOrder = await placeOrder(buyer, { items: [{ sku: own.skus[0].documentId, quantity: 1 }], payWith: 'points', address: ADDRESS }).expect(201);
    await placeOrder(buyer, { items: [{ sku: other.skus[0].documentId, quantity: 1 }], payWith: 'points', address: ADDRESS }).expect(201);
    const orders = await http().get('/content-manager/collection-types/api::order.order').query({ page: 1, pageSize: 100 }).set(owner.auth).expect(200);
    expect(orders.body.results.map((o: { orderNo: string }) => o.orderNo)).toEqual([ownOrder.body.data.orderNo]);
    const orderDocument = orders.body.results[0].documentId as string;
    expect([403, 405]).toContain((await contentManager(owner, 'api::order.order').update(orderDocument, { note: '改一下' })).status);
    // Other types are not theirs at all.
    const users = await http().get('/content-manager/collection-types/plugin::users-permissions.user').set(owner.auth);
    expect(users.status).toBe(403);
  });
});
