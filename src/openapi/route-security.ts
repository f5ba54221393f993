import type { Core } from '@strapi/strapi';
import { ROLE_PERMISSIONS } from '../bootstrap/permissions';

/**
 * Who may call each of src/api's routes, as src/bootstrap/permissions.ts grants it, in the document (part
 * of the documentation plugin's `mutateDocumentation` hook, see src/openapi/index.ts). The plugin marks
 * every generated operation as needing a Bearer token; an action the public role may call needs none
 * (`security: [{}, bearerAuth]`: anonymous or signed in), and an action no role is granted says so.
 */
type Json = Record<string, unknown>;
type Route = { method: string; path: string; handler: unknown; config?: { auth?: unknown } };
type Draft = { paths?: Record<string, Record<string, Json>> };

const NOT_GRANTED = 'Not granted to any role (src/bootstrap/permissions.ts): answers 401 without a token and 403 with one.';

export const routeSecurity = (strapi: Core.Strapi, prefix: string) => (draft: Draft) => {
  const publicActions = new Set(ROLE_PERMISSIONS.public);
  const granted = new Set([...ROLE_PERMISSIONS.public, ...ROLE_PERMISSIONS.authenticated]);
  for (const [apiName, api] of Object.entries(strapi.apis)) {
    const routers = Object.values(api.routes as Record<string, { routes?: Route[] } | Route[]>);
    for (const route of routers.flatMap((router) => (Array.isArray(router) ? router : (router.routes ?? [])))) {
      if (route.config?.auth === false || typeof route.handler !== 'string') continue;
      const operation = draft.paths?.[`${prefix}${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`]?.[route.method.toLowerCase()];
      if (!operation) continue;
      // Core routers name the whole uid (api::habit.habit.find), route files the controller (check-in.today).
      const action = route.handler.includes('::') ? route.handler : `api::${apiName}.${route.handler}`;
      if (publicActions.has(action)) operation.security = [{}, { bearerAuth: [] }];
      else if (!granted.has(action)) {
        operation.description = operation.description ? `${String(operation.description)} ${NOT_GRANTED}` : NOT_GRANTED;
      }
    }
  }
};
