import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { unauthorizedError } from '../../../../../utils/errors';
import { parseOrThrow } from '../../../../../utils/validation';
import { idempotentRequestFrom } from '../../../../gamification/public';
import { getService } from '../utils/get-service';
import { consentBodySchema, settingsBodySchema } from '../validation/requests';

const callerId = (ctx: Context): number => {
  const user = ctx.state.user as { id?: number } | undefined;
  if (!user?.id) throw unauthorizedError('Sign in first');
  return user.id;
};

/** /api/reminders/...: the caller's consent credits and settings (the owner is always the caller). */
const remindersController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async listSubscriptions(ctx: Context) {
    const subscriptions = getService(strapi, 'subscriptions');
    ctx.body = { data: await subscriptions.list(callerId(ctx)), meta: { maxPerRequest: 3 } };
  },

  async recordSubscriptions(ctx: Context) {
    const userId = callerId(ctx);
    const input = parseOrThrow(consentBodySchema, ctx.request.body ?? {}, 'subscriptions');
    ctx.body = await getService(strapi, 'subscriptions').record(userId, input, idempotentRequestFrom(ctx, 'reminders.consent', input) ?? null);
  },

  async getSettings(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'settings').get(callerId(ctx)), meta: {} };
  },

  async putSettings(ctx: Context) {
    const userId = callerId(ctx);
    const input = parseOrThrow(settingsBodySchema, ctx.request.body ?? {}, 'settings');
    ctx.body = { data: await getService(strapi, 'settings').put(userId, input), meta: {} };
  },
});

export default remindersController;
