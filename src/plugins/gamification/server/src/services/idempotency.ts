import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import type { Sql } from '../utils/sql';
import { IDEMPOTENCY_SQL } from '../statements';

/**
 * DESIGN invariant 2: a write retried with the same idempotency key (an offline queue replaying)
 * gets the first answer back unchanged and changes nothing more. The answer is stored in the same
 * transaction as the write it describes.
 */
export type StoredAnswer = { statusCode: number; body: unknown };

const parseJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

const idempotencyService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The stored answer, read inside `sql`'s transaction, or on its own when `sql` is left out. */
  async find(sql: Sql | null, userId: number, scope: string, key: string): Promise<StoredAnswer | null> {
    const params = [userId, scope, key];
    type Row = { status_code: number; response: unknown };
    const [row] = await (sql ? sql.rows<Row>(IDEMPOTENCY_SQL.find, params) : getService(strapi, 'sql').rows<Row>(IDEMPOTENCY_SQL.find, params));
    return row ? { statusCode: Number(row.status_code), body: parseJson(row.response) } : null;
  },

  async save(sql: Sql, userId: number, scope: string, key: string, answer: StoredAnswer, now: Date): Promise<void> {
    await sql.rows(IDEMPOTENCY_SQL.save, [crypto.randomBytes(12).toString('hex'), userId, scope, key, answer.statusCode, JSON.stringify(answer.body), now, now, now]);
  },
});

export type IdempotencyService = ReturnType<typeof idempotencyService>;
export default idempotencyService;
