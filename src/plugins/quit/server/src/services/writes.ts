import type { Core } from '@strapi/strapi';
import { gamification, type IdempotentRequest, type Sql, type StoredAnswer } from '../../../../gamification/public';
import { LOCK_USER } from './sql';

/**
 * One idempotent write (DESIGN invariant 2): the stored answer to a retried key, else `work` and its
 * answer saved in the same transaction, under the user's row lock so a concurrent retry waits and then
 * finds the first answer.
 */
export const idempotentWrite = async (
  strapi: Core.Strapi,
  userId: number,
  idempotent: IdempotentRequest,
  work: (sql: Sql, now: Date) => Promise<StoredAnswer>,
): Promise<StoredAnswer> => {
  const idempotency = gamification(strapi, 'idempotency');
  const stored = await idempotency.find(null, userId, idempotent);
  if (stored) return stored;
  const now = gamification(strapi, 'clock').now();
  return gamification(strapi, 'sql').transaction(async (sql) => {
    await sql.rows(LOCK_USER, [userId]);
    const again = await idempotency.find(sql, userId, idempotent);
    if (again) return again;
    const answer = await work(sql, now);
    await idempotency.save(sql, userId, idempotent, answer, now);
    return answer;
  });
};
