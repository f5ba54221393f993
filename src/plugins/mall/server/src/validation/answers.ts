import { emptyMeta, instant, z } from '../../../../../utils/openapi';
import { ORDER_STATUSES } from '../domain/status';
import { ADMIN_ORDER_ACTIONS, USER_ORDER_ACTIONS } from '../domain/actions';
import { PAY_METHODS, PRODUCT_KINDS } from './requests';

/**
 * What the mall's routes answer, as zod schemas: the API document (and the mini-program's types) are
 * generated from them, and tests/e2e/openapi-conformance.test.ts holds real answers to them.
 */
const nextCursor = z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' });
const ref = z.object({ documentId: z.string(), name: z.string() }).strict();

export const categorySchema = z
  .object({
    documentId: z.string(),
    name: z.string(),
    icon: z.string().nullable(),
    children: z.array(z.object({ documentId: z.string(), name: z.string(), icon: z.string().nullable() }).strict()),
  })
  .strict()
  .openapi('MallCategory');
export const categoriesAnswerSchema = z.object({ data: z.array(categorySchema), meta: emptyMeta }).strict();

export const productCardSchema = z
  .object({
    documentId: z.string(),
    name: z.string(),
    kind: z.enum(PRODUCT_KINDS),
    image: z.string().nullable(),
    price: z.number().int().nullable().openapi({ description: 'Lowest SKU price in fen; null when only points buy it' }),
    originalPrice: z.number().int().nullable(),
    pointsPrice: z.number().int().nullable().openapi({ description: 'Lowest SKU points price; null when points do not buy it' }),
    salesCount: z.number().int(),
    region: z.string().nullable(),
    soldOut: z.boolean(),
    merchant: ref.nullable(),
    createdAt: instant,
  })
  .strict()
  .openapi('MallProductCard');
export const productListAnswerSchema = z.object({ data: z.array(productCardSchema), meta: z.object({ nextCursor }).strict() }).strict();

export const skuSchema = z
  .object({
    documentId: z.string(),
    spec: z.string(),
    price: z.number().int().nullable().openapi({ description: 'In fen; null: not sold for money' }),
    pointsPrice: z.number().int().nullable().openapi({ description: 'null: not sold for points' }),
    stock: z.number().int().openapi({ description: 'Units left to sell' }),
    image: z.string().nullable(),
  })
  .strict()
  .openapi('MallSku');

// Built from the card's shape, not `.extend()`: extending a registered strict schema is written as allOf of two
// closed objects, which no answer can satisfy (each part refuses the other's fields).
export const productDetailSchema = z
  .object({
    ...productCardSchema.shape,
    description: z.string().nullable(),
    images: z.array(z.string()),
    category: ref.nullable(),
    skus: z.array(skuSchema),
    merchant: ref.extend({ region: z.string().nullable(), pickupPoints: z.array(z.string()) }).strict().nullable(),
    seller: z.object({ nickname: z.string().nullable(), avatarUrl: z.string().nullable() }).strict().nullable().openapi({ description: 'A second-hand listing’s seller (contact goes through the order)' }),
    review: z.enum(['approved', 'pending', 'rejected']).openapi({ description: 'Second-hand listings wait for a moderator; others are approved' }),
    reviewNote: z.string().nullable(),
    active: z.boolean(),
  })
  .strict()
  .openapi('MallProduct');
export const productAnswerSchema = z.object({ data: productDetailSchema, meta: emptyMeta }).strict();
export const listingsAnswerSchema = z.object({ data: z.array(productDetailSchema), meta: emptyMeta }).strict();
export const listingImageAnswerSchema = z.object({ data: z.object({ id: z.number().int(), url: z.string() }).strict(), meta: emptyMeta }).strict();

export const orderItemSchema = z
  .object({
    sku: z.string().nullable().openapi({ description: 'The SKU’s documentId (null once deleted)' }),
    product: z.string().nullable(),
    name: z.string(),
    spec: z.string().nullable(),
    image: z.string().nullable(),
    unitPrice: z.number().int().openapi({ description: 'Fen, as priced at order time' }),
    unitPoints: z.number().int(),
    quantity: z.number().int(),
  })
  .strict()
  .openapi('MallOrderItem');

export const refundSummarySchema = z
  .object({
    status: z.enum(['requested', 'rejected', 'withdrawn', 'processing', 'succeeded', 'failed']),
    method: z.enum(PAY_METHODS),
    reason: z.string().nullable(),
    amountFen: z.number().int(),
    amountPoints: z.number().int(),
    decisionNote: z.string().nullable(),
    createdAt: instant,
  })
  .strict()
  .openapi('MallRefund');

export const addressAnswerSchema = z.object({ name: z.string(), phone: z.string(), region: z.string(), detail: z.string() }).strict();

export const orderSchema = z
  .object({
    orderNo: z.string(),
    status: z.enum(ORDER_STATUSES),
    statusLabel: z.string().openapi({ description: '待付款, 待发货, 待收货 ...' }),
    payMethod: z.enum(PAY_METHODS),
    totalFen: z.number().int(),
    totalPoints: z.number().int(),
    itemCount: z.number().int(),
    title: z.string(),
    items: z.array(orderItemSchema),
    address: addressAnswerSchema.nullable(),
    pickup: z.string().nullable(),
    note: z.string().nullable(),
    merchant: ref.nullable(),
    createdAt: instant,
    expiresAt: instant.nullable().openapi({ description: 'Unpaid orders are cancelled at this time' }),
    paidAt: instant.nullable(),
    shippedAt: instant.nullable(),
    completedAt: instant.nullable(),
    cancelledAt: instant.nullable(),
    refundedAt: instant.nullable(),
    afterSalesUntil: instant.nullable().openapi({ description: 'A refund may be asked until then' }),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    refund: refundSummarySchema.nullable().openapi({ description: 'The latest refund request' }),
    actions: z.array(z.enum(USER_ORDER_ACTIONS)).openapi({ description: 'What the caller can do now' }),
  })
  .strict()
  .openapi('MallOrder');

export const trailEntrySchema = z
  .object({ from: z.string().nullable(), to: z.string(), by: z.enum(['user', 'operator', 'system', 'wechat']), reason: z.string().nullable(), at: instant })
  .strict()
  .openapi('MallOrderTrailEntry');

export const paymentParamsSchema = z
  .object({ appId: z.string(), timeStamp: z.string(), nonceStr: z.string(), package: z.string(), signType: z.literal('RSA'), paySign: z.string() })
  .strict()
  .openapi('MallPaymentParams', { description: 'Pass as is to wx.requestPayment' });

export const orderAnswerSchema = z
  .object({
    data: z.object({ ...orderSchema.shape, trail: z.array(trailEntrySchema) }).strict(),
    meta: z.object({ balance: z.number().int().optional(), payment: paymentParamsSchema.optional() }).strict(),
  })
  .strict();
export const orderListAnswerSchema = z.object({ data: z.array(orderSchema), meta: z.object({ nextCursor }).strict() }).strict();
export const paymentAnswerSchema = z
  .object({ data: z.object({ orderNo: z.string(), expiresAt: instant, payment: paymentParamsSchema }).strict(), meta: emptyMeta })
  .strict();

export const orderProblemDetails = z
  .object({
    reason: z.enum(['sold_out', 'sku_unavailable', 'mixed_shops', 'price_missing', 'address_required', 'pickup_unknown', 'own_listing', 'insufficient_points']),
    sku: z.string().optional(),
    needed: z.number().int().optional(),
    field: z.string().optional(),
  })
  .passthrough();
export const transitionConflictDetails = z
  .object({ reason: z.enum(['invalid_transition', 'after_sales_closed']), status: z.enum(ORDER_STATUSES), action: z.string() })
  .strict();

/** Admin-only actions the order page offers (for the operators' admin routes). */
export const adminOrderActionsSchema = z.array(z.enum(ADMIN_ORDER_ACTIONS));
