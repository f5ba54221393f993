import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { idempotentRequestFrom } from '../utils/idempotency-key';
import { recordsQuerySchema } from '../validation/check-ins';
import { drawBodySchema } from '../validation/lottery';

type User = { id: number; timezone?: string | null; dayStartHour?: number | null };

/** /api/lottery/*: the prize list, a draw, the user's draws. */
const lotteryController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async prizes(ctx: Context) {
    ctx.body = await getService(strapi, 'lottery').prizes(ctx.state.user as User);
  },

  async draw(ctx: Context) {
    const { data } = parseOrThrow(drawBodySchema, ctx.request.body ?? {}, 'draw');
    const answer = await getService(strapi, 'lottery').draw(ctx.state.user as User, idempotentRequestFrom(ctx, 'draw', data));
    ctx.status = answer.statusCode;
    ctx.body = answer.body;
  },

  async records(ctx: Context) {
    const { page, pageSize } = parseOrThrow(recordsQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'lottery').records((ctx.state.user as User).id, page, pageSize);
  },
});

export default lotteryController;
