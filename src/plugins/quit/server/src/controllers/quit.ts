import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { profileBodySchema, relapseBodySchema, relapseListQuerySchema } from '../validation/requests';
import { callerOf, requiredIdempotentRequest } from './context';

/** /api/quit/...: the profile, relapses and the report. */
const quitController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async getProfile(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'profile').get(callerOf(ctx)), meta: {} };
  },

  async putProfile(ctx: Context) {
    const caller = callerOf(ctx);
    const input = parseOrThrow(profileBodySchema, ctx.request.body ?? {}, 'quit profile');
    ctx.body = { data: await getService(strapi, 'profile').put(caller, input), meta: {} };
  },

  async createRelapse(ctx: Context) {
    const caller = callerOf(ctx);
    const input = parseOrThrow(relapseBodySchema, ctx.request.body ?? {}, 'relapse');
    const answer = await getService(strapi, 'relapses').record(caller, input, requiredIdempotentRequest(ctx, 'quit.relapse', input));
    ctx.status = answer.statusCode;
    ctx.body = answer.body;
  },

  async listRelapses(ctx: Context) {
    const caller = callerOf(ctx);
    const { limit } = parseOrThrow(relapseListQuerySchema, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'relapses').list(caller.id, limit), meta: {} };
  },

  async report(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'report').report(callerOf(ctx)), meta: {} };
  },
});

export default quitController;
