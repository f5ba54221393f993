/** /api/points/* and /api/me/stats: the signed-in user's own numbers (authenticated role, see permissions). */
export default {
  type: 'content-api' as const,
  routes: [
    { method: 'GET', path: '/points/balance', handler: 'points.balance', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'GET', path: '/points/records', handler: 'points.records', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'GET', path: '/me/stats', handler: 'stats.me', config: { prefix: '', policies: [], middlewares: [] } },
  ],
};
