import type { Context } from 'koa';
import { getService } from '../../../plugins/gamification/server/src/utils/get-service';
import { idempotencyKeyFrom } from '../../../plugins/gamification/server/src/utils/idempotency-key';
import { calendarQuerySchema, checkInBodySchema, makeupBodySchema } from '../../../plugins/gamification/server/src/validation/check-ins';
import { scopedController, type AuthUser } from '../../../utils/scoped-controller';
import { parseOrThrow } from '../../../utils/validation';

/**
 * Reads, and edits of a check-in's note / mood / images, are the generic owner-scoped ones. Creating,
 * undoing and making up a check-in are domain actions of the gamification plugin.
 */
export default scopedController('api::check-in.check-in', {
  label: 'Check-in',
  // The day, the points and the makeup flag are the server's to decide, never the client's.
  readOnlyFields: ['localDate', 'checkedAt', 'isMakeup', 'madeUpOn', 'pointsAwarded'],
  createOnlyFields: ['habit'],
  ownedRelations: { habit: 'api::habit.habit' },
  actions: (strapi) => ({
    async create(ctx: Context) {
      const { data } = parseOrThrow(checkInBodySchema, ctx.request.body, 'check-in');
      const idempotencyKey = idempotencyKeyFrom(ctx, data.idempotencyKey);
      const answer = await getService(strapi, 'checkIns').checkIn((ctx.state.user as AuthUser).id, { ...data, idempotencyKey });
      ctx.status = answer.statusCode;
      ctx.body = answer.body;
    },
    async delete(ctx: Context) {
      await getService(strapi, 'checkIns').remove((ctx.state.user as AuthUser).id, String(ctx.params.id));
      ctx.status = 204;
    },
    async makeup(ctx: Context) {
      const { data } = parseOrThrow(makeupBodySchema, ctx.request.body, 'makeup');
      const answer = await getService(strapi, 'checkIns').makeup((ctx.state.user as AuthUser).id, data);
      ctx.status = answer.statusCode;
      ctx.body = answer.body;
    },
    async today(ctx: Context) {
      ctx.body = await getService(strapi, 'checkIns').today(ctx.state.user as AuthUser);
    },
    async calendar(ctx: Context) {
      const { month } = parseOrThrow(calendarQuerySchema, ctx.query, 'query');
      ctx.body = await getService(strapi, 'checkIns').calendar((ctx.state.user as AuthUser).id, month);
    },
  }),
});
