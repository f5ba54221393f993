import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { gamification, InsufficientPointsError, type IdempotentRequest, type Sql, type StoredAnswer } from '../../../../gamification/public';
import { isUniqueViolation } from '../../../../../utils/db-errors';
import { conflictError, NotFoundError, serviceUnavailableError, ValidationError } from '../../../../../utils/errors';
import { orderNumberAt } from '../domain/order-no';
import { TRANSITIONS, allows, type Actor, type OrderAction, type OrderStatus } from '../domain/status';
import * as SQL from '../statements';
import { mallConfig, getService } from '../utils/get-service';
import type { CreateOrderInput } from '../validation/requests';
import { orderRowOf, type OrderRow } from './order-view';

/**
 * Orders: placing one (POST /orders) and every move along the status table.
 *
 * Placing is one transaction on the `sql` service (hand-written statements on Strapi's pool: this is the
 * mall's hot path): hold the buyer's row (their orders, and an idempotent retry, run one at a time), take
 * each SKU's units with one conditional UPDATE (`WHERE stock >= qty`, in SKU id order so two orders never
 * wait on each other crosswise), for points spend them through the ledger (a conditional UPDATE of the
 * balance, its entry in the same transaction) and write the order as paid; for WeChat Pay move the units
 * to `reserved` and write it as pending_payment with its deadline. Then the items' snapshots, the first
 * trail entry and the idempotent answer. Any refusal rolls all of it back.
 *
 * A move (`move`) is one conditional UPDATE `WHERE status = from` plus its trail entry and its side effects
 * (stock, sales, ledger) in one transaction; a move that finds the order elsewhere is a 409 and changes
 * nothing, so a notification, the timeout and a refund arriving in any order and any number of times
 * apply once.
 */
export type Mover = { type: Actor; id?: string | number | null; name?: string | null };

/**
 * Emitted once per entry of an order's trail (placed, each move), after its transaction commits: the app's
 * metrics count orders by the status they reach. `from` is null for a newly placed order.
 */
export const ORDER_MOVED_EVENT = 'mall.order.moved';
export type OrderMoved = { orderNo: string; from: OrderStatus | null; to: OrderStatus };

/** Tell listeners about trail entries once `sql` commits. */
export const announceMoves = (strapi: Core.Strapi, sql: Sql, moves: OrderMoved[]) => {
  sql.afterCommit(() => {
    for (const move of moves) void strapi.eventHub.emit(ORDER_MOVED_EVENT, move);
  });
};

type SkuRow = {
  id: number; document_id: string; spec: string; price: number | null; points_price: number | null; stock: number; sku_active: unknown;
  product_id: number; product_document_id: string; name: string; kind: string; product_active: unknown; review: string;
  merchant_id: number | null; seller_id: number | null; image: string | null;
  merchant_document_id: string | null; merchant_name: string | null; pickup_points: unknown;
};

class StoredAnswerFound extends Error {
  constructor(readonly answer: StoredAnswer) {
    super('stored answer');
  }
}

const truthy = (value: unknown) => value === true || value === 1 || value === '1' || value === 't';
const newDocumentId = () => crypto.randomBytes(12).toString('hex');

/** A move's timestamp column. */
const STAMP: Partial<Record<OrderStatus, 'paid_at' | 'shipped_at' | 'completed_at' | 'cancelled_at' | 'refunded_at'>> = {
  paid: 'paid_at', shipped: 'shipped_at', completed: 'completed_at', cancelled: 'cancelled_at', refunded: 'refunded_at',
};

const ordersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const sqlService = () => gamification(strapi, 'sql');
  const ledger = () => gamification(strapi, 'ledger');
  const idempotency = () => gamification(strapi, 'idempotency');
  const clock = () => gamification(strapi, 'clock');

  /** The order's SKUs, checked: on sale, one shop, priced for `payWith`; sorted by id (the lock order). */
  const priceItems = async (userId: number, input: CreateOrderInput) => {
    const rows = await sqlService().rows<SkuRow>(SQL.SKUS_FOR_ORDER(input.items.length), input.items.map((item) => item.sku));
    const byDocument = new Map(rows.map((row) => [row.document_id, row]));
    const lines = input.items.map((item) => {
      const row = byDocument.get(item.sku);
      if (!row || !truthy(row.sku_active) || !truthy(row.product_active) || row.review !== 'approved') {
        throw new NotFoundError('This item is no longer on sale', { reason: 'sku_unavailable', sku: item.sku });
      }
      if (row.seller_id !== null && Number(row.seller_id) === userId) {
        throw new ValidationError('This is your own listing', { reason: 'own_listing', sku: item.sku });
      }
      const unit = input.payWith === 'points' ? row.points_price : row.price;
      if (unit === null || unit === undefined || (input.payWith === 'wechat' && Number(unit) <= 0)) {
        throw new ValidationError(input.payWith === 'points' ? `「${row.name}」cannot be bought with points` : `「${row.name}」cannot be bought with WeChat Pay`, {
          reason: 'price_missing', sku: item.sku, field: 'payWith',
        });
      }
      return { row, quantity: item.quantity, unit: Number(unit) };
    });
    const shops = new Set(lines.map((line) => line.row.merchant_id ?? 0));
    if (shops.size > 1) throw new ValidationError('One order is one shop’s items: check out each shop on its own', { reason: 'mixed_shops' });
    return lines.sort((a, b) => a.row.id - b.row.id);
  };

  const deliveryOf = (line: { row: SkuRow }, input: CreateOrderInput) => {
    if (input.pickup) {
      const points = line.row.pickup_points;
      const list = (typeof points === 'string' ? JSON.parse(points) : points) as unknown;
      if (!Array.isArray(list) || !list.includes(input.pickup)) {
        throw new ValidationError('This shop has no such pickup point', { reason: 'pickup_unknown', field: 'pickup' });
      }
      return { address: null, pickup: input.pickup };
    }
    if (!input.address) throw new ValidationError('Send a delivery address or one of the shop’s pickup points', { reason: 'address_required', field: 'address' });
    return { address: input.address, pickup: null };
  };

  /** One move of `order` along the table inside `sql`; throws 409 when the order is not where the move starts. */
  const applyMove = async (sql: Sql, order: OrderRow, action: OrderAction, to: OrderStatus, by: Mover, reason: string | null, now: Date) => {
    if (!allows(action, order.status, by.type)) throw invalidTransition(order.status, action);
    const stamp = STAMP[to] ?? null;
    const params = stamp ? [to, now, now, order.id, order.status] : [to, now, order.id, order.status];
    const moved = await sql.rows(SQL.moveStatement(stamp), params);
    if (moved.length === 0) throw invalidTransition(order.status, action, true);
    await sql.rows(SQL.INSERT_EVENT, [newDocumentId(), order.id, order.status, to, by.type, by.id === undefined || by.id === null ? null : String(by.id), by.name ?? null, reason, now, now, now]);
    announceMoves(strapi, sql, [{ orderNo: order.orderNo, from: order.status, to }]);
    return { ...order, status: to };
  };

  const itemsOf = async (sql: Sql | null, orderId: number) =>
    (sql ?? sqlService()).rows<{ sku_id: number | null; product_id: number | null; quantity: number }>(SQL.ORDER_ITEMS, [orderId]);

  const service = {
    /** POST /orders */
    async create(user: { id: number }, input: CreateOrderInput, idempotent?: IdempotentRequest): Promise<StoredAnswer> {
      if (idempotent) {
        const stored = await idempotency().find(null, user.id, idempotent);
        if (stored) return stored;
      }
      if (input.payWith === 'wechat' && !getService(strapi, 'payments').configured()) {
        throw serviceUnavailableError('微信支付暂不可用: WeChat Pay is not configured on this server; pay with points', { reason: 'pay_unconfigured' });
      }
      const lines = await priceItems(user.id, input);
      const merchantId = lines[0].row.merchant_id === null ? null : Number(lines[0].row.merchant_id);
      const delivery = deliveryOf(lines[0], input);
      const now = clock().now();
      const config = mallConfig(strapi);
      const byPoints = input.payWith === 'points';
      const totalFen = byPoints ? 0 : lines.reduce((sum, line) => sum + line.unit * line.quantity, 0);
      const totalPoints = byPoints ? lines.reduce((sum, line) => sum + line.unit * line.quantity, 0) : 0;
      const itemCount = lines.reduce((sum, line) => sum + line.quantity, 0);
      const title = lines.length === 1 ? lines[0].row.name : `${lines[0].row.name} 等 ${lines.length} 件商品`;
      const expiresAt = byPoints ? null : new Date(now.getTime() + config.paymentTimeoutMinutes * 60_000);
      const status: OrderStatus = byPoints ? 'paid' : 'pending_payment';

      for (let attempt = 0; ; attempt += 1) {
        const orderNo = orderNumberAt(now);
        try {
          return await sqlService().transaction(async (sql) => {
            await ledger().lockUser(sql, user.id);
            if (idempotent) {
              const stored = await idempotency().find(sql, user.id, idempotent);
              if (stored) throw new StoredAnswerFound(stored);
            }
            for (const line of lines) {
              const taken = await sql.rows(byPoints ? SQL.SELL_NOW : SQL.RESERVE, [line.quantity, line.quantity, line.row.id, line.quantity]);
              if (taken.length === 0) {
                throw conflictError(`「${line.row.name}${line.row.spec ? ` ${line.row.spec}` : ''}」库存不足`, { reason: 'sold_out', sku: line.row.document_id });
              }
            }
            let balance: number | undefined;
            if (byPoints) {
              balance = (await ledger().apply(sql, user.id, [{ amount: -totalPoints, reason: 'mall-order', sourceType: 'order', sourceId: orderNo }], now)).balance;
            }
            const [order] = await sql.rows<{ id: number }>(SQL.INSERT_ORDER, [
              newDocumentId(), orderNo, user.id, merchantId, status, input.payWith, totalFen, totalPoints, itemCount, title.slice(0, 120),
              delivery.address ? JSON.stringify(delivery.address) : null, delivery.pickup, input.note || null, expiresAt,
              byPoints ? now : null, idempotent?.key ?? null, now, now, now,
            ]);
            await sql.rows(
              SQL.INSERT_ITEMS(lines.length),
              lines.flatMap((line) => [
                newDocumentId(), order.id, line.row.id, line.row.product_id, line.row.name, line.row.spec, line.row.image,
                byPoints ? 0 : line.unit, byPoints ? line.unit : 0, line.quantity, now, now, now,
              ]),
            );
            const events: unknown[][] = [[newDocumentId(), order.id, null, 'pending_payment', 'user', String(user.id), null, '下单', now, now, now]];
            if (byPoints) {
              events.push([newDocumentId(), order.id, 'pending_payment', 'paid', 'system', null, null, `积分支付 ${totalPoints}`, now, now, now]);
            }
            await sql.rows(SQL.INSERT_EVENTS(events.length), events.flat());
            announceMoves(strapi, sql, events.map((event) => ({ orderNo, from: event[2] as OrderStatus | null, to: event[3] as OrderStatus })));
            // The answer is built from what this transaction wrote (no read-back on the hot path).
            const view = getService(strapi, 'orderView').fresh({
              orderNo, status, payMethod: input.payWith, totalFen, totalPoints, itemCount, title: title.slice(0, 120),
              address: delivery.address, pickup: delivery.pickup, note: input.note || null, createdAt: now, expiresAt, paidAt: byPoints ? now : null,
              merchant: lines[0].row.merchant_document_id ? { documentId: lines[0].row.merchant_document_id, name: String(lines[0].row.merchant_name) } : null,
              items: lines.map((line) => ({
                sku: line.row.document_id, product: line.row.product_document_id, name: line.row.name, spec: line.row.spec, image: line.row.image,
                unitPrice: byPoints ? 0 : line.unit, unitPoints: byPoints ? line.unit : 0, quantity: line.quantity,
              })),
              trail: events.map((event) => ({ from: event[2] as string | null, to: event[3] as string, by: event[4] as 'user', reason: event[7] as string, at: now.toISOString() })),
            });
            const answer: StoredAnswer = { statusCode: 201, body: { data: view, meta: balance === undefined ? {} : { balance } } };
            if (idempotent) await idempotency().save(sql, user.id, idempotent, answer, now);
            return answer;
          });
        } catch (error) {
          if (error instanceof StoredAnswerFound) return error.answer;
          // Two orders drew the same number (60 random bits in the same millisecond): draw again.
          if (attempt < 2 && isUniqueViolation(error) && String((error as Error).message).includes('order_no')) continue;
          if (error instanceof InsufficientPointsError) throw new ValidationError((error as Error).message, { reason: 'insufficient_points', needed: totalPoints });
          throw error;
        }
      }
    },

    /**
     * Move an order by `action` to `to`, with the move's side effects, in one transaction that first holds
     * the order's row. `effects` runs inside it after the move (stock, ledger, refund rows).
     */
    async move(
      orderNo: string,
      action: OrderAction,
      by: Mover,
      options: { to?: OrderStatus; reason?: string | null; ownerId?: number; effects?: (sql: Sql, order: OrderRow, now: Date) => Promise<void> } = {},
    ): Promise<OrderRow> {
      const now = clock().now();
      return sqlService().transaction(async (sql) => {
        const [row] = await sql.rows<Record<string, unknown>>(SQL.ORDER_BY_NO_FOR_UPDATE, [orderNo]);
        if (!row || (options.ownerId !== undefined && Number(row.user_id) !== options.ownerId)) throw new NotFoundError('No such order among yours');
        const order = orderRowOf(row);
        const to = options.to ?? (TRANSITIONS[action].to as OrderStatus);
        const moved = await applyMove(sql, order, action, to, by, options.reason ?? null, now);
        await service.sideEffects(sql, moved, order.status, action, now);
        if (options.effects) await options.effects(sql, moved, now);
        return moved;
      });
    },

    /** Stock, sales and after-sales bookkeeping of a move (the ledger side of refunds lives in refunds.ts). */
    async sideEffects(sql: Sql, order: OrderRow, from: OrderStatus, action: OrderAction, now: Date) {
      if (action === 'complete') {
        await sql.rows(SQL.SET_AFTER_SALES, [new Date(now.getTime() + mallConfig(strapi).afterSalesDays * 86_400_000), order.id]);
        return;
      }
      // Only a payment and the cancel of an unpaid order move stock: the others need no items read.
      if (action !== 'pay' && !(action === 'cancel' && from === 'pending_payment')) return;
      const withSku = (await itemsOf(sql, order.id)).filter((item) => item.sku_id !== null);
      const statement = action === 'pay' ? SQL.SELL_RESERVED : SQL.RELEASE;
      for (const item of withSku) await sql.rows(statement, [item.quantity, item.quantity, item.sku_id]);
    },

    /** Undo the sale of a refunded order: units back on sale when they never left the shop. */
    async unsell(sql: Sql, order: OrderRow, restock: boolean) {
      const items = await itemsOf(sql, order.id);
      for (const item of items.filter((i) => i.sku_id !== null)) await sql.rows(SQL.UNSELL, [item.quantity, restock ? 1 : 0, item.quantity, item.sku_id]);
    },

    /** The caller's order row (404 when it is not theirs). */
    async ownOrder(userId: number, orderNo: string): Promise<OrderRow> {
      const [row] = await sqlService().rows<Record<string, unknown>>(SQL.ORDER_BY_NO, [orderNo]);
      if (!row || Number(row.user_id) !== userId) throw new NotFoundError('No such order among yours');
      return orderRowOf(row);
    },

    async byNo(orderNo: string): Promise<OrderRow | null> {
      const [row] = await sqlService().rows<Record<string, unknown>>(SQL.ORDER_BY_NO, [orderNo]);
      return row ? orderRowOf(row) : null;
    },
  };
  return service;
};

export const invalidTransition = (status: OrderStatus, action: string, raced = false) =>
  conflictError(
    raced ? `The order has just moved on; it is no longer ${status}` : `An order that is ${status} cannot ${action}`,
    { reason: 'invalid_transition', status, action },
  );

export type OrdersService = ReturnType<typeof ordersService>;
export default ordersService;
