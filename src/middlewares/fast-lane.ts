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
 * Config: `{ enabled?: boolean, handlers: ['api::check-in.check-in.create', 'plugin::leaderboard.leaderboards.list', ...] }`.
 * Paths may have `:name` parameters (the leaderboard reads); the lane gives the handler `ctx.params`.
 */
type RouteConfig = { auth?: unknown; policies?: unknown[]; middlewares?: unknown[] };
type RouteDefinition = { method: string; path: string; handler: unknown; config?: RouteConfig; info?: Record<string, unknown> };
type RouterModule = { type?: string; routes: RouteDefinition[] | (() => RouteDefinition[]) };
type Action = (ctx: Context, next: Next) => unknown;

export type FastLaneConfig = { enabled?: boolean; handlers?: string[] };

/** `api::<api>.<controller>.<action>` or `plugin::<plugin>.<controller>.<action>`. */
const HANDLER = /^(api|plugin)::([\w-]+)\.([\w-]+)\.(\w+)$/;
/** Plain segments and `:name` parameters only; anything fancier (regex, optional, wildcard) takes the router. */
const SIMPLE_PATH = /^(\/(:[A-Za-z_]\w*|[\w.~-]+))+$/;

/** Why `route` cannot take the lane, or null when it can. */
const unfitBecause = (route: RouteDefinition): string | null => {
  const config = route.config ?? {};
  if (config.auth !== false) return 'it authenticates through users-permissions';
  if ((config.policies ?? []).length > 0) return 'it has route policies';
  if ((config.middlewares ?? []).length > 0) return 'it has route middlewares';
  if (!SIMPLE_PATH.test(route.path)) return 'its path is more than plain segments and :parameters';
  return null;
};

/** A matcher for a route path: its parameters by name, or null when `path` is another route's. */
const compilePath = (path: string): ((candidate: string) => Record<string, string> | null) => {
  const names: string[] = [];
  const pattern = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.~-]/g, (c) => `\\${c}`);
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  const regex = new RegExp(`^${pattern}$`);
  return (candidate) => {
    const match = regex.exec(candidate);
    if (!match) return null;
    const params: Record<string, string> = {};
    for (let i = 0; i < names.length; i += 1) {
      try {
        params[names[i]] = decodeURIComponent(match[i + 1]);
      } catch {
        return null; // a malformed escape: let the router answer it
      }
    }
    return params;
  };
};

const findRoute = (strapi: Core.Strapi, uid: string): RouteDefinition | undefined => {
  const [, kind, name, controller, action] = HANDLER.exec(uid) ?? [];
  if (!name) return undefined;
  const owner = kind === 'api' ? strapi.api(name) : strapi.plugin(name);
  const modules = Object.values((owner?.routes ?? {}) as Record<string, RouterModule>);
  for (const module of modules) {
    if (module.type && module.type !== 'content-api') continue;
    const routes = typeof module.routes === 'function' ? module.routes() : module.routes;
    const found = routes.find((route) => route.handler === uid || route.handler === `${controller}.${action}`);
    if (found) return found;
  }
  return undefined;
};

export default (config: FastLaneConfig, { strapi }: { strapi: Core.Strapi }) => {
  type Lane = { route: RouteDefinition; action: Action; info: Record<string, unknown>; match: ReturnType<typeof compilePath> };
  /** Exact paths first (a Map lookup); routes with parameters are tried in order. */
  const lanes = new Map<string, Lane>();
  const parameterised: Array<{ method: string; lane: Lane }> = [];
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;

  for (const uid of config.enabled === false ? [] : (config.handlers ?? [])) {
    const route = findRoute(strapi, uid);
    const reason = route ? unfitBecause(route) : 'no content-API route has this handler';
    if (!route || reason) {
      strapi.log.warn(`[fast-lane] ${uid} goes through the router: ${reason}`);
      continue;
    }
    const [, kind, name, controllerName, actionName] = HANDLER.exec(uid) as RegExpExecArray;
    const controller = (
      kind === 'api' ? strapi.controller(`api::${name}.${controllerName}` as never) : strapi.plugin(name).controller(controllerName)
    ) as unknown as Record<string, Action>;
    const action = controller?.[actionName];
    if (typeof action !== 'function') {
      strapi.log.warn(`[fast-lane] ${uid} goes through the router: no such controller action`);
      continue;
    }
    // Plugin routes sit under /<plugin> unless their config gives another prefix (ours give '').
    const routePrefix = kind === 'api' ? '' : ((route.config as { prefix?: string } | undefined)?.prefix ?? `/${name}`);
    const fullPath = `${prefix}${routePrefix}${route.path}`;
    const info = kind === 'api' ? { apiName: name, type: 'content-api' } : { pluginName: name, type: 'content-api' };
    const lane: Lane = { route, action: action.bind(controller), info, match: compilePath(fullPath) };
    if (fullPath.includes(':')) parameterised.push({ method: route.method.toUpperCase(), lane });
    else lanes.set(`${route.method.toUpperCase()} ${fullPath}`, lane);
  }

  return async (ctx: Context, next: Next) => {
    if (lanes.size === 0 && parameterised.length === 0) return next();
    const path = ctx.path.length > 1 && ctx.path.endsWith('/') ? ctx.path.slice(0, -1) : ctx.path;
    let lane = lanes.get(`${ctx.method} ${path}`);
    if (!lane) {
      for (const candidate of parameterised) {
        if (candidate.method !== ctx.method) continue;
        const params = candidate.lane.match(path);
        if (params) {
          lane = candidate.lane;
          ctx.params = params;
          break;
        }
      }
    }
    if (!lane) return next();
    // What Strapi's route info middleware gives a handler, then the handler, then its return value as the body.
    ctx.state.route = { ...lane.route, info: { ...lane.info, ...(lane.route.info ?? {}) }, config: lane.route.config ?? {} };
    // The handler is the end of the chain, as in the router: nothing comes after it.
    const value = await lane.action(ctx, async () => undefined);
    if ((ctx.body === undefined || ctx.body === null) && value !== undefined && value !== null) ctx.body = value;
  };
};
