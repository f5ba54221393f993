/**
 * The admin page's API (admin JWT), under /leaderboard. Editors need "Read leaderboards" for the page
 * and "Rebuild leaderboards" for the button (Settings → Roles → Plugins → Leaderboards).
 */
export const READ_ACTION = 'plugin::leaderboard.read';
export const REBUILD_ACTION = 'plugin::leaderboard.rebuild';

const allowed = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET', path: '/overview', handler: 'admin.overview', config: allowed(READ_ACTION) },
    { method: 'GET', path: '/entries', handler: 'admin.entries', config: allowed(READ_ACTION) },
    { method: 'GET', path: '/rebuild', handler: 'admin.rebuildStatus', config: allowed(READ_ACTION) },
    { method: 'POST', path: '/rebuild', handler: 'admin.rebuild', config: allowed(REBUILD_ACTION) },
  ],
};
