import { startFakeWeChatServer, type FakeWeChatServer } from '../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { appEnvironment, bearer, call, freshDatabase, killApp, redisServer, signIn, sleep, startApp, waitFor, type Answer, type AppProcess, type RedisServer } from './harness';

/**
 * Issue 18: Redis stopped under load. No route answers 500; each works (its fallback) or answers 503 with a
 * reason, within 2 s; /api/ready names Redis. When Redis comes back — empty, as a restarted Redis without
 * persistence or a fresh replica does — everything recovers without a restart of the app, the leaderboards
 * included (rebuilt by the store watch, not at the next hourly rebuild).
 */
const APP_ID = 'wx00000000000fault2';
const APP_SECRET = 'fault-suite-secret-2';

let redis: RedisServer;
let wechat: FakeWeChatServer;
let app: AppProcess;

beforeAll(async () => {
  redis = await redisServer();
  wechat = await startFakeWeChatServer({ appId: APP_ID, appSecret: APP_SECRET });
  const databaseUrl = await freshDatabase('habit_faults_redis');
  app = await startApp(
    'app',
    appEnvironment(databaseUrl, redis.url, {
      WECHAT_MODE: 'live',
      WECHAT_API_BASE: wechat.url,
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: APP_SECRET,
      WECHAT_TIMEOUT_MS: '1500',
      LEADERBOARD_STORE_WATCH_SECONDS: '1',
    }),
  );
}, 240_000);

afterAll(async () => {
  await killApp(app);
  await wechat?.close();
  await redis?.stop();
});

type Person = { jwt: string; userId: number; refreshToken: string; habit: string };
const PROVINCE = '故障省';
let boardSlug = '';

/** Every kind of request the mini-program makes, reads and writes, for one signed-in person. */
const sweep = (person: Person, round: number): Array<[string, () => Promise<Answer>]> => {
  const auth = bearer(person.jwt);
  const get = (target: string) => (): Promise<Answer> => call(app.url, 'GET', target, { headers: auth });
  const send = (method: string, target: string, body: unknown, headers: Record<string, string> = auth) => (): Promise<Answer> =>
    call(app.url, method, target, { body, headers });
  const reads = [
    '/api/me', '/api/habits', '/api/check-ins', '/api/diaries', '/api/tasks', '/api/habit-templates', '/api/prizes', '/api/points/balance',
    '/api/points/records', '/api/me/stats', '/api/lottery/prizes', '/api/lottery/records', '/api/redeem-codes/history',
    '/api/leaderboards/total-days?scope=province', '/api/leaderboards/total-days/me?scope=province', '/api/challenges', '/api/me/challenges',
    '/api/me/badges', '/api/community/boards', '/api/community/feed/following', '/api/community/me/posts', '/api/community/notifications',
    '/api/community/notifications/unread-count', '/api/mall/categories', '/api/mall/products', '/api/orders', '/api/me/listings', '/api/quit/profile',
    '/api/cravings?startDate=2026-11-01&endDate=2026-12-31', '/api/cravings/stats?days=7', '/api/reminders/subscriptions', '/api/reminders/settings', '/api/ai/quota', '/api/ai/conversations', '/api/me/export',
  ];
  return [
    ...reads.map((target): [string, () => Promise<Answer>] => [`GET ${target}`, get(target)]),
    ['GET /api/prizes (anonymous)', () => call(app.url, 'GET', '/api/prizes')],
    ['PUT /api/me', send('PUT', '/api/me', { nickname: `风雨无阻${round}` })],
    ['POST /api/habits', send('POST', '/api/habits', { data: { title: `Outage ${round}`, startDate: '2026-01-01' } })],
    ['POST /api/check-ins', send('POST', '/api/check-ins', { data: { habit: person.habit } })],
    ['POST /api/lottery/draw', send('POST', '/api/lottery/draw', {})],
    ['POST /api/redeem-codes/redeem', send('POST', '/api/redeem-codes/redeem', { code: `NOPE${round}XYZ` })],
    ['POST /api/community/posts', send('POST', '/api/community/posts', { board: boardSlug, content: `第${round}天，坚持` })],
    ['POST /api/cravings', send('POST', '/api/cravings', { intensity: 3, trigger: 'stress', resisted: true, idempotencyKey: `craving-${person.userId}-${round}` })],
    ['PUT /api/reminders/settings', send('PUT', '/api/reminders/settings', { enabled: true })],
    ['POST /api/auth/refresh', async () => {
      const answer = await call(app.url, 'POST', '/api/auth/refresh', { body: { refreshToken: person.refreshToken }, headers: { 'X-Forwarded-For': `10.7.${round}.1` } });
      if (answer.status === 200) person.refreshToken = answer.body.data.refreshToken;
      return answer;
    }],
    ['POST /api/wechat/login', () => call(app.url, 'POST', '/api/wechat/login', { body: { code: `outage${round}.${Date.now()}` }, headers: { 'X-Forwarded-For': `10.8.${round}.1` } })],
  ];
};

const run = async (people: Person[], round: number) => {
  const results: Array<{ name: string; status: number; ms: number; message?: string }> = [];
  await Promise.all(
    people.map(async (person) => {
      for (const [name, request] of sweep(person, round)) {
        const answer = await request();
        results.push({ name, status: answer.status, ms: answer.ms, message: answer.body?.error?.message });
      }
    }),
  );
  return results;
};

it('answers every route without a 500 while Redis is down, and recovers everything, boards included, once it is back empty', async () => {
  // 30 people on one province board, each with a habit checked in once.
  const people: Person[] = [];
  for (let index = 0; index < 30; index += 1) {
    const session = await signIn(app.url, `outage-person${index}`);
    await call(app.url, 'PUT', '/api/me', { body: { province: PROVINCE, city: '故障市' }, headers: bearer(session.jwt) });
    const habit = await call(app.url, 'POST', '/api/habits', { body: { data: { title: 'Walk', startDate: '2026-01-01' } }, headers: bearer(session.jwt) });
    expect(habit.status).toBe(201);
    const checked = await call(app.url, 'POST', '/api/check-ins', { body: { data: { habit: habit.body.data.documentId } }, headers: bearer(session.jwt) });
    expect(checked.status).toBe(201);
    people.push({ ...session, habit: habit.body.data.documentId });
  }
  const boards = await call(app.url, 'GET', '/api/community/boards', { headers: bearer(people[0].jwt) });
  boardSlug = boards.body.data[0]?.slug;
  expect(boardSlug).toBeTruthy();
  const boardTotal = async () => (await call(app.url, 'GET', '/api/leaderboards/total-days?scope=province&limit=50', { headers: bearer(people[0].jwt) })).body?.meta?.pagination?.total;
  await waitFor('the board to hold all 30', boardTotal, (total) => total === 30);
  const before = await run(people.slice(0, 3), 0);
  expect(before.filter((result) => result.status >= 500)).toEqual([]);

  await redis.stop();
  const ready = await call(app.url, 'GET', '/api/ready');
  expect(ready.status).toBe(503);
  expect(ready.body.error.details.checks).toMatchObject({ database: { status: 'ok' }, redis: { status: 'unreachable' } });

  const during = [...(await run(people.slice(0, 5), 1)), ...(await run(people.slice(5, 10), 2))];
  const failures = during.filter((result) => result.status === 500 || (result.status >= 500 && result.status !== 503));
  expect(failures).toEqual([]);
  // A 503 says why; every answer came within 2 s.
  expect(during.filter((result) => result.status === 503 && !result.message)).toEqual([]);
  expect(during.filter((result) => result.ms >= 2000)).toEqual([]);
  const unavailable = [...new Set(during.filter((result) => result.status === 503).map((result) => `${result.name}: ${result.message}`))];
  const byStatus = during.reduce<Record<string, number>>((counts, result) => ({ ...counts, [result.status]: (counts[result.status] ?? 0) + 1 }), {});
  console.log(`[redis outage] ${during.length} requests ${JSON.stringify(byStatus)}; 503 from:\n${unavailable.join("\n") || "(none)"}\nother 4xx: ${[...new Set(during.filter((r) => r.status >= 400 && r.status !== 503).map((r) => `${r.name} ${r.status}`))].join(", ")}`);

  // Back, and empty.
  await redis.start();
  await waitFor('/api/ready', () => call(app.url, 'GET', '/api/ready'), (answer) => answer.status === 200);
  await waitFor('the boards rebuilt', boardTotal, (total) => total === 30, 20_000);
  await sleep(500);
  const after = await run(people.slice(10, 15), 3);
  expect(after.filter((result) => result.status >= 500)).toEqual([]);
}, 180_000);
