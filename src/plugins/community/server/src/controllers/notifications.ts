import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { markReadSchema, notificationsQuerySchema } from '../validation/requests';

/** /api/community/notifications: the caller's own notifications, their unread count, marking them read. */
const notificationsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const query = parseOrThrow(notificationsQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'notifications').list((ctx.state.user as { id: number }).id, query);
  },

  async unread(ctx: Context) {
    ctx.body = { data: { unread: await getService(strapi, 'notifications').unreadCount((ctx.state.user as { id: number }).id) }, meta: {} };
  },

  async read(ctx: Context) {
    const input = parseOrThrow(markReadSchema, ctx.request.body ?? {}, 'body');
    ctx.body = { data: { unread: await getService(strapi, 'notifications').markRead((ctx.state.user as { id: number }).id, input) }, meta: {} };
  },
});

export default notificationsController;
