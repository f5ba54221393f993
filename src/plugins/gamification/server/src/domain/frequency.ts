import type { Weekday } from '../../../../../utils/calendar';

/** How often a habit is due. */
export type Frequency =
  | { type: 'daily' }
  /** 1..7 distinct check-in days per calendar week (weeks start on the user's `weekStartsOn`). */
  | { type: 'timesPerWeek'; timesPerWeek: number }
  /** The ISO weekdays the habit is scheduled on. */
  | { type: 'weekdays'; weekdays: Weekday[] }
  /** >= 2: one check-in per block of N days, blocks counted from the habit's start date. */
  | { type: 'everyNDays'; intervalDays: number };

/** Why a frequency is unusable, or null when it is fine. */
export const frequencyProblem = (f: Frequency): string | null => {
  switch (f.type) {
    case 'daily':
      return null;
    case 'timesPerWeek':
      return Number.isInteger(f.timesPerWeek) && f.timesPerWeek >= 1 && f.timesPerWeek <= 7
        ? null
        : `timesPerWeek must be a whole number from 1 to 7, got ${f.timesPerWeek}`;
    case 'weekdays': {
      if (f.weekdays.length === 0) return 'weekdays must name at least one day';
      const bad = f.weekdays.find((d) => !Number.isInteger(d) || d < 1 || d > 7);
      return bad === undefined ? null : `weekdays must be ISO weekdays 1..7, got ${bad}`;
    }
    case 'everyNDays':
      return Number.isInteger(f.intervalDays) && f.intervalDays >= 2
        ? null
        : `intervalDays must be a whole number of at least 2, got ${f.intervalDays}`;
  }
};

/** Returns the frequency unchanged when usable; throws RangeError otherwise, since a bad one is a caller bug. */
export const assertValidFrequency = (f: Frequency): Frequency => {
  const problem = frequencyProblem(f);
  if (problem) throw new RangeError(problem);
  return f;
};

/** The distinct scheduled weekdays of a `weekdays` frequency (duplicates in storage must not count twice). */
export const scheduledWeekdays = (weekdays: readonly Weekday[]): Set<Weekday> => new Set(weekdays);

/** The frequency as repetitions per interval of days, as Loop Habit Tracker's `Frequency(numerator, denominator)`. */
export const frequencyFraction = (f: Frequency): { numerator: number; denominator: number } => {
  switch (f.type) {
    case 'daily':
      return { numerator: 1, denominator: 1 };
    case 'timesPerWeek':
      return { numerator: f.timesPerWeek, denominator: 7 };
    case 'weekdays':
      return { numerator: scheduledWeekdays(f.weekdays).size, denominator: 7 };
    case 'everyNDays':
      return { numerator: 1, denominator: f.intervalDays };
  }
};

/** Expected check-ins per day: daily 1, timesPerWeek n/7, weekdays k/7, everyNDays 1/N. */
export const frequencyRatio = (f: Frequency): number => {
  const { numerator, denominator } = frequencyFraction(f);
  return numerator / denominator;
};
