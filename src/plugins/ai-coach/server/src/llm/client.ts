import OpenAI from 'openai';

/** One turn sent to the model. */
export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

/** The provider's own count (`usage`, with `stream_options.include_usage` when streaming). */
export type Usage = { promptTokens: number; completionTokens: number; totalTokens: number };

/**
 * Why a call failed, in the terms callers answer with: not configured / unauthorized (our key) / rate limited
 * (the provider's 429) / unavailable (5xx, refused connection) / timeout (no answer, or a stream gone quiet) /
 * bad request (the provider refused what we sent) / aborted (our caller gave up).
 */
export type LlmErrorKind = 'not_configured' | 'unauthorized' | 'rate_limited' | 'unavailable' | 'timeout' | 'bad_request' | 'aborted';

export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  /** The provider's HTTP status, when it answered. */
  readonly status?: number;
  /** The provider's Retry-After, in seconds, when it said. */
  readonly retryAfterSeconds?: number;

  constructor(kind: LlmErrorKind, message: string, details: { status?: number; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'LlmError';
    this.kind = kind;
    this.status = details.status;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export type StreamEvent = { type: 'delta'; text: string } | { type: 'done'; usage: Usage | null; finishReason: string | null };

export type CompletionInput = {
  messages: ChatMessage[];
  /** max_tokens; the configured maximum when absent. */
  maxTokens?: number;
  /** Aborting it cancels the provider call (and the caller is not told about the rest). */
  signal?: AbortSignal;
  /** Overrides the configured timeout: for `complete`, the whole answer; for `stream`, its first piece. */
  timeoutMs?: number;
};

export type Completion = { text: string; usage: Usage | null; finishReason: string | null };

export interface LlmClient {
  readonly model: string;
  /** One answer, whole. */
  complete(input: CompletionInput): Promise<Completion>;
  /** The answer as it is generated: deltas in order, then `done` with the provider's usage. Throws LlmError. */
  stream(input: CompletionInput): AsyncGenerator<StreamEvent, void, undefined>;
}

export type LlmClientOptions = {
  baseUrl?: string;
  apiKey: string;
  model: string;
  /** Until the provider answers, per attempt. */
  timeoutMs: number;
  /** A stream that stays quiet this long is cut (the SDK's timeout ends when the headers arrive). */
  idleTimeoutMs: number;
  maxRetries: number;
  maxOutputTokens: number;
};

const usageFrom = (usage: OpenAI.CompletionUsage | null | undefined): Usage | null =>
  usage ? { promptTokens: usage.prompt_tokens ?? 0, completionTokens: usage.completion_tokens ?? 0, totalTokens: usage.total_tokens ?? 0 } : null;

const retryAfterOf = (error: InstanceType<typeof OpenAI.APIError>): number | undefined => {
  const raw = error.headers?.get?.('retry-after');
  const seconds = raw === null || raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
};

/** The SDK's errors in our terms; `timedOut` says which of our own timers fired, if one did. */
export const toLlmError = (error: unknown, timedOut: 'answer' | 'idle' | null = null): LlmError => {
  if (error instanceof LlmError) return error;
  if (timedOut === 'answer') return new LlmError('timeout', 'The AI provider did not answer in time');
  if (timedOut === 'idle') return new LlmError('timeout', 'The AI provider stopped answering mid-way');
  if (error instanceof OpenAI.APIUserAbortError) return new LlmError('aborted', 'The request was aborted');
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new LlmError('timeout', 'The AI provider did not answer in time');
  if (error instanceof OpenAI.APIConnectionError) return new LlmError('unavailable', 'The AI provider cannot be reached');
  if (error instanceof OpenAI.APIError) {
    const status = error.status;
    const details = { status, retryAfterSeconds: retryAfterOf(error) };
    if (status === 401 || status === 403) return new LlmError('unauthorized', `The AI provider refused our credentials (${status})`, details);
    if (status === 429) return new LlmError('rate_limited', 'The AI provider is rate limiting us', details);
    if (status !== undefined && status >= 400 && status < 500) return new LlmError('bad_request', `The AI provider refused the request (${status})`, details);
    return new LlmError('unavailable', `The AI provider failed (${status ?? 'no status'})`, details);
  }
  return new LlmError('unavailable', error instanceof Error ? error.message : String(error));
};

/** A signal that fires when `outer` fires or `abort()` is called. */
const linkedController = (outer?: AbortSignal) => {
  const controller = new AbortController();
  if (outer) {
    if (outer.aborted) controller.abort(outer.reason);
    else outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
  }
  return controller;
};

/**
 * Our own timers, on a controller linked to the caller's signal: the SDK's timeout covers only the wait for
 * the headers, and under jest its abort reason comes from another realm and reads as a connection error.
 */
const timedController = (outer?: AbortSignal) => {
  const controller = linkedController(outer);
  let fired: 'answer' | 'idle' | null = null;
  let timer: NodeJS.Timeout | undefined;
  return {
    signal: controller.signal,
    arm(ms: number, reason: 'answer' | 'idle') {
      clearTimeout(timer);
      timer = setTimeout(() => {
        fired = reason;
        controller.abort(new Error(`ai-coach ${reason} timeout`));
      }, ms);
    },
    fired: () => fired,
    done() {
      clearTimeout(timer);
      if (!controller.signal.aborted) controller.abort();
    },
  };
};

/** The provider client: the openai SDK with explicit timeouts and retries, and our own timers on every call. */
export const createLlmClient = (options: LlmClientOptions): LlmClient => {
  const openai = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl || undefined,
    // A net under our own timers (which fire first), never the SDK's 10 minutes.
    timeout: options.timeoutMs + 1000,
    maxRetries: options.maxRetries,
  });

  return {
    model: options.model,

    async complete({ messages, maxTokens, signal, timeoutMs }) {
      const timers = timedController(signal);
      timers.arm(timeoutMs ?? options.timeoutMs, 'answer');
      try {
        const answer = await openai.chat.completions.create(
          { model: options.model, messages, max_tokens: maxTokens ?? options.maxOutputTokens, stream: false },
          { signal: timers.signal },
        );
        const choice = answer.choices[0];
        return { text: choice?.message?.content ?? '', usage: usageFrom(answer.usage), finishReason: choice?.finish_reason ?? null };
      } catch (error) {
        throw toLlmError(error, timers.fired());
      } finally {
        timers.done();
      }
    },

    async *stream({ messages, maxTokens, signal, timeoutMs }) {
      const timers = timedController(signal);
      try {
        timers.arm(timeoutMs ?? options.timeoutMs, 'answer');
        const stream = await openai.chat.completions.create(
          {
            model: options.model,
            messages,
            max_tokens: maxTokens ?? options.maxOutputTokens,
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal: timers.signal },
        );
        let usage: Usage | null = null;
        let finishReason: string | null = null;
        timers.arm(options.idleTimeoutMs, 'idle');
        for await (const chunk of stream) {
          timers.arm(options.idleTimeoutMs, 'idle');
          if (chunk.usage) usage = usageFrom(chunk.usage);
          const choice = chunk.choices?.[0];
          if (choice?.finish_reason) finishReason = choice.finish_reason;
          const text = choice?.delta?.content;
          if (text) yield { type: 'delta', text };
        }
        // A stream that ended because it was aborted is not an answer.
        if (timers.signal.aborted) throw toLlmError(new OpenAI.APIUserAbortError(), timers.fired());
        yield { type: 'done', usage, finishReason };
      } catch (error) {
        throw toLlmError(error, timers.fired());
      } finally {
        timers.done();
      }
    },
  };
};
