import { contentApiRoutes } from '../../../../../../utils/routes';

/**
 * The challenges' content-API routes, under /api/challenges (and /api/me/...). Who may call each is granted
 * per role in src/bootstrap/permissions.ts. Documented in services/openapi.ts. Shared by the parts of the
 * work: each appends its routes.
 */
export default contentApiRoutes([
  // core
  { method: 'GET', path: '/challenges', handler: 'challenges.list' },
  { method: 'GET', path: '/challenges/:documentId', handler: 'challenges.findOne' },
  { method: 'POST', path: '/challenges/:documentId/join', handler: 'challenges.join' },
  { method: 'POST', path: '/challenges/:documentId/leave', handler: 'challenges.leave' },
  { method: 'GET', path: '/me/challenges', handler: 'challenges.mine' },
  // finish: user-made challenges, join by code, badges
  { method: 'POST', path: '/challenges', handler: 'userChallenges.create' },
  { method: 'POST', path: '/challenges/join-by-code', handler: 'userChallenges.joinByCode' },
  { method: 'GET', path: '/me/badges', handler: 'userChallenges.myBadges' },
  // progress: the challenge boards, a public page (isMe when signed in) and the caller's place
  { method: 'GET', path: '/challenges/:documentId/board', handler: 'boards.page' },
  { method: 'GET', path: '/challenges/:documentId/board/me', handler: 'boards.me' },
]);
