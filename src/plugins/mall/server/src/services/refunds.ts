import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { gamification, type Sql } from '../../../../gamification/public';
import { conflictError, NotFoundError } from '../../../../../utils/errors';
import type { OrderStatus } from '../domain/status';
import { TABLES } from '../content-types';
import * as SQL from '../statements';
import { getService } from '../utils/get-service';
import { orderRowOf, type OrderRow } from './order-view';
import { announceMoves, type Mover } from './orders';
import { PayUnavailable, type WxRefundView, type WxTransactionView } from './pay-port';

/**
 * Refunds. The buyer asks (paid, shipped, or completed within the after-sales window); an operator approves
 * or rejects; the buyer may withdraw before the decision. Approving a points order pays the points back
 * through the ledger in the same transaction as the moves (order → refunded, refund → succeeded). Approving
 * a WeChat Pay order moves it to refunding and asks WeChat Pay for the refund (out_refund_no = the refund's
 * own number, so asking again is the same refund); the refund notification (or the sweep's query) settles
 * it. Each step is a conditional move of the order and of the refund row: approving twice pays once.
 * Units that never left the shop (refunded from paid) go back on sale.
 */
type RefundRow = { id: number; order_id: number; out_refund_no: string; method: string; amount_fen: number; amount_points: number; return_from: string | null; status: string; created_at: unknown };

const refundsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const sqlService = () => gamification(strapi, 'sql');
  const orders = () => getService(strapi, 'orders');
  const payments = () => getService(strapi, 'payments');
  const clock = () => gamification(strapi, 'clock');
  const newId = () => crypto.randomBytes(12).toString('hex');
  const refundNo = () => `R${crypto.randomBytes(12).toString('hex').toUpperCase()}`;

  const latest = async (sql: Pick<Sql, 'rows'>, orderId: number) => (await sql.rows<RefundRow>(SQL.LATEST_REFUND, [orderId]))[0];
  const moveRefund = async (sql: Sql, refund: RefundRow, from: string, to: string, now: Date, fields: { by?: string | null; note?: string | null; wxId?: string | null; decided?: boolean; succeeded?: boolean } = {}) => {
    const moved = await sql.rows(SQL.MOVE_REFUND, [
      to, fields.by ?? null, fields.note ?? null, fields.wxId ?? null, fields.decided ? now : null, fields.succeeded ? now : null, now, refund.id, from,
    ]);
    if (moved.length === 0) throw conflictError('This refund has just been decided', { reason: 'invalid_transition', status: refund.status, action: to });
  };

  const service = {
    /** POST /orders/:orderNo/refund */
    async request(userId: number, orderNo: string, reason: string) {
      const order = await orders().ownOrder(userId, orderNo);
      if (order.status === 'completed' && !(order.afterSalesUntil && order.afterSalesUntil.getTime() > clock().now().getTime())) {
        throw conflictError('售后期已过: the after-sales window of this order has closed', { reason: 'after_sales_closed', status: order.status, action: 'requestRefund' });
      }
      return orders().move(orderNo, 'requestRefund', { type: 'user', id: userId }, {
        ownerId: userId,
        reason,
        effects: async (sql, moved, now) => {
          await sql.rows(SQL.INSERT_REFUND, [newId(), moved.id, refundNo(), moved.payMethod, moved.totalFen, moved.totalPoints, reason, order.status, now, now, now]);
        },
      });
    },

    /** POST /orders/:orderNo/refund/withdraw: back to where the order was. */
    async withdraw(userId: number, orderNo: string) {
      const order = await orders().ownOrder(userId, orderNo);
      const refund = await latest(sqlService(), order.id);
      const back = (refund?.return_from ?? 'paid') as OrderStatus;
      return orders().move(orderNo, 'withdrawRefund', { type: 'user', id: userId }, {
        ownerId: userId,
        to: back,
        reason: '撤销退款申请',
        effects: async (sql, moved, now) => {
          const current = await latest(sql, moved.id);
          await moveRefund(sql, current, 'requested', 'withdrawn', now);
        },
      });
    },

    /** An operator's decision (admin route). */
    async decide(orderNo: string, decision: 'approve' | 'reject', operator: Mover, note: string | null) {
      const order = await orders().byNo(orderNo);
      if (!order) throw new NotFoundError('No such order');
      const refund = await latest(sqlService(), order.id);
      if (decision === 'reject') {
        return orders().move(orderNo, 'rejectRefund', operator, {
          to: (refund?.return_from ?? 'paid') as OrderStatus,
          reason: note,
          effects: async (sql, moved, now) => moveRefund(sql, await latest(sql, moved.id), 'requested', 'rejected', now, { by: operator.name, note, decided: true }),
        });
      }
      if (order.payMethod === 'points') {
        return orders().move(orderNo, 'approveRefund', operator, {
          to: 'refunded',
          reason: note ?? '同意退款，积分退回',
          effects: async (sql, moved, now) => {
            const current = await latest(sql, moved.id);
            await moveRefund(sql, current, 'requested', 'succeeded', now, { by: operator.name, note, decided: true, succeeded: true });
            if (moved.userId !== null) {
              await gamification(strapi, 'ledger').apply(sql, moved.userId, [{ amount: Number(current.amount_points), reason: 'mall-refund', sourceType: 'order', sourceId: moved.orderNo }], now);
            }
            await orders().unsell(sql, moved, current.return_from === 'paid');
          },
        });
      }
      const moved = await orders().move(orderNo, 'approveRefund', operator, {
        to: 'refunding',
        reason: note ?? '同意退款，原路退回',
        effects: async (sql, m, now) => moveRefund(sql, await latest(sql, m.id), 'requested', 'processing', now, { by: operator.name, note, decided: true }),
      });
      await service.askWeChat(moved);
      return (await orders().byNo(orderNo)) as OrderRow;
    },

    /** Ask WeChat Pay for the refund of a refunding order; an immediate SUCCESS settles it, else the notification or the sweep will. */
    async askWeChat(order: OrderRow) {
      const refund = await latest(sqlService(), order.id);
      if (!refund || refund.status !== 'processing') return;
      try {
        const answer = await payPort().refund({ outTradeNo: order.orderNo, outRefundNo: refund.out_refund_no, refundFen: Number(refund.amount_fen), totalFen: order.totalFen, reason: '商家同意退款' });
        await service.settle(refund.out_refund_no, answer);
      } catch (error) {
        if (error instanceof PayUnavailable) {
          strapi.log.warn(`[mall] refund ${refund.out_refund_no} of ${order.orderNo}: WeChat Pay unreachable, the sweep will ask again`);
          return;
        }
        throw error;
      }
    },

    /** A refund's outcome from WeChat Pay (notification, query or the refund call's answer), applied once. */
    async settle(outRefundNo: string, answer: WxRefundView) {
      if (answer.status === 'PROCESSING') return;
      const now = clock().now();
      await sqlService().transaction(async (sql) => {
        const [refund] = await sql.rows<RefundRow>(SQL.REFUND_BY_NO, [outRefundNo]);
        if (!refund || refund.status !== 'processing') return;
        const [row] = await sql.rows<Record<string, unknown>>(SQL.ORDER_BY_ID_FOR_UPDATE, [refund.order_id]);
        const order = orderRowOf(row);
        if (answer.status === 'SUCCESS') {
          await moveRefund(sql, refund, 'processing', 'succeeded', now, { wxId: answer.refundId, succeeded: true });
          if (order.status === 'refunding') {
            await sql.rows(SQL.moveStatement('refunded_at'), ['refunded', now, now, order.id, 'refunding']);
            await sql.rows(SQL.INSERT_EVENT, [newId(), order.id, 'refunding', 'refunded', 'wechat', null, null, `微信退款成功 ${answer.refundId ?? ''}`.trim(), now, now, now]);
            announceMoves(strapi, sql, [{ orderNo: order.orderNo, from: 'refunding', to: 'refunded' }]);
            await orders().unsell(sql, order, refund.return_from === 'paid');
          }
          return;
        }
        // CLOSED / ABNORMAL: the money did not go back; the operator decides again.
        await moveRefund(sql, refund, 'processing', 'failed', now, { wxId: answer.refundId });
        if (order.status === 'refunding') {
          await sql.rows(SQL.moveStatement(null), ['refund_requested', now, order.id, 'refunding']);
          await sql.rows(SQL.INSERT_EVENT, [newId(), order.id, 'refunding', 'refund_requested', 'wechat', null, null, `微信退款失败 (${answer.status})`, now, now, now]);
          announceMoves(strapi, sql, [{ orderNo: order.orderNo, from: 'refunding', to: 'refund_requested' }]);
          await sql.rows(SQL.INSERT_REFUND, [newId(), order.id, refundNo(), refund.method, refund.amount_fen, refund.amount_points, '上次退款失败，重新处理', refund.return_from, now, now, now]);
        }
      });
    },

    async onRefundNotification(refund: WxRefundView & { outTradeNo: string }) {
      await service.settle(refund.outRefundNo, refund);
    },

    /** A payment that reached a cancelled order: refunded in full, recorded on the order's refunds. */
    async refundLatePayment(order: OrderRow, transaction: WxTransactionView) {
      const now = clock().now();
      const outRefundNo = `L${order.orderNo}`.slice(0, 64);
      await sqlService().transaction(async (sql) => {
        const [existing] = await sql.rows<RefundRow>(SQL.REFUND_BY_NO, [outRefundNo]);
        if (existing) return;
        await sql.rows(SQL.INSERT_REFUND, [newId(), order.id, outRefundNo, 'wechat', transaction.totalFen, 0, '订单取消后到账，自动退款', 'cancelled', now, now, now]);
        const [refund] = await sql.rows<RefundRow>(SQL.REFUND_BY_NO, [outRefundNo]);
        await moveRefund(sql, refund, 'requested', 'processing', now, { by: 'system', decided: true });
      });
      try {
        const answer = await payPort().refund({ outTradeNo: order.orderNo, outRefundNo, refundFen: transaction.totalFen, totalFen: transaction.totalFen, reason: '订单已取消' });
        await service.settle(outRefundNo, answer);
      } catch (error) {
        if (!(error instanceof PayUnavailable)) throw error;
      }
    },

    /** The sweep: refunds still processing after a minute are asked about (a lost answer, a lost notification). */
    async sweep(limit = 50) {
      const now = clock().now();
      const rows = (await strapi.db.connection(TABLES.refunds).where({ status: 'processing' }).andWhere('updated_at', '<', new Date(now.getTime() - 60_000)).orderBy('id').limit(limit).select('out_refund_no', 'order_id', 'updated_at')) as Array<{ out_refund_no: string; order_id: number; updated_at: unknown }>;
      let settled = 0;
      for (const row of rows) {
        try {
          const answer = await payPort().queryRefund(row.out_refund_no);
          if (answer) {
            await service.settle(row.out_refund_no, answer);
            settled += 1;
          } else {
            const order = (await strapi.db.connection(TABLES.orders).where({ id: row.order_id }).first('order_no')) as { order_no: string } | undefined;
            if (order) await service.askWeChat((await orders().byNo(order.order_no)) as OrderRow);
          }
        } catch (error) {
          if (!(error instanceof PayUnavailable)) throw error;
        }
      }
      return { checked: rows.length, settled };
    },
  };

  const payPort = () => payments().client();
  return service;
};

export type RefundsService = ReturnType<typeof refundsService>;
export default refundsService;
