import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import helmet from 'koa-helmet';
import defaultsDeep from 'lodash/fp/defaultsDeep';
import type { Context, Next } from 'koa';

/**
 * `strapi::security`, extended (src/index.ts register) to compute its headers once instead of on every
 * request.
 *
 * Strapi 5.54's security middleware deep-merges its defaults with the app's config and builds a new
 * helmet instance (CSP string included) for every request: about 5% of the CPU of a check-in, on every
 * route. The headers only differ for GET /documentation, for the admin panel in development, and when
 * the GraphQL plugin is on; those requests still go to Strapi's own middleware. Everything else gets
 * the same helmet, built once from the same defaults and config (tests/e2e/security-headers.test.ts
 * compares both header sets, so a Strapi upgrade that changes its defaults shows up there). The config
 * is the app's own `strapi::security` entry in config/middlewares.ts.
 */
export const STRAPI_SECURITY_DEFAULTS = {
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  contentSecurityPolicy: { useDefaults: true, directives: { ...CSP_DEFAULTS, upgradeInsecureRequests: null } },
  xssFilter: false,
  hsts: { maxAge: 31536000, includeSubDomains: true },
  frameguard: { action: 'sameorigin' },
};

type Middleware = (ctx: Context, next: Next) => Promise<unknown>;
type MiddlewareFactory = (config: unknown, context: { strapi: Core.Strapi }) => Middleware;

export const securityBuiltOnce = (strapiFactory: MiddlewareFactory): MiddlewareFactory => (config, { strapi }) => {
  const strapiSecurity = strapiFactory(config, { strapi });
  const sameForAll = helmet(defaultsDeep(STRAPI_SECURITY_DEFAULTS, config ?? {}) as Parameters<typeof helmet>[0]) as unknown as Middleware;
  const graphql = Boolean(strapi.plugin('graphql'));
  const adminPath = String(strapi.config.get('admin.path', '/admin'));
  const development = ['development', 'test'].includes(process.env.NODE_ENV ?? '');

  return (ctx: Context, next: Next) => {
    const special = ctx.method === 'GET' && (ctx.path.startsWith('/documentation') || (development && ctx.path.startsWith(adminPath)));
    return graphql || special ? strapiSecurity(ctx, next) : sameForAll(ctx, next);
  };
};
