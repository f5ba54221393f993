import { z } from 'zod';

/**
 * What the mall's routes accept (zod): the controllers parse with these through parseOrThrow (a 400 in
 * Strapi's envelope), the services take the inferred types, and the API document is generated from them.
 */
export const documentId = z.string().regex(/^[a-z0-9]{10,64}$/, 'a documentId');
const limit = z.coerce.number().int().min(1).max(50).default(20);
const cursor = z.string().min(1).max(512).optional();
const fen = z.coerce.number().int().min(0).max(100_000_000);

export const documentIdParams = z.object({ documentId }).strict();
export const orderNoParams = z.object({ orderNo: z.string().regex(/^[0-9A-Z]{29}$/, 'an order number') }).strict();

// --- catalogue ---

export const PRODUCT_KINDS = ['mall', 'secondHand'] as const;
export const PRODUCT_SORTS = ['newest', 'price_asc', 'price_desc', 'points_asc'] as const;

/** GET /mall/products: one page of the on-sale products, filtered; `cursor` is the previous page's meta.nextCursor. */
export const productListQuerySchema = z
  .object({
    category: documentId.optional(),
    merchant: documentId.optional(),
    region: z.string().trim().min(1).max(60).optional(),
    kind: z.enum(PRODUCT_KINDS).optional(),
    /** Only what can be paid this way: `points` (a points price), `wechat` (a price in fen). */
    payWith: z.enum(['points', 'wechat']).optional(),
    minPrice: fen.optional(),
    maxPrice: fen.optional(),
    q: z.string().trim().min(1).max(40).optional(),
    sort: z.enum(PRODUCT_SORTS).default('newest'),
    cursor,
    limit,
  })
  .strict()
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, { message: 'minPrice must not exceed maxPrice', path: ['minPrice'] });
export type ProductListQuery = z.infer<typeof productListQuerySchema>;

/** POST /mall/listings: a second-hand listing by the caller (one unit, moderated before it shows). */
export const listingBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(2000).default(''),
    category: documentId.optional(),
    region: z.string().trim().min(1).max(60).optional(),
    /** In fen (1/100 yuan): second-hand goods are sold for money through WeChat Pay. */
    price: z.number().int().min(1).max(10_000_000),
    originalPrice: z.number().int().min(1).max(10_000_000).optional(),
    /** Uploaded through POST /mall/listings/images (ids of the caller's own uploads). */
    images: z.array(z.number().int().positive()).max(9).default([]),
    idempotencyKey: z.string().min(8).max(64).optional(),
  })
  .strict();
export type ListingInput = z.infer<typeof listingBodySchema>;

// --- orders ---

export const PAY_METHODS = ['points', 'wechat'] as const;
export type PayMethod = (typeof PAY_METHODS)[number];

export const addressSchema = z
  .object({
    name: z.string().trim().min(1).max(30),
    phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, 'a phone number'),
    region: z.string().trim().min(1).max(60),
    detail: z.string().trim().min(1).max(120),
  })
  .strict();
export type Address = z.infer<typeof addressSchema>;

/** POST /orders: prices, snapshots, stock and (points) the spend are the server's; the client names SKUs and counts. */
export const createOrderBodySchema = z
  .object({
    items: z
      .array(z.object({ sku: documentId, quantity: z.number().int().min(1).max(99) }).strict())
      .min(1)
      .max(20)
      .refine((items) => new Set(items.map((i) => i.sku)).size === items.length, { message: 'each SKU once (add up the quantities)' }),
    payWith: z.enum(PAY_METHODS),
    address: addressSchema.optional(),
    /** A pickup point of the shop (its pickupPoints), instead of an address. */
    pickup: z.string().trim().min(1).max(100).optional(),
    note: z.string().trim().max(200).default(''),
    idempotencyKey: z.string().min(8).max(64).optional(),
  })
  .strict()
  .refine((body) => !(body.address && body.pickup), { message: 'send an address or a pickup point, not both', path: ['pickup'] });
export type CreateOrderInput = z.infer<typeof createOrderBodySchema>;

export const ORDER_LIST_FILTERS = ['all', 'pending_payment', 'paid', 'shipped', 'completed', 'cancelled', 'refund'] as const;
/** GET /orders: the caller's orders, newest first; `refund` is refund_requested, refunding and refunded together. */
export const orderListQuerySchema = z.object({ status: z.enum(ORDER_LIST_FILTERS).default('all'), cursor, limit }).strict();
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

export const cancelBodySchema = z.object({ reason: z.string().trim().max(200).optional() }).strict();
export const refundRequestBodySchema = z.object({ reason: z.string().trim().min(1).max(200) }).strict();

// --- operators (admin routes) ---

export const shipBodySchema = z
  .object({ carrier: z.string().trim().min(1).max(40), trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{4,64}$/, 'a tracking number') })
  .strict();
export const refundDecisionBodySchema = z
  .object({ decision: z.enum(['approve', 'reject']), note: z.string().trim().max(500).optional() })
  .strict()
  .refine((b) => b.decision === 'approve' || (b.note ?? '').length > 0, { message: 'say why the refund is rejected', path: ['note'] });
export type RefundDecision = z.infer<typeof refundDecisionBodySchema>;
