import { contentApiRoutes } from '../../../../../../utils/routes';

/**
 * The community's content-API routes, under /api/community. Who may call each is granted per role in
 * src/bootstrap/permissions.ts (reads are public; writes need a signed-in user); the services scope every
 * record to its owner or to what readers may see. Documented in services/openapi.ts.
 */
export default contentApiRoutes([
  { method: 'GET', path: '/community/boards', handler: 'boards.list' },
  { method: 'GET', path: '/community/boards/:slug/posts', handler: 'posts.feed' },
  { method: 'GET', path: '/community/feed/following', handler: 'posts.following' },
  { method: 'GET', path: '/community/me/posts', handler: 'posts.mine' },
  { method: 'POST', path: '/community/images', handler: 'posts.uploadImage' },
  { method: 'POST', path: '/community/posts', handler: 'posts.create' },
  { method: 'GET', path: '/community/posts/:documentId', handler: 'posts.findOne' },
  { method: 'DELETE', path: '/community/posts/:documentId', handler: 'posts.delete' },
  { method: 'PUT', path: '/community/posts/:documentId/like', handler: 'likes.likePost' },
  { method: 'DELETE', path: '/community/posts/:documentId/like', handler: 'likes.unlikePost' },
  { method: 'GET', path: '/community/posts/:documentId/comments', handler: 'comments.list' },
  { method: 'POST', path: '/community/posts/:documentId/comments', handler: 'comments.create' },
  { method: 'GET', path: '/community/comments/:documentId/replies', handler: 'comments.replies' },
  { method: 'DELETE', path: '/community/comments/:documentId', handler: 'comments.delete' },
  { method: 'PUT', path: '/community/comments/:documentId/like', handler: 'likes.likeComment' },
  { method: 'DELETE', path: '/community/comments/:documentId/like', handler: 'likes.unlikeComment' },
  { method: 'PUT', path: '/community/users/:documentId/follow', handler: 'follows.follow' },
  { method: 'DELETE', path: '/community/users/:documentId/follow', handler: 'follows.unfollow' },
  { method: 'POST', path: '/community/reports', handler: 'reports.create' },
  { method: 'GET', path: '/community/notifications', handler: 'notifications.list' },
  { method: 'GET', path: '/community/notifications/unread-count', handler: 'notifications.unread' },
  { method: 'POST', path: '/community/notifications/read', handler: 'notifications.read' },
]);
