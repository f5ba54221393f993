/** Habit actions beyond CRUD (sorted before the core routes). Permissions: src/bootstrap/permissions.ts. */
export default {
  routes: [
    { method: 'POST', path: '/habits/:id/archive', handler: 'habit.archive', config: { policies: [], middlewares: [] } },
    { method: 'POST', path: '/habits/:id/restore', handler: 'habit.restore', config: { policies: [], middlewares: [] } },
    { method: 'GET', path: '/habits/:id/stats', handler: 'habit.stats', config: { policies: [], middlewares: [] } },
  ],
};
