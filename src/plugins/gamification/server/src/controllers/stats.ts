import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/** GET /api/me/stats: totals, streaks, rank tier, last 7 days, completion rate. */
const statsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async me(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'stats').me(ctx.state.user as { id: number }), meta: {} };
  },
});

export default statsController;
