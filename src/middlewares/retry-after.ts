import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';

/**
 * Every 429 raised with `details.retryAfterSeconds` (src/services/rate-limiters.ts, WeChat's own limit)
 * gets the Retry-After header the client waits by. Sits just inside strapi::errors, which writes the
 * error envelope and keeps the headers set here.
 */
export default () => async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    if (error instanceof errors.RateLimitError) {
      const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (typeof seconds === 'number') ctx.set('Retry-After', String(seconds));
    }
    throw error;
  }
};
