import crypto from 'node:crypto';
import fc from 'fast-check';
import {
  addDays, consecutiveDays, habitStreak, heatmap, rankFor, type Weekday,
} from '../../src/plugins/gamification/server/src/domain';
import { frequencyOf, habitStartDate } from '../../src/plugins/gamification/server/src/services/check-ins';
import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { calendarDate } from '../../src/plugins/gamification/server/src/utils/rows';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * /api/me/stats counts in the database now (runs of days, buckets per habit, a 7-day window). Whatever
 * the history, it must answer what the full computation over every check-in answered before: the
 * oracle below is that computation, as services/stats.ts had it, run on the same rows.
 */
const clock = () => getService(getStrapi(), 'clock');
const knex = () => getStrapi().db.connection;

type HabitRow = Parameters<typeof frequencyOf>[0] & Parameters<typeof habitStartDate>[0] & { id: number; archived: unknown };

/** The old me(): every check-in date of the user, grouped per habit, every streak from the first day. */
const oracle = async (user: TestUser, today: string, weekStartsOn: Weekday) => {
  const habits = (await knex()('habits').where({ user_id: user.id }).select('id', 'archived', 'start_date', 'created_at', 'frequency_type', 'times_per_week', 'weekdays', 'interval_days')) as HabitRow[];
  const rows = await knex()('check_ins').where({ user_id: user.id }).select('habit_id', 'local_date');
  const dates = rows.map((r: { local_date: unknown }) => calendarDate(r.local_date));
  const byHabit = new Map<number, string[]>();
  for (const row of rows) byHabit.set(Number(row.habit_id), [...(byHabit.get(Number(row.habit_id)) ?? []), calendarDate(row.local_date)]);
  const active = habits.filter((h) => !h.archived);
  const owner = { timezone: 'Asia/Shanghai', dayStartHour: 0 };
  const rates = active.map(
    (habit) =>
      habitStreak({ frequency: frequencyOf(habit), startDate: habitStartDate(habit, owner), checkInDates: byHabit.get(Number(habit.id)) ?? [], today, weekStartsOn }).completionRate,
  );
  const sorted = [...new Set(dates)].sort();
  let longest = 0;
  let run = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    run = i > 0 && addDays(sorted[i - 1], 1) === sorted[i] ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  const totalDays = new Set(dates).size;
  return {
    localDate: today,
    totalDays,
    totalCheckIns: dates.length,
    consecutiveDays: consecutiveDays(dates, today),
    longestStreakDays: longest,
    rank: rankFor(totalDays),
    last7Days: heatmap(dates, addDays(today, -6), today),
    completionRate: rates.length === 0 ? 0 : Number((rates.reduce((a, b) => a + b, 0) / rates.length).toFixed(4)),
    habits: { active: active.length, archived: habits.length - active.length },
  };
};

const HABIT_SHAPES: Array<Record<string, unknown>> = [
  { frequencyType: 'daily' },
  { frequencyType: 'weekdays', weekdays: [1, 3, 5] },
  { frequencyType: 'weekdays', weekdays: [6, 7] },
  { frequencyType: 'timesPerWeek', timesPerWeek: 3 },
  { frequencyType: 'timesPerWeek', timesPerWeek: 1 },
  { frequencyType: 'everyNDays', intervalDays: 2 },
  { frequencyType: 'everyNDays', intervalDays: 5 },
];

const historyArb = fc.record({
  today: fc.integer({ min: 0, max: 200 }).map((n) => addDays('2026-01-01', n)),
  habits: fc.array(
    fc.record({
      shape: fc.integer({ min: 0, max: HABIT_SHAPES.length - 1 }),
      startBack: fc.integer({ min: -3, max: 120 }),
      archived: fc.boolean(),
      // Days back from today (a few in the future: a timezone moved west), each checked in once at most.
      offsets: fc.uniqueArray(fc.integer({ min: -2, max: 150 }), { maxLength: 90 }),
    }),
    { minLength: 0, maxLength: 5 },
  ),
});

beforeAll(async () => {
  await setupStrapi();
});
afterEach(() => clock().setNow(null));
afterAll(teardownStrapi);

describe('GET /api/me/stats on random histories', () => {
  it('answers exactly what the full computation over every check-in answers', async () => {
    const weekStartsOn = (await getService(getStrapi(), 'settings').get()).weekStartsOn;
    await fc.assert(
      fc.asyncProperty(historyArb, async (history) => {
        const user = await createUser();
        clock().setNow(`${history.today}T04:00:00Z`);
        for (const habit of history.habits) {
          const start = addDays(history.today, -habit.startBack);
          const created = await http()
            .post('/api/habits')
            .set(user.auth)
            .send({ data: { title: 'h', startDate: start, ...HABIT_SHAPES[habit.shape] } })
            .expect(201);
          const { id } = await knex()('habits').where({ document_id: created.body.data.documentId }).first('id');
          if (habit.archived) await knex()('habits').where({ id }).update({ archived: true });
          // Straight into the table: histories the API could not write (before the start, after today) included.
          const now = new Date();
          const rows = habit.offsets.map((offset) => ({
            document_id: crypto.randomBytes(12).toString('hex'), user_id: user.id, habit_id: id, local_date: addDays(history.today, -offset),
            checked_at: now, is_makeup: false, points_awarded: 0, created_at: now, updated_at: now, published_at: now,
          }));
          for (let i = 0; i < rows.length; i += 50) await knex()('check_ins').insert(rows.slice(i, i + 50));
        }
        const answer = (await http().get('/api/me/stats').set(user.auth).expect(200)).body.data;
        expect(answer).toMatchObject(await oracle(user, history.today, weekStartsOn));
      }),
      { seed: 7, numRuns: 25 },
    );
  });
});
