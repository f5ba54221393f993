import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { baseUrlOf, callerOf, viewerOf } from './context';
import { challengeListQuerySchema, documentIdParams, joinBodySchema, myChallengesQuerySchema } from '../validation/requests';

/** List, detail, join, leave and the caller's challenges (services/challenges.ts, joins.ts). */
const challengesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const query = parseOrThrow(challengeListQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'challenges').list(viewerOf(ctx), query, baseUrlOf(strapi, ctx));
  },

  async findOne(ctx: Context) {
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    ctx.body = { data: await getService(strapi, 'challenges').findOne(documentId, viewerOf(ctx), baseUrlOf(strapi, ctx)), meta: {} };
  },

  async join(ctx: Context) {
    const caller = callerOf(ctx);
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    const input = parseOrThrow(joinBodySchema, ctx.request.body ?? {}, 'join');
    await getService(strapi, 'limits').consume('join', caller.id);
    ctx.body = { data: await getService(strapi, 'joins').join(caller, documentId, input), meta: {} };
  },

  async leave(ctx: Context) {
    const caller = callerOf(ctx);
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    await getService(strapi, 'limits').consume('join', caller.id);
    ctx.body = { data: await getService(strapi, 'joins').leave(caller, documentId), meta: {} };
  },

  async mine(ctx: Context) {
    const caller = callerOf(ctx);
    const query = parseOrThrow(myChallengesQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'challenges').mine(caller, query, baseUrlOf(strapi, ctx));
  },
});

export default challengesController;
