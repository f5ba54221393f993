/**
 * /api/leaderboards/:metric and /api/leaderboards/:metric/me, for the roles granted them in
 * src/bootstrap/permissions.ts (authenticated by users-permissions like every route).
 */
const config = { prefix: '', policies: [], middlewares: [] };

export default {
  type: 'content-api' as const,
  routes: [
    { method: 'GET', path: '/leaderboards/:metric/me', handler: 'leaderboards.me', config },
    { method: 'GET', path: '/leaderboards/:metric', handler: 'leaderboards.list', config },
  ],
};
