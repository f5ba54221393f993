import crypto from 'node:crypto';
import { startFakeOpenAiServer, type FakeOpenAi } from '../../src/plugins/ai-coach/server/src/fake/fake-openai-server';
import { aiCoach } from '../../src/plugins/ai-coach/public';
import { gamification } from '../../src/plugins/gamification/public';
import { getStrapi, http } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { setupWeChat, teardownWeChat } from '../helpers/wechat';

/**
 * Diary comments (seed 002) against the fake provider: queued with the publish, written by the worker in the
 * background, retried with a growing delay when the provider is down, given up after the last attempt, refused
 * by WeChat's check when risky; the diary itself always intact.
 */
let fake: FakeOpenAi;
const worker = () => aiCoach(getStrapi(), 'diary-comments');
const clock = () => gamification(getStrapi(), 'clock');
const knex = () => getStrapi().db.connection;

beforeAll(async () => {
  fake = await startFakeOpenAiServer();
  await setupWeChat({
    OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: fake.apiKey, AI_COACH_MAX_RETRIES: '0', AI_COACH_DIARY_COMMENT_TIMEOUT_MS: '600',
    // The tests run the worker themselves: no nudge, and the minute job far away.
    AI_COACH_DIARY_COMMENT_NUDGE_MS: '0', AI_COACH_DIARY_COMMENT_CRON: '0 0 1 1 *', AI_COACH_DIARY_COMMENT_MAX_ATTEMPTS: '3', AI_COACH_DIARY_COMMENT_RETRY_SECONDS: '60',
  });
});
afterEach(() => {
  fake.setMode({ kind: 'ok', chunkDelayMs: 2 });
  fake.setScript(null);
  clock().setNow(null);
});
afterAll(async () => {
  await teardownWeChat();
  await fake.close();
});

/** A diary on a day of its own (one diary per user and day). */
const publish = async (user: TestUser, extra: Record<string, unknown> = {}) => {
  const content = `今天我和妈妈去公园放风筝，风筝飞得好高。${crypto.randomBytes(3).toString('hex')}`;
  const res = await http().post('/api/diaries').set(user.auth).send({ data: { title: '放风筝', content, mood: 'happy', ...extra } });
  expect(res.status).toBe(201);
  return { id: res.body.data.documentId as string, content, answer: res.body.data };
};
const read = async (user: TestUser, documentId: string) => (await http().get(`/api/diaries/${documentId}`).set(user.auth).expect(200)).body.data;
const callsFor = (content: string) => fake.calls.filter((call) => call.messages.some((m) => m.content.includes(content)));
const later = (minutes: number) => clock().setNow(new Date(Date.now() + minutes * 60_000));

describe('a diary comment', () => {
  it('is queued with the publish, not awaited, and written by the worker with what the model said', async () => {
    const user = await createUser();
    const diary = await publish(user);
    expect(diary.answer).toMatchObject({ aiCommentStatus: 'pending', aiComment: null });
    expect(callsFor(diary.content)).toHaveLength(0);
    await worker().runDue();
    const [call] = callsFor(diary.content);
    expect(call.messages[0].content).toContain('日记');
    // The diary's own local date, as stored (a date column read back by each driver), not a UTC rendering of it.
    expect(call.messages[1].content).toContain(`日期：${diary.answer.localDate}`);
    expect(JSON.stringify(call.messages)).not.toContain(user.openid);
    expect(await read(user, diary.id)).toMatchObject({ aiComment: call.answer, aiCommentStatus: 'ready', content: diary.content });
  });

  it('is never asked for a draft', async () => {
    const user = await createUser();
    const draft = await publish(user, { isDraft: true });
    await worker().runDue();
    expect(callsFor(draft.content)).toHaveLength(0);
    expect((await read(user, draft.id)).aiCommentStatus).toBeNull();
  });

  it('is retried later when the provider is down, leaving the diary intact, then written when it is back', async () => {
    const user = await createUser();
    const diary = await publish(user);
    fake.setMode({ kind: 'error', status: 500 });
    expect(await worker().runDue()).toMatchObject({ retried: 1 });
    fake.setMode({ kind: 'hang' });
    later(2);
    expect(await worker().runDue()).toMatchObject({ retried: 1 });
    expect(await read(user, diary.id)).toMatchObject({ content: diary.content, aiCommentStatus: 'pending', aiComment: null });
    const job = await knex()('ai_coach_comment_jobs').where({ diary_key: (await knex()('diaries').where({ document_id: diary.id }).first('id')).id }).first('attempts', 'run_at', 'last_error');
    expect(job.attempts).toBe(2);
    // Not due again before its delay (60 s, then 120 s) has passed.
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(clock().now().getTime() + 100_000);
    fake.setMode({ kind: 'ok', chunkDelayMs: 0 });
    expect((await worker().runDue()).claimed).toBe(0);
    later(5);
    await worker().runDue();
    expect(await read(user, diary.id)).toMatchObject({ aiCommentStatus: 'ready', content: diary.content });
  });

  it('gives up after the last attempt, and the diary says so', async () => {
    const user = await createUser();
    const diary = await publish(user);
    fake.setMode({ kind: 'error', status: 500 });
    for (const minutes of [0, 2, 10]) {
      later(minutes);
      await worker().runDue();
    }
    later(60);
    expect((await worker().runDue()).claimed).toBe(0);
    expect(await read(user, diary.id)).toMatchObject({ aiCommentStatus: 'failed', aiComment: null, content: diary.content });
  });

  it('is asked of the model once per diary even with two workers at the same time', async () => {
    const user = await createUser();
    const diary = await publish(user);
    fake.setMode({ kind: 'ok', chunkDelayMs: 20 });
    await Promise.all([worker().runDue(), worker().runDue(), worker().runDue()]);
    expect(callsFor(diary.content)).toHaveLength(1);
    expect((await read(user, diary.id)).aiCommentStatus).toBe('ready');
  });

  it('is refused, and not stored, when WeChat finds the answer risky', async () => {
    const user = await createUser();
    const diary = await publish(user);
    fake.setScript(() => '这是一段违禁的点评');
    await worker().runDue();
    expect(await read(user, diary.id)).toMatchObject({ aiCommentStatus: 'refused', aiComment: null });
  });
});
