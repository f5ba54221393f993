import type { Context } from 'koa';
import { calendarQuerySchema, checkInBodySchema, gamification, idempotentRequestFrom, makeupBodySchema } from '../../../plugins/gamification/public';
import { scopedController, type AuthUser } from '../../../utils/scoped-controller';
import { parseOrThrow } from '../../../utils/validation';

/** The signed-in user as authentication loaded them for this request: the full row, counters fresh. */
type SignedInUser = AuthUser & { pointsBalance?: number | null; makeupCards?: number | null };

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
      const answer = await gamification(strapi, 'checkIns').checkIn((ctx.state.user as AuthUser).id, data, idempotentRequestFrom(ctx, 'check-in', data));
      ctx.status = answer.statusCode;
      ctx.body = answer.body;
    },
    async delete(ctx: Context) {
      await gamification(strapi, 'checkIns').remove((ctx.state.user as AuthUser).id, String(ctx.params.id));
      ctx.status = 204;
    },
    async makeup(ctx: Context) {
      const { data } = parseOrThrow(makeupBodySchema, ctx.request.body, 'makeup');
      const answer = await gamification(strapi, 'checkIns').makeup((ctx.state.user as AuthUser).id, data);
      ctx.status = answer.statusCode;
      ctx.body = answer.body;
    },
    async today(ctx: Context) {
      ctx.body = await gamification(strapi, 'checkIns').today(ctx.state.user as SignedInUser);
    },
    async calendar(ctx: Context) {
      const { month } = parseOrThrow(calendarQuerySchema, ctx.query, 'query');
      ctx.body = await gamification(strapi, 'checkIns').calendar(ctx.state.user as SignedInUser, month);
    },
    async makeupRules(ctx: Context) {
      ctx.body = { data: await gamification(strapi, 'checkIns').makeupRules(ctx.state.user as SignedInUser), meta: {} };
    },
  }),
});
