/**
 * Admin API (admin JWT), under /gamification: generating redeem codes. Editors need the
 * "Generate redeem codes" permission (Settings → Roles → Plugins → Gamification); super admins have it.
 */
export const GENERATE_CODES_ACTION = 'plugin::gamification.redeem-batches.create';

export default {
  type: 'admin' as const,
  routes: [
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
