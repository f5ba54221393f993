import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { redeemBodySchema, redeemHistoryQuerySchema } from '../validation/redeem-codes';

/** /api/redeem-codes/*: redeem a code, and one's redemption history. */
const redeemCodesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async redeem(ctx: Context) {
    const { code } = parseOrThrow(redeemBodySchema, ctx.request.body ?? {}, 'redeem');
    // Too many failed codes: 429, Retry-After set by global::retry-after.
    ctx.body = await getService(strapi, 'redeemCodes').redeem(ctx.state.user as { id: number }, code, ctx.request.ip);
  },

  async history(ctx: Context) {
    const { page, pageSize, kind } = parseOrThrow(redeemHistoryQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'redeemCodes').history((ctx.state.user as { id: number }).id, page, pageSize, kind);
  },
});

export default redeemCodesController;
