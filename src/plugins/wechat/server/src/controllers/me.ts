import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { parseOrThrow } from '../../../../../utils/validation';
import type { WeChatConfig } from '../config';
import { getService } from '../utils/get-service';
import { profileUpdateSchema } from '../validation/auth';
import type { UserRow } from '../services/profile';

/** The signed-in user's own account: read, change, delete, export. */
const meController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    // Authentication read this row for this request (users-permissions, fresh, the same columns): no second read.
    ctx.body = { data: getService(strapi, 'profile').view(ctx.state.user as UserRow), meta: {} };
  },

  async update(ctx: Context) {
    const { avatarHosts } = strapi.config.get('plugin::wechat') as WeChatConfig;
    const input = parseOrThrow(profileUpdateSchema(avatarHosts), ctx.request.body, 'profile update');
    ctx.body = { data: await getService(strapi, 'profile').update(ctx.state.user as UserRow, input), meta: {} };
  },

  async destroy(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'profile').softDelete((ctx.state.user as UserRow).id), meta: {} };
  },

  async export(ctx: Context) {
    const data = await getService(strapi, 'profile').exportData((ctx.state.user as UserRow).id, ctx.state.auth);
    ctx.set('Content-Disposition', 'attachment; filename="my-data.json"');
    ctx.body = { data, meta: {} };
  },
});

export default meController;
