import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { unauthorizedError } from '../../../../../utils/errors';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { lotteryStockQuerySchema } from '../validation/requests';

const adminUserId = (ctx: Context): number => {
  const user = ctx.state.user as { id?: number } | undefined;
  if (!user?.id) throw unauthorizedError('Sign in to the admin first');
  return user.id;
};

/** The home page's widgets (/dashboard/...): one number set each; the routes hold the permissions. */
const dashboardController = ({ strapi }: { strapi: Core.Strapi }) => {
  const dashboard = () => getService(strapi, 'dashboard');
  const answer = (ctx: Context, data: unknown) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data };
  };
  return {
    async activity(ctx: Context) {
      answer(ctx, await dashboard().activity());
    },
    async points(ctx: Context) {
      answer(ctx, await dashboard().points());
    },
    async lotteryStock(ctx: Context) {
      const { threshold } = parseOrThrow(lotteryStockQuerySchema, ctx.query ?? {}, 'query');
      answer(ctx, await dashboard().lotteryStock(threshold));
    },
    async moderation(ctx: Context) {
      answer(ctx, await dashboard().moderation());
    },
    async orders(ctx: Context) {
      answer(ctx, await dashboard().orders(adminUserId(ctx)));
    },
    async reminders(ctx: Context) {
      answer(ctx, await dashboard().reminders());
    },
  };
};

export default dashboardController;
