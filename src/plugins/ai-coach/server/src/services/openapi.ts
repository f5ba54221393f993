import type { Core } from '@strapi/strapi';
import { z, type ApiRoute, type OpenApiSurface } from '../../../../../utils/openapi';
import { chatAnswerSchema, conversationListAnswerSchema, messageListAnswerSchema, quotaAnswerSchema } from '../validation/answers';
import { chatBodySchema, chatQuerySchema, conversationListQuerySchema, messageListQuerySchema } from '../validation/requests';

const TAGS = ['AI coach'];
const quotaDetails = z.object({ reason: z.string(), resetsAt: z.string().optional(), retryAfterSeconds: z.number().optional() }).passthrough();
const gateDetails = z.object({ reason: z.string(), required: z.string().optional(), current: z.string().optional(), trialEndsAt: z.string().nullable().optional() }).passthrough();

/** The plugin's routes for the API document (src/openapi assembles it). */
const openapiService = (_deps: { strapi: Core.Strapi }): OpenApiSurface => ({
  routes(): ApiRoute[] {
    return [
      {
        method: 'post', path: '/ai/chat', operationId: 'coachChat', tags: TAGS, auth: 'user',
        summary: 'Ask the AI coach: the answer streamed as server-sent events, or whole as JSON',
        description:
          'With `Accept: text/event-stream` (or `?stream=1`) the answer streams as `data: {json}` events: `start {conversationId, questionId}`, ' +
          '`delta {text}` in order, `replace {text}` (the safety check refused the answer: show this instead), then `done {message, quota}` or ' +
          '`error {status, name, message}` (the answer broke off; what came is stored as partial). `wx.request({ enableChunked: true })` reads it. ' +
          'Otherwise the JSON below. Refusals before the answer starts are error envelopes in both modes: 403 `membership_required`, ' +
          '429 `quota_exceeded` (with `resetsAt`), 503 when the model provider is down or slow. A common question may be answered from the FAQ (`source: faq`, no quota).',
        request: { body: chatBodySchema, query: chatQuerySchema },
        responses: { 200: { description: 'The question and the answer, stored, and the quota left', schema: chatAnswerSchema } },
        errors: [400, 401, { status: 403, details: gateDetails }, 404, 409, { status: 429, details: quotaDetails }, 503],
      },
      {
        method: 'get', path: '/ai/quota', operationId: 'coachQuota', tags: TAGS, auth: 'user',
        summary: 'The caller’s AI coach budget today: limit, used, remaining and when it resets (their local day)',
        responses: { 200: { description: 'The quota', schema: quotaAnswerSchema } },
        errors: [401, 403],
      },
      {
        method: 'get', path: '/ai/conversations', operationId: 'coachConversations', tags: TAGS, auth: 'user',
        summary: 'The caller’s conversations with the coach, newest first',
        request: { query: conversationListQuerySchema },
        responses: { 200: { description: 'Conversations', schema: conversationListAnswerSchema } },
        errors: [400, 401, 403],
      },
      {
        method: 'get', path: '/ai/conversations/:id/messages', operationId: 'coachConversationMessages', tags: TAGS, auth: 'user',
        summary: 'One of the caller’s conversations, its turns oldest first',
        request: { query: messageListQuerySchema },
        responses: { 200: { description: 'The turns', schema: messageListAnswerSchema } },
        errors: [400, 401, 403, 404],
      },
      {
        method: 'delete', path: '/ai/conversations/:id', operationId: 'deleteCoachConversation', tags: TAGS, auth: 'user',
        summary: 'Delete one of the caller’s conversations with its turns (the tokens it used stay counted)',
        responses: { 204: { description: 'Deleted' } },
        errors: [401, 403, 404],
      },
    ];
  },
});

export default openapiService;
