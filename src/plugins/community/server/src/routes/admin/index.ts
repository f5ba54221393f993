/** The moderators' routes in the admin (plugin::community.moderate). */
export default {
  type: 'admin' as const,
  routes: [] as Array<{ method: string; path: string; handler: string; config: Record<string, unknown> }>,
};
