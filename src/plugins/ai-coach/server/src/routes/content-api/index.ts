import { contentApiRoutes } from '../../../../../../utils/routes';

/**
 * The coach's routes, under /api/ai. Granted to signed-in users in src/bootstrap/permissions.ts (the budget by
 * membership is checked in the chat service: free users have a small daily trial editors set); documented in
 * services/openapi.ts.
 */
export default contentApiRoutes([
  { method: 'POST', path: '/ai/chat', handler: 'chat.chat' },
  { method: 'GET', path: '/ai/quota', handler: 'chat.quota' },
  { method: 'GET', path: '/ai/conversations', handler: 'chat.conversations' },
  { method: 'GET', path: '/ai/conversations/:id/messages', handler: 'chat.messages' },
  { method: 'DELETE', path: '/ai/conversations/:id', handler: 'chat.removeConversation' },
]);
