import { startFakeWeChatServer, type FakeWeChatServer } from '../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { appEnvironment, bearer, call, freshDatabase, killApp, NoAnswer, redisServer, signIn, sleep, sql, startApp, waitFor, type AppProcess, type RedisServer } from './harness';

/**
 * Issue 18, graceful shutdown: a rolling restart of one of two instances under load loses no request.
 * The "load balancer" here does what nginx or a Kubernetes Service does: it sends work only to instances
 * whose /api/ready answers 200, and looks every 200 ms. The draining instance says 503 at once and closes its
 * listener SHUTDOWN_DRAIN_DELAY_MS later, finishes what it accepted (slow WeChat sign-ins among them), stops
 * its jobs, closes its pools and exits 0.
 */
const APP_ID = 'wx00000000000fault1';
const APP_SECRET = 'fault-suite-secret-1';

let redis: RedisServer;
let wechat: FakeWeChatServer;
let databaseUrl: string;
let env: Record<string, string>;
const apps: AppProcess[] = [];

beforeAll(async () => {
  redis = await redisServer();
  wechat = await startFakeWeChatServer({ appId: APP_ID, appSecret: APP_SECRET, slowMs: 2500 });
  databaseUrl = await freshDatabase('habit_faults_rolling');
  env = appEnvironment(databaseUrl, redis.url, {
    WECHAT_MODE: 'live',
    WECHAT_API_BASE: wechat.url,
    WECHAT_APP_ID: APP_ID,
    WECHAT_APP_SECRET: APP_SECRET,
    WECHAT_TIMEOUT_MS: '6000',
    SHUTDOWN_DRAIN_DELAY_MS: '1000',
    SHUTDOWN_TIMEOUT_MS: '10000',
  });
  // One boots first (it creates the schema), then the second.
  apps.push(await startApp('a', env));
  apps.push(await startApp('b', env));
}, 240_000);

afterAll(async () => {
  for (const app of apps) await killApp(app);
  await wechat?.close();
  await redis?.stop();
});

/** Round robin over the instances the balancer currently believes ready. */
const balancer = () => {
  const ready = new Set<AppProcess>(apps);
  let turn = 0;
  let running = true;
  const probe = async () => {
    while (running) {
      for (const app of [...apps]) {
        const ok = await call(app.url, 'GET', '/api/ready', { timeoutMs: 1000 }).then((answer) => answer.status === 200, () => false);
        if (ok) ready.add(app);
        else ready.delete(app);
      }
      await sleep(200);
    }
  };
  const probing = probe();
  return {
    pick(): AppProcess {
      const live = [...ready];
      if (live.length === 0) throw new Error('no instance is ready');
      turn += 1;
      return live[turn % live.length];
    },
    async stop() {
      running = false;
      await probing;
    },
  };
};

it('restarts one of two instances under load: every request answered, every 201 written, the drained instance exits 0', async () => {
  const users = [];
  for (let index = 0; index < 12; index += 1) users.push(await signIn(apps[0].url, `roller${index}`));
  const lb = balancer();

  const outcomes: Array<{ status: number; user: number } | { error: string }> = [];
  let loading = true;
  const worker = async (user: { jwt: string; userId: number }) => {
    let n = 0;
    while (loading) {
      n += 1;
      const app = lb.pick();
      try {
        const answer = await call(app.url, 'POST', '/api/habits', { body: { data: { title: `Load ${n}`, startDate: '2026-01-01' } }, headers: bearer(user.jwt) });
        outcomes.push({ status: answer.status, user: user.userId });
      } catch (error) {
        outcomes.push({ error: `${app.name}: ${error instanceof NoAnswer ? error.code : String(error)}` });
      }
    }
  };
  const workers = users.map((user) => worker(user));
  await sleep(1500);

  // Slow requests in flight on b when it is told to stop: WeChat takes 2.5 s to answer each sign-in.
  const b = apps[1];
  const slow = Array.from({ length: 4 }, (_, index) =>
    call(b.url, 'POST', '/api/wechat/login', { body: { code: `slow-roller${index}.${Date.now()}` }, headers: { 'X-Forwarded-For': `10.9.9.${index + 1}` } }),
  );
  await sleep(300);
  const stopAt = Date.now();
  b.kill('SIGTERM');
  // At once: not ready any more, still serving.
  const notReady = await call(b.url, 'GET', '/api/ready');
  expect(notReady.status).toBe(503);
  expect(notReady.body.error).toMatchObject({ status: 503, message: 'Not ready: shutting down' });

  const slowAnswers = await Promise.all(slow);
  expect(slowAnswers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
  const ended = await b.exited;
  expect(ended).toEqual({ code: 0, signal: null });
  const drainMs = Date.now() - stopAt;
  expect(b.output()).toMatch(/\[shutdown\] drained in \d+ ms/);
  // After it is gone its port refuses connections: nothing half-open is left behind.
  await expect(call(b.url, 'GET', '/api/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' });

  // b comes back where it was and takes its share again.
  apps[1] = await startApp('b', env, b.port);
  await waitFor('b to be ready', () => call(apps[1].url, 'GET', '/api/ready'), (answer) => answer.status === 200);
  await sleep(1500);
  loading = false;
  await Promise.all(workers);
  await lb.stop();

  const errors = outcomes.filter((outcome) => 'error' in outcome);
  const statuses = outcomes.filter((outcome): outcome is { status: number; user: number } => 'status' in outcome);
  expect(errors).toEqual([]);
  expect(statuses.filter((outcome) => outcome.status !== 201)).toEqual([]);
  expect(statuses.length).toBeGreaterThan(50);
  // Every 201 is a row, and no row exists that was not answered.
  const rows = await sql<{ n: string }>(databaseUrl, 'SELECT count(*) AS n FROM habits WHERE user_id = ANY($1)', [users.map((user) => user.userId)]);
  expect(Number(rows[0].n)).toBe(statuses.length);
  // Bounded: the drain took the slow requests' time plus the drain delay, far from the 10 s timeout.
  expect(drainMs).toBeLessThan(10_000);
}, 180_000);
