import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { unauthorizedError } from '../../../../../utils/errors';
import { parseOrThrow } from '../../../../../utils/validation';
import type { Caller } from '../services/challenges';
import { getService } from '../utils/get-service';
import { createChallengeBodySchema, joinByCodeBodySchema } from '../validation/requests';

const callerOf = (ctx: Context): Caller & { timezone?: string | null } => {
  if (!ctx.state.user) throw unauthorizedError('Sign in first');
  return ctx.state.user as Caller & { timezone?: string | null };
};
const baseUrlOf = (strapi: Core.Strapi, ctx: Context) => (strapi.config.get('server.url') as string | undefined) || ctx.origin;

/** User-made challenges (services/user-challenges.ts) and the caller's badges (services/badges.ts). */
const userChallengesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const caller = callerOf(ctx);
    const input = parseOrThrow(createChallengeBodySchema, ctx.request.body ?? {}, 'challenge');
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'userChallenges').create(caller, input, baseUrlOf(strapi, ctx)), meta: {} };
  },

  async joinByCode(ctx: Context) {
    const caller = callerOf(ctx);
    const input = parseOrThrow(joinByCodeBodySchema, ctx.request.body ?? {}, 'join');
    ctx.body = { data: await getService(strapi, 'userChallenges').joinByCode(caller, input), meta: {} };
  },

  async myBadges(ctx: Context) {
    const caller = callerOf(ctx);
    ctx.body = { data: await getService(strapi, 'badges').of(caller.id), meta: {} };
  },
});

export default userChallengesController;
