import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { moderatorOf } from '../../../../community/public';
import { getService } from '../utils/get-service';
import { challengeDecisionSchema, moderationParams, pendingQuerySchema } from '../validation/moderation';

/** The moderators' routes for user-made challenges (admin API; services/moderation.ts). */
const moderationController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async pending(ctx: Context) {
    const { limit } = parseOrThrow(pendingQuerySchema, ctx.query, 'query');
    const page = await getService(strapi, 'moderation').pending(limit);
    ctx.body = { data: page.items, meta: { total: page.total } };
  },

  async decide(ctx: Context) {
    const { documentId } = parseOrThrow(moderationParams, { documentId: ctx.params.documentId }, 'path');
    const input = parseOrThrow(challengeDecisionSchema, ctx.request.body ?? {}, 'decision');
    ctx.body = { data: await getService(strapi, 'moderation').decide(documentId, input, moderatorOf(ctx)), meta: {} };
  },
});

export default moderationController;
