import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isPostgres } from '../../../../../utils/dialect';
import { consecutiveDaysFromRun } from '../domain';
import { DIARY_SQL, STATS_SQL } from '../statements';
import { getService } from '../utils/get-service';
import { calendarDate } from '../utils/rows';
import { knexSql } from '../utils/sql';

type DiaryUser = { id: number; timezone?: string | null; dayStartHour?: number | null };

/**
 * Diary points (seed 002): the first diary a user publishes (writes, or turns from draft, as not a
 * draft) on a local day earns `pointsPerDiary`, once per local day. The day is claimed on the user's row
 * (`last_diary_award_date`, one conditional UPDATE), so a diary deleted and written again the same day,
 * or two publishes racing, earn nothing more. Which date the diary is for does not matter: backdating
 * cannot earn more than one award a day.
 */
const diariesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Inside the transaction that wrote the diary; returns the points awarded (0 when already claimed). */
  async awardFirstOfDay(trx: Knex.Transaction, user: DiaryUser, diary: { id: number; documentId: string }): Promise<number> {
    const settings = await getService(strapi, 'settings').get();
    if (settings.pointsPerDiary <= 0) return 0;
    const clock = getService(strapi, 'clock');
    const today = clock.localDay(user);
    const sql = knexSql(trx, isPostgres(strapi.db.connection));
    const claimed = await sql.rows(DIARY_SQL.claimAward, [today, user.id, today]);
    if (claimed.length === 0) return 0;
    await getService(strapi, 'ledger').apply(
      sql,
      user.id,
      [{ amount: settings.pointsPerDiary, reason: 'diary', sourceType: 'diary', sourceId: diary.documentId, note: today }],
      clock.now(),
    );
    await sql.rows(DIARY_SQL.setPoints, [settings.pointsPerDiary, diary.id]);
    return settings.pointsPerDiary;
  },

  /**
   * Consecutive local days with a published diary, ending today or yesterday, and the days written: from
   * the runs of days the database finds (a few rows), not from every diary of the user's years.
   */
  async streak(user: DiaryUser): Promise<{ consecutiveDays: number; totalDays: number }> {
    const sql = knexSql(strapi.db.connection, isPostgres(strapi.db.connection));
    const clock = getService(strapi, 'clock');
    const today = clock.localDay(user);
    const runs = await sql.rows<{ kind: string; run_first: unknown; run_last: unknown; days: number | string }>(STATS_SQL.diaryRuns, [user.id, false, today, clock.addDays(today, -1)]);
    const current = runs.find((r) => r.kind === 'current');
    return {
      consecutiveDays: consecutiveDaysFromRun(current && { first: calendarDate(current.run_first), last: calendarDate(current.run_last), days: Number(current.days) }, today),
      totalDays: Number(runs.find((r) => r.kind === 'total')?.days ?? 0),
    };
  },
});

export type DiariesService = ReturnType<typeof diariesService>;
export default diariesService;
