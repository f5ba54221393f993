import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { cravingBodySchema, cravingListQuerySchema, cravingStatsQuerySchema } from '../validation/requests';
import { callerOf, requiredIdempotentRequest } from './context';

/** /api/cravings: log one, list a range, the patterns of the last days. */
const cravingsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const caller = callerOf(ctx);
    const input = parseOrThrow(cravingBodySchema, ctx.request.body ?? {}, 'craving');
    const answer = await getService(strapi, 'cravings').record(caller, input, requiredIdempotentRequest(ctx, 'quit.craving', input));
    ctx.status = answer.statusCode;
    ctx.body = answer.body;
  },

  async list(ctx: Context) {
    const caller = callerOf(ctx);
    const query = parseOrThrow(cravingListQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'cravings').list(caller.id, query);
  },

  async stats(ctx: Context) {
    const caller = callerOf(ctx);
    const { days } = parseOrThrow(cravingStatsQuerySchema, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'cravings').stats(caller, days), meta: {} };
  },
});

export default cravingsController;
