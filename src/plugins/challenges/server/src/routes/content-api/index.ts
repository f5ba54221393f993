/**
 * The challenges' content-API routes, under /api/challenges (and /api/me/...). Who may call each is granted
 * per role in src/bootstrap/permissions.ts. Documented in services/openapi.ts.
 */
export default {
  type: 'content-api' as const,
  routes: [
    // The challenge boards (progress): public page (isMe when signed in), the caller's place.
    { method: 'GET', path: '/challenges/:documentId/board', handler: 'boards.page', config: { prefix: '', policies: [] } },
    { method: 'GET', path: '/challenges/:documentId/board/me', handler: 'boards.me', config: { prefix: '', policies: [] } },
  ] as Array<{ method: string; path: string; handler: string; config: Record<string, unknown> }>,
};
