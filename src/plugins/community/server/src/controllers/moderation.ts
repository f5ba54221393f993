import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { moderatorOf } from '../utils/moderator';
import { decisionSchema, decisionsQuerySchema, documentIdParams, muteIdParams, muteSchema, queueQuerySchema } from '../validation/requests';

/**
 * The moderators' admin API (admin JWT + plugin::community.moderate, see routes/admin). Validate, call
 * one service, answer. The moderator is the signed-in admin user.
 */
const moderationController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async queue(ctx: Context) {
    const query = parseOrThrow(queueQuerySchema, ctx.query, 'query');
    const page = await getService(strapi, 'moderation').queue(query);
    ctx.body = { data: page.items, meta: { cursor: { next: page.next } } };
  },

  async decidePost(ctx: Context) {
    const { documentId } = parseOrThrow(documentIdParams, ctx.params, 'path');
    const input = parseOrThrow(decisionSchema, ctx.request.body, 'decision');
    ctx.body = { data: await getService(strapi, 'moderation').decide('post', documentId, input, moderatorOf(ctx)), meta: {} };
  },

  async decideComment(ctx: Context) {
    const { documentId } = parseOrThrow(documentIdParams, ctx.params, 'path');
    const input = parseOrThrow(decisionSchema, ctx.request.body, 'decision');
    ctx.body = { data: await getService(strapi, 'moderation').decide('comment', documentId, input, moderatorOf(ctx)), meta: {} };
  },

  async decisions(ctx: Context) {
    const query = parseOrThrow(decisionsQuerySchema, ctx.query, 'query');
    const page = await getService(strapi, 'decisions').list(query);
    ctx.body = { data: page.items, meta: { cursor: { next: page.next } } };
  },

  async mutes(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'mutes').active(), meta: {} };
  },

  async mute(ctx: Context) {
    const input = parseOrThrow(muteSchema, ctx.request.body, 'mute');
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'mutes').mute(input, moderatorOf(ctx)), meta: {} };
  },

  async unmute(ctx: Context) {
    const { id } = parseOrThrow(muteIdParams, ctx.params, 'path');
    ctx.body = { data: await getService(strapi, 'mutes').lift(id, moderatorOf(ctx)), meta: {} };
  },
});

export default moderationController;
