import type { Core } from '@strapi/strapi';
import { TABLES } from '../content-types';
import { evaluateProgress, type CheckInFact } from '../domain/progress';
import { CHECK_IN_FACT_COLUMNS, CHECK_INS_TABLE, checkInFact, holdsProgress, progressColumns, termsOfRow, TERMS_COLUMNS, type TermsRow, type ProgressRow } from '../utils/rows';
import { getService } from '../utils/get-service';

/** Habits whose check-ins are read in one statement. */
const HABITS_PER_READ = 500;

/**
 * A whole challenge's progress recounted from its participants' check-in rows, in one pass: the finish
 * runs it before it decides who completed, so an event that never arrived (a crash between a check-in's
 * commit and its recompute, a recompute that failed) never costs anyone a reward. Progress is a function
 * of the rows (domain/progress.ts), so a recount agrees with what the events computed and only writes
 * where they were missed; the board is rebuilt when anything changed.
 *
 * No row locks: once the challenge's end instant has passed (the only time the finish calls this),
 * nothing a user can still do changes what counts, since rows written after the end do not count.
 */
const recountService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  return {
    /** Recount the active participants of one challenge; returns how many rows changed. */
    async challenge(challengeId: number): Promise<{ participants: number; changed: number }> {
      const challenge = (await knex()(TABLES.challenges).where({ id: challengeId }).first(...TERMS_COLUMNS)) as TermsRow | undefined;
      if (!challenge) return { participants: 0, changed: 0 };
      const terms = termsOfRow(challenge);
      const participants = (await knex()(TABLES.participants)
        .where({ challenge_id: challengeId, status: 'active' })
        .whereNotNull('habit_id')
        .orderBy('id')
        .select('id', 'habit_id', 'days_done', 'days_needed', 'streak', 'best_streak', 'progress_at', 'reached_at')) as Array<ProgressRow & { id: number; habit_id: number }>;

      const factsByHabit = new Map<number, CheckInFact[]>();
      const habitIds = [...new Set(participants.map((row) => Number(row.habit_id)))];
      for (let i = 0; i < habitIds.length; i += HABITS_PER_READ) {
        const rows: Array<Record<string, unknown>> = await knex()(CHECK_INS_TABLE)
          .whereIn('habit_id', habitIds.slice(i, i + HABITS_PER_READ))
          .andWhere('local_date', '>=', terms.startDate)
          .andWhere('local_date', '<=', terms.endDate)
          .select('habit_id', ...CHECK_IN_FACT_COLUMNS);
        for (const row of rows) {
          const habitId = Number(row.habit_id);
          const facts = factsByHabit.get(habitId) ?? [];
          facts.push(checkInFact(row));
          factsByHabit.set(habitId, facts);
        }
      }

      const now = new Date();
      let changed = 0;
      for (const row of participants) {
        const progress = evaluateProgress(terms, factsByHabit.get(Number(row.habit_id)) ?? []);
        if (holdsProgress(row, progress)) continue;
        changed += Number(await knex()(TABLES.participants).where({ id: row.id, status: 'active' }).update(progressColumns(progress, now)));
      }
      if (changed > 0) {
        strapi.log.warn(`[challenges] recount of challenge ${challengeId} corrected ${changed} of ${participants.length} participants (missed progress events)`);
        await getService(strapi, 'board').rebuild(challengeId);
      }
      return { participants: participants.length, changed };
    },
  };
};

export type RecountService = ReturnType<typeof recountService>;
export default recountService;
