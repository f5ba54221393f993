import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { boardParams, boardQuerySchema } from '../validation/boards';

/** GET /api/challenges/:documentId/board and /board/me: the challenge's board, and the caller's place on it. */
const boardsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async page(ctx: Context) {
    const { documentId } = parseOrThrow(boardParams, { documentId: ctx.params.documentId }, 'path');
    const { offset, limit } = parseOrThrow(boardQuerySchema, ctx.query, 'query');
    const viewer = (ctx.state.user as { id: number } | undefined)?.id ?? null;
    ctx.body = await getService(strapi, 'board').page(documentId, offset, limit, viewer);
  },

  async me(ctx: Context) {
    const { documentId } = parseOrThrow(boardParams, { documentId: ctx.params.documentId }, 'path');
    ctx.body = await getService(strapi, 'board').mine(documentId, (ctx.state.user as { id: number }).id);
  },
});

export default boardsController;
