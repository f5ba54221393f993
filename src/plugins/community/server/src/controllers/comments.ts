import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { commentsQuerySchema, createCommentSchema, documentIdParams, repliesQuerySchema } from '../validation/requests';

const viewerOf = (ctx: Context) => (ctx.state.user ? { id: (ctx.state.user as { id: number }).id } : null);

/** /api/community/posts/:documentId/comments and /api/community/comments/:documentId/*: threads, replies, write, delete. */
const commentsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    const query = parseOrThrow(commentsQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'comments').listThreads(documentId, viewerOf(ctx), query);
  },

  async create(ctx: Context) {
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    const input = parseOrThrow(createCommentSchema, ctx.request.body ?? {}, 'comment');
    const { comment, moderation } = await getService(strapi, 'comments').create(documentId, ctx.state.user as { id: number }, input);
    ctx.status = 201;
    ctx.body = { data: comment, meta: { moderation } };
  },

  async replies(ctx: Context) {
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    const query = parseOrThrow(repliesQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'comments').listReplies(documentId, viewerOf(ctx), query);
  },

  async delete(ctx: Context) {
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    await getService(strapi, 'comments').remove(documentId, ctx.state.user as { id: number });
    ctx.status = 204;
  },
});

export default commentsController;
