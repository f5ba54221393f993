/**
 * The challenges' content-API routes, under /api/challenges (and /api/me/...). Who may call each is granted
 * per role in src/bootstrap/permissions.ts. Documented in services/openapi.ts.
 */
export default {
  type: 'content-api' as const,
  routes: [] as Array<{ method: string; path: string; handler: string; config: Record<string, unknown> }>,
};
