import { ApiClient } from '../../api/client';
import { ApiError } from '../../api/errors';
import { FakeServer } from '../helpers/fake-server';
import { envelope, installWx, type WxAnswer, type WxCall, type WxDouble } from '../helpers/wx-double';

/** A streamed answer (the AI coach's chat) through wx.request's chunked mode: events in order, errors as ApiError. */

let server: FakeServer;
let wxDouble: WxDouble;
let client: ApiClient;

beforeEach(() => {
  server = new FakeServer();
  wxDouble = installWx(server.handle);
  client = new ApiClient({ baseUrl: 'http://api.test', platform: wxDouble.platform() });
});

const events = [
  { type: 'start', conversationId: 'conv1' },
  ...Array.from('深呼吸，喝杯水。', (text) => ({ type: 'delta', text })),
  { type: 'done', message: { content: '深呼吸，喝杯水。' } },
];
/** The wire cut every 5 bytes, as the network may hand it over. */
const chunked = (wire: string): Uint8Array[] => {
  const bytes = new TextEncoder().encode(wire);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += 5) out.push(bytes.slice(i, i + 5));
  return out;
};
const streamAnswer = (): WxAnswer => ({
  status: 200,
  headers: { 'content-type': 'text/event-stream' },
  chunks: chunked(events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')),
});
const signedIn = (call: WxCall) => call.headers.Authorization === `Bearer ${(server as unknown as { jwt: string }).jwt}`;

describe('a streamed answer', () => {
  it('asks for an event stream in chunked mode and hands over every event in order', async () => {
    server.override = (call) => (call.path === '/api/ai/chat' ? (signedIn(call) ? streamAnswer() : envelope(401, 'UnauthorizedError', 'no')) : undefined);
    const seen: unknown[] = [];
    await client.stream('/api/ai/chat', { message: '好想抽烟' }, (event) => seen.push(event));
    expect(seen).toEqual(events);
    const call = wxDouble.calls.find((c) => c.path === '/api/ai/chat')!;
    expect(call.chunked).toBe(true);
    expect(call.headers.Accept).toBe('text/event-stream');
    expect(call.body).toEqual({ message: '好想抽烟' });
  });

  it('signs in again once when the token has expired, then streams', async () => {
    server.override = (call) => (call.path === '/api/ai/chat' ? (signedIn(call) ? streamAnswer() : envelope(401, 'UnauthorizedError', 'expired')) : undefined);
    await client.stream('/api/ai/chat', { message: 'x' }, () => undefined);
    server.expireAccessToken();
    const seen: unknown[] = [];
    await client.stream('/api/ai/chat', { message: 'x' }, (event) => seen.push(event));
    expect(seen).toHaveLength(events.length);
    expect(server.refreshCalls).toBe(1);
  });

  it('throws the server’s error (over quota, 429 with its reset) without waiting it out', async () => {
    server.override = (call) =>
      call.path === '/api/ai/chat'
        ? { ...envelope(429, 'RateLimitError', '今日 AI 额度已用完', { reason: 'quota_exceeded', resetsAt: '2026-12-05T16:00:00.000Z' }), headers: { 'retry-after': '3600' } }
        : undefined;
    const error = await client.stream('/api/ai/chat', { message: 'x' }, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, reason: 'quota_exceeded', retryAfterSeconds: 3600 });
    expect(wxDouble.calls.filter((c) => c.path === '/api/ai/chat')).toHaveLength(1);
  });

  it('hands over a whole JSON answer as one event', async () => {
    server.override = (call) => (call.path === '/api/ai/chat' ? { status: 200, body: { data: { message: { content: '好' } } } } : undefined);
    const seen: unknown[] = [];
    await client.stream('/api/ai/chat', { message: 'x' }, (event) => seen.push(event));
    expect(seen).toEqual([{ data: { message: { content: '好' } } }]);
  });
});
