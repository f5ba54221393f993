import type { Core } from '@strapi/strapi';
import { gamification, type Sql } from '../../../../gamification/public';
import { userActionsFor, adminActionsFor } from '../domain/actions';
import { STATUS_LABELS, type OrderStatus } from '../domain/status';
import * as SQL from '../statements';
import { TABLES } from '../content-types';
import { instant, iso, jsonColumn, numberOrNull } from '../utils/rows';

/** An order row as the services use it. */
export type OrderRow = {
  id: number; documentId: string; orderNo: string; userId: number | null; merchantId: number | null; status: OrderStatus;
  payMethod: 'points' | 'wechat'; totalFen: number; totalPoints: number; itemCount: number; title: string;
  address: unknown; pickup: string | null; note: string | null; expiresAt: Date | null; paidAt: Date | null; shippedAt: Date | null;
  completedAt: Date | null; cancelledAt: Date | null; refundedAt: Date | null; afterSalesUntil: Date | null; carrier: string | null;
  trackingNumber: string | null; transactionId: string | null; prepayId: string | null; prepayExpiresAt: Date | null; createdAt: Date;
};

export const orderRowOf = (row: Record<string, unknown>): OrderRow => ({
  id: Number(row.id),
  documentId: String(row.document_id),
  orderNo: String(row.order_no),
  userId: numberOrNull(row.user_id),
  merchantId: numberOrNull(row.merchant_id),
  status: row.status as OrderStatus,
  payMethod: row.pay_method as 'points' | 'wechat',
  totalFen: Number(row.total_fen),
  totalPoints: Number(row.total_points),
  itemCount: Number(row.item_count),
  title: String(row.title ?? ''),
  address: jsonColumn(row.address),
  pickup: (row.pickup as string | null) ?? null,
  note: (row.note as string | null) ?? null,
  expiresAt: instant(row.expires_at),
  paidAt: instant(row.paid_at),
  shippedAt: instant(row.shipped_at),
  completedAt: instant(row.completed_at),
  cancelledAt: instant(row.cancelled_at),
  refundedAt: instant(row.refunded_at),
  afterSalesUntil: instant(row.after_sales_until),
  carrier: (row.carrier as string | null) ?? null,
  trackingNumber: (row.tracking_number as string | null) ?? null,
  transactionId: (row.transaction_id as string | null) ?? null,
  prepayId: (row.prepay_id as string | null) ?? null,
  prepayExpiresAt: instant(row.prepay_expires_at),
  createdAt: instant(row.created_at) as Date,
});

type RefundRow = Record<string, unknown>;

/** How an order is shown: to its buyer (GET /orders/:orderNo) and, with the operators' actions, in the admin. */
const orderViewService = ({ strapi }: { strapi: Core.Strapi }) => {
  const sqlService = () => gamification(strapi, 'sql');
  const baseUrl = () => ((strapi.config.get('server.url') as string | undefined) || '').replace(/\/$/, '');
  const imageUrl = (url: unknown) => (typeof url !== 'string' || !url ? null : /^https?:\/\//.test(url) ? url : `${baseUrl()}${url}`);

  const refundOf = (row: RefundRow | undefined) =>
    row
      ? {
          status: row.status as 'requested',
          method: row.method as 'points' | 'wechat',
          reason: (row.reason as string | null) ?? null,
          amountFen: Number(row.amount_fen),
          amountPoints: Number(row.amount_points),
          decisionNote: (row.decision_note as string | null) ?? null,
          createdAt: iso(row.created_at) as string,
        }
      : null;

  const service = {
    /** A just-placed order as its buyer sees it, from what the placing transaction wrote. */
    fresh(order: {
      orderNo: string; status: OrderStatus; payMethod: 'points' | 'wechat'; totalFen: number; totalPoints: number; itemCount: number; title: string;
      address: { name: string; phone: string; region: string; detail: string } | null; pickup: string | null; note: string | null;
      createdAt: Date; expiresAt: Date | null; paidAt: Date | null; merchant: { documentId: string; name: string } | null;
      items: Array<{ sku: string; product: string; name: string; spec: string | null; image: string | null; unitPrice: number; unitPoints: number; quantity: number }>;
      trail: Array<{ from: string | null; to: string; by: 'user'; reason: string | null; at: string }>;
    }) {
      return {
        orderNo: order.orderNo,
        status: order.status,
        statusLabel: STATUS_LABELS[order.status],
        payMethod: order.payMethod,
        totalFen: order.totalFen,
        totalPoints: order.totalPoints,
        itemCount: order.itemCount,
        title: order.title,
        items: order.items.map((item) => ({ ...item, image: imageUrl(item.image) })),
        address: order.address,
        pickup: order.pickup,
        note: order.note,
        merchant: order.merchant,
        createdAt: order.createdAt.toISOString(),
        expiresAt: order.expiresAt?.toISOString() ?? null,
        paidAt: order.paidAt?.toISOString() ?? null,
        shippedAt: null,
        completedAt: null,
        cancelledAt: null,
        refundedAt: null,
        afterSalesUntil: null,
        carrier: null,
        trackingNumber: null,
        refund: null,
        actions: userActionsFor(order.status, order.payMethod, false),
        trail: order.trail,
      };
    },

    /** The whole order: items, trail, latest refund, and what its viewer can do now. */
    async render(sql: Sql | null, orderNo: string, options: { forUser: boolean }) {
      const db = sql ?? sqlService();
      const [row] = await db.rows<Record<string, unknown>>(SQL.ORDER_BY_NO, [orderNo]);
      const order = orderRowOf(row);
      const [items, events, refunds, merchants] = await Promise.all([
        db.rows<Record<string, unknown>>(SQL.ORDER_ITEMS, [order.id]),
        db.rows<Record<string, unknown>>(SQL.ORDER_EVENTS, [order.id]),
        db.rows<RefundRow>(SQL.LATEST_REFUND, [order.id]),
        order.merchantId === null ? Promise.resolve([]) : db.rows<Record<string, unknown>>(SQL.MERCHANT_PICKUP, [order.merchantId]),
      ]);
      return {
        ...service.summary(order, items, refunds[0], merchants[0]),
        trail: events.map((event) => ({
          from: (event.from_status as string | null) ?? null,
          to: String(event.to_status),
          by: event.actor_type as 'user',
          reason: (event.reason as string | null) ?? null,
          at: iso(event.created_at) as string,
          ...(options.forUser ? {} : { actorId: (event.actor_id as string | null) ?? null, actorName: (event.actor_name as string | null) ?? null }),
        })),
        ...(options.forUser ? {} : { adminActions: adminActionsFor(order.status), userId: order.userId }),
      };
    },

    summary(order: OrderRow, items: Array<Record<string, unknown>>, refund: RefundRow | undefined, merchant: Record<string, unknown> | undefined) {
      const now = gamification(strapi, 'clock').now();
      const afterSalesOpen = order.afterSalesUntil !== null && order.afterSalesUntil.getTime() > now.getTime();
      return {
        orderNo: order.orderNo,
        status: order.status,
        statusLabel: STATUS_LABELS[order.status],
        payMethod: order.payMethod,
        totalFen: order.totalFen,
        totalPoints: order.totalPoints,
        itemCount: order.itemCount,
        title: order.title,
        items: items.map((item) => ({
          sku: (item.sku_document_id as string | null) ?? null,
          product: (item.product_document_id as string | null) ?? null,
          name: String(item.name),
          spec: (item.spec as string | null) ?? null,
          image: imageUrl(item.image),
          unitPrice: Number(item.unit_price),
          unitPoints: Number(item.unit_points),
          quantity: Number(item.quantity),
        })),
        address: (order.address as { name: string; phone: string; region: string; detail: string } | null) ?? null,
        pickup: order.pickup,
        note: order.note,
        merchant: merchant ? { documentId: String(merchant.document_id), name: String(merchant.name) } : null,
        createdAt: order.createdAt.toISOString(),
        expiresAt: order.status === 'pending_payment' ? (order.expiresAt?.toISOString() ?? null) : null,
        paidAt: order.paidAt?.toISOString() ?? null,
        shippedAt: order.shippedAt?.toISOString() ?? null,
        completedAt: order.completedAt?.toISOString() ?? null,
        cancelledAt: order.cancelledAt?.toISOString() ?? null,
        refundedAt: order.refundedAt?.toISOString() ?? null,
        afterSalesUntil: order.afterSalesUntil?.toISOString() ?? null,
        carrier: order.carrier,
        trackingNumber: order.trackingNumber,
        refund: refundOf(refund),
        actions: userActionsFor(order.status, order.payMethod, afterSalesOpen),
      };
    },

    /**
     * GET /orders: the buyer's orders newest first, a keyset page (`cursor` = the last id seen). Items,
     * refunds and shops are read for the whole page at once.
     */
    async list(userId: number, filter: string, cursor: string | undefined, limit: number) {
      const knex = strapi.db.connection;
      const statuses: Record<string, OrderStatus[]> = { refund: ['refund_requested', 'refunding', 'refunded'] };
      const after = cursor && /^\d+$/.test(cursor) ? Number(cursor) : null;
      const query = knex(TABLES.orders).where({ user_id: userId }).orderBy('id', 'desc').limit(limit + 1).select('*');
      if (filter !== 'all') query.whereIn('status', statuses[filter] ?? [filter]);
      if (after !== null) query.where('id', '<', after);
      const rows = (await query) as Array<Record<string, unknown>>;
      const page = rows.slice(0, limit).map(orderRowOf);
      const ids = page.map((order) => order.id);
      const merchantIds = [...new Set(page.map((order) => order.merchantId).filter((id): id is number => id !== null))];
      const [items, refunds, merchants] = ids.length === 0 ? [[], [], []] : await Promise.all([
        knex(`${TABLES.orderItems} as i`)
          .leftJoin(`${TABLES.skus} as s`, 's.id', 'i.sku_id')
          .leftJoin(`${TABLES.products} as p`, 'p.id', 'i.product_id')
          .whereIn('i.order_id', ids)
          .orderBy('i.id')
          .select('i.order_id', 's.document_id as sku_document_id', 'p.document_id as product_document_id', 'i.name', 'i.spec', 'i.image', 'i.unit_price', 'i.unit_points', 'i.quantity') as Promise<Array<Record<string, unknown>>>,
        knex(TABLES.refunds).whereIn('order_id', ids).orderBy('id', 'asc').select('*') as Promise<Array<Record<string, unknown>>>,
        merchantIds.length === 0 ? Promise.resolve([]) : (knex(TABLES.merchants).whereIn('id', merchantIds).select('id', 'document_id', 'name') as Promise<Array<Record<string, unknown>>>),
      ]);
      const latestRefund = new Map<number, RefundRow>();
      for (const refund of refunds) latestRefund.set(Number(refund.order_id), refund);
      const merchantById = new Map(merchants.map((m) => [Number(m.id), m]));
      return {
        data: page.map((order) =>
          service.summary(order, items.filter((item) => Number(item.order_id) === order.id), latestRefund.get(order.id), order.merchantId === null ? undefined : merchantById.get(order.merchantId)),
        ),
        meta: { nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null },
      };
    },
  };
  return service;
};

export type OrderViewService = ReturnType<typeof orderViewService>;
export default orderViewService;
