import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { enableMetrics, recordRequest, routeLabelOf, secondsSince } from '../services/metrics';

/**
 * Prometheus metrics: `GET /metrics` (outside the API prefix, the Prometheus convention) answers this
 * instance's registry (src/services/metrics.ts), and every other request is counted and timed by method,
 * route pattern and status.
 *
 * Off by default: with `enabled: false` (METRICS_ENABLED unset) nothing is measured and /metrics is a 404
 * like any unknown path. With a `token` (METRICS_TOKEN) a scrape must send `Authorization: Bearer <token>`.
 *
 * Sits just outside strapi::errors so it sees the status that middleware writes for a thrown error.
 * The route label is the pattern of the route the router (or src/middlewares/route-table.ts) matched
 * (`/api/habits/:id`), never the raw path: one series per route, not per id (routeLabelOf).
 *
 * Config: `{ enabled?: boolean, token?: string }` (config/middlewares.ts).
 */
export type MetricsConfig = { enabled?: boolean; token?: string };

export const METRICS_PATH = '/metrics';

/** Bearer token check in constant time (the lengths are compared on their hashes, so they leak nothing either). */
export const bearerMatches = (authorization: string | undefined, token: string): boolean => {
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return false;
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(match[1].trim()), digest(token));
};

export default (config: MetricsConfig, { strapi }: { strapi: Core.Strapi }) => {
  if (config.enabled !== true) return (_ctx: Context, next: Next) => next();
  const metrics = enableMetrics(strapi);
  const token = config.token?.trim() ?? '';

  return async (ctx: Context, next: Next) => {
    if (ctx.path === METRICS_PATH) {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
      if (token && !bearerMatches(ctx.get('Authorization'), token)) {
        // Outside strapi::errors: the envelope is written here, in its shape.
        ctx.status = 401;
        ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
        ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Missing or invalid metrics token', details: {} } };
        return;
      }
      ctx.set('Content-Type', metrics.registry.contentType);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await metrics.registry.metrics();
      return;
    }

    const startedAt = process.hrtime.bigint();
    const record = (status: number) => recordRequest(strapi, { method: ctx.method, route: routeLabelOf(ctx), status, seconds: secondsSince(startedAt) });
    try {
      await next();
    } catch (error) {
      // strapi::errors (inside) turns every error into its answer; one escaping it gets Koa's: its status or 500.
      const status = (error as { status?: unknown }).status;
      record(typeof status === 'number' && status >= 400 && status < 600 ? status : 500);
      throw error;
    }
    record(ctx.status);
  };
};
