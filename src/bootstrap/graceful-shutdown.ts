import type { Server, IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import { stopJobs } from '../services/jobs';

/**
 * Graceful shutdown on SIGTERM / SIGINT, in place of Strapi's own handler (which destroys every open
 * connection at once, requests in flight included):
 *
 *  1. `/api/ready` answers 503 "shutting down" at once, so a load balancer stops sending new work;
 *  2. after `SHUTDOWN_DRAIN_DELAY_MS` (0: a Kubernetes preStop hook or the compose file's nginx does that
 *     wait) the listener closes: new connections are refused (a proxy retries them on another instance),
 *     idle keep-alive connections are closed, and every response still to come says `Connection: close`;
 *  3. requests in flight finish, for at most `SHUTDOWN_TIMEOUT_MS` (25 s, inside Kubernetes' default 30 s
 *     grace period);
 *  4. scheduled jobs stop and the runs in progress end, releasing their locks (same bound);
 *  5. `strapi.destroy()`: plugins stop (their own timers), the database pool and Redis close; exit 0.
 *
 * A second signal during all this is ignored; SIGKILL is what ends it sooner.
 */
type Drain = { inFlight: number; stopping: boolean; idle: Array<() => void> };

const DRAINS = new WeakMap<Core.Strapi, Drain>();

/** Whether this app has begun shutting down (the readiness probe says so). */
export const isShuttingDown = (strapi: Core.Strapi): boolean => DRAINS.get(strapi)?.stopping ?? false;

const millis = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Count requests in flight on the app's HTTP server; call once at bootstrap. */
export const trackRequests = (strapi: Core.Strapi): void => {
  const drain: Drain = { inFlight: 0, stopping: false, idle: [] };
  DRAINS.set(strapi, drain);
  const server: Server = strapi.server.httpServer;
  // Before Strapi's own listener: the count starts with the request and ends when its response does.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    drain.inFlight += 1;
    if (drain.stopping) res.setHeader('Connection', 'close');
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      drain.inFlight -= 1;
      if (drain.inFlight === 0) for (const resolve of drain.idle.splice(0)) resolve();
    };
    res.once('finish', end);
    res.once('close', end);
  });
};

const requestsDone = (drain: Drain, timeoutMs: number): Promise<boolean> => {
  if (drain.inFlight === 0) return Promise.resolve(true);
  return Promise.race([
    new Promise<boolean>((resolve) => drain.idle.push(() => resolve(true))),
    delay(timeoutMs).then(() => drain.inFlight === 0),
  ]);
};

/** Stop serving gracefully (see above). Resolves once Strapi is destroyed; the caller exits. */
export const shutDown = async (strapi: Core.Strapi, signal: string): Promise<void> => {
  const drain = DRAINS.get(strapi) ?? { inFlight: 0, stopping: false, idle: [] };
  if (drain.stopping) return;
  drain.stopping = true;
  const started = Date.now();
  const timeoutMs = millis('SHUTDOWN_TIMEOUT_MS', 25_000);
  strapi.log.info(`[shutdown] ${signal}: not ready any more; ${drain.inFlight} request(s) in flight`);

  const drainDelay = millis('SHUTDOWN_DRAIN_DELAY_MS', 0);
  if (drainDelay > 0) await delay(drainDelay);

  const server: Server = strapi.server.httpServer;
  const closed = new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
  server.closeIdleConnections();

  const finished = await requestsDone(drain, timeoutMs);
  if (!finished) strapi.log.warn(`[shutdown] ${drain.inFlight} request(s) still in flight after ${timeoutMs} ms: closing them`);
  const jobsEnded = await stopJobs(strapi, Math.max(1000, timeoutMs - (Date.now() - started)));
  if (!jobsEnded) strapi.log.warn('[shutdown] a scheduled job was still running: its lock lapses by itself');
  // Whatever is left (a request past the timeout, a client holding a socket open) goes now.
  server.closeAllConnections();
  await closed;
  strapi.log.info(`[shutdown] drained in ${Date.now() - started} ms`);
  await strapi.destroy();
};

/**
 * Replace Strapi's signal handlers with `shutDown` (call from bootstrap). Off with GRACEFUL_SHUTDOWN=false.
 * Tests that boot the app inside jest leave the handlers to jest: NODE_ENV=test without APP_PROCESS.
 */
export const handleSignals = (strapi: Core.Strapi): void => {
  trackRequests(strapi);
  if (process.env.GRACEFUL_SHUTDOWN === 'false') return;
  if (process.env.NODE_ENV === 'test' && process.env.APP_PROCESS !== 'true') return;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      shutDown(strapi, signal)
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          console.error('[shutdown] failed', error);
          process.exit(1);
        });
    });
  }
};
