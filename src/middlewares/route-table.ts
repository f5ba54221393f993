import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import compose from 'koa-compose';

/**
 * The content API's routes as one table, dispatched in one step, with Strapi's own route handlers.
 *
 * Why: Strapi flattens every group of routes (each API, each plugin) into one @koa/router of ~370
 * layers, about forty of which are the groups' `allowedMethods` middlewares. For every request the
 * router tests every layer's regular expression, then composes the matched ones, the forty
 * `allowedMethods` included, and runs them (bench/README.md: "The router"). Those forty never do
 * anything for a request that matched a route: they act only when the status is still 404 after the
 * route ran, and a route that matched has answered (or thrown, which skips them).
 *
 * So for requests under the content-API prefix this middleware, the last global one, finds the matched
 * layers itself: by method and by the path's first segment, among the route layers that start with that
 * segment plus those whose first segment is a pattern. It runs exactly what the router would, in the
 * router's order, setting `ctx.params`, `ctx.captures`, `ctx._matchedRoute` as it does: every matched
 * layer's stack is Strapi's composed endpoint (route info, authentication, authorization, policies,
 * route middlewares, the controller action), untouched. What it leaves out is the `allowedMethods`
 * middlewares, and nothing else. A request no route matches (404, 405, OPTIONS) goes on to the router,
 * which answers it as before. Admin and other non-API paths always go on to the router.
 *
 * The table is built at the first request (every route is registered by then) and again whenever the
 * router's layer count changes. `enabled: false` (ROUTE_TABLE=false) sends everything to the router.
 */
type Layer = {
  path: string;
  methods: string[];
  stack: Array<(ctx: Context, next: Next) => unknown>;
  name?: string | null;
  match(path: string): boolean;
  captures(path: string, captures?: string[]): string[];
  params(path: string, captures: string[], params?: Record<string, string>): Record<string, string>;
};
type Router = { stack: Layer[] };

export type RouteTableConfig = { enabled?: boolean };

const isAllowedMethods = (layer: Layer) => layer.methods.length === 0 && layer.stack.length === 1 && layer.stack[0].name === 'allowedMethods';

/** The literal first segment after `prefix` of a layer path, or null when it is a parameter or a pattern. */
const literalFirstSegment = (layerPath: string, prefix: string): string | null => {
  if (!layerPath.startsWith(`${prefix}/`)) return null;
  const segment = layerPath.slice(prefix.length + 1).split('/')[0];
  return /^[\w.~-]+$/.test(segment) ? segment : null;
};

type Table = {
  size: number;
  /** method -> first segment -> route layers (with their index in the router's stack) */
  bySegment: Map<string, Map<string, Array<[number, Layer]>>>;
  /** method -> route layers whose first segment is not a literal (tried for every path) */
  patterned: Map<string, Array<[number, Layer]>>;
  /** path middlewares other than allowedMethods, for every method */
  middlewares: Array<[number, Layer]>;
  /** composed chains by the indices of the layers they run */
  chains: Map<string, (ctx: Context, next: Next) => Promise<unknown>>;
};

export const buildRouteTable = (router: Router, prefix: string): Table => {
  const table: Table = { size: router.stack.length, bySegment: new Map(), patterned: new Map(), middlewares: [], chains: new Map() };
  router.stack.forEach((layer, index) => {
    if (isAllowedMethods(layer)) return;
    if (layer.methods.length === 0) {
      table.middlewares.push([index, layer]);
      return;
    }
    const segment = literalFirstSegment(layer.path, prefix);
    for (const method of layer.methods) {
      if (segment === null) {
        if (!table.patterned.has(method)) table.patterned.set(method, []);
        table.patterned.get(method)!.push([index, layer]);
        continue;
      }
      if (!table.bySegment.has(method)) table.bySegment.set(method, new Map());
      const segments = table.bySegment.get(method)!;
      if (!segments.has(segment)) segments.set(segment, []);
      segments.get(segment)!.push([index, layer]);
    }
  });
  return table;
};

/** The layers the router would run for this request, in its order, or null when no route matches. */
export const matchedLayers = (table: Table, method: string, path: string, prefix: string): Array<[number, Layer]> | null => {
  const rest = path.slice(prefix.length + 1);
  const slash = rest.indexOf('/');
  const segment = slash === -1 ? rest : rest.slice(0, slash);
  const matched: Array<[number, Layer]> = [];
  let route = false;
  for (const entry of table.bySegment.get(method)?.get(segment) ?? []) {
    if (entry[1].match(path)) {
      matched.push(entry);
      route = true;
    }
  }
  for (const entry of table.patterned.get(method) ?? []) {
    if (entry[1].match(path)) {
      matched.push(entry);
      route = true;
    }
  }
  if (!route) return null;
  for (const entry of table.middlewares) if (entry[1].match(path)) matched.push(entry);
  return matched.sort((a, b) => a[0] - b[0]);
};

/** What @koa/router runs for each matched layer: set the route's params, then the layer's stack. */
const chainOf = (layers: Array<[number, Layer]>) =>
  compose(
    layers.flatMap(([, layer]) => [
      (ctx: Context, next: Next) => {
        const context = ctx as Context & { captures?: string[]; routerPath?: string; routerName?: string | null; _matchedRoute?: string; _matchedRouteName?: string };
        context.captures = layer.captures(ctx.path, context.captures);
        ctx.params = (ctx.request as unknown as { params: Record<string, string> }).params = layer.params(ctx.path, context.captures, ctx.params);
        context.routerPath = layer.path;
        context.routerName = layer.name;
        context._matchedRoute = layer.path;
        if (layer.name) context._matchedRouteName = layer.name;
        return next();
      },
      ...layer.stack,
    ]),
  );

export default (config: RouteTableConfig, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  let table: Table | null = null;

  return async (ctx: Context, next: Next) => {
    if (config.enabled === false || !(ctx.path.startsWith(`${prefix}/`) || ctx.path === prefix)) return next();
    const router = strapi.server.router as unknown as Router;
    if (table === null || table.size !== router.stack.length) table = buildRouteTable(router, prefix);
    const layers = matchedLayers(table, ctx.method, ctx.path, prefix);
    if (layers === null) return next(); // 404, 405, OPTIONS: the router's answers
    const key = layers.map(([index]) => index).join(',');
    let chain = table.chains.get(key);
    if (!chain) {
      chain = chainOf(layers);
      table.chains.set(key, chain);
    }
    const context = ctx as Context & { router?: unknown; matched?: Layer[] };
    context.router = router;
    context.matched = layers.map(([, layer]) => layer);
    return chain(ctx, next);
  };
};
