/** Task actions beyond CRUD. Permissions: src/bootstrap/permissions.ts (authenticated role). */
export default {
  routes: [{ method: 'POST', path: '/tasks/:id/complete', handler: 'task.complete', config: { policies: [], middlewares: [] } }],
};
