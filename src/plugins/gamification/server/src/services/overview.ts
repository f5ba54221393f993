import type { Core } from '@strapi/strapi';
import { TABLES } from '../content-types';
import { calendarDate } from '../utils/rows';

export type DayActivity = { date: string; checkIns: number; activeUsers: number };
export type PointsFlow = { issued: number; spent: number; entries: number };
export type LowStockPrize = { id: number; documentId: string; name: string; kind: string; stock: number };

/**
 * Platform-wide numbers for the admin's home page (the dashboard plugin): check-ins and distinct users of
 * local days, the ledger's flow over a range of instants, the lottery prizes running out. Aggregates the
 * Document Service cannot express (count distinct, sums of signed amounts), so knex, read-only; each query
 * names the index that keeps it cheap on a big table (database/constraints.ts).
 */
const overviewService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  return {
    /**
     * Check-ins and distinct users per local day (`local_date`, the day the check-in counts for in its user's
     * own timezone; a makeup counts for the day it made up). Index check_ins_day_idx (local_date, user_id):
     * an index-only range over the asked days.
     */
    async checkInsOn(dates: string[]): Promise<DayActivity[]> {
      if (dates.length === 0) return [];
      const rows = (await knex()(TABLES.checkIns)
        .whereIn('local_date', dates)
        .groupBy('local_date')
        .select('local_date')
        .count({ checkIns: '*' })
        .countDistinct({ activeUsers: 'user_id' })) as Array<{ local_date: unknown; checkIns: number | string; activeUsers: number | string }>;
      const byDate = new Map(rows.map((row) => [calendarDate(row.local_date), row]));
      return dates.map((date) => {
        const row = byDate.get(date);
        return { date, checkIns: Number(row?.checkIns ?? 0), activeUsers: Number(row?.activeUsers ?? 0) };
      });
    },

    /**
     * Points credited (positive entries) and debited (negative entries, as a positive number) in
     * [from, until). Index points_ledger_created_idx (created_at, amount): an index-only range scan.
     */
    async pointsBetween(from: Date, until: Date): Promise<PointsFlow> {
      const [row] = (await knex()(TABLES.ledger)
        .where('created_at', '>=', from)
        .andWhere('created_at', '<', until)
        .select(
          knex().raw('COALESCE(SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END), 0) AS issued'),
          knex().raw('COALESCE(SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END), 0) AS spent'),
          knex().raw('COUNT(*) AS entries'),
        )) as Array<{ issued: number | string; spent: number | string; entries: number | string }>;
      return { issued: Number(row?.issued ?? 0), spent: Number(row?.spent ?? 0), entries: Number(row?.entries ?? 0) };
    },

    /**
     * Active prizes with a limited stock (-1 is unlimited) at or below `threshold`, the emptiest first. The
     * prizes table is the editors' short list (tens of rows), read whole: no index needed.
     */
    async lowStockPrizes(threshold: number, limit = 20): Promise<{ total: number; prizes: LowStockPrize[] }> {
      const base = () => knex()(TABLES.prizes).where('active', true).andWhere('stock', '>=', 0).andWhere('stock', '<=', threshold);
      const [rows, [{ n }]] = await Promise.all([
        base().orderBy([{ column: 'stock', order: 'asc' }, { column: 'id', order: 'asc' }]).limit(limit).select('id', 'document_id', 'name', 'kind', 'stock') as Promise<
          Array<{ id: number; document_id: string; name: string; kind: string; stock: number }>
        >,
        base().count({ n: '*' }) as unknown as Promise<Array<{ n: number | string }>>,
      ]);
      return {
        total: Number(n),
        prizes: rows.map((row) => ({ id: Number(row.id), documentId: String(row.document_id), name: String(row.name), kind: String(row.kind), stock: Number(row.stock) })),
      };
    },
  };
};

export type OverviewService = ReturnType<typeof overviewService>;
export default overviewService;
