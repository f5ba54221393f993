import { contentApiRoutes } from '../../../../../../utils/routes';

/**
 * The reminder routes, under /api/reminders. Granted to signed-in users in src/bootstrap/permissions.ts;
 * documented in services/openapi.ts.
 */
export default contentApiRoutes([
  { method: 'GET', path: '/reminders/subscriptions', handler: 'reminders.listSubscriptions' },
  { method: 'POST', path: '/reminders/subscriptions', handler: 'reminders.recordSubscriptions' },
  { method: 'GET', path: '/reminders/settings', handler: 'reminders.getSettings' },
  { method: 'PUT', path: '/reminders/settings', handler: 'reminders.putSettings' },
]);
