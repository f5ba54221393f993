import type { Core } from '@strapi/strapi';
import { NotFoundError } from '../../../../../utils/errors';
import { TABLES } from '../content-types';
import {
  addDays, completionRateFromBuckets, consecutiveDaysFromRun, habitStrength, habitStreak, healthMilestones, heatmap, heatmapFromCounts, quitSummary, rankFor,
  toDayNumber, type Frequency, type SmokingSettings, type Weekday,
} from '../domain';
import { isPostgres } from '../../../../../utils/dialect';
import { completionBucketsQuery, STATS_SQL, type BucketRule } from '../statements';
import { knexSql } from '../utils/sql';
import { getService } from '../utils/get-service';
import { calendarDate, parseJson } from '../utils/rows';
import { frequencyOf, habitStartDate } from './check-ins';

/** Read models for the stats screens, computed from the check-ins (the source of truth) on request. */
type StatsUser = { id: number; timezone?: string | null; dayStartHour?: number | null };
type RateHabit = Parameters<typeof frequencyOf>[0] & Parameters<typeof habitStartDate>[0] & { id: number | string };
type RunRow = { kind: 'total' | 'longest' | 'current'; run_first: unknown; run_last: unknown; days: number | string; check_ins: number | string | null };

/** The SQL bucket rule of a habit (see completionBucketOf in domain/summaries.ts). */
const bucketRule = (frequency: Frequency, startDate: string, today: number, weekStartsOn: Weekday): BucketRule => {
  switch (frequency.type) {
    case 'daily':
    case 'weekdays':
      return { type: frequency.type, today };
    case 'timesPerWeek':
      return { type: 'timesPerWeek', weekStartsOn };
    case 'everyNDays':
      return { type: 'everyNDays', start: toDayNumber(startDate), intervalDays: frequency.intervalDays };
  }
};


/** The longest runs of consecutive check-in days, best first. */
const bestRuns = (dates: string[], limit: number) => {
  const sorted = [...new Set(dates)].sort();
  const runs: Array<{ start: string; end: string; days: number }> = [];
  for (const date of sorted) {
    const last = runs.at(-1);
    if (last && addDays(last.end, 1) === date) {
      last.end = date;
      last.days += 1;
    } else runs.push({ start: date, end: date, days: 1 });
  }
  return runs.sort((a, b) => b.days - a.days || b.end.localeCompare(a.end)).slice(0, limit);
};

const isSmokingSettings = (value: unknown): value is SmokingSettings =>
  typeof value === 'object' && value !== null && ['cigarettesPerDay', 'pricePerPack', 'cigarettesPerPack'].every((k) => typeof (value as Record<string, unknown>)[k] === 'number');

const statsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const clock = () => getService(strapi, 'clock');

  /**
   * Each active habit's completion rate, in habit order, from its completion buckets (one query for all
   * the habits). A habit that has not started yet has rate 0 and needs no query.
   */
  const completionRates = async (active: RateHabit[], user: StatsUser, today: string, weekStartsOn: Weekday): Promise<number[]> => {
    const todayNumber = toDayNumber(today);
    const judged = active.map((habit) => {
      const frequency = frequencyOf(habit);
      const startDate = habitStartDate(habit, user);
      return { habit, frequency, startDate, started: startDate <= today };
    });
    const asked = judged.filter((j) => j.started);
    const buckets = new Map<number, Map<number, number>>();
    if (asked.length > 0) {
      const postgres = isPostgres(knex());
      const query = completionBucketsQuery(
        postgres,
        user.id,
        today,
        asked.map((j) => ({ id: Number(j.habit.id), start: toDayNumber(j.startDate), rule: bucketRule(j.frequency, j.startDate, todayNumber, weekStartsOn) })),
      );
      const result = (await knex().raw(query.text, query.params)) as unknown;
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ habit_id: number | string; bucket: number | string; n: number | string }>;
      for (const row of rows) {
        const habit = Number(row.habit_id);
        const counts = buckets.get(habit) ?? new Map<number, number>();
        counts.set(Number(row.bucket), Number(row.n));
        buckets.set(habit, counts);
      }
    }
    return judged.map((j) =>
      completionRateFromBuckets({ frequency: j.frequency, startDate: j.startDate, today, weekStartsOn, buckets: buckets.get(Number(j.habit.id)) ?? new Map() }),
    );
  };

  return {
    /**
     * GET /api/me/stats. Flat in the user's history: the database counts (the runs of days, the last 7
     * days, each habit's completion buckets) and returns a few rows per habit, whatever the years of
     * check-ins; domain/summaries.ts turns them into the same figures the full computation gives.
     */
    async me(user: StatsUser) {
      const today = clock().localDay(user);
      const yesterday = addDays(today, -1);
      const from7 = addDays(today, -6);
      const postgres = isPostgres(knex());
      const sql = knexSql(knex(), postgres);
      const settings = await getService(strapi, 'settings').get();
      const [account, habits, runs, last7Rows, diaries] = await Promise.all([
        knex()(TABLES.users).where({ id: user.id }).first('points_balance', 'makeup_cards'),
        knex()(TABLES.habits).where({ user_id: user.id }).select('id', 'document_id', 'title', 'archived', 'start_date', 'created_at', 'frequency_type', 'times_per_week', 'weekdays', 'interval_days'),
        sql.rows<RunRow>(STATS_SQL.userRuns, [user.id, today, yesterday]),
        sql.rows<{ local_date: unknown; n: number | string }>(STATS_SQL.userDayCounts, [user.id, from7, today]),
        getService(strapi, 'diaries').streak(user),
      ]);
      const active = habits.filter((h: { archived: unknown }) => !h.archived);
      const rates = await completionRates(active, user, today, settings.weekStartsOn);
      const total = runs.find((r) => r.kind === 'total');
      const longest = runs.find((r) => r.kind === 'longest');
      const current = runs.find((r) => r.kind === 'current');
      const totalDays = Number(total?.days ?? 0);
      const last7 = heatmapFromCounts(new Map(last7Rows.map((r) => [calendarDate(r.local_date), Number(r.n)])), from7, today);
      return {
        localDate: today,
        totalDays,
        totalCheckIns: Number(total?.check_ins ?? 0),
        consecutiveDays: consecutiveDaysFromRun(current && { first: calendarDate(current.run_first), last: calendarDate(current.run_last), days: Number(current.days) }, today),
        longestStreakDays: Number(longest?.days ?? 0),
        rank: rankFor(totalDays),
        last7Days: last7,
        completionRate: rates.length === 0 ? 0 : Number((rates.reduce((a: number, b: number) => a + b, 0) / rates.length).toFixed(4)),
        habits: { active: active.length, archived: habits.length - active.length },
        pointsBalance: Number(account?.points_balance ?? 0),
        makeupCards: Number(account?.makeup_cards ?? 0),
        diaries,
      };
    },

    /** GET /api/habits/:id/stats */
    async habitStats(user: StatsUser, documentId: string) {
      const habit = await knex()(`${TABLES.habits} as h`)
        .join(`${TABLES.users} as u`, 'u.id', 'h.user_id')
        .where({ 'h.document_id': documentId, 'h.user_id': user.id })
        .first('h.*', 'u.smoking_settings');
      if (!habit) throw new NotFoundError('Habit not found');
      const today = clock().localDay(user);
      const settings = await getService(strapi, 'settings').get();
      const dates = (await knex()(TABLES.checkIns).where({ habit_id: habit.id }).select('local_date')).map((r: { local_date: unknown }) => calendarDate(r.local_date));
      const startDate = habitStartDate(habit, user);
      const frequency = frequencyOf(habit);
      const streak = habitStreak({ frequency, startDate, checkInDates: dates, today, weekStartsOn: settings.weekStartsOn });
      const strength = habitStrength({ frequency, startDate, checkInDates: dates, today });
      const yearAgo = addDays(today, -364);
      const smoking = parseJson(habit.smoking_settings);
      const daysFree = new Set(dates).size;
      return {
        habit: { documentId: habit.document_id, title: habit.title, kind: habit.kind, startDate },
        streak: { current: streak.current, longest: streak.longest, unit: streak.unit },
        completionRate: Number(streak.completionRate.toFixed(4)),
        totalCheckIns: dates.length,
        strength: {
          current: Number(strength.current.toFixed(4)),
          // One point a week keeps a year of history small enough for a phone chart.
          series: strength.series.filter((point, i, all) => point.date >= yearAgo && ((all.length - 1 - i) % 7 === 0)).map((p) => ({ date: p.date, score: Number(p.score.toFixed(4)) })),
        },
        heatmap: heatmap(dates, yearAgo, today),
        bestStreaks: bestRuns(dates, 3),
        quit:
          habit.kind === 'quit'
            ? {
                daysSmokeFree: daysFree,
                ...(isSmokingSettings(smoking) ? quitSummary(smoking, daysFree) : { settingsMissing: true }),
                milestones: healthMilestones(daysFree * 24),
              }
            : null,
      };
    },
  };
};

export type StatsService = ReturnType<typeof statsService>;
export default statsService;
