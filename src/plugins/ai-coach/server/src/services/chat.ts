import type { Core } from '@strapi/strapi';
import { conflictError, NotFoundError, serviceUnavailableError, ValidationError } from '../../../../../utils/errors';
import { isUniqueViolation } from '../../../../../utils/db-errors';
import { spendOrRefuse } from '../../../../../services/rate-limiters';
import { countTokensUpperBound } from '../domain/tokens';
import { TABLES } from '../content-types';
import { LlmError, type Usage } from '../llm/client';
import { aiCoachConfig, getService } from '../utils/get-service';
import { newRowColumns } from '../utils/rows';
import type { CoachUser, QuotaView } from './quota';

export type ChatInput = { message: string; conversationId?: string; idempotencyKey?: string };

export type TurnView = {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: 'complete' | 'partial' | 'refused' | 'failed';
  source: 'model' | 'faq' | 'user';
  promptTokens: number;
  completionTokens: number;
  createdAt: string;
};

export type ChatAnswer = { conversationId: string; question: TurnView; message: TurnView; quota: QuotaView };

/** Where a streamed answer goes as it is generated (the controller's event stream); absent for a whole answer. */
export type ChatSink = {
  /** The answer starts: called once, before the first piece. */
  start(info: { conversationId: string; questionId: string }): void;
  delta(text: string): void;
  /** The safety check refused what streamed: show this instead. */
  replace(text: string): void;
};

/** What a refused answer becomes (WeChat's msgSecCheck found it risky). */
export const SAFE_REFUSAL = '抱歉，这个问题我没法回答。我们可以聊聊你今天的戒烟情况，或者遇到烟瘾时可以怎么做。';

const HISTORY_TURNS = 10;
const HISTORY_CHARACTERS = 4000;

type TurnRow = {
  id: number; document_id: string; role: TurnView['role']; content: string | null; status: TurnView['status'] | null; source: TurnView['source'] | null;
  prompt_tokens: number | null; completion_tokens: number | null; created_at: string | Date; conversation_id: number;
};

export const turnView = (row: TurnRow): TurnView => ({
  id: row.document_id,
  role: row.role,
  content: row.content ?? '',
  status: row.status ?? 'complete',
  source: row.source ?? (row.role === 'user' ? 'user' : 'model'),
  promptTokens: Number(row.prompt_tokens ?? 0),
  completionTokens: Number(row.completion_tokens ?? 0),
  createdAt: new Date(row.created_at).toISOString(),
});

/** A provider failure as the answer users get: 503 in Strapi's envelope, with a reason a client can act on. */
export const unavailableFrom = (error: LlmError) => {
  const reasons: Record<LlmError['kind'], string> = {
    not_configured: 'coach_not_configured', unauthorized: 'provider_unavailable', rate_limited: 'provider_busy', unavailable: 'provider_unavailable',
    timeout: 'provider_timeout', bad_request: 'provider_refused', aborted: 'provider_unavailable',
  };
  const retryAfterSeconds = error.kind === 'rate_limited' ? error.retryAfterSeconds ?? 5 : error.kind === 'timeout' || error.kind === 'unavailable' ? 5 : undefined;
  return serviceUnavailableError(`AI 教练暂时不可用，请稍后再试: ${error.message}`, { reason: reasons[error.kind], ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });
};

/**
 * One coaching exchange: the question and the answer stored as two turns of a conversation, the answer
 * streamed to `sink` as the provider generates it.
 *
 * Order: the owner's conversation; a retried idempotency key answers its stored turn (never the provider
 * twice); the FAQ (no model, no quota); WeChat's check of the question; the budget (403 without one, 429 when
 * spent); the question stored; the provider, read to its end even when the client has gone, so the charge is
 * the provider's own count, once; the answer checked (risky → the safe refusal); the answer stored and the
 * reservation settled. A failure before the first piece leaves nothing behind (the question removed, the
 * reservation released) and is a 503; one after it keeps what streamed as a partial answer.
 */
const chatService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const isRisky = (userId: number, content: string) => getService(strapi, 'textCheck').isRisky(userId, content);

  const conversationFor = async (userId: number, input: ChatInput, now: Date): Promise<{ id: number; documentId: string }> => {
    if (input.conversationId) {
      const row = await knex()(TABLES.conversations).where({ document_id: input.conversationId, user_id: userId }).first('id', 'document_id');
      if (!row) throw new NotFoundError('No such conversation');
      return { id: Number(row.id), documentId: String(row.document_id) };
    }
    const columns = newRowColumns(now);
    await knex()(TABLES.conversations).insert({ ...columns, user_id: userId, title: Array.from(input.message.trim()).slice(0, 20).join(''), last_message_at: now });
    const row = await knex()(TABLES.conversations).where({ document_id: columns.document_id }).first('id');
    return { id: Number(row.id), documentId: columns.document_id };
  };

  const storedAnswer = async (userId: number, key: string) => {
    const rows = (await knex()(TABLES.messages)
      .whereIn('request_key', [`${userId}:${key}:q`, `${userId}:${key}:a`])
      .select('*')) as Array<TurnRow & { request_key: string }>;
    return { question: rows.find((r) => r.request_key.endsWith(':q')) ?? null, answer: rows.find((r) => r.request_key.endsWith(':a')) ?? null };
  };

  const insertTurn = async (row: Record<string, unknown>, now: Date): Promise<TurnRow> => {
    const values = { ...newRowColumns(now), ...row };
    await knex()(TABLES.messages).insert(values);
    return (await knex()(TABLES.messages).where({ document_id: values.document_id }).first('*')) as TurnRow;
  };

  const historyOf = async (conversationId: number, beforeId: number) => {
    const rows = (await knex()(TABLES.messages)
      .where({ conversation_id: conversationId })
      .andWhere('id', '<', beforeId)
      .whereIn('status', ['complete', 'partial'])
      .orderBy('id', 'desc')
      .limit(HISTORY_TURNS)
      .select('role', 'content')) as Array<{ role: 'user' | 'assistant'; content: string | null }>;
    const turns: Array<{ role: 'user' | 'assistant'; content: string }> = [];
    let characters = 0;
    for (const row of rows) {
      characters += (row.content ?? '').length;
      if (characters > HISTORY_CHARACTERS) break;
      turns.unshift({ role: row.role, content: row.content ?? '' });
    }
    return turns;
  };

  const service = {
    async run(user: CoachUser, input: ChatInput, sink?: ChatSink): Promise<ChatAnswer> {
      const config = aiCoachConfig(strapi);
      const quota = getService(strapi, 'quota');
      const now = new Date();

      if (input.idempotencyKey) {
        const stored = await storedAnswer(user.id, input.idempotencyKey);
        if (stored.answer && stored.question) return service.replay(user, stored.question, stored.answer, sink);
        if (stored.question) throw conflictError('This message is still being answered', { reason: 'in_progress' });
      }
      await spendOrRefuse(strapi, { name: 'ai-chat', points: config.rateLimits.chatsPerUser, windowSeconds: config.rateLimits.chatWindowSeconds }, String(user.id), '发送太频繁，请稍后再试');

      const conversation = await conversationFor(user.id, input, now);
      const requestKey = (side: 'q' | 'a') => (input.idempotencyKey ? `${user.id}:${input.idempotencyKey}:${side}` : null);

      const faq = await getService(strapi, 'faq').answerFor(input.message);
      if (faq) {
        const question = await insertTurn({ conversation_id: conversation.id, user_id: user.id, role: 'user', content: input.message, status: 'complete', source: 'user', request_key: requestKey('q') }, now);
        const answer = await insertTurn({ conversation_id: conversation.id, user_id: user.id, role: 'assistant', content: faq.answer, status: 'complete', source: 'faq', prompt_tokens: 0, completion_tokens: 0, request_key: requestKey('a') }, new Date());
        await knex()(TABLES.conversations).where({ id: conversation.id }).update({ last_message_at: new Date() });
        sink?.start({ conversationId: conversation.documentId, questionId: question.document_id });
        sink?.delta(faq.answer);
        return { conversationId: conversation.documentId, question: turnView(question), message: turnView(answer), quota: await quota.view(user) };
      }

      if (await isRisky(user.id, input.message)) throw new ValidationError('内容含有违规信息', { reason: 'content_risky', field: 'message' });

      const budget = await quota.budgetOf(user, { startTrial: true });
      quota.assertAllowed(budget);
      const context = await getService(strapi, 'prompt').contextFor(user);

      // The most this exchange can cost: the prompt's characters (no tokenizer counts more tokens than
      // characters for this text) and the answer's max_tokens. Released or settled whatever happens.
      let question: TurnRow;
      let messages;
      let reserved = 0;
      try {
        question = await insertTurn({ conversation_id: conversation.id, user_id: user.id, role: 'user', content: input.message, status: 'complete', source: 'user', request_key: requestKey('q') }, now);
      } catch (error) {
        if (isUniqueViolation(error) && input.idempotencyKey) throw conflictError('This message is still being answered', { reason: 'in_progress' });
        throw error;
      }
      try {
        messages = getService(strapi, 'prompt').messagesFor(context, await historyOf(conversation.id, question.id), input.message);
        reserved = countTokensUpperBound(messages.map((m) => m.content).join('\n')) + config.provider.maxOutputTokens;
        await quota.reserve(user.id, budget, reserved);
      } catch (error) {
        await knex()(TABLES.messages).where({ id: question.id }).del();
        throw error;
      }

      let text = '';
      let usage: Usage | null = null;
      let finishReason: string | null = null;
      let failure: LlmError | null = null;
      let started = false;
      try {
        for await (const event of getService(strapi, 'llm').client().stream({ messages })) {
          if (event.type === 'delta') {
            if (!started) {
              started = true;
              sink?.start({ conversationId: conversation.documentId, questionId: question.document_id });
            }
            text += event.text;
            sink?.delta(event.text);
          } else {
            usage = event.usage;
            finishReason = event.finishReason;
          }
        }
      } catch (error) {
        failure = error instanceof LlmError ? error : new LlmError('unavailable', error instanceof Error ? error.message : String(error));
      }

      if (failure && text === '') {
        await quota.settle(user.id, budget.day, reserved, 0);
        await knex()(TABLES.messages).where({ id: question.id }).del();
        if (failure.kind === 'unauthorized' || failure.kind === 'bad_request') strapi.log.error(`[ai-coach] the provider refused us: ${failure.message}`);
        throw unavailableFrom(failure);
      }

      let status: TurnView['status'] = failure ? 'partial' : 'complete';
      let content = text;
      if (!failure && (await isRisky(user.id, text))) {
        status = 'refused';
        content = SAFE_REFUSAL;
        sink?.replace(SAFE_REFUSAL);
      }
      if (!failure && text === '' && finishReason) status = 'failed';
      // The provider's own count; a stream cut before its usage chunk is charged nothing (none was reported).
      const charged = usage ? usage.totalTokens : 0;
      const answer = await insertTurn(
        {
          conversation_id: conversation.id, user_id: user.id, role: 'assistant', content, status, source: 'model',
          prompt_tokens: usage?.promptTokens ?? 0, completion_tokens: usage?.completionTokens ?? 0, request_key: requestKey('a'),
        },
        new Date(),
      );
      await quota.settle(user.id, budget.day, reserved, charged);
      await knex()(TABLES.conversations).where({ id: conversation.id }).update({ last_message_at: new Date() });
      if (failure) throw Object.assign(unavailableFrom(failure), { partial: { conversationId: conversation.documentId, message: turnView(answer) } });
      return { conversationId: conversation.documentId, question: turnView(question), message: turnView(answer), quota: await quota.view(user) };
    },

    /** A retried request: the stored turns, the provider not asked again and nothing charged again. */
    async replay(user: CoachUser, question: TurnRow, answer: TurnRow, sink?: ChatSink): Promise<ChatAnswer> {
      const conversation = await knex()(TABLES.conversations).where({ id: question.conversation_id, user_id: user.id }).first('document_id');
      if (!conversation) throw new NotFoundError('No such conversation');
      const view = turnView(answer);
      sink?.start({ conversationId: String(conversation.document_id), questionId: question.document_id });
      if (view.content) sink?.delta(view.content);
      return { conversationId: String(conversation.document_id), question: turnView(question), message: view, quota: await getService(strapi, 'quota').view(user) };
    },
  };
  return service;
};

export type ChatService = ReturnType<typeof chatService>;
export default chatService;
