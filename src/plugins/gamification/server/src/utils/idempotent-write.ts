import type { Core } from '@strapi/strapi';
import type { PluginServices } from '../services';
import type { StoredAnswer, IdempotentRequest } from '../services/idempotency';
import { USER_SQL } from '../statements';
import type { Sql } from './sql';

/**
 * One idempotent write (DESIGN invariant 2) for other plugins' routes: the stored answer to a retried key,
 * else `work` and its answer saved in the same transaction, under the user's row lock so a concurrent retry
 * waits and then finds the first answer.
 */
export const idempotentWrite = async (
  strapi: Core.Strapi,
  userId: number,
  idempotent: IdempotentRequest,
  work: (sql: Sql, now: Date) => Promise<StoredAnswer>,
): Promise<StoredAnswer> => {
  const service = <K extends keyof PluginServices>(name: K) => strapi.plugin('gamification').service(name) as PluginServices[K];
  const idempotency = service('idempotency');
  const stored = await idempotency.find(null, userId, idempotent);
  if (stored) return stored;
  const now = service('clock').now();
  return service('sql').transaction(async (sql) => {
    await sql.rows(USER_SQL.lock, [userId]);
    const again = await idempotency.find(sql, userId, idempotent);
    if (again) return again;
    const answer = await work(sql, now);
    await idempotency.save(sql, userId, idempotent, answer, now);
    return answer;
  });
};
