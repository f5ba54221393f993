import crypto from 'node:crypto';
import { registerSecret } from '../helpers/audit';
import { checkIn, newHabit } from '../helpers/habits';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser } from '../helpers/users';

/** GET /metrics: Prometheus' view of one instance, off unless asked for, behind its token when one is set. */
const TOKEN = `metrics-${crypto.randomBytes(16).toString('hex')}`;
registerSecret(TOKEN);

const scrape = async () => {
  const res = await http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
  return res.text;
};

/** The value of one sample of the exposition text: `name{labels} value`, matched on the labels given. */
const sample = (text: string, name: string, labels: Record<string, string> = {}): number | undefined => {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
};

describe('with METRICS_ENABLED unset', () => {
  beforeAll(async () => {
    await setupStrapi({ METRICS_ENABLED: undefined, METRICS_TOKEN: undefined });
  });
  afterAll(teardownStrapi);

  it('answers /metrics with the same 404 as any unknown path', async () => {
    const res = await http().get('/metrics').expect(404);
    const unknown = await http().get('/no-such-page').expect(404);
    expect(res.body).toEqual(unknown.body);
    expect(res.text).not.toContain('http_requests_total');
  });
});

describe('with METRICS_ENABLED=true and a METRICS_TOKEN', () => {
  beforeAll(async () => {
    await setupStrapi({ METRICS_ENABLED: 'true', METRICS_TOKEN: TOKEN });
  });
  afterAll(teardownStrapi);

  it('refuses a scrape without the token, in Strapi’s error envelope', async () => {
    const res = await http().get('/metrics').expect(401);
    expect(res.body).toEqual({ data: null, error: { status: 401, name: 'UnauthorizedError', message: expect.any(String), details: {} } });
    expect(res.text).not.toContain('http_requests_total');
  });

  it('refuses a scrape with a wrong token', async () => {
    await http().get('/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
    await http().get('/metrics').set('Authorization', 'Bearer nope').expect(401);
    await http().get('/metrics').set('Authorization', TOKEN).expect(401);
  });

  it('serves the Prometheus text format with the right token, default Node metrics included', async () => {
    const res = await http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(res.text).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
  });

  it('labels requests by route pattern, not by the id in the URL', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    await http().get(`/api/habits/${habit}`).set(user.auth).expect(200);
    await http().get(`/api/habits/${habit}/stats`).set(user.auth).expect(200);
    await http().get('/api/no-such-things/7').expect(404);

    const text = await scrape();
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/api/habits/:id', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/api/habits/:id/stats', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_requests_total', { method: 'POST', route: '/api/habits', status: '201' })).toBeGreaterThanOrEqual(1);
    // No route: one series for all of them, whatever the path.
    expect(sample(text, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('no-such-things');
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/habits/:id', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(habit);
    // /metrics does not count itself.
    expect(text).not.toContain('route="/metrics"');
  });

  it('labels the public cache\'s answers from memory with the route that first answered them', async () => {
    const before = sample(await scrape(), 'http_requests_total', { method: 'GET', route: '/api/prizes', status: '200' }) ?? 0;
    // The first is answered by the router and stored; the next two from memory, without the router.
    for (let i = 0; i < 3; i += 1) await http().get('/api/prizes').expect(200);
    const text = await scrape();
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/api/prizes', status: '200' })).toBe(before + 3);
  });

  it('counts an error answer under the status strapi::errors gave it', async () => {
    const user = await createUser();
    await http().get('/api/habits/no-such-habit').set(user.auth).expect(404);
    await http().get('/api/habits').expect(401);
    const text = await scrape();
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/api/habits/:id', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/api/habits', status: '401' })).toBeGreaterThanOrEqual(1);
  });

  it("shows the database pool's connections", async () => {
    const text = await scrape();
    for (const name of ['db_pool_connections_in_use', 'db_pool_connections_free', 'db_pool_acquires_pending']) {
      expect([name, sample(text, name)]).toEqual([name, expect.any(Number)]);
    }
    // SQLite's pool holds one connection, PostgreSQL's several: either way some exist.
    expect(sample(text, 'db_pool_connections_in_use')! + sample(text, 'db_pool_connections_free')!).toBeGreaterThanOrEqual(1);
  });

  it('counts a check-in and the points it issued once it committed, and not its replay', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    const idempotencyKey = `metrics-${crypto.randomUUID()}`;
    const before = await scrape();
    const first = await checkIn(user, habit, { idempotencyKey }).expect(201);
    // Listeners run after the commit, off the request: give them a turn.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await scrape();
    expect((sample(after, 'checkins_total', { kind: 'check-in' }) ?? 0) - (sample(before, 'checkins_total', { kind: 'check-in' }) ?? 0)).toBe(1);
    // The user started at 0 points: whatever the check-in credited is their balance now.
    const { pointsBalance } = await getStrapi().db.query('plugin::users-permissions.user').findOne({ where: { id: user.id }, select: ['pointsBalance'] });
    expect(Number(pointsBalance)).toBeGreaterThan(0);
    expect((sample(after, 'points_issued_total') ?? 0) - (sample(before, 'points_issued_total') ?? 0)).toBe(Number(pointsBalance));

    const replay = await checkIn(user, habit, { idempotencyKey }).expect(201);
    expect(replay.body).toEqual(first.body);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const replayed = await scrape();
    expect(sample(replayed, 'checkins_total', { kind: 'check-in' })).toBe(sample(after, 'checkins_total', { kind: 'check-in' }));
    expect(sample(replayed, 'points_issued_total')).toBe(sample(after, 'points_issued_total'));
  });
});
