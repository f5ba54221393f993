import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import type { Bucket } from '../services/rate-limits';

/**
 * Route middleware: `{ name: 'plugin::wechat.rate-limit', config: { buckets: ['login-ip', 'login-failed-ip', 'login-code'] } }`.
 * Every bucket a request falls in must have budget left. IP buckets key on the client address (behind a
 * proxy, set TRUST_PROXY), so no key ever comes from the request body alone. Any 429 raised further
 * down (WeChat's own limit, the per-user refresh budget) gets its Retry-After header from global::retry-after.
 */
type Config = { buckets: Bucket[] };

const keyFor = (bucket: Bucket, ctx: Context): string | null => {
  if (bucket === 'login-ip' || bucket === 'login-failed-ip' || bucket === 'refresh-ip') return ctx.request.ip;
  if (bucket === 'login-code') {
    const code = (ctx.request.body as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' && code.length > 0 ? code : null;
  }
  // Route middlewares run after authentication: the signed-in user is known here.
  if (bucket === 'avatar-user') return ctx.state.user ? String((ctx.state.user as { id: number }).id) : null;
  return null; // refresh-user and login-user are spent by the accounts service, once it knows the user
};

/** Buckets spent only when something fails (the controller spends them): here only checked. */
const SPENT_ON_FAILURE = new Set<Bucket>(['login-failed-ip']);

export default (config: Config, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    for (const bucket of config.buckets) {
      const key = keyFor(bucket, ctx);
      if (key === null) continue;
      const limits = getService(strapi, 'rateLimits');
      const verdict = SPENT_ON_FAILURE.has(bucket) ? await limits.check(bucket, key) : await limits.consume(bucket, key);
      if (!verdict.allowed) {
        ctx.set('Retry-After', String(verdict.retryAfterSeconds));
        throw new errors.RateLimitError(`Too many requests; retry in ${verdict.retryAfterSeconds} s`, {
          retryAfterSeconds: verdict.retryAfterSeconds,
        });
      }
    }
    await next();
  };
