import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { createReportSchema } from '../validation/requests';

/** POST /api/community/reports: validate, report, answer `{ reported: true }` (also when already reported). */
const reportsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const input = parseOrThrow(createReportSchema, ctx.request.body, 'report');
    const user = ctx.state.user as { id: number };
    await getService(strapi, 'reports').create(user.id, input);
    ctx.body = { data: { reported: true }, meta: {} };
  },
});

export default reportsController;
