import fs from 'node:fs/promises';
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { parseOrThrow } from '../../../../../utils/validation';
import type { WeChatConfig } from '../config';
import { getService } from '../utils/get-service';
import { avatarUploadSchema, profileUpdateSchema } from '../validation/auth';
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

  async avatar(ctx: Context) {
    const files = (ctx.request as { files?: Record<string, unknown> }).files ?? {};
    try {
      const { file } = parseOrThrow(avatarUploadSchema, { file: files.file }, 'avatar upload');
      // PUBLIC_URL when set (behind a proxy), else the origin this request came to.
      const baseUrl = (strapi.config.get('server.url') as string | undefined) || ctx.origin;
      ctx.body = { data: await getService(strapi, 'profile').setAvatar(ctx.state.user as UserRow, file, baseUrl), meta: {} };
    } finally {
      // Strapi's body middleware deletes only the upload route's temporary files (field "files").
      await Promise.all(
        Object.values(files)
          .flat()
          .map((file) => (file as { filepath?: string }).filepath)
          .filter((filepath): filepath is string => typeof filepath === 'string')
          .map((filepath) => fs.rm(filepath, { force: true })),
      );
    }
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
