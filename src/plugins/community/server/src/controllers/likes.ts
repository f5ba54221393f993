import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import type { LikeTarget } from '../services/counters';
import { documentIdParams } from '../validation/requests';

/** PUT / DELETE /api/community/{posts,comments}/:documentId/like: idempotent, answering the count as committed. */
const likesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const handle = (target: LikeTarget, liked: boolean) => async (ctx: Context) => {
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    const likes = getService(strapi, 'likes');
    const user = ctx.state.user as { id: number };
    ctx.body = { data: await (liked ? likes.like(target, documentId, user) : likes.unlike(target, documentId, user)), meta: {} };
  };
  return {
    likePost: handle('post', true),
    unlikePost: handle('post', false),
    likeComment: handle('comment', true),
    unlikeComment: handle('comment', false),
  };
};

export default likesController;
