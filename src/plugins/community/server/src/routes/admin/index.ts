/**
 * The moderators' routes in the admin (admin JWT), under /community/moderation. Every one needs the
 * `plugin::community.moderate` permission (registered in bootstrap.ts; the Moderator role has it and
 * nothing else that writes).
 */
export const MODERATE_ACTION = 'plugin::community.moderate';

/** A fresh object per route: Strapi writes into a route's config. */
const moderatorsOnly = () => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [MODERATE_ACTION] } }],
});

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET', path: '/moderation/queue', handler: 'moderation.queue', config: moderatorsOnly() },
    { method: 'POST', path: '/moderation/posts/:documentId/decision', handler: 'moderation.decidePost', config: moderatorsOnly() },
    { method: 'POST', path: '/moderation/comments/:documentId/decision', handler: 'moderation.decideComment', config: moderatorsOnly() },
    { method: 'GET', path: '/moderation/decisions', handler: 'moderation.decisions', config: moderatorsOnly() },
    { method: 'GET', path: '/moderation/mutes', handler: 'moderation.mutes', config: moderatorsOnly() },
    { method: 'POST', path: '/moderation/mutes', handler: 'moderation.mute', config: moderatorsOnly() },
    { method: 'DELETE', path: '/moderation/mutes/:id', handler: 'moderation.unmute', config: moderatorsOnly() },
  ],
};
