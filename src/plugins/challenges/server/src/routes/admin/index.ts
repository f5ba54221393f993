import { MODERATE_ACTION } from '../../../../../community/public';

/**
 * The moderators' routes for user-made challenges (admin JWT), under /challenges/moderation: the same
 * permission as the community's queue (`plugin::community.moderate`, the 审核员 role).
 */
const moderatorsOnly = () => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [MODERATE_ACTION] } }],
});

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET', path: '/moderation/pending', handler: 'moderation.pending', config: moderatorsOnly() },
    { method: 'POST', path: '/moderation/:documentId/decision', handler: 'moderation.decide', config: moderatorsOnly() },
  ],
};
