import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/**
 * The fast lane: a few hot content-API routes answered right after the global middlewares, without the
 * router.
 *
 * Why: Strapi mounts every group of routes as a nested @koa/router, so each /api request walks through
 * about forty `allowedMethods` layers before it reaches its handler (measured on POST /api/check-ins:
 * 0.3 to 0.6 ms of CPU per request, a third of the request's cost; see bench/README.md). For a route that
 * declares no authentication, policies or route middlewares, the router adds nothing else, so the lane
 * calls the same controller action with the same context. The check-in qualifies because it
 * authenticates itself (gamification's hot-auth service: same JWT, same role permission).
 *
 * A route is taken only while its registered config says auth: false with no policies and no
 * middlewares. Give it any of those and the lane steps aside (with a warning at boot), so the route's
 * config always holds. Every global middleware before this one (errors, security headers, CORS, body
 * parsing, logging) still runs.
 *
 * Config: `{ enabled?: boolean, handlers: ['api::check-in.check-in.create', ...] }`.
 */
type RouteConfig = { auth?: unknown; policies?: unknown[]; middlewares?: unknown[] };
type RouteDefinition = { method: string; path: string; handler: unknown; config?: RouteConfig; info?: Record<string, unknown> };
type RouterModule = { type?: string; routes: RouteDefinition[] | (() => RouteDefinition[]) };
type Action = (ctx: Context, next: Next) => unknown;

export type FastLaneConfig = { enabled?: boolean; handlers?: string[] };

const HANDLER = /^api::([\w-]+)\.([\w-]+)\.(\w+)$/;

/** Why `route` cannot take the lane, or null when it can. */
const unfitBecause = (route: RouteDefinition): string | null => {
  const config = route.config ?? {};
  if (config.auth !== false) return 'it authenticates through users-permissions';
  if ((config.policies ?? []).length > 0) return 'it has route policies';
  if ((config.middlewares ?? []).length > 0) return 'it has route middlewares';
  if (route.path.includes(':') || route.path.includes('(')) return 'its path has parameters';
  return null;
};

const findRoute = (strapi: Core.Strapi, uid: string): RouteDefinition | undefined => {
  const [, apiName, controller, action] = HANDLER.exec(uid) ?? [];
  if (!apiName) return undefined;
  const modules = Object.values((strapi.api(apiName)?.routes ?? {}) as Record<string, RouterModule>);
  for (const module of modules) {
    if (module.type && module.type !== 'content-api') continue;
    const routes = typeof module.routes === 'function' ? module.routes() : module.routes;
    const found = routes.find((route) => route.handler === uid || route.handler === `${controller}.${action}`);
    if (found) return found;
  }
  return undefined;
};

export default (config: FastLaneConfig, { strapi }: { strapi: Core.Strapi }) => {
  const lanes = new Map<string, { route: RouteDefinition; action: Action }>();
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;

  for (const uid of config.enabled === false ? [] : (config.handlers ?? [])) {
    const route = findRoute(strapi, uid);
    const reason = route ? unfitBecause(route) : 'no content-API route has this handler';
    if (!route || reason) {
      strapi.log.warn(`[fast-lane] ${uid} goes through the router: ${reason}`);
      continue;
    }
    const [, apiName, controllerName, actionName] = HANDLER.exec(uid) as RegExpExecArray;
    const controller = strapi.controller(`api::${apiName}.${controllerName}` as never) as unknown as Record<string, Action>;
    const action = controller?.[actionName];
    if (typeof action !== 'function') {
      strapi.log.warn(`[fast-lane] ${uid} goes through the router: no such controller action`);
      continue;
    }
    lanes.set(`${route.method.toUpperCase()} ${prefix}${route.path}`, { route, action: action.bind(controller) });
  }

  return async (ctx: Context, next: Next) => {
    if (lanes.size === 0) return next();
    const path = ctx.path.length > 1 && ctx.path.endsWith('/') ? ctx.path.slice(0, -1) : ctx.path;
    const lane = lanes.get(`${ctx.method} ${path}`);
    if (!lane) return next();
    // What Strapi's route info middleware gives a handler, then the handler, then its return value as the body.
    ctx.state.route = { ...lane.route, config: lane.route.config ?? {} };
    // The handler is the end of the chain, as in the router: nothing comes after it.
    const value = await lane.action(ctx, async () => undefined);
    if ((ctx.body === undefined || ctx.body === null) && value !== undefined && value !== null) ctx.body = value;
  };
};
