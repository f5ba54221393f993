import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { gamification } from '../../../../gamification/public';
import { conflictError, serviceUnavailableError } from '../../../../../utils/errors';
import * as SQL from '../statements';
import { getService } from '../utils/get-service';
import type { OrderRow } from './order-view';
import { NotificationRefused, PayUnavailable, type FakeBuyer, type PayPort, type VerifiedNotification, type WxTransactionView } from './pay-port';
import { invalidTransition, type Mover } from './orders';
import type { FakeWxPay } from '../fake/fake-wxpay-server';

/**
 * WeChat Pay around an order: the prepay and wx.requestPayment parameters, the payment notification, and
 * "close or find the payment" before an unpaid order is cancelled (by its buyer or by the timeout).
 *
 * A payment moves the order once, whoever reports it first (the notification, a retry of it a day later, the
 * timeout's query, a cancel's query): `orders.move('pay')` holds the order's row and moves it only from
 * pending_payment. A payment that lands on an order already cancelled (the close failed to reach WeChat and
 * the buyer paid anyway) is never lost: it is refunded in full, automatically.
 */
const WECHAT: Mover = { type: 'wechat' };

const paymentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let port: PayPort | null = null;
  let fakeBuyer: FakeBuyer | null = null;
  let fakeServer: FakeWxPay | null = null;
  const sqlService = () => gamification(strapi, 'sql');
  const orders = () => getService(strapi, 'orders');
  const clock = () => gamification(strapi, 'clock');

  const client = (): PayPort => {
    if (!port) throw serviceUnavailableError('微信支付暂不可用: WeChat Pay is not configured on this server', { reason: 'pay_unconfigured' });
    return port;
  };
  const unavailable = (error: unknown): never => {
    if (error instanceof PayUnavailable) throw serviceUnavailableError('微信支付暂时无法连接，请稍后再试', { reason: 'pay_unavailable' });
    throw error;
  };

  const service = {
    /** Set at bootstrap from the config (the real WeChat Pay, or the fake in WECHAT_MODE=fake). */
    use(client: PayPort | null, buyer: FakeBuyer | null = null, server: FakeWxPay | null = null) {
      port = client;
      fakeBuyer = buyer;
      fakeServer = server;
    },
    /** The in-process fake WeChat Pay server (WECHAT_MODE=fake), for tests and local development. */
    fakeServer: () => fakeServer,
    /** The fake WeChat Pay's buyer, in WECHAT_MODE=fake only. */
    fake: () => fakeBuyer,
    configured: () => port !== null,
    /** The WeChat Pay client (503 when none is configured). */
    client,

    /** POST /orders/:orderNo/pay: the parameters for wx.requestPayment (a prepay is reused while it lives). */
    async paymentParams(userId: number, orderNo: string) {
      const order = await orders().ownOrder(userId, orderNo);
      if (order.payMethod !== 'wechat' || order.status !== 'pending_payment') throw invalidTransition(order.status, 'pay');
      const now = clock().now();
      const pay = client();
      let prepayId = order.prepayId;
      if (!prepayId || !order.prepayExpiresAt || order.prepayExpiresAt.getTime() < now.getTime() + 60_000) {
        const [user] = await sqlService().rows<{ openid: string | null }>(OPENID, [userId]);
        if (!user?.openid) throw conflictError('This account has no WeChat identity to pay with', { reason: 'invalid_transition', status: order.status, action: 'pay' });
        const made = await pay
          .prepay({ outTradeNo: order.orderNo, description: order.title.slice(0, 127), totalFen: order.totalFen, openid: user.openid, timeExpire: order.expiresAt as Date })
          .catch(unavailable);
        prepayId = made.prepayId;
        // A prepay_id lives 2 hours at WeChat; the order's own deadline is shorter, so it is the one that counts.
        const kept = await sqlService().rows(SQL.SET_PREPAY_RETURNING, [prepayId, new Date(now.getTime() + 110 * 60_000), order.id]);
        if (kept.length === 0) {
          // Cancelled while the prepay was made: close it at once, so it cannot be paid.
          await pay.close(order.orderNo).catch(() => undefined);
          throw invalidTransition('cancelled', 'pay', true);
        }
      }
      return { orderNo: order.orderNo, expiresAt: (order.expiresAt as Date).toISOString(), payment: pay.paymentParams(prepayId) };
    },

    /** A verified payment (notification or query): the order is paid once; a late one on a cancelled order is refunded. */
    async applyPayment(transaction: WxTransactionView, by: Mover = WECHAT): Promise<'paid' | 'already' | 'refunded' | 'mismatch'> {
      const order = await orders().byNo(transaction.outTradeNo);
      if (!order || order.payMethod !== 'wechat') return 'mismatch';
      if (transaction.totalFen !== order.totalFen || transaction.mchId !== client().mchId || transaction.appId !== client().appId) {
        strapi.log.error(`[mall] WeChat Pay reported ${transaction.totalFen} fen for order ${order.orderNo} of ${order.totalFen} fen (or another merchant): not applied`);
        return 'mismatch';
      }
      if (order.status !== 'pending_payment') {
        if (order.status === 'cancelled' && order.transactionId === null) {
          await getService(strapi, 'refunds').refundLatePayment(order, transaction);
          return 'refunded';
        }
        return 'already';
      }
      try {
        await orders().move(order.orderNo, 'pay', by, {
          reason: `微信支付 ${transaction.transactionId ?? ''}`.trim(),
          effects: async (sql, moved) => {
            await sql.rows(SQL.SET_PAYMENT, [transaction.transactionId, moved.id]);
          },
        });
        return 'paid';
      } catch (error) {
        // Moved by someone else in between (another delivery, the timeout): read what it is now.
        if ((error as { details?: { reason?: string } }).details?.reason === 'invalid_transition') return service.applyPayment(transaction, by);
        throw error;
      }
    },

    /** POST /mall/wxpay/notify: verify, record once, apply. Throws NotificationRefused for what WeChat must hear as a failure. */
    async onNotification(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<void> {
      const notification: VerifiedNotification = await client().verify(headers, rawBody);
      if (notification.kind === 'transaction') {
        const transaction = notification.transaction;
        if (transaction.tradeState !== 'SUCCESS') return;
        const outcome = await service.applyPayment(transaction);
        if (outcome === 'mismatch') throw new NotificationRefused(400, 'amount or merchant does not match the order');
        await service.remember(notification, outcome);
        return;
      }
      await getService(strapi, 'refunds').onRefundNotification(notification.refund);
      await service.remember(notification, notification.refund.status);
    },

    async remember(notification: VerifiedNotification, outcome: string) {
      const now = clock().now();
      const outTradeNo = notification.kind === 'transaction' ? notification.transaction.outTradeNo : notification.refund.outTradeNo;
      await sqlService().rows(SQL.INSERT_NOTIFICATION, [crypto.randomBytes(12).toString('hex'), notification.id, notification.eventType, outTradeNo, outcome, now, now, now]);
    },

    /**
     * Before an unpaid WeChat Pay order is cancelled: make sure it cannot be paid any more. Query first: paid
     * means the payment wins (the order is paid and 'paid' returned). Else close it (WeChat answers ORDERPAID
     * when the payment slipped in: query again and apply it). Throws 503 when WeChat cannot be reached: the
     * order then stays as it is (the timeout tries again next minute).
     */
    async closeOrFindPayment(order: OrderRow): Promise<'closed' | 'paid'> {
      if (order.payMethod !== 'wechat') return 'closed';
      if (!order.prepayId) return 'closed';
      const pay = client();
      const found = await pay.query(order.orderNo).catch(unavailable);
      if (found && (found.tradeState === 'SUCCESS' || found.tradeState === 'REFUND')) {
        await service.applyPayment(found, { type: 'system', name: 'query' });
        return 'paid';
      }
      if (found && found.tradeState === 'CLOSED') return 'closed';
      const closed = await pay.close(order.orderNo).catch(unavailable);
      if (closed === 'paid') {
        const paid = await pay.query(order.orderNo).catch(unavailable);
        if (paid) await service.applyPayment(paid, { type: 'system', name: 'query' });
        return 'paid';
      }
      return 'closed';
    },

    /** Cancel an unpaid order (its buyer, an operator or the timeout): close at WeChat first, then return the stock. */
    async cancel(orderNo: string, by: Mover, reason: string | null, ownerId?: number) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const order = ownerId === undefined ? await orders().byNo(orderNo) : await orders().ownOrder(ownerId, orderNo);
        if (!order) return null;
        if (order.status !== 'pending_payment') throw invalidTransition(order.status, 'cancel');
        if ((await service.closeOrFindPayment(order)) === 'paid') throw invalidTransition('paid', 'cancel', true);
        try {
          return await orders().move(orderNo, 'cancel', by, {
            reason,
            ownerId,
            effects: async (_sql, moved) => {
              // A prepay made after our read (a pay request racing this cancel) was not closed: go round again.
              if (moved.prepayId !== order.prepayId) throw new PrepayRaced();
            },
          });
        } catch (error) {
          if (!(error instanceof PrepayRaced)) throw error;
        }
      }
      throw serviceUnavailableError('The order is being paid right now; try again in a moment', { reason: 'pay_unavailable' });
    },
  };
  return service;
};

class PrepayRaced extends Error {}

const OPENID = SQL.USER_OPENID;

export { NotificationRefused };
export type PaymentsService = ReturnType<typeof paymentsService>;
export default paymentsService;
