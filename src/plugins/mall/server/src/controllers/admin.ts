import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { DEFAULT_TIMEZONE } from '../../../../../utils/clock';
import { gamification } from '../../../../gamification/public';
import { moderatorOf } from '../../../../community/public';
import { getService } from '../utils/get-service';
import { adminCancelSchema, adminOrderFiltersSchema } from '../validation/admin';
import { orderNoParams, refundDecisionBodySchema, shipBodySchema } from '../validation/requests';
import type { Mover } from '../services/orders';
import type { OrderFilters } from '../services/operators';

/** The operators' admin routes (services/operators.ts); each is scoped to the admin's shop when they have one. */
const adminController = ({ strapi }: { strapi: Core.Strapi }) => {
  const operators = () => getService(strapi, 'operators');
  const who = (ctx: Context): Mover => {
    const admin = moderatorOf(ctx);
    return { type: 'operator', id: admin.id, name: admin.name };
  };
  const scope = (ctx: Context) => operators().scopeOf(who(ctx).id as number);
  const orderNoOf = (ctx: Context) => parseOrThrow(orderNoParams, { orderNo: ctx.params.orderNo }, 'path').orderNo;

  return {
    async list(ctx: Context) {
      const filters = parseOrThrow(adminOrderFiltersSchema, ctx.query, 'query') as OrderFilters;
      ctx.body = await operators().list(await scope(ctx), filters);
    },
    async findOne(ctx: Context) {
      ctx.body = { data: await operators().detail(await scope(ctx), orderNoOf(ctx)), meta: {} };
    },
    async ship(ctx: Context) {
      const input = parseOrThrow(shipBodySchema, ctx.request.body ?? {}, 'shipping');
      ctx.body = { data: await operators().ship(await scope(ctx), orderNoOf(ctx), who(ctx), input), meta: {} };
    },
    async cancel(ctx: Context) {
      const { reason } = parseOrThrow(adminCancelSchema, ctx.request.body ?? {}, 'cancel');
      ctx.body = { data: await operators().cancel(await scope(ctx), orderNoOf(ctx), who(ctx), reason), meta: {} };
    },
    async decideRefund(ctx: Context) {
      const input = parseOrThrow(refundDecisionBodySchema, ctx.request.body ?? {}, 'decision');
      ctx.body = { data: await operators().decideRefund(await scope(ctx), orderNoOf(ctx), who(ctx), input.decision, input.note ?? null), meta: {} };
    },
    async exportCsv(ctx: Context) {
      const { page: _page, pageSize: _size, ...filters } = parseOrThrow(adminOrderFiltersSchema, ctx.query, 'query') as OrderFilters;
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      // Named by the day in China time (the mall's day, like its order numbers and the admin's date filters).
      const day = gamification(strapi, 'clock').localDay({ timezone: DEFAULT_TIMEZONE });
      ctx.set('Content-Disposition', `attachment; filename="orders-${day}.csv"`);
      ctx.body = await operators().csv(await scope(ctx), filters);
    },
  };
};

export default adminController;
