import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { http } from './strapi';

/**
 * Mall catalogue test data (STYLE 13), made the way an editor's save makes it: through the query engine,
 * so the mall's lifecycles run (a product's price / pointsPrice follow its SKUs). Names carry the run's
 * own suffix: worker databases outlive a run.
 */
export const RUN = crypto.randomBytes(3).toString('hex');
let made = 0;
const next = () => `${RUN}-${(made += 1)}`;

export type SkuInput = { spec: string; price?: number | null; pointsPrice?: number | null; stock: number; active?: boolean };
export type MadeSku = { id: number; documentId: string; spec: string };
export type MadeProduct = { id: number; documentId: string; name: string };

export const makeCategory = async (strapi: Core.Strapi, data: { name?: string; parentId?: number | null; sortOrder?: number; active?: boolean } = {}) =>
  (await strapi.db.query('api::product-category.product-category').create({
    data: { name: data.name ?? `分类 ${next()}`, parent: data.parentId ?? null, sortOrder: data.sortOrder ?? 0, active: data.active ?? true },
  })) as { id: number; documentId: string; name: string };

export const makeMerchant = async (strapi: Core.Strapi, data: { name?: string; region?: string; pickupPoints?: string[]; admins?: number[] } = {}) =>
  (await strapi.db.query('plugin::mall.merchant').create({
    data: { name: data.name ?? `小店 ${next()}`, region: data.region ?? null, pickupPoints: data.pickupPoints ?? ['东区快递站'], admins: data.admins ?? [], active: true },
  })) as { id: number; documentId: string; name: string };

export const makeProduct = async (
  strapi: Core.Strapi,
  options: {
    name?: string;
    kind?: 'mall' | 'secondHand';
    merchantId?: number | null;
    categoryId?: number | null;
    sellerId?: number | null;
    region?: string | null;
    review?: 'approved' | 'pending' | 'rejected';
    active?: boolean;
    skus: SkuInput[];
  },
): Promise<{ product: MadeProduct; skus: MadeSku[] }> => {
  const product = (await strapi.db.query('api::product.product').create({
    data: {
      name: options.name ?? `商品 ${next()}`,
      kind: options.kind ?? 'mall',
      merchant: options.merchantId ?? null,
      category: options.categoryId ?? null,
      seller: options.sellerId ?? null,
      region: options.region ?? null,
      review: options.review ?? 'approved',
      active: options.active ?? true,
    },
  })) as MadeProduct;
  const skus: MadeSku[] = [];
  for (const [i, sku] of options.skus.entries()) {
    const row = (await strapi.db.query('plugin::mall.sku').create({
      data: { product: product.id, spec: sku.spec, price: sku.price ?? null, pointsPrice: sku.pointsPrice ?? null, stock: sku.stock, reserved: 0, salesCount: 0, sortOrder: i, active: sku.active ?? true },
    })) as MadeSku;
    skus.push({ id: row.id, documentId: row.documentId, spec: row.spec });
  }
  return { product, skus };
};

/** The product row's derived prices and the SKU's counters, as stored. */
export const productPrices = async (strapi: Core.Strapi, id: number) => {
  const row = (await strapi.db.connection('products').where({ id }).first('price', 'points_price')) as { price: number | null; points_price: number | null };
  return { price: row.price === null ? null : Number(row.price), pointsPrice: row.points_price === null ? null : Number(row.points_price) };
};

export const skuStock = async (strapi: Core.Strapi, id: number) =>
  Number(((await strapi.db.connection('mall_skus').where({ id }).first('stock')) as { stock: number }).stock);

/** Every page of GET /api/mall/products for `query`, following meta.nextCursor; `between` runs after each page. */
export const allPages = async (query: Record<string, string | number>, between?: (page: number) => Promise<void>) => {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const res: { body: { data: Array<{ documentId: string }>; meta: { nextCursor: string | null } } } = await http()
      .get('/api/mall/products')
      .query({ ...query, ...(cursor ? { cursor } : {}) })
      .expect(200);
    seen.push(...res.body.data.map((p) => p.documentId));
    cursor = res.body.meta.nextCursor;
    if (!cursor) return seen;
    if (between) await between(page);
  }
  throw new Error('more than 100 pages');
};

/** A 1x1 PNG, for listing images. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
