import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CHECK_IN_CHANGED_EVENT, LOTTERY_DRAWN_EVENT, POINTS_APPLIED_EVENT, type CheckInChanged, type LotteryDrawn, type PointsApplied } from '../plugins/gamification/public';
import { ORDER_MOVED_EVENT, type OrderMoved } from '../plugins/mall/public';

/**
 * Prometheus metrics of one Strapi instance (GET /metrics, src/middlewares/metrics.ts).
 *
 * One registry per instance, not prom-client's global one: tests boot several apps in one process and
 * each must count only its own requests. The metrics exist only once the middleware enabled them
 * (METRICS_ENABLED=true); until then every `record*` below is a no-op, so an app that does not expose
 * /metrics pays nothing for them.
 *
 * Domain counters come from the events the plugins emit after their transactions commit, so a write
 * that rolled back is never counted, and an idempotent replay (which writes nothing) neither.
 */
export type JobOutcome = 'ran' | 'skipped_locked' | 'failed';

export type AppMetrics = {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly jobRuns: Counter<'job' | 'outcome'>;
  readonly jobDuration: Histogram<'job'>;
};

/** The label of a request no route matched (404, 405): never the raw path, whose values are unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';
/** strapi::public's catch-all GET route for the files under public/: labelled `static` when it served one. */
export const STATIC_FILES_ROUTE = '/((?!uploads/).+)';
export const STATIC_ROUTE = 'static';

type MatchedLayer = { path: string; methods: string[] };
type RoutedContext = Pick<Context, 'method' | 'status'> & { matched?: MatchedLayer[]; _matchedRoute?: unknown };

/**
 * The pattern of the route that answered a request. @koa/router (and src/middlewares/route-table.ts, which
 * does what it does) lists in `ctx.matched` every layer whose path matched: routes and path middlewares
 * (the groups' `allowedMethods`, whose `([^/]*)` patterns also end up in `ctx._matchedRoute` when a route
 * calls next, as the static files' does). The route is the last of them that takes the request's method.
 * Answers the public cache gave from memory (src/middlewares/public-cache.ts) never reached the router:
 * the cache puts back the `_matchedRoute` of the answer it stored.
 */
export const routeLabelOf = (ctx: RoutedContext): string => {
  if (Array.isArray(ctx.matched)) {
    let route: string | undefined;
    for (const layer of ctx.matched) if (Array.isArray(layer.methods) && layer.methods.includes(ctx.method)) route = layer.path;
    if (route === undefined) return UNMATCHED_ROUTE;
    if (route === STATIC_FILES_ROUTE) return ctx.status === 404 ? UNMATCHED_ROUTE : STATIC_ROUTE;
    return route;
  }
  return typeof ctx._matchedRoute === 'string' && ctx._matchedRoute !== '' ? ctx._matchedRoute : UNMATCHED_ROUTE;
};

/** Request durations from 5 ms (a cached read) to 10 s (a slow upstream). */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Scheduled jobs run from milliseconds (nothing to do) to minutes (a leaderboard rebuild). */
const JOB_BUCKETS = [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900];

/**
 * The registry hangs off a global symbol (like the key-value stores) so that a second copy of this module
 * (the compiled app and the TypeScript source a test imports) still finds the same metrics.
 */
const REGISTRY = Symbol.for('habit-platform.metrics');
const globalRegistry = globalThis as typeof globalThis & { [REGISTRY]?: WeakMap<Core.Strapi, AppMetrics> };
const instances: WeakMap<Core.Strapi, AppMetrics> = (globalRegistry[REGISTRY] ??= new WeakMap());

/** knex's tarn pool, or what is left of it (none before the connection exists, a driver without a pool). */
type TarnPool = { numUsed(): number; numFree(): number; numPendingAcquires(): number };
const poolOf = (strapi: Core.Strapi): TarnPool | null => {
  const pool = (strapi.db?.connection as unknown as { client?: { pool?: Partial<TarnPool> } } | undefined)?.client?.pool;
  return pool && typeof pool.numUsed === 'function' && typeof pool.numFree === 'function' && typeof pool.numPendingAcquires === 'function'
    ? (pool as TarnPool)
    : null;
};

const poolGauge = (registry: Registry, strapi: Core.Strapi, name: string, help: string, read: (pool: TarnPool) => number) =>
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      const pool = poolOf(strapi);
      if (pool) this.set(read(pool));
    },
  });

/** Create this instance's metrics and subscribe to the plugins' events (once; later calls return the same). */
export const enableMetrics = (strapi: Core.Strapi): AppMetrics => {
  const existing = instances.get(strapi);
  if (existing) return existing;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const metrics: AppMetrics = {
    registry,
    httpRequests: new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from the request reaching the app to its answer, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_BUCKETS,
      registers: [registry],
    }),
    jobRuns: new Counter({ name: 'jobs_runs_total', help: 'Scheduled job runs on this instance, by job and outcome (ran, skipped_locked, failed)', labelNames: ['job', 'outcome'], registers: [registry] }),
    jobDuration: new Histogram({ name: 'job_duration_seconds', help: 'Duration of the scheduled job runs this instance did (ran or failed)', labelNames: ['job'], buckets: JOB_BUCKETS, registers: [registry] }),
  };

  poolGauge(registry, strapi, 'db_pool_connections_in_use', 'Database connections of the knex pool in use', (pool) => pool.numUsed());
  poolGauge(registry, strapi, 'db_pool_connections_free', 'Database connections of the knex pool idle and free', (pool) => pool.numFree());
  poolGauge(registry, strapi, 'db_pool_acquires_pending', 'Requests waiting for a database connection from the knex pool', (pool) => pool.numPendingAcquires());

  const checkIns = new Counter({ name: 'checkins_total', help: 'Check-ins committed, by kind (check-in, makeup)', labelNames: ['kind'], registers: [registry] });
  const undone = new Counter({ name: 'checkins_undone_total', help: 'Check-ins undone', registers: [registry] });
  const issued = new Counter({ name: 'points_issued_total', help: 'Points credited to users through the ledger', registers: [registry] });
  const spent = new Counter({ name: 'points_spent_total', help: 'Points debited from users through the ledger', registers: [registry] });
  const draws = new Counter({ name: 'lottery_draws_total', help: 'Lottery draws committed, by result (won, lost)', labelNames: ['result'], registers: [registry] });
  const orders = new Counter({ name: 'orders_total', help: 'Orders reaching a status (each entry of the order trail), by that status', labelNames: ['status'], registers: [registry] });

  strapi.eventHub.on(CHECK_IN_CHANGED_EVENT, async (change: CheckInChanged) => {
    if (change.kind === 'undo') undone.inc();
    else checkIns.inc({ kind: change.kind });
  });
  strapi.eventHub.on(POINTS_APPLIED_EVENT, async (applied: PointsApplied) => {
    if (applied.issued > 0) issued.inc(applied.issued);
    if (applied.spent > 0) spent.inc(applied.spent);
  });
  strapi.eventHub.on(LOTTERY_DRAWN_EVENT, async (draw: LotteryDrawn) => {
    draws.inc({ result: draw.isWinner ? 'won' : 'lost' });
  });
  strapi.eventHub.on(ORDER_MOVED_EVENT, async (move: OrderMoved) => {
    orders.inc({ status: move.to });
  });

  instances.set(strapi, metrics);
  return metrics;
};

/** This instance's metrics, or null while they are not enabled. */
export const metricsOf = (strapi: Core.Strapi): AppMetrics | null => instances.get(strapi) ?? null;

/** One answered request; `route` is the matched route's pattern (`/api/habits/:id`), or UNMATCHED_ROUTE. */
export const recordRequest = (strapi: Core.Strapi, request: { method: string; route: string; status: number; seconds: number }): void => {
  const metrics = metricsOf(strapi);
  if (!metrics) return;
  const labels = { method: request.method, route: request.route, status: String(request.status) };
  metrics.httpRequests.inc(labels);
  metrics.httpDuration.observe(labels, request.seconds);
};

/** One run of a locked job (src/services/jobs.ts); a skipped run has no duration worth observing. */
export const recordJobRun = (strapi: Core.Strapi, job: string, outcome: JobOutcome, seconds: number): void => {
  const metrics = metricsOf(strapi);
  if (!metrics) return;
  metrics.jobRuns.inc({ job, outcome });
  if (outcome !== 'skipped_locked') metrics.jobDuration.observe({ job }, seconds);
};

/** Seconds since `startedAt` (process.hrtime.bigint()). */
export const secondsSince = (startedAt: bigint): number => Number(process.hrtime.bigint() - startedAt) / 1e9;
