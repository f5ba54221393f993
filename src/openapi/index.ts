import type { Core } from '@strapi/strapi';
import { ROLE_PERMISSIONS } from '../bootstrap/permissions';
import { sortKeys } from '../utils/json';
import { openApiFragment, schemaObjectOf, type ApiRoute, type OpenApiSurface } from '../utils/openapi';
import { gamification } from '../plugins/gamification/public';
import { appRoutes } from './app-routes';
import { moveGeneratedPathsUnder } from './generated-crud';
import { recordSchemas } from './record-schemas';
import { routeSecurity } from './route-security';

/**
 * The API document: what the documentation plugin generates from the content types (the CRUD routes,
 * users-permissions' and upload's routes), plus every other content-API route as the plugins and src/api
 * document them (`ApiRoute`s built from the zod schemas that validate the requests and describe the
 * answers), merged in through the plugin's override service. One document, served at /documentation and
 * written to miniprogram/api/openapi.json by `npm run openapi` (scripts/openapi.js).
 *
 * A plugin takes part through its public surface: a service named `openapi` whose `routes()` lists its
 * documented routes. Nothing here imports a plugin's internals.
 */
export const documentedRoutes = (strapi: Core.Strapi): ApiRoute[] => {
  const fromPlugins = Object.keys(strapi.plugins)
    .sort()
    .flatMap((name) => {
      const surface = strapi.service(`plugin::${name}.openapi`) as OpenApiSurface | undefined;
      return surface ? surface.routes() : [];
    });
  return [...fromPlugins, ...appRoutes(strapi)];
};

type RegisteredRoute = { method: string; path: string; handler: unknown; config?: { auth?: unknown; prefix?: string } };
type Router = { type?: string; routes: RegisteredRoute[] };
type Override = { paths?: Record<string, Record<string, unknown>> };

/**
 * An operation's identity across spellings: `GET /api/habits/:id`, `GET /api/habits/{id}`,
 * `GET /api/connect/(.*)`, `POST /api/upload/` read `GET /api/habits/{}`, `GET /api/connect/{}`, `POST /api/upload`.
 */
export const operationKey = (method: string, routePath: string) =>
  `${method.toUpperCase()} ${routePath.replace(/\{[^}]+\}|:[A-Za-z0-9_]+|\(\.\*\)/g, '{}').replace(/(.)\/$/, '$1')}`;

/**
 * A plugin's content-API routes with their full paths, as Strapi mounts them (the API prefix, then the
 * route's own `config.prefix` or `/<plugin>`). Read from the plugin itself: this runs at register(), before
 * the server has the routes (`strapi.contentAPI.getRoutesMap()` needs them mounted).
 */
const pluginContentApiRoutes = (strapi: Core.Strapi, name: string): RegisteredRoute[] => {
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  const routers = (strapi.plugin(name) as unknown as { routes: Router[] | Record<string, Router | (() => Router)> }).routes;
  if (Array.isArray(routers)) return []; // a bare list is admin routes
  return Object.entries(routers)
    // Until the server mounts them, routers made by createContentApiRoutesFactory are still factories.
    .map(([key, router]) => ({ key, router: typeof router === 'function' ? router() : router }))
    .filter(({ key, router }) => (router.type ?? key) === 'content-api')
    .flatMap(({ router }) => router.routes)
    .map((route) => ({ ...route, path: `${prefix}${route.config?.prefix ?? `/${name}`}${route.path}` }));
};

/**
 * Content-API routes of Strapi's own plugins that no one documents (email, i18n, content-type-builder,
 * and the odd route users-permissions' or upload's own documentation leaves out), from Strapi's route
 * registry, so the document lists every route there is. None is granted to a role today
 * (src/bootstrap/permissions.ts), so all they answer is 401 or 403, and that is what they say.
 */
export const otherPluginRoutes = (strapi: Core.Strapi): ApiRoute[] => {
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  // The plugins that register their own documentation (users-permissions, upload) did so in their register().
  const overrides = (strapi.plugin('documentation').service('override') as { registeredOverrides: Override[] }).registeredOverrides;
  const documented = new Set(
    overrides.flatMap((override) =>
      Object.entries(override.paths ?? {}).flatMap(([path, item]) => Object.keys(item).map((method) => operationKey(method, `${prefix}${path}`))),
    ),
  );
  const granted = new Set([...ROLE_PERMISSIONS.public, ...ROLE_PERMISSIONS.authenticated]);
  return Object.keys(strapi.plugins)
    .filter((name) => !strapi.service(`plugin::${name}.openapi`))
    .sort()
    .flatMap((name) =>
      pluginContentApiRoutes(strapi, name)
        .filter((route) => !documented.has(operationKey(route.method, route.path)))
        .map((route): ApiRoute => {
          const action = `plugin::${name}.${String(route.handler)}`;
          const open = granted.has(action);
          return {
            method: route.method.toLowerCase() as ApiRoute['method'],
            path: route.path.slice(prefix.length).replace(/(.)\/$/, '$1'),
            operationId: action.replace(/[^A-Za-z0-9]+/g, '_'),
            summary: `${String(route.handler)} (Strapi's ${name} plugin)`,
            description: open
              ? `A route of Strapi's ${name} plugin, granted in src/bootstrap/permissions.ts; see that plugin's documentation.`
              : 'Not granted to any role (src/bootstrap/permissions.ts): answers 401 without a token and 403 with one.',
            tags: [`Strapi ${name}`],
            auth: route.config?.auth === false ? 'public' : 'user',
            responses: open ? { 200: { description: 'See the plugin’s documentation' } } : {},
            errors: [401, 403],
          };
        }),
    );
};

/**
 * Register the documented routes with the documentation plugin, and its `mutateDocumentation` hook that
 * finishes what it generates (generated-crud.ts, record-schemas.ts, route-security.ts). Call it from `register()`: the
 * plugin's bootstrap generates the document.
 */
export const registerApiDocument = (strapi: Core.Strapi) => {
  if (!strapi.plugin('documentation')) return;
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  const routes = [...documentedRoutes(strapi), ...otherPluginRoutes(strapi)];
  strapi.plugin('documentation').service('override').registerOverride(openApiFragment(prefix, routes));
  const underPrefix = moveGeneratedPathsUnder(prefix);
  const { weekdays, reminderTimes } = gamification(strapi, 'openapi').schemas.habitJsonAttributes;
  const records = recordSchemas(strapi, {
    'api::habit.habit': { weekdays: schemaObjectOf(weekdays), reminderTimes: schemaObjectOf(reminderTimes) },
  });
  const security = routeSecurity(strapi, prefix);
  strapi.config.set('plugin::documentation.x-strapi-config.mutateDocumentation', (draft: Parameters<typeof underPrefix>[0]) => {
    underPrefix(draft);
    records(draft);
    security(draft);
  });
};

/**
 * The served document as it is committed (miniprogram/api/openapi.json): without the generation time,
 * keys sorted, two-space JSON with a final newline.
 */
export const serializeDocument = (document: Record<string, unknown>): string => {
  const copy = JSON.parse(JSON.stringify(document)) as { info?: Record<string, unknown> };
  if (copy.info) delete copy.info['x-generation-date'];
  return `${JSON.stringify(sortKeys(copy), null, 2)}\n`;
};
