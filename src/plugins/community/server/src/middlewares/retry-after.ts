import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';

/**
 * Route middleware on every community route: a 429 from a write budget (services/limits.ts) carries
 * `details.retryAfterSeconds`; this sets the Retry-After header the client waits by.
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
