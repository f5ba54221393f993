/**
 * The quit routes, under /api/quit and /api/cravings. Granted to signed-in users in
 * src/bootstrap/permissions.ts; documented in services/openapi.ts.
 */
const config = { prefix: '', policies: [] as string[], middlewares: [] as string[] };
/** Strapi writes each route's permission scope into its `config`: every route needs a config object of its own. */
const ownConfig = <R extends { config: typeof config }>(route: R): R => ({ ...route, config: { ...route.config, policies: [...route.config.policies], middlewares: [...route.config.middlewares] } });

export default {
  type: 'content-api' as const,
  routes: [
    { method: 'GET', path: '/quit/profile', handler: 'quit.getProfile', config },
    { method: 'PUT', path: '/quit/profile', handler: 'quit.putProfile', config },
    { method: 'POST', path: '/quit/relapses', handler: 'quit.createRelapse', config },
    { method: 'GET', path: '/quit/relapses', handler: 'quit.listRelapses', config },
    { method: 'GET', path: '/quit/report', handler: 'quit.report', config },
    { method: 'GET', path: '/cravings/stats', handler: 'cravings.stats', config },
    { method: 'GET', path: '/cravings', handler: 'cravings.list', config },
    { method: 'POST', path: '/cravings', handler: 'cravings.create', config },
  ].map(ownConfig),
};
