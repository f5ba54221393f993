import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isPostgres } from '../../../../../utils/dialect';
import { ValidationError } from '../../../../../utils/errors';
import { TABLES } from '../content-types';
import { knexSql, type Sql } from '../utils/sql';
import { LEDGER_SQL, USER_SQL, type DayCounterParams } from '../statements';
import { earnedDelta } from '../domain/earned';
import { getService } from '../utils/get-service';

/**
 * The points ledger (DESIGN invariant 3): append-only entries, and a cached balance on the user that
 * changes only in the same transaction as its entries. A spend is one conditional UPDATE
 * (`WHERE points_balance + amount >= 0`), so concurrent spends can never overdraw. Hand-written SQL
 * (utils/sql.ts), not the Document Service: these run inside the caller's transaction on the hot paths
 * (check-in, draw, redeem).
 */
export type LedgerLine = { amount: number; reason: string; sourceType?: string; sourceId?: string; note?: string };
export type LedgerEntry = LedgerLine & { id: number; balanceAfter: number; createdAt: string };

export class InsufficientPointsError extends ValidationError {
  constructor(needed: number) {
    super(`积分不足: this needs ${needed} points`, { reason: 'insufficient_points', needed });
  }
}


/** The day counters a check-in, a makeup or an undo sets on the user, in the same UPDATE as the balance. */
export type DayCounters = DayCounterParams;

/**
 * Emitted on Strapi's event hub after a transaction that changed a user's balance, points earned or day
 * counters commits (`{ userId }`): the leaderboards update that user's entries from it.
 */
export const METRICS_CHANGED_EVENT = 'gamification.metrics-changed';

/** Emitted after a transaction that wrote ledger entries commits: the points it credited and debited (the app's metrics count them). */
export const POINTS_APPLIED_EVENT = 'gamification.points.applied';
export type PointsApplied = { userId: number; issued: number; spent: number };

const ledgerService = ({ strapi }: { strapi: Core.Strapi }) => {
  const asSql = (db: Sql | Knex.Transaction): Sql =>
    typeof (db as Sql).rows === 'function' ? (db as Sql) : knexSql(db as Knex.Transaction, isPostgres(strapi.db.connection));

  const service = {
    /**
     * Apply `lines` to the user's balance inside a transaction (a knex one, or one of the sql service).
     * Credits are written before debits so no intermediate balance is negative. Throws
     * InsufficientPointsError when a net debit would overdraw. `days` sets the user's day counters in the
     * same UPDATE (the check-in hot path: one statement, not two).
     */
    async apply(
      db: Sql | Knex.Transaction,
      userId: number,
      lines: LedgerLine[],
      now: Date,
      days?: DayCounters,
    ): Promise<{ balance: number; entries: LedgerEntry[] }> {
      const sql = asSql(db);
      const ordered = [...lines].filter((line) => line.amount !== 0).sort((a, b) => b.amount - a.amount);
      const total = ordered.reduce((sum, line) => sum + line.amount, 0);
      const earned = ordered.reduce((sum, line) => sum + earnedDelta(line), 0);
      const update = LEDGER_SQL.balanceUpdate({ userId, total, earned, now, days });
      const updated = await sql.rows<{ points_balance: number }>(update.statement, update.params);
      if (updated.length === 0) throw new InsufficientPointsError(-total);
      sql.afterCommit(() => {
        void strapi.eventHub.emit(METRICS_CHANGED_EVENT, { userId });
      });
      const balance = Number(updated[0].points_balance);
      if (ordered.length === 0) return { balance, entries: [] };
      const applied: PointsApplied = { userId, issued: 0, spent: 0 };
      for (const line of ordered) {
        if (line.amount > 0) applied.issued += line.amount;
        else applied.spent -= line.amount;
      }
      sql.afterCommit(() => {
        void strapi.eventHub.emit(POINTS_APPLIED_EVENT, applied);
      });

      let running = balance - total;
      const rows = ordered.map((line) => {
        running += line.amount;
        return {
          documentId: crypto.randomBytes(12).toString('hex'),
          balanceAfter: running,
          values: [line.amount, running, line.reason, line.sourceType ?? null, line.sourceId ?? null, line.note ?? null],
        };
      });
      const ids = await sql.rows<{ id: number }>(
        LEDGER_SQL.insertEntries(rows.length),
        rows.flatMap((row) => [row.documentId, userId, ...row.values, now, now, now]),
      );
      const entries = ordered.map((line, i) => ({ ...line, id: Number(ids[i].id), balanceAfter: rows[i].balanceAfter, createdAt: now.toISOString() }));
      return { balance, entries };
    },

    /** Hold the user's row for the rest of the transaction (see USER_SQL.lock). */
    async lockUser(db: Sql | Knex.Transaction, userId: number): Promise<void> {
      await asSql(db).rows(USER_SQL.lock, [userId]);
    },

    /**
     * Run `work` in a transaction that holds the user's row from the start, for work that reads the user
     * before it writes. (`apply` alone needs no lock: its conditional UPDATE takes the row.)
     */
    async withUserLock<T>(userId: number, work: (sql: Sql) => Promise<T>): Promise<T> {
      return getService(strapi, 'sql').transaction(async (sql) => {
        await service.lockUser(sql, userId);
        return work(sql);
      });
    },

    async balance(userId: number): Promise<{ balance: number; earned: number; spent: number }> {
      const knex = strapi.db.connection;
      const [user, sums] = await Promise.all([
        knex(TABLES.users).where({ id: userId }).first('points_balance'),
        knex(TABLES.ledger)
          .where({ user_id: userId })
          .first(
            knex.raw('coalesce(sum(case when amount > 0 then amount else 0 end), 0) as earned'),
            knex.raw('coalesce(sum(case when amount < 0 then -amount else 0 end), 0) as spent'),
          ),
      ]);
      return { balance: Number(user?.points_balance ?? 0), earned: Number(sums?.earned ?? 0), spent: Number(sums?.spent ?? 0) };
    },

    async records(userId: number, page: number, pageSize: number) {
      const knex = strapi.db.connection;
      const [rows, count] = await Promise.all([
        knex(TABLES.ledger)
          .where({ user_id: userId })
          .orderBy('id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .select('id', 'amount', 'balance_after', 'reason', 'source_type', 'source_id', 'note', 'created_at'),
        knex(TABLES.ledger).where({ user_id: userId }).count<Array<{ n: number }>>({ n: '*' }),
      ]);
      const total = Number(count[0].n);
      return {
        data: rows.map((row) => ({
          id: Number(row.id),
          amount: Number(row.amount),
          balanceAfter: Number(row.balance_after),
          reason: row.reason as string,
          sourceType: row.source_type as string | null,
          sourceId: row.source_id as string | null,
          note: row.note as string | null,
          createdAt: new Date(row.created_at).toISOString(),
        })),
        pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
      };
    },

    /** Sum of the ledger, for audits and tests: it must always equal the cached balance. */
    async ledgerSum(userId: number): Promise<number> {
      const row = await strapi.db.connection(TABLES.ledger).where({ user_id: userId }).sum<Array<{ total: number | null }>>({ total: 'amount' });
      return Number(row[0]?.total ?? 0);
    },
  };
  return service;
};

export type LedgerService = ReturnType<typeof ledgerService>;
export default ledgerService;
