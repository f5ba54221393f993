/**
 * Calendar days as YYYY-MM-DD strings, the way the server speaks them. `localDayFor` mirrors the
 * server's clock (src/utils/clock.ts): the user's IANA timezone and the hour their day starts.
 */

export interface DaySettings {
  timezone?: string | null;
  dayStartHour?: number | null;
}

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of a UTC-based Date's calendar fields. */
const utcDay = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

export const parseDay = (day: string): Date => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

export const addDays = (day: string, n: number): string => {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + n);
  return utcDay(date);
};

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number => Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / 86_400_000);

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export const isoWeekday = (day: string): number => {
  const weekday = parseDay(day).getUTCDay();
  return weekday === 0 ? 7 : weekday;
};

export const monthOf = (day: string): string => day.slice(0, 7);

export const addMonths = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
};

export const daysInMonth = (month: string): number => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** The local date and hour at `instant` in `timezone`; the device's own zone when Intl cannot. */
const localParts = (instant: Date, timezone: string): { date: string; hour: number } => {
  try {
    const parts: Record<string, string> = {};
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
    if (parts.year && parts.month && parts.day && parts.hour) return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) % 24 };
  } catch {
    // Some older WeChat base libraries have no time zone data: fall through to the device's zone.
  }
  return { date: `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`, hour: instant.getHours() };
};

/** The user's calendar day at `instant` (same rule as the server). */
export const localDayFor = (settings: DaySettings, instant: Date): string => {
  const timezone = settings.timezone || DEFAULT_TIMEZONE;
  const dayStartHour = Number.isInteger(settings.dayStartHour) ? Number(settings.dayStartHour) : 0;
  const { date, hour } = localParts(instant, timezone);
  return hour < dayStartHour ? addDays(date, -1) : date;
};
