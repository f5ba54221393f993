import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { idempotentRequestFrom } from '../../../../gamification/public';
import { NotFoundError } from '../../../../../utils/errors';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { callerOf } from './context';
import { cancelBodySchema, createOrderBodySchema, orderListQuerySchema, orderNoParams, refundRequestBodySchema } from '../validation/requests';

/** The buyer's side of orders (services/orders.ts, payments.ts, refunds.ts); the view is services/order-view.ts. */
const ordersController = ({ strapi }: { strapi: Core.Strapi }) => {
  const view = async (orderNo: string, meta: Record<string, unknown> = {}) => ({
    data: await getService(strapi, 'orderView').render(null, orderNo, { forUser: true }),
    meta,
  });
  const orderNoOf = (ctx: Context) => parseOrThrow(orderNoParams, { orderNo: ctx.params.orderNo }, 'path').orderNo;

  return {
    async create(ctx: Context) {
      const caller = callerOf(ctx);
      const body = parseOrThrow(createOrderBodySchema, ctx.request.body ?? {}, 'order');
      await getService(strapi, 'limits').consume('order', caller.id);
      const answer = await getService(strapi, 'orders').create(caller, body, idempotentRequestFrom(ctx, 'mall.order', body));
      ctx.status = answer.statusCode;
      ctx.body = answer.body;
    },

    async list(ctx: Context) {
      const caller = callerOf(ctx);
      const query = parseOrThrow(orderListQuerySchema, ctx.query, 'query');
      ctx.body = await getService(strapi, 'orderView').list(caller.id, query.status, query.cursor, query.limit);
    },

    async findOne(ctx: Context) {
      const caller = callerOf(ctx);
      const orderNo = orderNoOf(ctx);
      await getService(strapi, 'orders').ownOrder(caller.id, orderNo);
      ctx.body = await view(orderNo);
    },

    async pay(ctx: Context) {
      const caller = callerOf(ctx);
      ctx.body = { data: await getService(strapi, 'payments').paymentParams(caller.id, orderNoOf(ctx)), meta: {} };
    },

    async cancel(ctx: Context) {
      const caller = callerOf(ctx);
      const orderNo = orderNoOf(ctx);
      const { reason } = parseOrThrow(cancelBodySchema, ctx.request.body ?? {}, 'cancel');
      await getService(strapi, 'payments').cancel(orderNo, { type: 'user', id: caller.id }, reason || '买家取消', caller.id);
      ctx.body = await view(orderNo);
    },

    async confirm(ctx: Context) {
      const caller = callerOf(ctx);
      const orderNo = orderNoOf(ctx);
      await getService(strapi, 'orders').move(orderNo, 'complete', { type: 'user', id: caller.id }, { ownerId: caller.id, reason: '确认收货' });
      ctx.body = await view(orderNo);
    },

    async requestRefund(ctx: Context) {
      const caller = callerOf(ctx);
      const orderNo = orderNoOf(ctx);
      const { reason } = parseOrThrow(refundRequestBodySchema, ctx.request.body ?? {}, 'refund');
      await getService(strapi, 'refunds').request(caller.id, orderNo, reason);
      ctx.body = await view(orderNo);
    },

    async withdrawRefund(ctx: Context) {
      const caller = callerOf(ctx);
      const orderNo = orderNoOf(ctx);
      await getService(strapi, 'refunds').withdraw(caller.id, orderNo);
      ctx.body = await view(orderNo);
    },

    /** WECHAT_MODE=fake only: the fake WeChat Pay's buyer pays and notifies; answered once the notification moved the order. */
    async fakePay(ctx: Context) {
      const caller = callerOf(ctx);
      const orderNo = orderNoOf(ctx);
      const fake = getService(strapi, 'payments').fake();
      if (!fake) throw new NotFoundError('Not found');
      await getService(strapi, 'orders').ownOrder(caller.id, orderNo);
      await fake.payAndWait(orderNo);
      ctx.body = await view(orderNo);
    },
  };
};

export default ordersController;
