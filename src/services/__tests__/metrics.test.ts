import type { Core } from '@strapi/strapi';
import { runLocked } from '../jobs';
import { enableMetrics, metricsOf, recordJobRun, recordRequest } from '../metrics';

/** The metrics of one app: its own registry, its jobs' runs, its pool on scrape and the plugins' events counted. */
type Listener = (payload: unknown) => Promise<void>;
const fakeApp = (pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number }) => {
  const listeners = new Map<string, Listener[]>();
  const app = {
    log: { debug() {}, error() {} },
    eventHub: {
      on(name: string, listener: Listener) {
        listeners.set(name, [...(listeners.get(name) ?? []), listener]);
        return () => undefined;
      },
    },
    db: pool ? { connection: { client: { pool } } } : undefined,
  } as unknown as Core.Strapi;
  const emit = async (name: string, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) await listener(payload);
  };
  return { app, emit };
};

const valueOf = async (app: Core.Strapi, name: string, labels: Record<string, string> = {}): Promise<number | undefined> => {
  const metric = metricsOf(app)!.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values.find((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label))?.value;
};

describe('app metrics', () => {
  const previous = process.env.REDIS_URL;
  beforeAll(() => delete process.env.REDIS_URL);
  afterAll(() => {
    if (previous !== undefined) process.env.REDIS_URL = previous;
  });

  it('records nothing for an app that has not enabled them', async () => {
    const { app } = fakeApp();
    recordRequest(app, { method: 'GET', route: '/api/habits', status: 200, seconds: 0.01 });
    recordJobRun(app, 'job', 'ran', 1);
    expect(await runLocked(app, 'quiet', 60, async () => 'done')).toEqual({ ran: true, result: 'done' });
    expect(metricsOf(app)).toBeNull();
  });

  it('keeps one registry per app, so two apps in one process count apart', async () => {
    const first = fakeApp().app;
    const second = fakeApp().app;
    expect(enableMetrics(first)).toBe(enableMetrics(first));
    enableMetrics(second);
    recordRequest(first, { method: 'GET', route: '/api/habits/:id', status: 200, seconds: 0.02 });
    expect(await valueOf(first, 'http_requests_total', { route: '/api/habits/:id', status: '200' })).toBe(1);
    expect(await valueOf(second, 'http_requests_total', { route: '/api/habits/:id' })).toBeUndefined();
  });

  it('counts locked job runs by outcome and times those that ran or failed', async () => {
    const { app } = fakeApp();
    enableMetrics(app);
    expect(await runLocked(app, 'digest', 60, async () => 1)).toEqual({ ran: true, result: 1 });
    let finish!: () => void;
    const holding = runLocked(app, 'digest', 60, () => new Promise<void>((resolve) => (finish = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await runLocked(app, 'digest', 60, async () => 2)).toEqual({ ran: false });
    finish();
    await holding;
    await expect(runLocked(app, 'digest', 60, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');

    expect(await valueOf(app, 'jobs_runs_total', { job: 'digest', outcome: 'ran' })).toBe(2);
    expect(await valueOf(app, 'jobs_runs_total', { job: 'digest', outcome: 'skipped_locked' })).toBe(1);
    expect(await valueOf(app, 'jobs_runs_total', { job: 'digest', outcome: 'failed' })).toBe(1);
    // Two ran and one failed were timed; the skipped run was not.
    expect(await valueOf(app, 'job_duration_seconds', { job: 'digest', le: '+Inf' })).toBe(3);
  });

  it("reads the database pool's figures at scrape time", async () => {
    let used = 2;
    const { app } = fakeApp({ numUsed: () => used, numFree: () => 8, numPendingAcquires: () => 0 });
    enableMetrics(app);
    expect(await valueOf(app, 'db_pool_connections_in_use')).toBe(2);
    used = 5;
    expect(await valueOf(app, 'db_pool_connections_in_use')).toBe(5);
    expect(await valueOf(app, 'db_pool_connections_free')).toBe(8);
    expect(await valueOf(app, 'db_pool_acquires_pending')).toBe(0);
  });

  it('counts check-ins, points, draws and orders from the events the plugins emit after commit', async () => {
    const { app, emit } = fakeApp();
    enableMetrics(app);
    await emit('gamification.check-in.changed', { userId: 1, habitId: 1, localDate: '2026-03-01', kind: 'check-in' });
    await emit('gamification.check-in.changed', { userId: 1, habitId: 1, localDate: '2026-02-28', kind: 'makeup' });
    await emit('gamification.check-in.changed', { userId: 1, habitId: 1, localDate: '2026-03-01', kind: 'undo' });
    await emit('gamification.points.applied', { userId: 1, issued: 15, spent: 0 });
    await emit('gamification.points.applied', { userId: 1, issued: 5, spent: 10 });
    await emit('gamification.lottery.drawn', { userId: 1, isWinner: false });
    await emit('mall.order.moved', { orderNo: 'A1', from: null, to: 'pending_payment' });
    await emit('mall.order.moved', { orderNo: 'A1', from: 'pending_payment', to: 'paid' });

    expect(await valueOf(app, 'checkins_total', { kind: 'check-in' })).toBe(1);
    expect(await valueOf(app, 'checkins_total', { kind: 'makeup' })).toBe(1);
    expect(await valueOf(app, 'checkins_undone_total')).toBe(1);
    expect(await valueOf(app, 'points_issued_total')).toBe(20);
    expect(await valueOf(app, 'points_spent_total')).toBe(10);
    expect(await valueOf(app, 'lottery_draws_total', { result: 'lost' })).toBe(1);
    expect(await valueOf(app, 'orders_total', { status: 'pending_payment' })).toBe(1);
    expect(await valueOf(app, 'orders_total', { status: 'paid' })).toBe(1);
  });
});
