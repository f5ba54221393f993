/**
 * The stats screens' figures from summaries the database computes (counts per bucket, runs of days),
 * instead of from every check-in date of a user's history. Each function here gives exactly what the
 * full computation in streaks.ts gives on the same history; the property tests in
 * __tests__/summaries.test.ts hold them to it, and the SQL that builds the summaries
 * (services/stats.ts) is held to the JS mirrors below by tests/e2e/stats-history.test.ts.
 */
import { fromDayNumber, isValidDate, isoWeekdayOfDayNumber, toDayNumber, weekStartDayNumber, type Weekday } from '../../../../../utils/calendar';
import { assertValidFrequency, scheduledWeekdays, type Frequency } from './frequency';

/**
 * Check-ins of one habit in [start, today], counted per bucket. What a bucket is depends on the
 * frequency, and is what its completion rate needs, no more:
 * - daily: 0 for a past day, -1 for today;
 * - weekdays: the ISO weekday (1..7) of a past day, -1 for today;
 * - timesPerWeek: the day number of the first day of the check-in's week;
 * - everyNDays: the index of the check-in's block of N days from the start.
 * For a daily habit that is at most two rows, whatever the length of the history.
 */
export type CompletionBuckets = ReadonlyMap<number, number>;

/** The bucket of one check-in day (a day number in [start, today]); the SQL in services/stats.ts says the same. */
export const completionBucketOf = (frequency: Frequency, start: number, today: number, weekStartsOn: Weekday, day: number): number => {
  switch (frequency.type) {
    case 'daily':
      return day === today ? -1 : 0;
    case 'weekdays':
      return day === today ? -1 : isoWeekdayOfDayNumber(day);
    case 'timesPerWeek':
      return weekStartDayNumber(day, weekStartsOn);
    case 'everyNDays':
      return Math.floor((day - start) / frequency.intervalDays);
  }
};

/** The JS mirror of the bucket query: distinct well-formed days in [start, today], counted per bucket. */
export const completionBuckets = (frequency: Frequency, startDate: string, today: string, weekStartsOn: Weekday, checkInDates: readonly string[]): Map<number, number> => {
  const start = toDayNumber(startDate);
  const end = toDayNumber(today);
  const days = new Set<number>();
  for (const date of checkInDates) {
    if (!isValidDate(date)) continue;
    const n = toDayNumber(date);
    if (n >= start && n <= end) days.add(n);
  }
  const buckets = new Map<number, number>();
  for (const day of days) {
    const bucket = completionBucketOf(frequency, start, end, weekStartsOn, day);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  return buckets;
};

/** Days from `from` to `to` (both included) whose ISO weekday is in `weekdays`. */
const scheduledDaysBetween = (weekdays: ReadonlySet<number>, from: number, to: number): number => {
  if (to < from) return 0;
  const length = to - from + 1;
  let count = Math.floor(length / 7) * weekdays.size;
  // The leftover days past the whole weeks: fewer than seven, looked at one by one.
  for (let day = from + Math.floor(length / 7) * 7; day <= to; day += 1) if (weekdays.has(isoWeekdayOfDayNumber(day))) count += 1;
  return count;
};

/**
 * `habitStreak(...).completionRate` from the habit's completion buckets: the same sums of achieved and
 * required over the same periods (every past one, the one in progress only once complete), so the same
 * division of the same two integers. Throws RangeError on a bad frequency or weekStartsOn, as habitStreak.
 */
export const completionRateFromBuckets = (input: { frequency: Frequency; startDate: string; today: string; weekStartsOn: Weekday; buckets: CompletionBuckets }): number => {
  const frequency = assertValidFrequency(input.frequency);
  const { weekStartsOn, buckets } = input;
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 1 || weekStartsOn > 7) {
    throw new RangeError(`weekStartsOn must be an ISO weekday 1..7, got ${weekStartsOn}`);
  }
  const start = toDayNumber(input.startDate);
  const today = toDayNumber(input.today);
  if (today < start) return 0;
  const count = (bucket: number) => buckets.get(bucket) ?? 0;
  let achieved = 0;
  let required = 0;
  switch (frequency.type) {
    case 'daily': {
      achieved = count(0);
      required = today - start;
      if (count(-1) > 0) {
        achieved += 1;
        required += 1;
      }
      break;
    }
    case 'weekdays': {
      const days = scheduledWeekdays(frequency.weekdays);
      for (const day of days) achieved += count(day);
      required = scheduledDaysBetween(days, start, today - 1);
      // An unscheduled today is no period; a scheduled one counts only once done.
      if (days.has(isoWeekdayOfDayNumber(today)) && count(-1) > 0) {
        achieved += 1;
        required += 1;
      }
      break;
    }
    case 'timesPerWeek': {
      const perWeek = frequency.timesPerWeek;
      const currentWeek = weekStartDayNumber(today, weekStartsOn);
      for (const [week, n] of buckets) if (week < currentWeek) achieved += Math.min(n, perWeek);
      required = ((currentWeek - weekStartDayNumber(start, weekStartsOn)) / 7) * perWeek;
      if (count(currentWeek) >= perWeek) {
        achieved += perWeek;
        required += perWeek;
      }
      break;
    }
    case 'everyNDays': {
      const currentIndex = Math.floor((today - start) / frequency.intervalDays);
      for (const [index, n] of buckets) if (index < currentIndex && n > 0) achieved += 1;
      required = currentIndex;
      if (count(currentIndex) > 0) {
        achieved += 1;
        required += 1;
      }
      break;
    }
  }
  return required === 0 ? 0 : achieved / required;
};

/** A run of consecutive calendar days with at least one check-in. */
export type DayRun = { first: string; last: string; days: number };

/** The JS mirror of the runs query: the runs of consecutive distinct well-formed days, in date order. */
export const dayRuns = (checkInDates: readonly string[]): DayRun[] => {
  const days = [...new Set(checkInDates.filter((date) => isValidDate(date)).map(toDayNumber))].sort((a, b) => a - b);
  const runs: Array<{ first: number; last: number }> = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && run.last + 1 === day) run.last = day;
    else runs.push({ first: day, last: day });
  }
  return runs.map((r) => ({ first: fromDayNumber(r.first), last: fromDayNumber(r.last), days: r.last - r.first + 1 }));
};

/**
 * `consecutiveDays(dates, today)` from the run holding today or yesterday (the only one it can be):
 * days after today do not count, and a today without a check-in leaves yesterday's run alive.
 */
export const consecutiveDaysFromRun = (run: DayRun | undefined, today: string): number => {
  if (!run) return 0;
  const end = toDayNumber(today);
  const first = toDayNumber(run.first);
  const last = toDayNumber(run.last);
  if (first <= end && last >= end) return end - first + 1;
  if (first <= end - 1 && last >= end - 1) return end - 1 - first + 1;
  return 0;
};

/** One cell per day from `from` to `to` with its count, from counts per date (a GROUP BY local_date); as `heatmap`. */
export const heatmapFromCounts = (counts: ReadonlyMap<string, number>, from: string, to: string): Array<{ date: string; count: number }> => {
  const cells: Array<{ date: string; count: number }> = [];
  for (let n = toDayNumber(from); n <= toDayNumber(to); n += 1) {
    const date = fromDayNumber(n);
    cells.push({ date, count: counts.get(date) ?? 0 });
  }
  return cells;
};
