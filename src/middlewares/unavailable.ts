import type { Context, Next } from 'koa';
import { serviceUnavailableError } from '../utils/errors';
import { isDatabaseUnavailable } from '../utils/db-errors';

/**
 * A request whose database connection went away under it (PostgreSQL restarted, a failover, an operator's
 * pg_terminate_backend, no free connection within the pool's acquire timeout) answers 503 with a reason and
 * Retry-After, never a 500: the client retries, and its idempotency key makes the retry safe. The
 * transaction it was in was rolled back by PostgreSQL, so nothing is half-written; the pool drops the dead
 * connection and opens a new one by itself. Sits just inside strapi::errors, which writes the envelope.
 */
export default () => async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    ctx.set('Retry-After', '2');
    throw serviceUnavailableError('The database is unavailable right now; retry in a few seconds', { reason: 'database_unavailable' });
  }
};
