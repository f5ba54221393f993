/**
 * Check-in actions beyond CRUD. This file sorts before the core router's, so /check-ins/today is not
 * taken for /check-ins/:id. Permissions: src/bootstrap/permissions.ts (authenticated role).
 */
export default {
  routes: [
    { method: 'GET', path: '/check-ins/today', handler: 'check-in.today', config: { policies: [], middlewares: [] } },
    { method: 'GET', path: '/check-ins/calendar', handler: 'check-in.calendar', config: { policies: [], middlewares: [] } },
    { method: 'POST', path: '/check-ins/makeup', handler: 'check-in.makeup', config: { policies: [], middlewares: [] } },
    { method: 'GET', path: '/check-ins/makeup/rules', handler: 'check-in.makeupRules', config: { policies: [], middlewares: [] } },
  ],
};
