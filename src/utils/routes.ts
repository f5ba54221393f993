/** One content-API route as a plugin lists it; `config` only for what differs (`auth: false`, policies). */
export type RouteSpec = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: string;
  config?: { auth?: false; policies?: unknown[]; middlewares?: unknown[] };
};

/**
 * A plugin's content-API routes. Strapi writes each route's permission scope into its `config`
 * (config.auth.scope): every route gets a config object of its own here, or all of them would end up with the
 * first route's scope.
 */
export const contentApiRoutes = (routes: readonly RouteSpec[]) => ({
  type: 'content-api' as const,
  routes: routes.map((route) => ({
    ...route,
    config: {
      prefix: '',
      ...route.config,
      policies: [...(route.config?.policies ?? [])],
      middlewares: [...(route.config?.middlewares ?? [])],
    },
  })),
});
