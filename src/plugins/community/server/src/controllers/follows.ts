import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { unauthorizedError } from '../../../../../utils/errors';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { documentIdParams } from '../validation/requests';

const callerId = (ctx: Context): number => {
  if (!ctx.state.user) throw unauthorizedError('Sign in first');
  return Number((ctx.state.user as { id: number }).id);
};

/** PUT / DELETE /api/community/users/:documentId/follow (idempotent both ways). */
const followsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async follow(ctx: Context) {
    const userId = callerId(ctx);
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    ctx.body = { data: await getService(strapi, 'follows').follow(userId, documentId), meta: {} };
  },
  async unfollow(ctx: Context) {
    const userId = callerId(ctx);
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    ctx.body = { data: await getService(strapi, 'follows').unfollow(userId, documentId), meta: {} };
  },
});

export default followsController;
