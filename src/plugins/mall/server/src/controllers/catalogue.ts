import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseOrThrow } from '../../../../../utils/validation';
import { getService } from '../utils/get-service';
import { baseUrlOf } from './context';
import { documentIdParams, productListQuerySchema } from '../validation/requests';

/** The public catalogue: categories, product pages, one product with its SKUs (services/catalogue.ts). */
const catalogueController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async categories(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'catalogue').categories(baseUrlOf(strapi, ctx)), meta: {} };
  },

  async products(ctx: Context) {
    const query = parseOrThrow(productListQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'catalogue').products(query, baseUrlOf(strapi, ctx));
  },

  async product(ctx: Context) {
    const { documentId } = parseOrThrow(documentIdParams, { documentId: ctx.params.documentId }, 'path');
    ctx.body = { data: await getService(strapi, 'catalogue').product(documentId, baseUrlOf(strapi, ctx)), meta: {} };
  },
});

export default catalogueController;
