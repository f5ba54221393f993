/**
 * /api/leaderboards/:metric and /api/leaderboards/:metric/me. auth: false because the controller
 * authenticates the caller itself (gamification hot-auth: the same JWT and role permission as
 * users-permissions, granted to the authenticated role in src/bootstrap/permissions.ts).
 */
const hot = { prefix: '', auth: false as const, policies: [], middlewares: [] };

export default {
  type: 'content-api' as const,
  routes: [
    { method: 'GET', path: '/leaderboards/:metric/me', handler: 'leaderboards.me', config: hot },
    { method: 'GET', path: '/leaderboards/:metric', handler: 'leaderboards.list', config: hot },
  ],
};
