/** /api/points/*: the signed-in user's own balance and ledger (authenticated role, see permissions). */
export default {
  type: 'content-api' as const,
  routes: [
    { method: 'GET', path: '/points/balance', handler: 'points.balance', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'GET', path: '/points/records', handler: 'points.records', config: { prefix: '', policies: [], middlewares: [] } },
  ],
};
