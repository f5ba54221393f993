/**
 * Calendar arithmetic on local calendar days written as `YYYY-MM-DD`.
 *
 * A calendar day has no time zone once it has been computed (see `src/utils/clock.ts`), so every
 * step here runs on UTC midnights: local-time Date methods would let the server's zone and its
 * daylight-saving jumps shift a day, and `toISOString()` would do the same in reverse.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const MS_PER_DAY = 86_400_000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not, so years like 0099 stay exact.
const utcMidnight = (year: number, monthIndex: number, day: number): Date => {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d;
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** True only for a `YYYY-MM-DD` string naming a day that exists (no 2023-02-29, no 2024-13-01). */
export const isValidDate = (s: unknown): s is string => {
  if (typeof s !== 'string') return false;
  const match = DATE_SHAPE.exec(s);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = utcMidnight(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
};

/** Days since 1970-01-01 for a valid date; throws RangeError on anything else, since a bad day is a caller bug. */
export const toDayNumber = (date: string): number => {
  if (!isValidDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [year, month, day] = date.split('-').map(Number);
  return Math.round(utcMidnight(year, month - 1, day).getTime() / MS_PER_DAY);
};

/** The `YYYY-MM-DD` date that is `dayNumber` days after 1970-01-01; the inverse of `toDayNumber`. */
export const fromDayNumber = (dayNumber: number): string => {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`Not a whole day number: ${dayNumber}`);
  const d = new Date(dayNumber * MS_PER_DAY);
  const year = d.getUTCFullYear();
  // Outside 0000–9999 the result could not be written as YYYY-MM-DD (or is not a Date at all).
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`Day number out of the YYYY-MM-DD range: ${dayNumber}`);
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
};

/** The date `days` calendar days after `date` (negative goes back). */
export const addDays = (date: string, days: number): string => fromDayNumber(toDayNumber(date) + days);

/** `to − from` in whole calendar days (negative when `to` is earlier). */
export const diffDays = (from: string, to: string): number => toDayNumber(to) - toDayNumber(from);

/** ISO weekday of a day number; 1970-01-01 was a Thursday. */
export const isoWeekdayOfDayNumber = (dayNumber: number): Weekday =>
  ((((dayNumber + 3) % 7) + 7) % 7 + 1) as Weekday;

/** ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string): Weekday => isoWeekdayOfDayNumber(toDayNumber(date));

/** Day number of the first day of the week holding `dayNumber`, weeks starting on `weekStartsOn`. */
export const weekStartDayNumber = (dayNumber: number, weekStartsOn: Weekday): number =>
  dayNumber - ((isoWeekdayOfDayNumber(dayNumber) - weekStartsOn + 7) % 7);

/** The first day (on or before `date`) of the calendar week holding `date`, weeks starting on `weekStartsOn`. */
export const weekStart = (date: string, weekStartsOn: Weekday): string =>
  fromDayNumber(weekStartDayNumber(toDayNumber(date), weekStartsOn));

/** Every date from `from` to `to`, both included, in order; empty when `to` is before `from`. */
export const eachDay = (from: string, to: string): string[] => {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  const days: string[] = [];
  for (let n = start; n <= end; n += 1) days.push(fromDayNumber(n));
  return days;
};

/** The last day of a `YYYY-MM` month. */
export const lastDayOfMonth = (month: string): string => {
  const [year, monthNumber] = month.split('-').map(Number);
  return addDays(`${monthNumber === 12 ? pad(year + 1, 4) : pad(year, 4)}-${pad((monthNumber % 12) + 1, 2)}-01`, -1);
};
