import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { NotFoundError, ValidationError } from '../../../../../utils/errors';
import { TABLES } from '../content-types';
import { decodeProductCursor, encodeProductCursor, type ProductCursor } from '../domain/cursor';
import { absoluteUrl, iso, jsonColumn, numberOrNull, truthy } from '../utils/rows';
import type { ProductListQuery } from '../validation/requests';
import { getService } from '../utils/get-service';

/**
 * The public catalogue (GET /mall/categories, /mall/products, /mall/products/:documentId): what is on sale
 * (active, approved, with an active SKU), read with knex in a few statements per page, images from Strapi's
 * media table. Product lists are keyset pages (domain/cursor.ts) in four orders; a top category includes
 * its children. A product's `price` / `pointsPrice` are its active SKUs' lowest (kept by sku-rules.ts).
 */
type Row = Record<string, unknown>;

const firstImages = async (knex: Knex, type: string, field: string, ids: number[]): Promise<Map<number, string>> => {
  if (ids.length === 0) return new Map();
  const rows = (await knex('files_related_mph as m')
    .join('files as f', 'f.id', 'm.file_id')
    .where({ 'm.related_type': type, 'm.field': field })
    .whereIn('m.related_id', ids)
    .orderBy(['m.related_id', 'm.order'])
    .select('m.related_id', 'f.url')) as Array<{ related_id: number; url: string }>;
  const first = new Map<number, string>();
  for (const row of rows) if (!first.has(Number(row.related_id))) first.set(Number(row.related_id), row.url);
  return first;
};

const allImages = async (knex: Knex, type: string, field: string, id: number): Promise<string[]> =>
  ((await knex('files_related_mph as m').join('files as f', 'f.id', 'm.file_id').where({ 'm.related_type': type, 'm.field': field, 'm.related_id': id }).orderBy('m.order').select('f.url')) as Array<{ url: string }>).map((r) => r.url);

const catalogueService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /** Products anyone may buy: active, approved, with at least one active SKU. */
  const onSale = (query: Knex.QueryBuilder) =>
    query
      .where('p.active', true)
      .where('p.review', 'approved')
      .whereExists((sub) => sub.select(knex().raw('1')).from(`${TABLES.skus} as s`).whereRaw('s.product_id = p.id').where('s.active', true));

  const cardOf = (row: Row, image: string | undefined, merchants: Map<number, Row>, baseUrl: string) => {
    const merchant = row.merchant_id === null || row.merchant_id === undefined ? undefined : merchants.get(Number(row.merchant_id));
    return {
      documentId: String(row.document_id),
      name: String(row.name),
      kind: (row.kind as 'mall' | 'secondHand') ?? 'mall',
      image: absoluteUrl(image, baseUrl),
      price: numberOrNull(row.price),
      originalPrice: numberOrNull(row.original_price),
      pointsPrice: numberOrNull(row.points_price),
      salesCount: Number(row.sales_count ?? 0),
      region: (row.region as string | null) ?? null,
      soldOut: !truthy(row.in_stock),
      merchant: merchant ? { documentId: String(merchant.document_id), name: String(merchant.name) } : null,
      createdAt: iso(row.created_at) as string,
    };
  };

  const merchantsOf = async (rows: Row[]) => {
    const ids = [...new Set(rows.map((r) => r.merchant_id).filter((id) => id !== null && id !== undefined).map(Number))];
    if (ids.length === 0) return new Map<number, Row>();
    const merchants = (await knex()(TABLES.merchants).whereIn('id', ids).select('id', 'document_id', 'name', 'region', 'pickup_points')) as Row[];
    return new Map(merchants.map((m) => [Number(m.id), m]));
  };

  const inStock = () =>
    knex().raw(`EXISTS (SELECT 1 FROM ${TABLES.skus} s WHERE s.product_id = p.id AND s.active = ? AND s.stock > 0) AS in_stock`, [true]);

  const service = {
    async categories(baseUrl: string) {
      const rows = (await knex()(`${TABLES.categories} as c`)
        .where('c.active', true)
        .orderBy([{ column: 'c.sort_order', order: 'asc' }, { column: 'c.id', order: 'asc' }])
        .select('c.id', 'c.document_id', 'c.name', 'c.parent_id')) as Row[];
      const icons = await firstImages(knex(), 'api::product-category.product-category', 'icon', rows.map((r) => Number(r.id)));
      const node = (row: Row) => ({ documentId: String(row.document_id), name: String(row.name), icon: absoluteUrl(icons.get(Number(row.id)), baseUrl) });
      const activeIds = new Set(rows.map((r) => Number(r.id)));
      return rows
        .filter((row) => row.parent_id === null || row.parent_id === undefined || !activeIds.has(Number(row.parent_id)))
        .map((top) => ({ ...node(top), children: rows.filter((row) => Number(row.parent_id) === Number(top.id)).map(node) }));
    },

    async products(query: ProductListQuery, baseUrl: string) {
      let cursor: ProductCursor | null = null;
      if (query.cursor) {
        cursor = decodeProductCursor(query.cursor, query.sort);
        if (!cursor) throw new ValidationError('Invalid query: cursor is not one this server issued for this sort', { errors: [{ path: ['cursor'], message: 'not a cursor of this list' }] });
      }
      const q = onSale(knex()(`${TABLES.products} as p`)).select('p.*', inStock());
      if (query.category) {
        const category = (await knex()(TABLES.categories).where({ document_id: query.category }).first('id')) as { id: number } | undefined;
        if (!category) return { data: [], meta: { nextCursor: null } };
        const children = (await knex()(TABLES.categories).where({ parent_id: category.id }).select('id')) as Array<{ id: number }>;
        q.whereIn('p.category_id', [category.id, ...children.map((c) => Number(c.id))]);
      }
      if (query.merchant) {
        const merchant = (await knex()(TABLES.merchants).where({ document_id: query.merchant }).first('id')) as { id: number } | undefined;
        q.where('p.merchant_id', merchant ? merchant.id : -1);
      }
      if (query.region) q.where('p.region', query.region);
      if (query.kind) q.where('p.kind', query.kind);
      if (query.payWith === 'points') q.whereNotNull('p.points_price');
      if (query.payWith === 'wechat') q.whereNotNull('p.price').where('p.price', '>', 0);
      if (query.minPrice !== undefined) q.where('p.price', '>=', query.minPrice);
      if (query.maxPrice !== undefined) q.where('p.price', '<=', query.maxPrice);
      if (query.q) q.where('p.name', 'like', `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);

      const column = query.sort === 'points_asc' ? 'p.points_price' : 'p.price';
      if (query.sort === 'newest') {
        q.orderBy('p.id', 'desc');
        if (cursor) q.where('p.id', '<', cursor.id);
      } else {
        q.whereNotNull(column);
        const ascending = query.sort !== 'price_desc';
        q.orderBy([{ column, order: ascending ? 'asc' : 'desc' }, { column: 'p.id', order: ascending ? 'asc' : 'desc' }]);
        if (cursor && cursor.key !== null) {
          const op = ascending ? '>' : '<';
          q.where((w) => w.where(column, op, cursor!.key as number).orWhere((e) => e.where(column, cursor!.key as number).where('p.id', op, cursor!.id)));
        }
      }
      const rows = (await q.limit(query.limit + 1)) as Row[];
      const page = rows.slice(0, query.limit);
      const [images, merchants] = await Promise.all([firstImages(knex(), 'api::product.product', 'images', page.map((r) => Number(r.id))), merchantsOf(page)]);
      const last = page[page.length - 1];
      const keyOf = (row: Row) => (query.sort === 'newest' ? null : numberOrNull(query.sort === 'points_asc' ? row.points_price : row.price));
      return {
        data: page.map((row) => cardOf(row, images.get(Number(row.id)), merchants, baseUrl)),
        meta: { nextCursor: rows.length > query.limit && last ? encodeProductCursor({ sort: query.sort, key: keyOf(last), id: Number(last.id) }) : null },
      };
    },

    /** One product with its SKUs, for anyone when on sale; `viewerId` also sees their own listing under review. */
    async product(documentId: string, baseUrl: string, viewerId?: number) {
      const row = (await knex()(`${TABLES.products} as p`)
        .where('p.document_id', documentId)
        .first('p.*', inStock(), knex().raw(`EXISTS (SELECT 1 FROM ${TABLES.skus} s WHERE s.product_id = p.id AND s.active = ?) AS has_active_sku`, [true]))) as Row | undefined;
      const mine = row && viewerId !== undefined && Number(row.seller_id) === viewerId;
      // On sale as the lists say it: active, approved, with an active SKU.
      if (!row || (!mine && (!truthy(row.active) || row.review !== 'approved' || !truthy(row.has_active_sku)))) throw new NotFoundError('No such product on sale');
      return service.detailOf(row, baseUrl);
    },

    async detailOf(row: Row, baseUrl: string) {
      const id = Number(row.id);
      const [images, skus, merchants, category, seller] = await Promise.all([
        allImages(knex(), 'api::product.product', 'images', id),
        knex()(TABLES.skus).where({ product_id: id, active: true }).orderBy([{ column: 'sort_order', order: 'asc' }, { column: 'id', order: 'asc' }]).select('id', 'document_id', 'spec', 'price', 'points_price', 'stock') as Promise<Row[]>,
        merchantsOf([row]),
        row.category_id ? (knex()(TABLES.categories).where({ id: row.category_id }).first('document_id', 'name') as Promise<Row | undefined>) : Promise.resolve(undefined),
        row.seller_id ? (knex()('up_users').where({ id: row.seller_id }).first('nickname', 'avatar') as Promise<Row | undefined>) : Promise.resolve(undefined),
      ]);
      const skuImages = await firstImages(knex(), 'plugin::mall.sku', 'image', skus.map((s) => Number(s.id)));
      const merchant = row.merchant_id ? merchants.get(Number(row.merchant_id)) : undefined;
      const card = cardOf(row, images[0], merchants, baseUrl);
      return {
        ...card,
        description: (row.description as string | null) ?? null,
        images: images.map((url) => absoluteUrl(url, baseUrl) as string),
        category: category ? { documentId: String(category.document_id), name: String(category.name) } : null,
        skus: skus.map((sku) => ({
          documentId: String(sku.document_id),
          spec: String(sku.spec),
          price: numberOrNull(sku.price),
          pointsPrice: numberOrNull(sku.points_price),
          stock: Number(sku.stock),
          image: absoluteUrl(skuImages.get(Number(sku.id)), baseUrl),
        })),
        merchant: merchant
          ? { documentId: String(merchant.document_id), name: String(merchant.name), region: (merchant.region as string | null) ?? null, pickupPoints: (jsonColumn<string[]>(merchant.pickup_points) ?? []).map(String) }
          : null,
        seller: seller ? { nickname: (seller.nickname as string | null) ?? null, avatarUrl: absoluteUrl(seller.avatar, baseUrl) } : null,
        review: row.review as 'approved' | 'pending' | 'rejected',
        reviewNote: (row.review_note as string | null) ?? null,
        active: truthy(row.active),
      };
    },

    /** A product's lowest active SKU prices, kept on the product row (services/sku-aggregates.ts does it; kept for callers of this name). */
    async refreshPrices(productId: number, db?: Knex | Knex.Transaction) {
      await getService(strapi, 'skuAggregates').refresh([productId], db as Knex | undefined);
    },

    /** Product rows (with `in_stock`) matching `where` (knex column names), newest first: a seller's own listings. */
    async rowsWhere(where: Record<string, unknown>): Promise<Row[]> {
      return (await knex()(`${TABLES.products} as p`).where(where).orderBy('p.id', 'desc').select('p.*', inStock())) as Row[];
    },
  };
  return service;
};

export type CatalogueService = ReturnType<typeof catalogueService>;
export default catalogueService;
