import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { unprocessableError } from '../../../../../utils/errors';
import { canonicalJson } from '../../../../../utils/json';
import { getService } from '../utils/get-service';
import type { Sql } from '../utils/sql';
import { IDEMPOTENCY_SQL } from '../statements';

/**
 * DESIGN invariant 2: a write retried with the same idempotency key (an offline queue replaying)
 * gets the first answer back unchanged and changes nothing more. The answer is stored in the same
 * transaction as the write it describes.
 *
 * A key names one request, not one user's slot: like Stripe's and the IETF Idempotency-Key draft's, it
 * is remembered with the route it was sent to (`scope`) and a fingerprint of the request's body. The
 * same key sent with another body (another habit, another note, another local date) or to another route
 * is a client bug, answered 422 `idempotency_key_reused` and never with the first request's answer,
 * which would describe a write this request did not ask for.
 */
export type StoredAnswer = { statusCode: number; body: unknown };

/** What an idempotent write is: its key, the route family it was sent to, and its body's fingerprint. */
export type IdempotentRequest = { key: string; scope: string; fingerprint: string };

const parseJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/**
 * The request an idempotency key stands for: `payload` is the validated body without the key itself
 * (sent in the body or in the Idempotency-Key header, the request is the same).
 */
export const idempotentRequest = (scope: string, key: string, payload: Record<string, unknown>): IdempotentRequest => ({
  key,
  scope,
  fingerprint: crypto.createHash('sha256').update(`${scope}\n${canonicalJson(payload)}`).digest('hex'),
});

const idempotencyService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The stored answer to this very request, read inside `sql`'s transaction (or on its own when `sql` is
   * null); null when the key is new. A key already used for a different request is a 422.
   */
  async find(sql: Sql | null, userId: number, request: IdempotentRequest): Promise<StoredAnswer | null> {
    const params = [userId, request.key, request.scope];
    type Row = { scope: string; request_hash: string | null; status_code: number; response: unknown };
    const [row] = await (sql ? sql.rows<Row>(IDEMPOTENCY_SQL.find, params) : getService(strapi, 'sql').rows<Row>(IDEMPOTENCY_SQL.find, params));
    if (!row) return null;
    // Records stored before fingerprints existed (request_hash NULL) are trusted within their route.
    if (row.scope !== request.scope || (row.request_hash !== null && row.request_hash !== request.fingerprint)) {
      throw unprocessableError(
        row.scope !== request.scope
          ? 'This idempotency key was already used for a different kind of request; use a new key for every new write'
          : 'This idempotency key was already used with a different request body; use a new key for every new write',
        { reason: 'idempotency_key_reused', field: 'idempotencyKey' },
      );
    }
    return { statusCode: Number(row.status_code), body: parseJson(row.response) };
  },

  async save(sql: Sql, userId: number, request: IdempotentRequest, answer: StoredAnswer, now: Date): Promise<void> {
    await sql.rows(IDEMPOTENCY_SQL.save, [
      crypto.randomBytes(12).toString('hex'), userId, request.scope, request.key, request.fingerprint,
      answer.statusCode, JSON.stringify(answer.body), now, now, now,
    ]);
  },
});

export type IdempotencyService = ReturnType<typeof idempotencyService>;
export default idempotencyService;
