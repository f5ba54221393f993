import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { unauthorizedError } from '../../../../../utils/errors';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { bindingBodySchema, testSendBodySchema } from '../validation/requests';

const adminUserId = (ctx: Context): number => {
  const user = ctx.state.user as { id?: number } | undefined;
  if (!user?.id) throw unauthorizedError('Sign in to the admin first');
  return user.id;
};

/** The admin page's routes (/reminders/...): counts per template, the editor's own app user, a test send. */
const adminController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async stats(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'admin').stats(7) };
  },

  async getBinding(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'admin').binding(adminUserId(ctx)) };
  },

  async putBinding(ctx: Context) {
    const { userId } = parseOrThrow(bindingBodySchema, ctx.request.body ?? {}, 'binding');
    ctx.body = { data: await getService(strapi, 'admin').bind(adminUserId(ctx), userId) };
  },

  async testSend(ctx: Context) {
    const { template } = parseOrThrow(testSendBodySchema, ctx.request.body ?? {}, 'test send');
    ctx.body = { data: await getService(strapi, 'admin').testSend(adminUserId(ctx), template) };
  },
});

export default adminController;
