import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../content-types';

/**
 * DESIGN invariant 2: a write retried with the same idempotency key (an offline queue replaying)
 * gets the first answer back unchanged and changes nothing more. The answer is stored in the same
 * transaction as the write it describes.
 */
export type StoredAnswer = { statusCode: number; body: unknown };

const parseJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

const idempotencyService = (_: { strapi: Core.Strapi }) => ({
  async find(db: Knex | Knex.Transaction, userId: number, scope: string, key: string): Promise<StoredAnswer | null> {
    const row = await db(TABLES.idempotency).where({ user_id: userId, scope, key }).first('status_code', 'response');
    return row ? { statusCode: Number(row.status_code), body: parseJson(row.response) } : null;
  },

  async save(trx: Knex.Transaction, userId: number, scope: string, key: string, answer: StoredAnswer, now: Date): Promise<void> {
    await trx(TABLES.idempotency).insert({
      document_id: crypto.randomBytes(12).toString('hex'),
      user_id: userId,
      scope,
      key,
      status_code: answer.statusCode,
      response: JSON.stringify(answer.body),
      created_at: now,
      updated_at: now,
      published_at: now,
    });
  },
});

export type IdempotencyService = ReturnType<typeof idempotencyService>;
export default idempotencyService;
