import type { Core } from '@strapi/strapi';
import { NotFoundError } from '../../../../../utils/errors';
import { TABLES } from '../content-types';
import {
  addDays, consecutiveDays, habitStrength, habitStreak, healthMilestones, heatmap, quitSummary, rankFor, type SmokingSettings,
} from '../domain';
import { getService } from '../utils/get-service';
import { calendarDate, parseJson } from '../utils/rows';
import { frequencyOf, habitStartDate } from './check-ins';

/** Read models for the stats screens, computed from the check-ins (the source of truth) on request. */
type StatsUser = { id: number; timezone?: string | null; dayStartHour?: number | null };


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

  return {
    /** GET /api/me/stats */
    async me(user: StatsUser) {
      const today = clock().localDay(user);
      const settings = await getService(strapi, 'settings').get();
      const [account, habits, rows, diaries] = await Promise.all([
        knex()(TABLES.users).where({ id: user.id }).first('points_balance', 'makeup_cards'),
        knex()(TABLES.habits).where({ user_id: user.id }).select('id', 'document_id', 'title', 'archived', 'start_date', 'created_at', 'frequency_type', 'times_per_week', 'weekdays', 'interval_days'),
        knex()(TABLES.checkIns).where({ user_id: user.id }).select('habit_id', 'local_date'),
        getService(strapi, 'diaries').streak(user),
      ]);
      const dates = rows.map((r: { local_date: unknown }) => calendarDate(r.local_date));
      const byHabit = new Map<number, string[]>();
      for (const row of rows) byHabit.set(Number(row.habit_id), [...(byHabit.get(Number(row.habit_id)) ?? []), calendarDate(row.local_date)]);
      const active = habits.filter((h: { archived: unknown }) => !h.archived);
      const rates = active.map((habit: Parameters<typeof frequencyOf>[0] & Parameters<typeof habitStartDate>[0] & { id: number }) =>
        habitStreak({
          frequency: frequencyOf(habit),
          startDate: habitStartDate(habit, user),
          checkInDates: byHabit.get(Number(habit.id)) ?? [],
          today,
          weekStartsOn: settings.weekStartsOn,
        }).completionRate,
      );
      const totalDays = new Set(dates).size;
      const last7 = heatmap(dates, addDays(today, -6), today);
      return {
        localDate: today,
        totalDays,
        totalCheckIns: dates.length,
        consecutiveDays: consecutiveDays(dates, today),
        longestStreakDays: bestRuns(dates, 1)[0]?.days ?? 0,
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
