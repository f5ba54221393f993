import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { baseUrlOf, callerOf } from './context';
import { createChallengeBodySchema, joinByCodeBodySchema } from '../validation/requests';

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
    await getService(strapi, 'limits').consume('join', caller.id);
    ctx.body = { data: await getService(strapi, 'userChallenges').joinByCode(caller, input), meta: {} };
  },

  async myBadges(ctx: Context) {
    const caller = callerOf(ctx);
    ctx.body = { data: await getService(strapi, 'badges').of(caller.id), meta: {} };
  },
});

export default userChallengesController;
