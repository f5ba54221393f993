/** /api/points/*, /api/me/stats and /api/lottery/*: the signed-in user's own (authenticated role, see permissions). */
export default {
  type: 'content-api' as const,
  routes: [
    { method: 'GET', path: '/points/balance', handler: 'points.balance', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'GET', path: '/points/records', handler: 'points.records', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'GET', path: '/me/stats', handler: 'stats.me', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'GET', path: '/lottery/prizes', handler: 'lottery.prizes', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'POST', path: '/lottery/draw', handler: 'lottery.draw', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'GET', path: '/lottery/records', handler: 'lottery.records', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'POST', path: '/redeem-codes/redeem', handler: 'redeem-codes.redeem', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'GET', path: '/redeem-codes/history', handler: 'redeem-codes.history', config: { prefix: '', policies: [], middlewares: [] } },
  ],
};
