import type { ApiClient } from '../client';
import { ApiError } from '../errors';
import type { CoachChatAnswer, CoachChatRequest } from '../paths';
import type { CoachEvent } from '../../logic/coach-chat';

/**
 * /api/ai: the AI coach. `ask` streams the answer (server-sent events read through wx.request's chunked mode)
 * and hands each event over as it arrives; where the host cannot stream it asks for the whole answer and hands
 * that over as the same events, so the page has one path.
 */
export const coachApi = (client: ApiClient) => ({
  async ask(body: CoachChatRequest, onEvent: (event: CoachEvent) => void): Promise<void> {
    try {
      await client.stream<CoachEvent>('/api/ai/chat', body, onEvent);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 501)) throw error;
      const { data } = await client.request('post', '/api/ai/chat', { body });
      replayWhole(data, onEvent);
    }
  },
  quota() {
    return client.request('get', '/api/ai/quota');
  },
  conversations(page = 1) {
    return client.request('get', '/api/ai/conversations', { query: { page } });
  },
  messages(id: string) {
    return client.request('get', '/api/ai/conversations/{id}/messages', { path: { id } });
  },
  deleteConversation(id: string) {
    return client.request('delete', '/api/ai/conversations/{id}', { path: { id } });
  },
});

/** A whole answer as the events a stream would have sent. */
export const replayWhole = (data: CoachChatAnswer, onEvent: (event: CoachEvent) => void) => {
  onEvent({ type: 'start', conversationId: data.conversationId, messageId: data.question.id });
  if (data.message.status === 'refused') onEvent({ type: 'replace', text: data.message.content });
  else onEvent({ type: 'delta', text: data.message.content });
  onEvent({ type: 'done', message: data.message, quota: data.quota });
};

export type CoachApi = ReturnType<typeof coachApi>;
