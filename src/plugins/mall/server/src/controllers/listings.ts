import fs from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { idempotentRequestFrom } from '../../../../gamification/public';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { baseUrlOf, callerOf } from './context';
import { documentIdParams, listingBodySchema } from '../validation/requests';
import { listingImageUploadSchema } from '../validation/listings';

/** Second-hand listings by users (services/listings.ts): images, create, the seller's own list, off the shelf. */
const listingsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async uploadImage(ctx: Context) {
    const files = (ctx.request as { files?: Record<string, unknown> }).files ?? {};
    try {
      const caller = callerOf(ctx);
      const { file } = parseOrThrow(listingImageUploadSchema, { file: files.file }, 'image upload');
      ctx.status = 201;
      ctx.body = { data: await getService(strapi, 'listings').uploadImage(caller.id, file, baseUrlOf(strapi, ctx)), meta: {} };
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
    const input = parseOrThrow(listingBodySchema, ctx.request.body, 'listing');
    const answer = await getService(strapi, 'listings').create(caller.id, input, baseUrlOf(strapi, ctx), idempotentRequestFrom(ctx, 'mall.listing', input));
    ctx.status = answer.statusCode;
    ctx.body = answer.body;
  },

  async mine(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'listings').mine(callerOf(ctx).id, baseUrlOf(strapi, ctx)), meta: {} };
  },

  async offShelf(ctx: Context) {
    const caller = callerOf(ctx);
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    ctx.body = { data: await getService(strapi, 'listings').offShelf(caller.id, documentId, baseUrlOf(strapi, ctx)), meta: {} };
  },
});

export default listingsController;
