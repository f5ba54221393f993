/**
 * The challenges' content-API routes, under /api/challenges (and /api/me/...). Who may call each is granted
 * per role in src/bootstrap/permissions.ts. Documented in services/openapi.ts. Shared by the parts of the
 * work: each appends its routes.
 */
const config = { prefix: '', policies: [] as string[], middlewares: [] as string[] };
/**
 * Strapi writes each route's permission scope into its `config` (config.auth.scope): every route needs a
 * config object of its own, or all of them end up with the first route's scope.
 */
const ownConfig = <R extends { config: typeof config }>(route: R): R => ({ ...route, config: { ...route.config, policies: [...route.config.policies], middlewares: [...route.config.middlewares] } });

export default {
  type: 'content-api' as const,
  routes: [
    // core
    { method: 'GET', path: '/challenges', handler: 'challenges.list', config },
    { method: 'GET', path: '/challenges/:documentId', handler: 'challenges.findOne', config },
    { method: 'POST', path: '/challenges/:documentId/join', handler: 'challenges.join', config },
    { method: 'POST', path: '/challenges/:documentId/leave', handler: 'challenges.leave', config },
    { method: 'GET', path: '/me/challenges', handler: 'challenges.mine', config },
    // finish: user-made challenges, join by code, badges
    { method: 'POST', path: '/challenges', handler: 'userChallenges.create', config },
    { method: 'POST', path: '/challenges/join-by-code', handler: 'userChallenges.joinByCode', config },
    { method: 'GET', path: '/me/badges', handler: 'userChallenges.myBadges', config },
    // progress: the challenge boards, a public page (isMe when signed in) and the caller's place
    { method: 'GET', path: '/challenges/:documentId/board', handler: 'boards.page', config },
    { method: 'GET', path: '/challenges/:documentId/board/me', handler: 'boards.me', config },
  ].map(ownConfig),
};
