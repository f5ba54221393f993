import type { Context, Next } from 'koa';
import { z } from 'zod';
import { parseOrThrow } from '../utils/validation';

/**
 * Strapi quietly coerces impossible pagination (a negative page size, page 0) into something else;
 * a client with such a bug deserves a 400 that says so. Applies to the content API only.
 */
const positiveInt = z.coerce.number().int().min(1);
const paginationSchema = z
  .object({
    page: positiveInt.optional(),
    pageSize: positiveInt.max(100, 'pageSize is at most 100').optional(),
    start: z.coerce.number().int().min(0).optional(),
    limit: positiveInt.max(100, 'limit is at most 100').optional(),
    withCount: z.enum(['true', 'false']).optional(),
  })
  .strict();

export default () => async (ctx: Context, next: Next) => {
  const pagination = (ctx.query as Record<string, unknown>).pagination;
  if (pagination !== undefined && ctx.path.startsWith('/api/')) {
    parseOrThrow(paginationSchema, pagination, 'pagination');
  }
  await next();
};
