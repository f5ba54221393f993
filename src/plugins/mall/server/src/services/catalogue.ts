import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { NotFoundError, ValidationError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';
import { decodeProductCursor, encodeProductCursor, type ProductCursor } from '../domain/cursor';
import { absoluteUrl, iso, jsonColumn, numberOrNull, truthy } from '../utils/rows';
import type { ProductListQuery } from '../validation/requests';

/**
 * The public catalogue: GET /mall/categories (a two-level tree), /mall/products (keyset pages of what is
 * on sale) and /mall/products/:documentId (one product with its SKUs).
 *
 * On sale = the product is active and approved and has at least one active SKU. A product's `price` and
 * `pointsPrice` are its active SKUs' lowest (kept by services/sku-aggregates.ts), so the list filters and
 * sorts on the product row alone. Reads are a few knex statements per page (the lists are the mall's
 * busiest reads): the page, its first images, its shops. These routes are not in the public response
 * cache (it holds `<uid>.find` / `findOne` answers only), so an edit shows at once.
 */
type Row = Record<string, unknown>;

export type ProductCard = {
  documentId: string;
  name: string;
  kind: 'mall' | 'secondHand';
  image: string | null;
  price: number | null;
  originalPrice: number | null;
  pointsPrice: number | null;
  salesCount: number;
  region: string | null;
  soldOut: boolean;
  merchant: { documentId: string; name: string } | null;
  createdAt: string;
};

export type ProductDetail = Omit<ProductCard, 'merchant'> & {
  description: string | null;
  images: string[];
  category: { documentId: string; name: string } | null;
  skus: Array<{ documentId: string; spec: string; price: number | null; pointsPrice: number | null; stock: number; image: string | null }>;
  merchant: { documentId: string; name: string; region: string | null; pickupPoints: string[] } | null;
  seller: { nickname: string | null; avatarUrl: string | null } | null;
  review: 'approved' | 'pending' | 'rejected';
  reviewNote: string | null;
  active: boolean;
};

export type CategoryNode = { documentId: string; name: string; icon: string | null };
export type CategoryTree = Array<CategoryNode & { children: CategoryNode[] }>;

const MEDIA_LINKS = 'files_related_mph';
const FILES = 'files';

/** The files of `field` of the rows `ids` of `type`, in their order, by row id. */
const filesOf = async (knex: Knex, type: string, field: string, ids: number[]): Promise<Map<number, string[]>> => {
  const byRow = new Map<number, string[]>();
  if (ids.length === 0) return byRow;
  const rows = (await knex(`${MEDIA_LINKS} as m`)
    .join(`${FILES} as f`, 'f.id', 'm.file_id')
    .where({ 'm.related_type': type, 'm.field': field })
    .whereIn('m.related_id', ids)
    .orderBy([{ column: 'm.related_id' }, { column: 'm.order' }, { column: 'm.id' }])
    .select('m.related_id', 'f.url')) as Array<{ related_id: number | string; url: string }>;
  for (const row of rows) {
    const id = Number(row.related_id);
    if (!byRow.has(id)) byRow.set(id, []);
    byRow.get(id)!.push(row.url);
  }
  return byRow;
};

/** LIKE with the user's %, _ and \ taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const catalogueService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /** `EXISTS` an active SKU with units left: the card's soldOut is its negation. */
  const inStockColumn = () =>
    knex().raw(`EXISTS (SELECT 1 FROM ${TABLES.skus} s WHERE s.product_id = p.id AND s.active = ? AND s.stock > 0) AS in_stock`, [true]);

  const onSale = (query: Knex.QueryBuilder) =>
    query
      .where('p.active', true)
      .where('p.review', 'approved')
      .whereExists(function activeSku() {
        this.select(knex().raw('1')).from(`${TABLES.skus} as s`).whereRaw('s.product_id = p.id').andWhere('s.active', true);
      });

  const merchantsOf = async (ids: Array<unknown>): Promise<Map<number, Row>> => {
    const wanted = [...new Set(ids.filter((id) => id !== null && id !== undefined).map(Number))];
    if (wanted.length === 0) return new Map();
    const rows = (await knex()(TABLES.merchants).whereIn('id', wanted).select('id', 'document_id', 'name', 'region', 'pickup_points')) as Row[];
    return new Map(rows.map((row) => [Number(row.id), row]));
  };

  const cardOf = (row: Row, image: string | undefined, merchants: Map<number, Row>, baseUrl: string): ProductCard => {
    const merchant = row.merchant_id === null || row.merchant_id === undefined ? undefined : merchants.get(Number(row.merchant_id));
    return {
      documentId: String(row.document_id),
      name: String(row.name),
      kind: row.kind === 'secondHand' ? 'secondHand' : 'mall',
      image: absoluteUrl(image, baseUrl),
      price: numberOrNull(row.price),
      originalPrice: numberOrNull(row.original_price),
      pointsPrice: numberOrNull(row.points_price),
      salesCount: Number(row.sales_count ?? 0),
      region: (row.region as string | null) ?? null,
      soldOut: !truthy(row.in_stock),
      merchant: merchant ? { documentId: String(merchant.document_id), name: String(merchant.name) } : null,
      createdAt: iso(row.created_at) ?? new Date(0).toISOString(),
    };
  };

  /** Ids of a category and, for a top category, of its children (two levels: nothing deeper). */
  const categoryAndChildren = async (documentId: string): Promise<number[]> => {
    const category = (await knex()(TABLES.categories).where({ document_id: documentId }).first('id')) as { id: number } | undefined;
    if (!category) return [];
    const children = (await knex()(TABLES.categories).where({ parent_id: category.id }).select('id')) as Array<{ id: number }>;
    return [Number(category.id), ...children.map((child) => Number(child.id))];
  };

  const service = {
    /** Active categories, top ones with their active children, each level in sortOrder. */
    async categories(baseUrl: string): Promise<CategoryTree> {
      const rows = (await knex()(TABLES.categories)
        .where('active', true)
        .orderBy([{ column: 'sort_order', order: 'asc' }, { column: 'id', order: 'asc' }])
        .select('id', 'document_id', 'name', 'parent_id')) as Row[];
      const icons = await filesOf(knex(), UIDS.category, 'icon', rows.map((row) => Number(row.id)));
      const node = (row: Row): CategoryNode => ({ documentId: String(row.document_id), name: String(row.name), icon: absoluteUrl(icons.get(Number(row.id))?.[0], baseUrl) });
      // A child of an inactive (or missing) parent is hidden with it.
      return rows
        .filter((row) => row.parent_id === null || row.parent_id === undefined)
        .map((top) => ({ ...node(top), children: rows.filter((row) => row.parent_id !== null && Number(row.parent_id) === Number(top.id)).map(node) }));
    },

    async products(query: ProductListQuery, baseUrl: string): Promise<{ data: ProductCard[]; meta: { nextCursor: string | null } }> {
      let cursor: ProductCursor | null = null;
      if (query.cursor !== undefined) {
        cursor = decodeProductCursor(query.cursor, query.sort);
        if (!cursor) {
          throw new ValidationError('Invalid query: cursor: not a cursor of this list (pass meta.nextCursor of the same sort)', { errors: [{ path: ['cursor'], message: 'not a cursor of this list' }] });
        }
      }
      const page = onSale(knex()(`${TABLES.products} as p`)).select('p.*', inStockColumn());
      if (query.category) page.whereIn('p.category_id', [...(await categoryAndChildren(query.category)), -1]);
      if (query.merchant) {
        const merchant = (await knex()(TABLES.merchants).where({ document_id: query.merchant }).first('id')) as { id: number } | undefined;
        page.where('p.merchant_id', merchant ? Number(merchant.id) : -1);
      }
      if (query.region) page.where('p.region', query.region);
      if (query.kind) page.where('p.kind', query.kind);
      if (query.payWith === 'points') page.whereNotNull('p.points_price');
      if (query.payWith === 'wechat') page.where('p.price', '>', 0);
      if (query.minPrice !== undefined) page.where('p.price', '>=', query.minPrice);
      if (query.maxPrice !== undefined) page.where('p.price', '<=', query.maxPrice);
      if (query.q) page.whereRaw(`p.name LIKE ? ESCAPE '\\'`, [containsPattern(query.q)]);

      if (query.sort === 'newest') {
        // Ids grow with time: the id alone orders and pages it.
        page.orderBy('p.id', 'desc');
        if (cursor) page.where('p.id', '<', cursor.id);
      } else {
        // Price orders list what has that price (a points-only product has no fen price to sort by).
        const column = query.sort === 'points_asc' ? 'p.points_price' : 'p.price';
        const ascending = query.sort !== 'price_desc';
        const after = ascending ? '>' : '<';
        page.whereNotNull(column).orderBy([{ column, order: ascending ? 'asc' : 'desc' }, { column: 'p.id', order: ascending ? 'asc' : 'desc' }]);
        if (cursor && cursor.key !== null) {
          const { key, id } = cursor;
          page.where((w) => w.where(column, after, key).orWhere((same) => same.where(column, key).andWhere('p.id', after, id)));
        }
      }
      const rows = (await page.limit(query.limit + 1)) as Row[];
      const shown = rows.slice(0, query.limit);
      const [images, merchants] = await Promise.all([
        filesOf(knex(), UIDS.product, 'images', shown.map((row) => Number(row.id))),
        merchantsOf(shown.map((row) => row.merchant_id)),
      ]);
      const last = shown[shown.length - 1];
      const keyOf = (row: Row) => (query.sort === 'newest' ? null : numberOrNull(query.sort === 'points_asc' ? row.points_price : row.price));
      return {
        data: shown.map((row) => cardOf(row, images.get(Number(row.id))?.[0], merchants, baseUrl)),
        meta: { nextCursor: rows.length > query.limit && last ? encodeProductCursor({ sort: query.sort, key: keyOf(last), id: Number(last.id) }) : null },
      };
    },

    /** One product on sale with its active SKUs; anything else (inactive, not approved, no active SKU) is a 404. */
    async product(documentId: string, baseUrl: string): Promise<ProductDetail> {
      const row = (await onSale(knex()(`${TABLES.products} as p`)).where('p.document_id', documentId).first('p.*', inStockColumn())) as Row | undefined;
      if (!row) throw new NotFoundError('No such product on sale');
      return service.detailOf(row, baseUrl);
    },

    /** A product row (with `in_stock`) as its page shows it; also the seller's view of their listings. */
    async detailOf(row: Row, baseUrl: string): Promise<ProductDetail> {
      const id = Number(row.id);
      const [images, skus, merchants, category, seller] = await Promise.all([
        filesOf(knex(), UIDS.product, 'images', [id]),
        knex()(TABLES.skus)
          .where({ product_id: id, active: true })
          .orderBy([{ column: 'sort_order', order: 'asc' }, { column: 'id', order: 'asc' }])
          .select('id', 'document_id', 'spec', 'price', 'points_price', 'stock') as Promise<Row[]>,
        merchantsOf([row.merchant_id]),
        row.category_id ? (knex()(TABLES.categories).where({ id: row.category_id }).first('document_id', 'name') as Promise<Row | undefined>) : Promise.resolve(undefined),
        row.seller_id ? (knex()('up_users').where({ id: row.seller_id }).first('nickname', 'avatar') as Promise<Row | undefined>) : Promise.resolve(undefined),
      ]);
      const skuImages = await filesOf(knex(), UIDS.sku, 'image', skus.map((sku) => Number(sku.id)));
      const urls = images.get(id) ?? [];
      const merchant = row.merchant_id ? merchants.get(Number(row.merchant_id)) : undefined;
      return {
        ...cardOf(row, urls[0], merchants, baseUrl),
        description: (row.description as string | null) ?? null,
        images: urls.map((url) => absoluteUrl(url, baseUrl)).filter((url): url is string => url !== null),
        category: category ? { documentId: String(category.document_id), name: String(category.name) } : null,
        skus: skus.map((sku) => ({
          documentId: String(sku.document_id),
          spec: String(sku.spec),
          price: numberOrNull(sku.price),
          pointsPrice: numberOrNull(sku.points_price),
          stock: Number(sku.stock),
          image: absoluteUrl(skuImages.get(Number(sku.id))?.[0], baseUrl),
        })),
        merchant: merchant
          ? {
              documentId: String(merchant.document_id),
              name: String(merchant.name),
              region: (merchant.region as string | null) ?? null,
              pickupPoints: (jsonColumn<unknown[]>(merchant.pickup_points) ?? []).filter((point): point is string => typeof point === 'string'),
            }
          : null,
        seller: row.kind === 'secondHand' && seller ? { nickname: (seller.nickname as string | null) ?? null, avatarUrl: absoluteUrl(seller.avatar, baseUrl) } : null,
        review: row.review === 'pending' || row.review === 'rejected' ? row.review : 'approved',
        reviewNote: (row.review_note as string | null) ?? null,
        active: truthy(row.active),
      };
    },

    /** Product rows (with `in_stock`) matching `where`, newest first: the seller's own listings. */
    async rowsWhere(where: Record<string, unknown>): Promise<Row[]> {
      return (await knex()(`${TABLES.products} as p`).where(where).orderBy('p.id', 'desc').select('p.*', inStockColumn())) as Row[];
    },
  };
  return service;
};

export type CatalogueService = ReturnType<typeof catalogueService>;
export default catalogueService;
