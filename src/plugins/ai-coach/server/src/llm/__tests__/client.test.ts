import { startFakeOpenAiServer, type FakeOpenAi } from '../../fake/fake-openai-server';
import { createLlmClient, LlmError, type LlmClientOptions, type StreamEvent } from '../client';

/**
 * The provider client against the fake provider over HTTP: the openai SDK's requests and answers, our own
 * timeouts (the SDK's are 10 minutes), and every failure named in our terms within its bound.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.setMode({ kind: 'ok', chunkDelayMs: 2 });
  fake.setScript(null);
});

const options = (overrides: Partial<LlmClientOptions> = {}): LlmClientOptions => ({
  baseUrl: fake.url, apiKey: fake.apiKey, model: 'coach-test', timeoutMs: 1000, idleTimeoutMs: 500, maxRetries: 0, maxOutputTokens: 400, ...overrides,
});
const collect = async (events: AsyncGenerator<StreamEvent>) => {
  const seen: StreamEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
};
const failure = async (work: () => Promise<unknown>) => {
  const started = Date.now();
  try {
    await work();
  } catch (error) {
    return { error: error as LlmError, ms: Date.now() - started };
  }
  throw new Error('expected a failure');
};

describe('the provider client', () => {
  it('streams the answer in order and ends with the provider’s own usage count', async () => {
    const events = await collect(createLlmClient(options()).stream({ messages: [{ role: 'user', content: '我好想抽烟' }] }));
    const call = fake.calls.at(-1)!;
    expect(call.includeUsage).toBe(true);
    expect(call.maxTokens).toBe(400);
    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas.map((e) => (e.type === 'delta' ? e.text : '')).join('')).toBe(call.answer);
    expect(events.at(-1)).toEqual({
      type: 'done',
      finishReason: 'stop',
      usage: { promptTokens: call.usage!.prompt_tokens, completionTokens: call.usage!.completion_tokens, totalTokens: call.usage!.total_tokens },
    });
  });

  it('answers whole when not streaming, and stops at max_tokens with finish reason length', async () => {
    fake.setScript(() => '一二三四五六七八九十一二三四五六七八九十');
    const answer = await createLlmClient(options()).complete({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 3 });
    expect(answer.finishReason).toBe('length');
    expect(answer.usage?.completionTokens).toBe(3);
    expect(answer.text).toBe(fake.calls.at(-1)!.answer);
  });

  it.each([
    [401, 'unauthorized'],
    [429, 'rate_limited'],
    [500, 'unavailable'],
  ] as const)('names a provider %i as %s', async (status, kind) => {
    fake.setMode({ kind: 'error', status, retryAfterSeconds: 7 });
    const { error } = await failure(() => collect(createLlmClient(options()).stream({ messages: [{ role: 'user', content: 'hi' }] })));
    expect(error).toBeInstanceOf(LlmError);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    if (status === 429) expect(error.retryAfterSeconds).toBe(7);
  });

  it('refuses a wrong key as unauthorized, without retrying it', async () => {
    const before = fake.calls.length;
    const { error } = await failure(() => createLlmClient(options({ apiKey: 'sk-wrong', maxRetries: 2 })).complete({ messages: [{ role: 'user', content: 'hi' }] }));
    expect(error.kind).toBe('unauthorized');
    expect(fake.calls.length).toBe(before);
  });

  it('retries a 500 the configured number of times, then succeeds', async () => {
    fake.setMode({ kind: 'error', status: 500, times: 1 });
    const before = fake.calls.length;
    const answer = await createLlmClient(options({ maxRetries: 1 })).complete({ messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.text.length).toBeGreaterThan(0);
    expect(fake.calls.length - before).toBe(2);
  });

  it('gives up on a provider that never answers within the timeout', async () => {
    fake.setMode({ kind: 'hang' });
    const { error, ms } = await failure(() => collect(createLlmClient(options({ timeoutMs: 300 })).stream({ messages: [{ role: 'user', content: 'hi' }] })));
    expect(error.kind).toBe('timeout');
    expect(ms).toBeLessThan(3000);
  });

  it('gives up on a whole answer that does not come within its timeout', async () => {
    fake.setMode({ kind: 'hang' });
    const { error, ms } = await failure(() => createLlmClient(options()).complete({ messages: [{ role: 'user', content: 'hi' }], timeoutMs: 300 }));
    expect(error.kind).toBe('timeout');
    expect(ms).toBeLessThan(3000);
  });

  it('cuts a stream that goes quiet mid-way after the idle timeout', async () => {
    fake.setMode({ kind: 'hangMidStream', afterChunks: 4 });
    const seen: StreamEvent[] = [];
    const { error, ms } = await failure(async () => {
      for await (const event of createLlmClient(options({ idleTimeoutMs: 300 })).stream({ messages: [{ role: 'user', content: 'hi' }] })) seen.push(event);
    });
    expect(error.kind).toBe('timeout');
    expect(seen.filter((e) => e.type === 'delta')).toHaveLength(4);
    expect(ms).toBeLessThan(3000);
  });

  it('says unavailable when nothing listens at the address', async () => {
    const { error } = await failure(() => createLlmClient(options({ baseUrl: 'http://127.0.0.1:9/v1' })).complete({ messages: [{ role: 'user', content: 'hi' }] }));
    expect(error.kind).toBe('unavailable');
  });

  it('stops the provider call when its caller aborts', async () => {
    fake.setMode({ kind: 'ok', chunkDelayMs: 30 });
    const controller = new AbortController();
    const seen: StreamEvent[] = [];
    const { error } = await failure(async () => {
      for await (const event of createLlmClient(options()).stream({ messages: [{ role: 'user', content: 'hi' }], signal: controller.signal })) {
        seen.push(event);
        if (seen.length === 3) controller.abort();
      }
    });
    expect(error.kind).toBe('aborted');
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.calls.at(-1)!.completed).toBe(false);
  });
});
