import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::check-in.check-in', {
  config: {
    // The hot path: authenticated by the controller through gamification's hot-auth service (same JWT,
    // same role permission, blocked / deleted users refused in the check-in transaction), which spares
    // users-permissions' four queries per request.
    create: { auth: false, policies: [], middlewares: [] },
  },
});
