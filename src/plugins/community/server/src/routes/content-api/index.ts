/**
 * The community's content-API routes, under /api/community. Who may call each is granted per role in
 * src/bootstrap/permissions.ts (reads are public; writes need a signed-in user); the services scope every
 * record to its owner or to what readers may see. Documented in services/openapi.ts.
 */
const config = { prefix: '', policies: [] as string[], middlewares: [] as string[] };
/**
 * Strapi writes each route's permission scope into its `config` (config.auth.scope): every route needs a
 * config object of its own, or all of them end up with the first route's scope (public boards.list).
 */
const ownConfig = <R extends { config: typeof config }>(route: R): R => ({ ...route, config: { ...route.config, policies: [...route.config.policies], middlewares: [...route.config.middlewares] } });

export default {
  type: 'content-api' as const,
  routes: [
    { method: 'GET', path: '/community/boards', handler: 'boards.list', config },
    { method: 'GET', path: '/community/boards/:slug/posts', handler: 'posts.feed', config },
    { method: 'GET', path: '/community/feed/following', handler: 'posts.following', config },
    { method: 'GET', path: '/community/me/posts', handler: 'posts.mine', config },
    { method: 'POST', path: '/community/images', handler: 'posts.uploadImage', config },
    { method: 'POST', path: '/community/posts', handler: 'posts.create', config },
    { method: 'GET', path: '/community/posts/:documentId', handler: 'posts.findOne', config },
    { method: 'DELETE', path: '/community/posts/:documentId', handler: 'posts.delete', config },
    { method: 'PUT', path: '/community/posts/:documentId/like', handler: 'likes.likePost', config },
    { method: 'DELETE', path: '/community/posts/:documentId/like', handler: 'likes.unlikePost', config },
    { method: 'GET', path: '/community/posts/:documentId/comments', handler: 'comments.list', config },
    { method: 'POST', path: '/community/posts/:documentId/comments', handler: 'comments.create', config },
    { method: 'GET', path: '/community/comments/:documentId/replies', handler: 'comments.replies', config },
    { method: 'DELETE', path: '/community/comments/:documentId', handler: 'comments.delete', config },
    { method: 'PUT', path: '/community/comments/:documentId/like', handler: 'likes.likeComment', config },
    { method: 'DELETE', path: '/community/comments/:documentId/like', handler: 'likes.unlikeComment', config },
    { method: 'PUT', path: '/community/users/:documentId/follow', handler: 'follows.follow', config },
    { method: 'DELETE', path: '/community/users/:documentId/follow', handler: 'follows.unfollow', config },
    { method: 'POST', path: '/community/reports', handler: 'reports.create', config },
    { method: 'GET', path: '/community/notifications', handler: 'notifications.list', config },
    { method: 'GET', path: '/community/notifications/unread-count', handler: 'notifications.unread', config },
    { method: 'POST', path: '/community/notifications/read', handler: 'notifications.read', config },
  ].map(ownConfig),
};
