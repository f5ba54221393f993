import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake OpenAI-compatible provider: a real HTTP server speaking the chat completions protocol (JSON answers,
 * server-sent-event streams with a usage chunk when `stream_options.include_usage` is asked for, OpenAI's error
 * bodies), used by the tests and by `npm run develop` when no OPENAI_API_KEY is set, so a newcomer can chat
 * with a scripted coach. Never started in production.
 *
 * Behaviour is switched with `setMode` (in-process) or `POST /__fake/mode` (same body):
 * - `ok`: the scripted answer, streamed in small pieces `chunkDelayMs` apart;
 * - `error` with `status` 401 / 429 / 500 (429 sends Retry-After): OpenAI's error answer, every time, or
 *   only the next `times` requests;
 * - `hang`: accept the request and never answer (headers never sent);
 * - `hangMidStream`: send `afterChunks` pieces, then go quiet without ending.
 */
export type FakeMode =
  | { kind: 'ok'; chunkDelayMs?: number }
  | { kind: 'error'; status: 401 | 429 | 500 | 503; times?: number; retryAfterSeconds?: number }
  | { kind: 'hang' }
  | { kind: 'hangMidStream'; afterChunks: number };

type WireMessage = { role: string; content: string };

/** What the fake saw and answered, for the tests to compare with what the app stored and charged. */
export type FakeCall = {
  messages: WireMessage[];
  model: string;
  stream: boolean;
  includeUsage: boolean;
  maxTokens: number | null;
  status: number;
  /** The whole answer it meant to give, and how much of it went out before the end or a disconnect. */
  answer: string;
  sent: string;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
  completed: boolean;
};

export type FakeOpenAi = {
  /** The base URL for the SDK (`…/v1`). */
  url: string;
  apiKey: string;
  calls: FakeCall[];
  setMode(mode: FakeMode): void;
  /** Replace the scripted answer (the last user message and the system prompt in, the answer out). */
  setScript(script: ((input: { system: string; user: string }) => string) | null): void;
  close(): Promise<void>;
};

/** Rough token counts, stable for tests: a CJK character or 4 other characters make a token. */
export const countTokens = (text: string): number => {
  const cjk = (text.match(/[\u3000-\u9fff\uff00-\uffef]/g) ?? []).length;
  return cjk + Math.ceil((text.length - cjk) / 4);
};

const COACH_LINES = {
  craving: '烟瘾来的时候，先做三次深呼吸，喝一杯温水，把注意力转到手边的小事上。烟瘾通常在 3 到 5 分钟内就会减弱，你已经坚持到现在了，这一次也可以。',
  relapse: '复吸不代表失败，很多人都是在几次尝试之后才彻底戒掉的。想一想这次是什么触发了你，下次遇到同样的情况时提前准备一个替代动作。今天重新开始就好。',
  diary: '读了你今天的日记，感觉你是一个认真观察生活的孩子。把每天的小发现写下来真了不起，继续保持这份好奇心，明天也期待你的新故事！',
  default: '你做得很好。戒烟是一段旅程，每一个没有吸烟的小时都在让身体变得更好。说说你现在的感受，或者遇到的困难，我们一起想办法。',
};

const scriptedAnswer = ({ system, user }: { system: string; user: string }): string => {
  if (/日记|diary/i.test(system)) return COACH_LINES.diary;
  if (/烟瘾|想抽|craving/i.test(user)) return COACH_LINES.craving;
  if (/复吸|relapse|又抽/i.test(user)) return COACH_LINES.relapse;
  return COACH_LINES.default;
};

/** Pieces of one to three characters, so a stream has many chunks. */
const piecesOf = (text: string): string[] => {
  const chars = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; ) {
    const size = 1 + (i % 3);
    pieces.push(chars.slice(i, i + size).join(''));
    i += size;
  }
  return pieces;
};

const ERROR_BODIES: Record<number, { message: string; type: string; code: string | null }> = {
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  429: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
  500: { message: 'The server had an error while processing your request.', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
};

const readBody = (req: http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

export const startFakeOpenAiServer = async (options: { apiKey?: string; port?: number } = {}): Promise<FakeOpenAi> => {
  const apiKey = options.apiKey ?? `sk-fake-${crypto.randomBytes(12).toString('hex')}`;
  let mode: FakeMode = { kind: 'ok', chunkDelayMs: 5 };
  let script: ((input: { system: string; user: string }) => string) | null = null;
  const calls: FakeCall[] = [];
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer(async (req, res) => {
    try {
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'POST' && path === '/__fake/mode') {
        mode = JSON.parse(await readBody(req)) as FakeMode;
        sendJson(res, 200, { mode });
        return;
      }
      if (req.method !== 'POST' || !/^(\/v1)?\/chat\/completions$/.test(path)) {
        sendJson(res, 404, { error: { message: `Unknown request URL: ${req.method} ${path}`, type: 'invalid_request_error', code: 'unknown_url' } });
        return;
      }
      const raw = await readBody(req);
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        sendJson(res, 401, { error: ERROR_BODIES[401] });
        return;
      }
      let body: { model?: string; messages?: WireMessage[]; stream?: boolean; stream_options?: { include_usage?: boolean }; max_tokens?: number; max_completion_tokens?: number };
      try {
        body = JSON.parse(raw);
      } catch {
        sendJson(res, 400, { error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error', code: null } });
        return;
      }
      if (!body.model || !Array.isArray(body.messages) || body.messages.length === 0) {
        sendJson(res, 400, { error: { message: "'model' and 'messages' are required", type: 'invalid_request_error', code: null } });
        return;
      }
      const messages = body.messages;
      const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
      const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
      const maxTokens = body.max_tokens ?? body.max_completion_tokens ?? null;
      const call: FakeCall = {
        messages, model: body.model, stream: Boolean(body.stream), includeUsage: Boolean(body.stream_options?.include_usage),
        maxTokens, status: 200, answer: '', sent: '', usage: null, completed: false,
      };
      calls.push(call);

      const current = mode;
      if (current.kind === 'error') {
        call.status = current.status;
        if (current.times !== undefined) {
          const left = current.times - 1;
          mode = left > 0 ? { ...current, times: left } : { kind: 'ok', chunkDelayMs: 5 };
        }
        const headers: Record<string, string> = current.status === 429 ? { 'retry-after': String(current.retryAfterSeconds ?? 2) } : {};
        sendJson(res, current.status, { error: ERROR_BODIES[current.status] }, headers);
        return;
      }
      if (current.kind === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }

      let pieces = piecesOf((script ?? scriptedAnswer)({ system, user }));
      let finishReason = 'stop';
      if (maxTokens !== null && pieces.length > maxTokens) {
        pieces = pieces.slice(0, maxTokens);
        finishReason = 'length';
      }
      call.answer = pieces.join('');
      const promptTokens = messages.reduce((sum, m) => sum + countTokens(String(m.content ?? '')) + 4, 0);
      const usage = { prompt_tokens: promptTokens, completion_tokens: pieces.length, total_tokens: promptTokens + pieces.length };
      const id = `chatcmpl-${crypto.randomBytes(8).toString('hex')}`;
      const created = Math.floor(Date.now() / 1000);

      if (!body.stream) {
        call.sent = call.answer;
        call.usage = usage;
        call.completed = true;
        sendJson(res, 200, {
          id, object: 'chat.completion', created, model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: call.answer }, finish_reason: finishReason, logprobs: null }],
          usage,
        });
        return;
      }

      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      let gone = false;
      res.on('close', () => {
        gone = true;
      });
      const chunk = (delta: Record<string, unknown>, finish: string | null) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }, null));
      const delay = current.kind === 'ok' ? current.chunkDelayMs ?? 5 : 5;
      for (let i = 0; i < pieces.length; i += 1) {
        if (gone) break;
        if (current.kind === 'hangMidStream' && i >= current.afterChunks) {
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
        }
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        if (gone) break;
        res.write(chunk({ content: pieces[i] }, null));
        call.sent += pieces[i];
      }
      // The provider counts what it generated, even for a client that left (it is billed all the same).
      call.usage = usage;
      if (gone) return;
      res.write(chunk({}, finishReason));
      if (call.includeUsage) {
        res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage })}\n\n`);
      }
      res.write('data: [DONE]\n\n');
      call.completed = true;
      res.end();
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { error: { ...ERROR_BODIES[500], message: String(error) } });
      else res.destroy();
    }
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    calls,
    setMode(next) {
      mode = next;
    },
    setScript(next) {
      script = next;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
