/**
 * The coach's routes, under /api/ai. Granted to signed-in users in src/bootstrap/permissions.ts (the budget by
 * membership is checked in the chat service: free users have a small daily trial editors set); documented in
 * services/openapi.ts.
 */
const config = { prefix: '', policies: [] as string[], middlewares: [] as string[] };
/** Strapi writes each route's permission scope into its `config`: every route needs a config object of its own. */
const ownConfig = <R extends { config: typeof config }>(route: R): R => ({ ...route, config: { ...route.config, policies: [...route.config.policies], middlewares: [...route.config.middlewares] } });

export default {
  type: 'content-api' as const,
  routes: [
    { method: 'POST', path: '/ai/chat', handler: 'chat.chat', config },
    { method: 'GET', path: '/ai/quota', handler: 'chat.quota', config },
    { method: 'GET', path: '/ai/conversations', handler: 'chat.conversations', config },
    { method: 'GET', path: '/ai/conversations/:id/messages', handler: 'chat.messages', config },
    { method: 'DELETE', path: '/ai/conversations/:id', handler: 'chat.removeConversation', config },
  ].map(ownConfig),
};
