import fs from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parseOrThrow } from '../../../../../utils/validation';
import { unauthorizedError } from '../../../../../utils/errors';
import type { Caller } from '../services/boards';
import { getService } from '../utils/get-service';
import { createPostSchema, documentIdParams, feedQuerySchema, followingQuerySchema, myPostsQuerySchema, slugParams } from '../validation/requests';

/** The uploaded file as koa-body (formidable) hands it over; its bytes are checked by the images service. */
const uploadSchema = z.object(
  {
    file: z
      .unknown()
      .superRefine((value, ctx) => {
        if (value === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'send the image as multipart/form-data in the field "file"' });
        else if (Array.isArray(value)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'send exactly one image in the field "file"' });
      })
      .pipe(z.object({ filepath: z.string(), size: z.number().int().min(0), originalFilename: z.string().nullish(), mimetype: z.string().nullish() })),
  },
  { required_error: 'send the image as multipart/form-data in the field "file"' },
);

/** PUBLIC_URL when set (behind a proxy), else the origin this request came to: image URLs are absolute. */
const baseUrlOf = (strapi: Core.Strapi, ctx: Context) => (strapi.config.get('server.url') as string | undefined) || ctx.origin;
const viewerOf = (ctx: Context) => (ctx.state.user ? { id: Number((ctx.state.user as { id: number }).id) } : null);
const callerOf = (ctx: Context): Caller => {
  if (!ctx.state.user) throw unauthorizedError('Sign in first');
  return ctx.state.user as Caller;
};

/** Posts and feeds under /api/community (services/posts.ts, feed.ts, images.ts). */
const postsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async feed(ctx: Context) {
    const { slug } = parseOrThrow(slugParams, { slug: ctx.params.slug }, 'path');
    const query = parseOrThrow(feedQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'feed').board(slug, query, viewerOf(ctx), baseUrlOf(strapi, ctx));
  },

  async following(ctx: Context) {
    const caller = callerOf(ctx);
    const query = parseOrThrow(followingQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'feed').following({ id: caller.id }, query, baseUrlOf(strapi, ctx));
  },

  async mine(ctx: Context) {
    const caller = callerOf(ctx);
    const query = parseOrThrow(myPostsQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'feed').mine({ id: caller.id }, query, baseUrlOf(strapi, ctx));
  },

  async uploadImage(ctx: Context) {
    const files = (ctx.request as { files?: Record<string, unknown> }).files ?? {};
    try {
      const caller = callerOf(ctx);
      const { file } = parseOrThrow(uploadSchema, { file: files.file }, 'image upload');
      ctx.status = 201;
      ctx.body = { data: await getService(strapi, 'images').upload(caller.id, file, baseUrlOf(strapi, ctx)), meta: {} };
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

  async create(ctx: Context) {
    const caller = callerOf(ctx);
    const input = parseOrThrow(createPostSchema, ctx.request.body, 'post');
    ctx.status = 201;
    ctx.body = await getService(strapi, 'posts').create(caller, input, baseUrlOf(strapi, ctx));
  },

  async findOne(ctx: Context) {
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    ctx.body = { data: await getService(strapi, 'posts').findOne(documentId, viewerOf(ctx), baseUrlOf(strapi, ctx)), meta: {} };
  },

  async delete(ctx: Context) {
    const caller = callerOf(ctx);
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    await getService(strapi, 'posts').remove(documentId, caller.id);
    ctx.status = 204;
  },
});

export default postsController;
