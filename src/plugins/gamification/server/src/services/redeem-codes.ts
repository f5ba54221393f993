import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { limiterFor, retryAfterSecondsOf } from '../../../../../services/rate-limiters';
import { requiredSecret } from '../../../../../utils/required-secret';
import { conflictError, NotFoundError, ValidationError } from '../../../../../utils/errors';
import { generateCode, hashCode, normalizeCode } from '../domain';
import { REDEEM_SQL, USER_SQL } from '../statements';
import { TABLES, UIDS } from '../content-types';
import { getService } from '../utils/get-service';
import { isoInstant, parseJson } from '../utils/rows';
import type { RedeemKind } from '../validation/redeem-codes';

/** The kinds of redeem code (validation/redeem-codes.ts REDEEM_KINDS). */
export type CodeKind = RedeemKind;
export type BatchInput = { name: string; kind: CodeKind; amount: number; maxUses: number; count: number; validFrom?: Date | null; validUntil?: Date | null };
/** A batch as the admin lists it: what its codes give and how often they were used, never the codes. */
export type BatchSummary = {
  documentId: string;
  name: string;
  kind: CodeKind;
  amount: number;
  maxUses: number;
  count: number;
  validFrom: string | null;
  validUntil: string | null;
  createdAt: string;
  /** Redemptions of all the batch's codes together (at most count x maxUses). */
  uses: number;
};
type CodeRow = { id: number; document_id: string; kind: CodeKind; amount: number; max_uses: number; uses: number; valid_from: unknown; valid_until: unknown };

/** Unknown codes allowed per user and per IP in the window, so codes cannot be guessed. */
export const REDEEM_FAILURES = { points: 5, windowSeconds: 600 };

/** A code that does not exist: a guess, which counts against the failure budget (real codes refused for
 * being expired, used up or already used do not). */
class Refusal extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

/**
 * Redeem codes (seed 003). A batch's codes are generated at once and handed out once (the caller gets
 * the plain codes; only HMACs are stored). Redeeming is one transaction: the user's row locked, one
 * redemption per (user, code) by a unique index, one use taken from the code only while one is left
 * (`uses < max_uses`), and the benefit: membership days, makeup cards or points through the ledger.
 * Failed attempts are budgeted per user and per IP (rate-limiter-flexible, in Redis when configured).
 */
const redeemCodesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => getService(strapi, 'clock');
  const secret = () => requiredSecret('DATA_ENCRYPTION_KEY');
  const failures = () => limiterFor(strapi, { name: 'redeem-failures', points: REDEEM_FAILURES.points, windowSeconds: REDEEM_FAILURES.windowSeconds });
  const budgetKeys = (userId: number, ip: string) => [`user:${userId}`, `ip:${crypto.createHash('sha256').update(ip).digest('base64url').slice(0, 24)}`];

  const refuse = (error: Error) => new Refusal(error);

  return {
    /** Generate a batch: returns the batch and its plain codes, which are not stored and cannot be shown again. */
    async createBatch(input: BatchInput): Promise<{ batch: { id: number; documentId: string }; codes: string[] }> {
      const codes = Array.from({ length: input.count }, () => generateCode());
      return strapi.db.transaction(async ({ trx }) => {
        const batch = (await strapi.documents(UIDS.redeemBatch as never).create({ data: input } as never)) as { id: number; documentId: string };
        const rows = codes.map((code) => ({
          document_id: crypto.randomBytes(12).toString('hex'),
          batch_id: batch.id,
          code_hash: hashCode(normalizeCode(code) as string, secret()),
          kind: input.kind,
          amount: input.amount,
          max_uses: input.maxUses,
          uses: 0,
          valid_from: input.validFrom ?? null,
          valid_until: input.validUntil ?? null,
          created_at: new Date(),
          updated_at: new Date(),
          published_at: new Date(),
        }));
        for (let i = 0; i < rows.length; i += 500) await trx('redeem_codes').insert(rows.slice(i, i + 500));
        return { batch: { id: batch.id, documentId: batch.documentId }, codes };
      });
    },

    /**
     * GET /gamification/redeem-batches (admin): the batches, newest first, with how far each was used, never
     * their codes (only hashes exist). The uses are summed over the page's batches only: index
     * redeem_codes_batch_fk (Strapi's index of the relation column).
     */
    async listBatches(page: number, pageSize: number): Promise<{ data: BatchSummary[]; meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } } }> {
      const documents = strapi.documents(UIDS.redeemBatch as never) as unknown as {
        findMany(params: object): Promise<Array<Record<string, unknown>>>;
        count(params: object): Promise<number>;
      };
      const [batches, total] = await Promise.all([
        documents.findMany({ sort: [{ createdAt: 'desc' }, { id: 'desc' }], limit: pageSize, start: (page - 1) * pageSize }),
        documents.count({}),
      ]);
      const ids = batches.map((batch) => Number(batch.id));
      const usage = ids.length === 0
        ? []
        : ((await strapi.db.connection(TABLES.redeemCodes)
            .whereIn('batch_id', ids)
            .groupBy('batch_id')
            .select('batch_id')
            .count({ codes: '*' })
            .sum({ uses: 'uses' })) as Array<{ batch_id: number; codes: number | string; uses: number | string | null }>);
      const usageOf = new Map(usage.map((row) => [Number(row.batch_id), row]));
      return {
        data: batches.map((batch) => {
          const used = usageOf.get(Number(batch.id));
          return {
            documentId: String(batch.documentId),
            name: String(batch.name),
            kind: batch.kind as CodeKind,
            amount: Number(batch.amount),
            maxUses: Number(batch.maxUses),
            count: Number(batch.count),
            validFrom: isoInstant(batch.validFrom),
            validUntil: isoInstant(batch.validUntil),
            createdAt: isoInstant(batch.createdAt) as string,
            uses: Number(used?.uses ?? 0),
          };
        }),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },

    /** POST /api/redeem-codes/redeem */
    async redeem(user: { id: number }, input: string, ip: string) {
      const budget = await failures();
      const keys = budgetKeys(user.id, ip);
      for (const key of keys) {
        const spent = await budget.get(key);
        if (spent && spent.consumedPoints >= REDEEM_FAILURES.points) {
          const retryAfterSeconds = retryAfterSecondsOf(spent);
          throw new errors.RateLimitError(`Too many failed codes; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
        }
      }
      try {
        return await this.apply(user, input);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        for (const key of keys) await budget.penalty(key, 1);
        throw error.error;
      }
    },

    /** The redemption itself; unknown codes come back wrapped so `redeem` can count them. */
    async apply(user: { id: number }, input: string) {
      const normalized = normalizeCode(input);
      if (!normalized) throw refuse(new NotFoundError('This code does not exist: check it and try again', { reason: 'unknown' }));
      const [code] = await getService(strapi, 'sql').rows<CodeRow>(REDEEM_SQL.findCode, [hashCode(normalized, secret())]);
      if (!code) throw refuse(new NotFoundError('This code does not exist: check it and try again', { reason: 'unknown' }));
      const now = clock().now();
      const from = code.valid_from ? new Date(code.valid_from as string) : null;
      const until = code.valid_until ? new Date(code.valid_until as string) : null;
      if (from && now < from) throw new ValidationError(`This code can be used from ${from.toISOString()}`, { reason: 'not_yet_valid', validFrom: from.toISOString() });
      if (until && now >= until) throw new ValidationError(`This code expired on ${until.toISOString()}`, { reason: 'expired', validUntil: until.toISOString() });

      return getService(strapi, 'sql').transaction(async (sql) => {
        await getService(strapi, 'ledger').lockUser(sql, user.id);
        const [redemption] = await sql.rows<{ id: number; document_id: string }>(REDEEM_SQL.insertRedemption, [
          crypto.randomBytes(12).toString('hex'), user.id, code.id, code.kind, code.amount, now, now, now,
        ]);
        if (!redemption) throw conflictError('You have already used this code', { reason: 'already_used' });
        if ((await sql.rows(REDEEM_SQL.takeUse, [code.id])).length === 0) throw conflictError('This code has been used up', { reason: 'used_up' });

        const amount = Number(code.amount);
        let result: Record<string, unknown>;
        if (code.kind === 'vipDays' || code.kind === 'aiDays') {
          result = await getService(strapi, 'memberships').extend(sql, user.id, code.kind === 'vipDays' ? 'vip' : 'ai', amount, now);
        } else if (code.kind === 'makeupCards') {
          await sql.rows(USER_SQL.addMakeupCards, [amount, user.id]);
          result = { makeupCards: amount };
        } else {
          const { balance } = await getService(strapi, 'ledger').apply(sql, user.id, [{ amount, reason: 'redeem-code', sourceType: 'redeem-code', sourceId: redemption.document_id }], now);
          result = { points: amount, balance };
        }
        await sql.rows(REDEEM_SQL.setResult, [JSON.stringify(result), redemption.id]);
        return { data: { documentId: redemption.document_id, kind: code.kind, amount, result, redeemedAt: now.toISOString() }, meta: {} };
      });
    },

    /** GET /api/redeem-codes/history?kind=&page=&pageSize=: newest first, of one kind when asked. */
    async history(userId: number, page: number, pageSize: number, kind?: CodeKind) {
      const sql = getService(strapi, 'sql');
      type Row = { document_id: string; kind: string; amount: number; result: unknown; created_at: unknown };
      const [rows, [count]] = await Promise.all(
        kind
          ? [
              sql.rows<Row>(REDEEM_SQL.listOfKind, [userId, kind, pageSize, (page - 1) * pageSize]),
              sql.rows<{ n: number | string }>(REDEEM_SQL.countOfKind, [userId, kind]),
            ]
          : [sql.rows<Row>(REDEEM_SQL.list, [userId, pageSize, (page - 1) * pageSize]), sql.rows<{ n: number | string }>(REDEEM_SQL.count, [userId])],
      );
      const total = Number(count.n);
      return {
        data: rows.map((row) => ({ documentId: row.document_id, kind: row.kind, amount: Number(row.amount), result: parseJson(row.result), redeemedAt: isoInstant(row.created_at) })),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },
  };
};

export type RedeemCodesService = ReturnType<typeof redeemCodesService>;
export default redeemCodesService;
