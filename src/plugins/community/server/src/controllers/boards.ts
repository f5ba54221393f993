import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';

/** GET /api/community/boards: the active boards, each with whether the caller may post there. */
const boardsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'boards').listFor(ctx.state.user ?? null), meta: {} };
  },
});

export default boardsController;
