import { startFakeWeChatServer, type FakeWeChatServer } from '../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { appEnvironment, bearer, call, freshDatabase, killApp, redisServer, signIn, startApp, type Answer, type AppProcess, type RedisServer } from './harness';

/**
 * Issue 18: WeChat slow (it takes requests and never answers) and then down (nothing listens). Sign-in
 * answers 503 within its timeout, a profile change that needs WeChat's content check never answers 500, and
 * the rest of the app goes on answering at once meanwhile: nothing waits on WeChat but the requests that need it.
 */
const APP_ID = 'wx00000000000fault6';
const APP_SECRET = 'fault-suite-secret-6';
const TIMEOUT_MS = 1500;

let redis: RedisServer;
let wechat: FakeWeChatServer;
let app: AppProcess;

beforeAll(async () => {
  redis = await redisServer();
  wechat = await startFakeWeChatServer({ appId: APP_ID, appSecret: APP_SECRET });
  const databaseUrl = await freshDatabase('habit_faults_wechat');
  app = await startApp(
    'app',
    appEnvironment(databaseUrl, redis.url, {
      WECHAT_MODE: 'live',
      WECHAT_API_BASE: wechat.url,
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: APP_SECRET,
      WECHAT_TIMEOUT_MS: String(TIMEOUT_MS),
    }),
  );
}, 240_000);

afterAll(async () => {
  await killApp(app);
  await wechat?.close().catch(() => undefined);
  await redis?.stop();
});

const login = (person: string, index: number) =>
  call(app.url, 'POST', '/api/wechat/login', { body: { code: `${person}.${Date.now()}${index}` }, headers: { 'X-Forwarded-For': `10.66.0.${index + 1}` } });

/** Answers of cheap requests sent every 50 ms while `during` runs: the event loop's latency, seen from outside. */
const meanwhile = async <T>(jwt: string, during: Promise<T>): Promise<{ result: T; answers: Answer[] }> => {
  const answers: Answer[] = [];
  let done = false;
  const probing = (async () => {
    while (!done) {
      answers.push(await call(app.url, 'GET', '/api/health'));
      answers.push(await call(app.url, 'GET', '/api/habits', { headers: bearer(jwt) }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const result = await during.finally(() => {
    done = true;
  });
  await probing;
  return { result, answers };
};

it('answers sign-in with 503 within its timeout while WeChat holds every request, and serves everything else at once', async () => {
  const person = await signIn(app.url, 'steady');
  wechat.holdNext('jscode2session', 20);
  const { result, answers } = await meanwhile(person.jwt, Promise.all(Array.from({ length: 20 }, (_, index) => login('held', index))));
  expect(result.map((answer) => answer.status)).toEqual(Array(20).fill(503));
  expect(result.every((answer) => answer.body.error.details.reason === 'wechat_unavailable')).toBe(true);
  expect(Math.max(...result.map((answer) => answer.ms))).toBeLessThan(TIMEOUT_MS + 1000);
  expect(answers.length).toBeGreaterThan(10);
  expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
  expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(300);
});

it('never answers a profile change with 500 while the content check hangs', async () => {
  const person = await signIn(app.url, 'renamer');
  wechat.holdNext('msg_sec_check', 5);
  const { result, answers } = await meanwhile(person.jwt, call(app.url, 'PUT', '/api/me', { body: { nickname: '慢慢来' }, headers: bearer(person.jwt) }));
  expect([200, 503]).toContain(result.status);
  if (result.status === 503) expect(result.body.error.details.reason).toBe('wechat_unavailable');
  expect(result.ms).toBeLessThan(2 * TIMEOUT_MS + 1000);
  expect(answers.filter((answer) => answer.status !== 200 || answer.ms >= 300)).toEqual([]);
});

it('answers 503 at once when nothing listens where WeChat was, and keeps every signed-in route working', async () => {
  const person = await signIn(app.url, 'stranded');
  await wechat.close();
  const refused = await login('nobody', 1);
  expect(refused.status).toBe(503);
  expect(refused.body.error).toMatchObject({ status: 503, details: { reason: 'wechat_unavailable' } });
  expect(refused.ms).toBeLessThan(TIMEOUT_MS);
  for (const target of ['/api/me', '/api/habits', '/api/points/balance', '/api/me/stats']) {
    expect({ target, status: (await call(app.url, 'GET', target, { headers: bearer(person.jwt) })).status }).toEqual({ target, status: 200 });
  }
  const renamed = await call(app.url, 'PUT', '/api/me', { body: { nickname: '断联了' }, headers: bearer(person.jwt) });
  expect(renamed.status).not.toBe(500);
  expect((await call(app.url, 'POST', '/api/auth/refresh', { body: { refreshToken: person.refreshToken } })).status).toBe(200);
});
