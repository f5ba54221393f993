import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { keyValueStore } from '../../../services/key-value';
import { serviceUnavailableError } from '../../../utils/errors';
import { isShuttingDown } from '../../../bootstrap/graceful-shutdown';

const CHECK_TIMEOUT_MS = 2000;

type CheckResult = { status: 'ok' | 'unreachable' | 'not configured'; latencyMs?: number; error?: string };

const timed = async (probe: () => Promise<unknown>): Promise<CheckResult> => {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'ok', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'unreachable', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The process is up and serving HTTP. */
  async health(ctx: Context) {
    ctx.body = { data: { status: 'ok', uptimeSeconds: Math.round(process.uptime()) } };
  },

  /** Every backing service this instance needs answers: the database and, when configured, Redis. */
  async ready(ctx: Context) {
    // Draining before a restart: the load balancer takes this instance out while it finishes its requests.
    if (isShuttingDown(strapi)) throw serviceUnavailableError('Not ready: shutting down', { reason: 'shutting_down' });
    const [database, redis] = await Promise.all([
      timed(() => strapi.db.connection.raw('SELECT 1')),
      process.env.REDIS_URL ? timed(() => keyValueStore(strapi).ping()) : Promise.resolve<CheckResult>({ status: 'not configured' }),
    ]);
    const checks = { database: { ...database, client: strapi.db.dialect.client }, redis };
    const failed = Object.entries(checks)
      .filter(([, check]) => check.status === 'unreachable')
      .map(([name]) => name);
    if (failed.length > 0) {
      throw serviceUnavailableError(`Not ready: ${failed.join(' and ')} unreachable`, { checks });
    }
    ctx.body = { data: { status: 'ready', checks } };
  },
});
