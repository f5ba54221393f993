import { startFakeWeChatServer, type FakeWeChatServer } from '../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { appEnvironment, bearer, call, freshDatabase, killApp, redisServer, signIn, sleep, sql, startApp, waitFor, type AppProcess, type RedisServer } from './harness';

/**
 * Issue 18: two app instances on one PostgreSQL and one Redis, load sent to both. Sessions work on either,
 * rate limits are one budget, a write on one shows in the other's caches, the leaderboards agree, and a
 * scheduled job runs once per tick across both.
 */
const APP_ID = 'wx00000000000fault3';
const APP_SECRET = 'fault-suite-secret-3';
const ADMIN = { email: 'ops@example.com', password: 'Sc4leOutPass' };

let redis: RedisServer;
let wechat: FakeWeChatServer;
let databaseUrl: string;
let a: AppProcess;
let b: AppProcess;

beforeAll(async () => {
  redis = await redisServer();
  wechat = await startFakeWeChatServer({ appId: APP_ID, appSecret: APP_SECRET });
  databaseUrl = await freshDatabase('habit_faults_scale');
  const env = appEnvironment(databaseUrl, redis.url, {
    WECHAT_MODE: 'live',
    WECHAT_API_BASE: wechat.url,
    WECHAT_APP_ID: APP_ID,
    WECHAT_APP_SECRET: APP_SECRET,
    WECHAT_LOGIN_FAILURES_PER_IP: '6',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    // The reminders' minute job every second on both instances (the scheduler is off under NODE_ENV=test by default).
    REMINDERS_SCHEDULER: 'true',
    REMINDERS_CRON: '* * * * * *',
    LOG_LEVEL: 'debug',
    LOG_CONSOLE_LEVEL: 'debug',
  });
  a = await startApp('a', env);
  b = await startApp('b', env);
}, 240_000);

afterAll(async () => {
  await killApp(a);
  await killApp(b);
  await wechat?.close();
  await redis?.stop();
});

it('takes a session made on one instance on the other, refresh included', async () => {
  const session = await signIn(a.url, 'roaming');
  const me = await call(b.url, 'GET', '/api/me', { headers: bearer(session.jwt) });
  expect(me.status).toBe(200);
  expect(me.body.data.id).toBe(session.userId);
  const refreshed = await call(b.url, 'POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
  expect(refreshed.status).toBe(200);
  expect((await call(a.url, 'GET', '/api/me', { headers: bearer(refreshed.body.data.jwt) })).status).toBe(200);
  // The old refresh token was rotated away on b; a knows it too (after the retry grace it is refused).
  expect(refreshed.body.data.refreshToken).not.toBe(session.refreshToken);
});

it('spends one rate-limit budget across both instances', async () => {
  const headers = { 'X-Forwarded-For': '10.200.0.1' };
  const statuses: number[] = [];
  for (let index = 0; index < 6; index += 1) {
    const app = index % 2 === 0 ? a : b;
    statuses.push((await call(app.url, 'POST', '/api/wechat/login', { body: { code: `invalid-shared-${index}` }, headers })).status);
  }
  // 3 refusals on each instance: each alone would still allow 6.
  expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);
  const onA = await call(a.url, 'POST', '/api/wechat/login', { body: { code: `shared-person.${Date.now()}` }, headers });
  const onB = await call(b.url, 'POST', '/api/wechat/login', { body: { code: `shared-person.${Date.now() + 1}` }, headers });
  expect([onA.status, onB.status]).toEqual([429, 429]);
});

it('shows a write made through one instance in the other instance\'s public cache', async () => {
  const login = await call(a.url, 'POST', '/admin/login', { body: ADMIN });
  expect(login.status).toBe(200);
  const admin = bearer(login.body.data.token ?? login.body.data.accessToken);
  const names = async (app: AppProcess) => ((await call(app.url, 'GET', '/api/prizes')).body.data as Array<{ name: string }>).map((prize) => prize.name);
  // Both caches warm (the same answer, the same ETag, from memory).
  await names(a);
  const before = await names(b);
  expect(before).not.toContain('跨实例奖品');

  const created = await call(a.url, 'POST', '/content-manager/collection-types/api::prize.prize', {
    body: { name: '跨实例奖品', kind: 'virtual', weight: 1, stock: 5, active: true },
    headers: admin,
  });
  expect(created.status).toBe(201);
  expect(await waitFor('b to show the new prize', () => names(b), (list) => list.includes('跨实例奖品'), 2000)).toContain('跨实例奖品');
  expect(await names(a)).toContain('跨实例奖品');
});

it('agrees on the leaderboards whichever instance wrote the check-ins', async () => {
  const people: Array<{ jwt: string; userId: number; refreshToken: string; app: AppProcess }> = [];
  for (let index = 0; index < 8; index += 1) {
    const session = await signIn(index % 2 === 0 ? a.url : b.url, `ranker${index}`);
    const app = index % 2 === 0 ? b : a;
    await call(app.url, 'PUT', '/api/me', { body: { province: '扩容省' }, headers: bearer(session.jwt) });
    people.push({ ...session, app });
  }
  // Load on both: every person checks in habits through alternating instances.
  await Promise.all(
    people.map(async (person, index) => {
      for (let habit = 0; habit <= index; habit += 1) {
        const app = habit % 2 === 0 ? a : b;
        const created = await call(app.url, 'POST', '/api/habits', { body: { data: { title: `H${habit}`, startDate: '2026-01-01' } }, headers: bearer(person.jwt) });
        const other = app === a ? b : a;
        const checked = await call(other.url, 'POST', '/api/check-ins', { body: { data: { habit: created.body.data.documentId } }, headers: bearer(person.jwt) });
        expect(checked.status).toBe(201);
      }
    }),
  );
  const board = async (app: AppProcess) =>
    (await call(app.url, 'GET', '/api/leaderboards/points-earned?scope=province&limit=50', { headers: bearer(people[0].jwt) })).body.data as Array<{ rank: number; score: number; nickname: string | null }>;
  // Both boards, each from its own instance, match the database: points earned per person, in order.
  const earned = await sql<{ user_id: number; earned: string }>(
    databaseUrl,
    'SELECT user_id, sum(amount) AS earned FROM points_ledger WHERE amount > 0 AND user_id = ANY($1) GROUP BY user_id ORDER BY earned DESC',
    [people.map((person) => person.userId)],
  );
  const expected = earned.map((row) => Number(row.earned));
  expect(expected).toHaveLength(8);
  const scores = async (app: AppProcess) => (await board(app))?.map((entry) => entry.score);
  expect(await waitFor('a\'s board to match the ledger', () => scores(a), (list) => JSON.stringify(list) === JSON.stringify(expected), 10_000)).toEqual(expected);
  expect(await waitFor('b\'s board to match the ledger', () => scores(b), (list) => JSON.stringify(list) === JSON.stringify(expected), 10_000)).toEqual(expected);
  expect(await board(b)).toEqual(await board(a));
});

it('runs a job scheduled every second on both instances once per tick', async () => {
  const ticks = (output: string) => [...output.matchAll(/\[jobs\] reminders-minute ran the tick of (\S+?)"/g)].map((match) => match[1]);
  await sleep(6000);
  const ranOnA = ticks(a.output());
  const ranOnB = ticks(b.output());
  const all = [...ranOnA, ...ranOnB];
  expect(all.length).toBeGreaterThanOrEqual(4);
  expect(new Set(all).size).toBe(all.length);
});
