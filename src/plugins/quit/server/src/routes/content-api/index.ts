import { contentApiRoutes } from '../../../../../../utils/routes';

/**
 * The quit routes, under /api/quit and /api/cravings. Granted to signed-in users in
 * src/bootstrap/permissions.ts; documented in services/openapi.ts.
 */
export default contentApiRoutes([
  { method: 'GET', path: '/quit/profile', handler: 'quit.getProfile' },
  { method: 'PUT', path: '/quit/profile', handler: 'quit.putProfile' },
  { method: 'POST', path: '/quit/relapses', handler: 'quit.createRelapse' },
  { method: 'GET', path: '/quit/relapses', handler: 'quit.listRelapses' },
  { method: 'GET', path: '/quit/report', handler: 'quit.report' },
  { method: 'GET', path: '/cravings/stats', handler: 'cravings.stats' },
  { method: 'GET', path: '/cravings', handler: 'cravings.list' },
  { method: 'POST', path: '/cravings', handler: 'cravings.create' },
]);
