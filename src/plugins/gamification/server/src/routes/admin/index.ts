/**
 * Admin API (admin JWT), under /gamification: generating redeem codes and listing the batches (without
 * their codes). Editors need the "Generate redeem codes" permission (Settings → Roles → Plugins →
 * Gamification); super admins have it. The admin page 兑换码 Redeem codes (admin/src) calls both.
 */
export const GENERATE_CODES_ACTION = 'plugin::gamification.redeem-batches.create';

export default {
  type: 'admin' as const,
  routes: [
    {
      method: 'GET',
      path: '/redeem-batches',
      handler: 'redeem-batches.list',
      config: {
        policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [GENERATE_CODES_ACTION] } }],
      },
    },
    {
      method: 'POST',
      path: '/redeem-batches',
      handler: 'redeem-batches.create',
      config: {
        policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [GENERATE_CODES_ACTION] } }],
      },
    },
  ],
};
