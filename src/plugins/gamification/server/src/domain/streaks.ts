import { fromDayNumber, isValidDate, isoWeekdayOfDayNumber, toDayNumber, weekStartDayNumber, type Weekday } from '../../../../../utils/calendar';
import { assertValidFrequency, scheduledWeekdays, type Frequency } from './frequency';

export type StreakInput = {
  frequency: Frequency;
  /** Habit start; check-ins before it are ignored. */
  startDate: string;
  /** Any order, duplicates possible; dates after `today` (and malformed ones) are ignored. */
  checkInDates: string[];
  today: string;
  /** First day of the calendar week; only `timesPerWeek` uses it. */
  weekStartsOn: Weekday;
};

export type StreakResult = {
  current: number;
  longest: number;
  unit: 'days' | 'weeks' | 'periods';
  /** In [0, 1]; 0 when no required period has elapsed. */
  completionRate: number;
};

/**
 * One period the habit is judged on (a scheduled day, a calendar week, a block of N days).
 * `achieved / required` is its share of the completion rate; `complete` decides the streak.
 */
type Period = { complete: boolean; achieved: number; required: number };

/** Distinct day numbers of the well-formed dates in `dates` that fall within [from, to]. */
const distinctDayNumbers = (dates: readonly string[], from: number, to: number): Set<number> => {
  const days = new Set<number>();
  for (const date of dates) {
    if (!isValidDate(date)) continue;
    const n = toDayNumber(date);
    if (n >= from && n <= to) days.add(n);
  }
  return days;
};

const dayPeriod = (checked: boolean): Period => ({ complete: checked, achieved: checked ? 1 : 0, required: 1 });

/**
 * The product's promise in one place: every past period is required, while the period holding
 * today is still open, so it joins the record only once it is complete and never breaks a streak.
 */
const summarize = (past: Period[], inProgress: Period | null, unit: StreakResult['unit']): StreakResult => {
  const periods = inProgress?.complete ? [...past, inProgress] : past;
  let run = 0;
  let longest = 0;
  let achieved = 0;
  let required = 0;
  for (const p of periods) {
    run = p.complete ? run + 1 : 0;
    longest = Math.max(longest, run);
    achieved += p.achieved;
    required += p.required;
  }
  return { current: run, longest, unit, completionRate: required === 0 ? 0 : achieved / required };
};

const scheduledDayStreak = (isScheduled: (day: number) => boolean, checked: Set<number>, start: number, today: number): StreakResult => {
  const past: Period[] = [];
  for (let day = start; day < today; day += 1) {
    if (isScheduled(day)) past.push(dayPeriod(checked.has(day)));
  }
  // An unscheduled today is no period at all, so the streak then ends at the last scheduled day.
  const inProgress = isScheduled(today) ? dayPeriod(checked.has(today)) : null;
  return summarize(past, inProgress, 'days');
};

const weeklyStreak = (timesPerWeek: number, weekStartsOn: Weekday, checked: Set<number>, start: number, today: number): StreakResult => {
  const countByWeek = new Map<number, number>();
  for (const day of checked) {
    const week = weekStartDayNumber(day, weekStartsOn);
    countByWeek.set(week, (countByWeek.get(week) ?? 0) + 1);
  }
  const weekOf = (week: number): Period => {
    const count = countByWeek.get(week) ?? 0;
    return { complete: count >= timesPerWeek, achieved: Math.min(count, timesPerWeek), required: timesPerWeek };
  };
  const currentWeek = weekStartDayNumber(today, weekStartsOn);
  const past: Period[] = [];
  for (let week = weekStartDayNumber(start, weekStartsOn); week < currentWeek; week += 7) past.push(weekOf(week));
  return summarize(past, weekOf(currentWeek), 'weeks');
};

const intervalStreak = (intervalDays: number, checked: Set<number>, start: number, today: number): StreakResult => {
  const hitPeriods = new Set<number>();
  for (const day of checked) hitPeriods.add(Math.floor((day - start) / intervalDays));
  const periodOf = (index: number): Period => dayPeriod(hitPeriods.has(index));
  const currentIndex = Math.floor((today - start) / intervalDays);
  const past: Period[] = [];
  for (let index = 0; index < currentIndex; index += 1) past.push(periodOf(index));
  return summarize(past, periodOf(currentIndex), 'periods');
};

const UNIT_BY_TYPE: Record<Frequency['type'], StreakResult['unit']> = {
  daily: 'days',
  weekdays: 'days',
  timesPerWeek: 'weeks',
  everyNDays: 'periods',
};

// Throws RangeError on a malformed start, today, frequency or weekStartsOn: those are caller bugs, not user data.
/** Current and longest streak plus completion rate of one habit; only a missed required period breaks a streak, never the one in progress. */
export const habitStreak = (input: StreakInput): StreakResult => {
  const { checkInDates, ...rest } = input;
  const days: number[] = [];
  for (const date of checkInDates) if (isValidDate(date)) days.push(toDayNumber(date));
  return habitStreakOfDays({ ...rest, checkInDays: days });
};

/**
 * `habitStreak` on check-in days given as day numbers (days since 1970-01-01, as the database can send
 * them: `local_date - DATE '1970-01-01'`), which spares the check-in parsing a long history's dates.
 * `habitStreak` itself runs through here, so the two cannot disagree.
 */
export const habitStreakOfDays = (input: Omit<StreakInput, 'checkInDates'> & { checkInDays: Iterable<number> }): StreakResult => {
  const frequency = assertValidFrequency(input.frequency);
  if (!Number.isInteger(input.weekStartsOn) || input.weekStartsOn < 1 || input.weekStartsOn > 7) {
    throw new RangeError(`weekStartsOn must be an ISO weekday 1..7, got ${input.weekStartsOn}`);
  }
  const start = toDayNumber(input.startDate);
  const today = toDayNumber(input.today);
  if (today < start) return { current: 0, longest: 0, unit: UNIT_BY_TYPE[frequency.type], completionRate: 0 };
  const checked = new Set<number>();
  for (const day of input.checkInDays) if (Number.isInteger(day) && day >= start && day <= today) checked.add(day);

  switch (frequency.type) {
    case 'daily':
      return scheduledDayStreak(() => true, checked, start, today);
    case 'weekdays': {
      const days = scheduledWeekdays(frequency.weekdays);
      return scheduledDayStreak((day) => days.has(isoWeekdayOfDayNumber(day)), checked, start, today);
    }
    case 'timesPerWeek':
      return weeklyStreak(frequency.timesPerWeek, input.weekStartsOn, checked, start, today);
    case 'everyNDays':
      return intervalStreak(frequency.intervalDays, checked, start, today);
  }
};

/** The unit a habit's streak is counted in, from its frequency type. */
export const streakUnitOf = (type: Frequency['type']): StreakResult['unit'] => UNIT_BY_TYPE[type];

/**
 * The last local day on which `current` (the streak `habitStreakOfDays` gives for this input) still
 * stands if no check-in comes: the end of the period after the streak's last complete one, since the
 * open period never breaks a streak and a missed one does. Null when there is no current streak.
 * With it a stored streak is read without the history: `current` while today <= this day, else 0
 * (habits.streak_holds_through; the property test holds it to habitStreakOfDays day by day).
 */
export const streakHoldsThrough = (
  input: Omit<StreakInput, 'checkInDates'> & { checkInDays: Iterable<number> },
  current: number,
): string | null => {
  if (current <= 0) return null;
  const frequency = assertValidFrequency(input.frequency);
  const start = toDayNumber(input.startDate);
  const today = toDayNumber(input.today);
  const checked = new Set<number>();
  for (const day of input.checkInDays) if (Number.isInteger(day) && day >= start && day <= today) checked.add(day);
  switch (frequency.type) {
    case 'daily':
    case 'weekdays': {
      const days = frequency.type === 'weekdays' ? scheduledWeekdays(frequency.weekdays) : null;
      const isScheduled = (day: number) => days === null || days.has(isoWeekdayOfDayNumber(day));
      // Scheduled and not yet done today: today is the streak's last chance.
      if (isScheduled(today) && !checked.has(today)) return fromDayNumber(today);
      let next = today + 1;
      while (!isScheduled(next)) next += 1;
      return fromDayNumber(next);
    }
    case 'timesPerWeek': {
      const week = weekStartDayNumber(today, input.weekStartsOn);
      let count = 0;
      for (const day of checked) if (day >= week && day <= week + 6) count += 1;
      return fromDayNumber(count >= frequency.timesPerWeek ? week + 13 : week + 6);
    }
    case 'everyNDays': {
      const n = frequency.intervalDays;
      const block = Math.floor((today - start) / n);
      let hit = false;
      for (const day of checked) if (day >= start + block * n && day <= start + (block + 1) * n - 1) hit = true;
      return fromDayNumber(start + (hit ? block + 2 : block + 1) * n - 1);
    }
  }
};

/** User-level: consecutive local days with at least one check-in of any habit, ending today or yesterday. */
export const consecutiveDays = (checkInDates: string[], today: string): number => {
  const end = toDayNumber(today);
  const checked = distinctDayNumbers(checkInDates, Number.NEGATIVE_INFINITY, end);
  // Today not checked in yet is still open, so yesterday's run stays alive until the day is over.
  let day = checked.has(end) ? end : end - 1;
  let run = 0;
  while (checked.has(day)) {
    run += 1;
    day -= 1;
  }
  return run;
};

/** Number of distinct well-formed calendar days among `checkInDates`. */
export const totalDistinctDays = (checkInDates: string[]): number =>
  new Set(checkInDates.filter((date) => isValidDate(date))).size;

/** One entry per day from `from` to `to` (inclusive, in order) with how many check-ins fell on it; empty when `to` < `from`. */
export const heatmap = (checkInDates: string[], from: string, to: string): Array<{ date: string; count: number }> => {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  const counts = new Map<number, number>();
  for (const date of checkInDates) {
    if (!isValidDate(date)) continue;
    const n = toDayNumber(date);
    if (n >= start && n <= end) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const cells: Array<{ date: string; count: number }> = [];
  for (let n = start; n <= end; n += 1) cells.push({ date: fromDayNumber(n), count: counts.get(n) ?? 0 });
  return cells;
};
