import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { recordsQuerySchema } from '../validation/check-ins';

/** The signed-in user's points: balance and ledger. */
const pointsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async balance(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'ledger').balance((ctx.state.user as { id: number }).id), meta: {} };
  },

  async records(ctx: Context) {
    const { page, pageSize } = parseOrThrow(recordsQuerySchema, ctx.query, 'query');
    const { data, pagination } = await getService(strapi, 'ledger').records((ctx.state.user as { id: number }).id, page, pageSize);
    ctx.body = { data, meta: { pagination } };
  },
});

export default pointsController;
