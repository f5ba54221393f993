import { PassThrough } from 'node:stream';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { unauthorizedError } from '../../../../../utils/errors';
import { parseOrThrow } from '../../../../../utils/validation';
import { idempotentRequestFrom } from '../../../../gamification/public';
import type { ChatSink } from '../services/chat';
import type { CoachUser } from '../services/quota';
import { getService } from '../utils/get-service';
import { chatBodySchema, chatQuerySchema, conversationListQuerySchema, messageListQuerySchema } from '../validation/requests';

const callerOf = (ctx: Context): CoachUser => {
  if (!ctx.state.user) throw unauthorizedError('Sign in first');
  const user = ctx.state.user as CoachUser;
  return { id: user.id, timezone: user.timezone, dayStartHour: user.dayStartHour, membershipTier: user.membershipTier, membershipExpiresAt: user.membershipExpiresAt };
};

const wantsStream = (ctx: Context, query: { stream?: string }) =>
  query.stream === '1' || query.stream === 'true' || (query.stream === undefined && /text\/event-stream/.test(String(ctx.get('accept'))));

/** An error as the event that ends a stream, in the envelope's terms. */
const errorEvent = (error: unknown) => {
  const e = error as { status?: number; statusCode?: number; name?: string; message?: string; details?: unknown };
  const status = e.status ?? e.statusCode ?? 500;
  return { type: 'error', status, name: e.name ?? 'ApplicationError', message: status >= 500 && status !== 503 ? 'Internal Server Error' : e.message ?? '', details: e.details ?? {} };
};

/**
 * POST /api/ai/chat: streamed (`Accept: text/event-stream` or `?stream=1`) as server-sent events that
 * `wx.request({ enableChunked: true })` reads as they come — `start`, `delta`..., `replace` (refused),
 * then `done` (the stored turn and the quota) or `error` — or answered whole as JSON. Anything refused before
 * the first piece (bad input, no membership, over quota, the provider down) is a plain error envelope with
 * its status, in both modes.
 */
const chatController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async chat(ctx: Context) {
    const caller = callerOf(ctx);
    const query = parseOrThrow(chatQuerySchema, ctx.query, 'query');
    const body = parseOrThrow(chatBodySchema, ctx.request.body ?? {}, 'chat');
    const key = idempotentRequestFrom(ctx, 'ai.chat', body)?.key ?? body.idempotencyKey;
    const input = { message: body.message, conversationId: body.conversationId, idempotencyKey: key };
    const chat = getService(strapi, 'chat');

    if (!wantsStream(ctx, query)) {
      ctx.body = { data: await chat.run(caller, input), meta: {} };
      return;
    }

    const stream = new PassThrough();
    stream.on('error', () => undefined);
    let open = true;
    ctx.req.on('close', () => {
      open = false;
    });
    const write = (event: Record<string, unknown>) => {
      if (open && !stream.destroyed && !stream.writableEnded) stream.write(`data: ${JSON.stringify(event)}\n\n`);
    };
    let markStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const sink: ChatSink = {
      start(info) {
        ctx.status = 200;
        ctx.set('Content-Type', 'text/event-stream; charset=utf-8');
        ctx.set('Cache-Control', 'no-cache, no-transform');
        ctx.set('X-Accel-Buffering', 'no');
        ctx.body = stream;
        write({ type: 'start', ...info });
        markStarted();
      },
      delta: (text) => write({ type: 'delta', text }),
      replace: (text) => write({ type: 'replace', text }),
    };
    const run = chat.run(caller, input, sink);
    const first = await Promise.race([started.then(() => 'streaming' as const), run.then(() => 'done' as const, () => 'failed' as const)]);
    if (first !== 'streaming') {
      // Nothing streamed: a plain answer or error envelope, as for a JSON client.
      const answer = await run;
      sink.start({ conversationId: answer.conversationId, questionId: answer.question.id });
      write({ type: 'done', message: answer.message, quota: answer.quota });
      stream.end();
      return;
    }
    // The rest is written as it comes; the request's handler returns now and Koa pipes the stream.
    run
      .then((answer) => write({ type: 'done', conversationId: answer.conversationId, message: answer.message, quota: answer.quota }))
      .catch((error: unknown) => {
        if ((error as { status?: number }).status === undefined) strapi.log.error(`[ai-coach] chat failed mid-stream: ${error instanceof Error ? error.stack : String(error)}`);
        write(errorEvent(error));
      })
      .finally(() => stream.end());
  },

  async quota(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'quota').view(callerOf(ctx)), meta: {} };
  },

  async conversations(ctx: Context) {
    const query = parseOrThrow(conversationListQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'conversations').list(callerOf(ctx).id, query);
  },

  async messages(ctx: Context) {
    const { limit } = parseOrThrow(messageListQuerySchema, ctx.query, 'query');
    ctx.body = await getService(strapi, 'conversations').messages(callerOf(ctx).id, String(ctx.params.id), limit);
  },

  async removeConversation(ctx: Context) {
    await getService(strapi, 'conversations').remove(callerOf(ctx).id, String(ctx.params.id));
    ctx.status = 204;
  },
});

export default chatController;
