import crypto from 'node:crypto';
import nodeHttp from 'node:http';
import { startFakeOpenAiServer, type FakeOpenAi } from '../../src/plugins/ai-coach/server/src/fake/fake-openai-server';
import { getStrapi, http, serverUrl } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { setMembership } from '../helpers/leaderboard';
import { setupWeChat, teardownWeChat } from '../helpers/wechat';

/**
 * The AI coach over HTTP against the fake OpenAI-compatible provider (and the fake WeChat for msgSecCheck):
 * streamed answers equal to what is stored, idempotent retries, a client leaving mid-stream charged once,
 * budgets that concurrent chats cannot overspend, the provider's failures as clear 503s in time, the FAQ,
 * a prompt with nothing private, and conversations scoped to their owner.
 */
let fake: FakeOpenAi;
const key = () => `k-${crypto.randomBytes(8).toString('hex')}`;
const knex = () => getStrapi().db.connection;

beforeAll(async () => {
  fake = await startFakeOpenAiServer();
  await setupWeChat({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: fake.apiKey, OPENAI_MODEL: 'coach-test', AI_COACH_TIMEOUT_MS: '800', AI_COACH_IDLE_TIMEOUT_MS: '800', AI_COACH_MAX_RETRIES: '0', AI_COACH_CHATS_PER_USER: '1000' });
});
afterEach(() => {
  fake.setMode({ kind: 'ok', chunkDelayMs: 2 });
  fake.setScript(null);
});
afterAll(async () => {
  await teardownWeChat();
  await fake.close();
});

const aiMember = async () => {
  const user = await createUser({ timezone: 'Asia/Shanghai' });
  await setMembership(user, 'ai');
  return user;
};
const chat = (user: TestUser, body: Record<string, unknown>) => http().post('/api/ai/chat').set(user.auth).send(body);
const usageOf = async (user: TestUser) => {
  const rows = await knex()('ai_coach_usage').where({ user_id: user.id }).select('used', 'reserved');
  return { used: rows.reduce((n, r) => n + Number(r.used), 0), reserved: rows.reduce((n, r) => n + Number(r.reserved), 0) };
};
/** Server-sent events of a streamed answer, in order. */
const eventsOf = (text: string) =>
  text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice(6)) as { type: string; text?: string; message?: { content: string; status: string; id: string }; quota?: { used: number }; status?: number });

describe('a streamed answer', () => {
  it('arrives as events in order, and the stored answer is exactly what streamed', async () => {
    const user = await aiMember();
    const res = await chat(user, { message: '我现在好想抽烟' }).set('Accept', 'text/event-stream').buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      r.on('end', () => done(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = eventsOf(res.body as string);
    expect(events[0].type).toBe('start');
    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltas.length).toBeGreaterThan(10);
    const streamed = deltas.map((e) => e.text).join('');
    const call = fake.calls.at(-1)!;
    expect(streamed).toBe(call.answer);
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    expect(done.message).toMatchObject({ content: streamed, status: 'complete' });
    const stored = await knex()('ai_coach_messages').where({ document_id: done.message!.id }).first('content', 'prompt_tokens', 'completion_tokens');
    expect(stored.content).toBe(streamed);
    expect([stored.prompt_tokens, stored.completion_tokens]).toEqual([call.usage!.prompt_tokens, call.usage!.completion_tokens]);
    expect(await usageOf(user)).toEqual({ used: call.usage!.total_tokens, reserved: 0 });
  });

  it('answers whole as JSON when the client does not stream, and a retry with the same key asks the model once', async () => {
    const user = await aiMember();
    const idempotencyKey = key();
    const before = fake.calls.length;
    const first = await chat(user, { message: '复吸了怎么办', idempotencyKey }).expect(200);
    const again = await chat(user, { message: '复吸了怎么办', idempotencyKey }).expect(200);
    expect(fake.calls.length - before).toBe(1);
    expect(again.body.data.message).toEqual(first.body.data.message);
    expect(first.body.data.message.content).toBe(fake.calls.at(-1)!.answer);
    expect((await usageOf(user)).used).toBe(fake.calls.at(-1)!.usage!.total_tokens);
    const turns = await knex()('ai_coach_messages').where({ user_id: user.id }).count({ n: '*' });
    expect(Number(turns[0].n)).toBe(2);
  });

  it('charges a client that leaves mid-stream what the provider used, once, and keeps the whole answer', async () => {
    const user = await aiMember();
    fake.setMode({ kind: 'ok', chunkDelayMs: 25 });
    const before = fake.calls.length;
    // A phone that loses the connection after the first piece: the socket closes under the stream.
    await new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ message: '我想聊聊烟瘾' });
      const req = nodeHttp.request(`${serverUrl()}/api/ai/chat`, {
        method: 'POST',
        headers: { ...user.auth, Accept: 'text/event-stream', 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.end(body);
    });
    // The provider is read to its end, then the answer stored and charged.
    const until = Date.now() + 10_000;
    let answer: { content: string; status: string } | undefined;
    while (Date.now() < until && !answer) {
      answer = await knex()('ai_coach_messages').where({ user_id: user.id, role: 'assistant' }).first('content', 'status');
      if (!answer) await new Promise((r) => setTimeout(r, 50));
    }
    const call = fake.calls.at(-1)!;
    expect(fake.calls.length - before).toBe(1);
    expect(call.completed).toBe(true);
    expect(answer).toEqual({ content: call.answer, status: 'complete' });
    expect(await usageOf(user)).toEqual({ used: call.usage!.total_tokens, reserved: 0 });
  });
});

describe('the budget', () => {
  it('lets 20 concurrent chats at its edge overspend by at most one message', async () => {
    const user = await aiMember();
    // One answer costs about `cost`; the budget leaves room for about two.
    await chat(user, { message: '你好' }).expect(200);
    const cost = (await usageOf(user)).used;
    const day = (await knex()('ai_coach_usage').where({ user_id: user.id }).first('day')).day;
    await getStrapi().db.query('plugin::ai-coach.setting').deleteMany({});
    await getStrapi().db.query('plugin::ai-coach.setting').create({ data: { aiDailyTokens: cost * 3 + Math.floor(cost / 2), freeDailyTokens: 1500, vipTrialDays: 4, vipDailyTokens: 20000 } });
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => chat(user, { message: '你好' })));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
      const refused = answers.find((a) => a.status === 429)!;
      expect(refused.body.error.details).toMatchObject({ reason: 'quota_exceeded' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      const { used, reserved } = await usageOf(user);
      expect(reserved).toBe(0);
      expect(used).toBeLessThanOrEqual(cost * 3 + Math.floor(cost / 2) + cost);
      expect((await http().get('/api/ai/quota').set(user.auth).expect(200)).body.data).toMatchObject({ tier: 'ai', used, day });
    } finally {
      await getStrapi().db.query('plugin::ai-coach.setting').deleteMany({});
    }
  });

  it('turns a free user away when editors give free users nothing, and a VIP after the 4-day trial', async () => {
    await getStrapi().db.query('plugin::ai-coach.setting').create({ data: { freeDailyTokens: 0, vipTrialDays: 4, vipDailyTokens: 20000, aiDailyTokens: 60000 } });
    try {
      const free = await createUser();
      const refused = await chat(free, { message: '你好' }).expect(403);
      expect(refused.body.error.details).toMatchObject({ reason: 'membership_required', current: 'free' });
      const vip = await createUser();
      await setMembership(vip, 'vip');
      await chat(vip, { message: '你好' }).expect(200);
      await knex()('ai_coach_trials').where({ user_id: vip.id }).update({ started_at: new Date(Date.now() - 5 * 86_400_000) });
      const over = await chat(vip, { message: '你好' }).expect(403);
      expect(over.body.error.details).toMatchObject({ reason: 'membership_required', current: 'vip' });
    } finally {
      await getStrapi().db.query('plugin::ai-coach.setting').deleteMany({});
    }
  });
});

describe('when the provider fails', () => {
  it.each([
    ['a 429', { kind: 'error', status: 429, retryAfterSeconds: 3 } as const, 'provider_busy'],
    ['a 500', { kind: 'error', status: 500 } as const, 'provider_unavailable'],
    ['a hang', { kind: 'hang' } as const, 'provider_timeout'],
  ])('answers %s with a clear 503 within the timeout, storing and charging nothing', async (_name, mode, reason) => {
    const user = await aiMember();
    fake.setMode(mode);
    const started = Date.now();
    const res = await chat(user, { message: '你好' });
    expect(res.status).toBe(503);
    expect(res.body.error.details.reason).toBe(reason);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await usageOf(user)).toEqual({ used: 0, reserved: 0 });
    expect(Number((await knex()('ai_coach_messages').where({ user_id: user.id }).count({ n: '*' }))[0].n)).toBe(0);
  });

  it('keeps what streamed when the provider goes quiet mid-answer, and ends the stream with an error event', async () => {
    const user = await aiMember();
    fake.setMode({ kind: 'hangMidStream', afterChunks: 5 });
    const res = await chat(user, { message: '你好' }).set('Accept', 'text/event-stream').buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      r.on('end', () => done(null, text));
    });
    const events = eventsOf(res.body as string);
    expect(events.at(-1)).toMatchObject({ type: 'error', status: 503 });
    const streamed = events.filter((e) => e.type === 'delta').map((e) => e.text).join('');
    expect(streamed.length).toBeGreaterThan(0);
    const stored = await knex()('ai_coach_messages').where({ user_id: user.id, role: 'assistant' }).first('content', 'status');
    expect(stored).toEqual({ content: streamed, status: 'partial' });
    expect(await usageOf(user)).toEqual({ used: 0, reserved: 0 });
  });
});

describe('what the coach is told and answers', () => {
  it('sends the user’s own context and nothing private: no openid, no id, no other user', async () => {
    const user = await aiMember();
    const other = await aiMember();
    await chat(other, { message: '别人的问题 secret-of-other' }).expect(200);
    await http().put('/api/quit/profile').set(user.auth).send({ quitAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), cigarettesPerDay: 20, pricePerPack: 25, cigarettesPerPack: 20, reasons: [] }).expect(200);
    await chat(user, { message: '今天感觉还行' }).expect(200);
    const sent = JSON.stringify(fake.calls.at(-1)!.messages);
    expect(sent).toContain('已戒烟 3 天');
    expect(sent).not.toContain(user.openid);
    expect(sent).not.toContain(other.openid);
    expect(sent).not.toContain('secret-of-other');
    expect(sent).not.toContain(user.documentId);
  });

  it('refuses a risky question before the model, and replaces a risky answer with a safe refusal', async () => {
    const user = await aiMember();
    const before = fake.calls.length;
    const refused = await chat(user, { message: '教我赌博' }).expect(400);
    expect(refused.body.error.details.reason).toBe('content_risky');
    expect(fake.calls.length).toBe(before);
    fake.setScript(() => '这是一段违禁的回答');
    const answer = await chat(user, { message: '随便聊聊' }).expect(200);
    expect(answer.body.data.message).toMatchObject({ status: 'refused' });
    expect(answer.body.data.message.content).not.toContain('违禁');
  });

  it('answers a common question from the FAQ without the model and at no cost', async () => {
    const user = await aiMember();
    const question = `戒烟后体重增加怎么办${crypto.randomBytes(3).toString('hex')}`;
    await getStrapi().db.query('plugin::ai-coach.faq').create({ data: { question, answer: '多喝水、规律运动，体重一般会在几个月内稳定。', active: true } });
    const before = fake.calls.length;
    const res = await chat(user, { message: ` ${question}？` }).expect(200);
    expect(res.body.data.message).toMatchObject({ source: 'faq', content: '多喝水、规律运动，体重一般会在几个月内稳定。', promptTokens: 0 });
    expect(fake.calls.length).toBe(before);
    expect(await usageOf(user)).toEqual({ used: 0, reserved: 0 });
  });
});

describe('conversations', () => {
  it('are listed, read and deleted by their owner only', async () => {
    const user = await aiMember();
    const other = await aiMember();
    const first = await chat(user, { message: '第一句' }).expect(200);
    const conversationId = first.body.data.conversationId;
    await chat(user, { message: '第二句', conversationId }).expect(200);
    await chat(other, { message: '插一句', conversationId }).expect(404);
    const list = await http().get('/api/ai/conversations').set(user.auth).expect(200);
    expect(list.body.data.map((c: { id: string }) => c.id)).toContain(conversationId);
    const turns = await http().get(`/api/ai/conversations/${conversationId}/messages`).set(user.auth).expect(200);
    expect(turns.body.data.map((t: { role: string; content: string }) => t.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(turns.body.data[2].content).toBe('第二句');
    // The second question was asked with the first exchange as its history.
    expect(fake.calls.at(-1)!.messages.map((m) => m.content)).toContain('第一句');
    await http().get(`/api/ai/conversations/${conversationId}/messages`).set(other.auth).expect(404);
    await http().delete(`/api/ai/conversations/${conversationId}`).set(other.auth).expect(404);
    await http().delete(`/api/ai/conversations/${conversationId}`).set(user.auth).expect(204);
    await http().get(`/api/ai/conversations/${conversationId}/messages`).set(user.auth).expect(404);
  });

  it('refuse bad input with a 400 in the envelope', async () => {
    const user = await aiMember();
    for (const body of [{}, { message: '' }, { message: 'x'.repeat(501) }, { message: 'hi', extra: 1 }, { message: 'hi', idempotencyKey: 'short' }]) {
      const res = await chat(user, body).expect(400);
      expect(res.body.error.name).toBe('ValidationError');
    }
  });
});

describe('for editors in the content manager', () => {
  it('labels the budgets and the FAQ in Chinese and English, the FAQ listed newest first', async () => {
    const contentTypes = getStrapi().plugin('content-manager').service('content-types');
    const settings = await contentTypes.findConfiguration(getStrapi().contentType('plugin::ai-coach.setting' as never));
    for (const field of ['freeDailyTokens', 'vipTrialDays', 'vipDailyTokens', 'aiDailyTokens']) {
      expect({ field, label: settings.metadatas[field].edit.label }).toEqual({ field, label: expect.stringMatching(/[\u4e00-\u9fff].* [A-Z]/) });
    }
    const faq = await contentTypes.findConfiguration(getStrapi().contentType('plugin::ai-coach.faq' as never));
    expect(faq.settings).toMatchObject({ mainField: 'question', defaultSortBy: 'updatedAt', defaultSortOrder: 'DESC' });
    expect(faq.metadatas.question.edit.label).toBe('问题 Question');
  });
});
