/**
 * The one place that turns an instant into a user's calendar day (DESIGN invariant 1).
 * A user's day starts at `dayStartHour` local time in their IANA `timezone` (Habitica's dayStart):
 * with dayStartHour 4, 02:30 on the 5th still belongs to the 4th.
 * The gamification plugin's clock service builds on these functions; nothing else computes a day.
 * Arithmetic on the resulting YYYY-MM-DD days lives in ./calendar.
 */
import { fromZonedTime } from 'date-fns-tz';
import { addDays } from './calendar';

export { addDays };
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const formatterCache = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timezone: string): Intl.DateTimeFormat => {
  let formatter = formatterCache.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formatterCache.set(timezone, formatter);
  }
  return formatter;
};

export const isValidTimezone = (timezone: unknown): timezone is string => {
  if (typeof timezone !== 'string' || timezone.length === 0 || timezone.length > 64) return false;
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
};

type LocalParts = { date: string; hour: number };

const localParts = (instant: Date, timezone: string): LocalParts => {
  const parts = Object.fromEntries(formatterFor(timezone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
};

/** UTC+14 and UTC-12 (IANA's signs are inverted): the first and the last local day anywhere at an instant. */
export const FURTHEST_AHEAD_TIMEZONE = 'Etc/GMT-14';
export const FURTHEST_BEHIND_TIMEZONE = 'Etc/GMT+12';

/** A stored timezone if it is a real one, else the platform's default (rows written before a timezone was known). */
export const effectiveTimezone = (timezone: unknown): string => (isValidTimezone(timezone) ? timezone : DEFAULT_TIMEZONE);

export type DaySettings = { timezone?: string | null; dayStartHour?: number | null };

/** The user's local calendar day (YYYY-MM-DD) at `instant`. */
export const localDayFor = (user: DaySettings, instant: Date): string => {
  const timezone = effectiveTimezone(user.timezone);
  const dayStartHour = Number.isInteger(user.dayStartHour) ? Number(user.dayStartHour) : 0;
  const { date, hour } = localParts(instant, timezone);
  return hour < dayStartHour ? addDays(date, -1) : date;
};

/** The instant a local date (YYYY-MM-DD) and wall-clock time (HH:mm) happen in `timezone`; across a DST change too (date-fns-tz). */
export const localInstant = (date: string, time: string, timezone: string): Date => fromZonedTime(`${date}T${time}:00`, timezone);

/**
 * The instant a local calendar day (YYYY-MM-DD) starts, 00:00 in `timezone`: for what is stored as
 * instants (ledger rows) and must be cut by local days.
 */
export const startOfLocalDay = (date: string, timezone: string): Date => localInstant(date, '00:00', timezone);
