import { addDays } from '../../../../../utils/calendar';
import { localInstant } from '../../../../../utils/clock';

/**
 * Which local wall-clock minutes a UTC minute stands for in a timezone. Normally one: 13:00Z is 21:00 in
 * Asia/Shanghai. When the clocks spring forward (America/New_York, 2026-03-08: 01:59 is followed by 03:00) the
 * minute after the gap also stands for every local minute the gap skipped, so a reminder at 02:30 fires at
 * 03:00 that day instead of never. When they fall back, a local minute happens twice; the send log's key
 * (user, template, reason, local date, slot) makes the second one a no-op.
 */
export type LocalMinute = { minute: number; date: string };

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timezone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
};

/** The wall clock at `instant` in `timezone`: the date and the minute of the day (0..1439). */
export const wallClock = (instant: Date, timezone: string): LocalMinute => {
  const parts = Object.fromEntries(formatterFor(timezone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
};

/** The start of the UTC minute `instant` falls in. */
export const minuteStart = (instant: Date): Date => new Date(Math.floor(instant.getTime() / 60_000) * 60_000);

/** The local minutes (with their dates) the UTC minute starting at `minute` stands for in `timezone`. */
export const localMinutesAt = (minute: Date, timezone: string): LocalMinute[] => {
  const now = wallClock(minute, timezone);
  const before = wallClock(new Date(minute.getTime() - 60_000), timezone);
  const step = (now.minute - before.minute + 1440) % 1440;
  const sameOrNextDay = now.date === before.date || now.date === addDays(before.date, 1);
  if (step <= 1 || !sameOrNextDay) return [now];
  // A gap: every skipped minute after `before`, up to and including `now`.
  const covered: LocalMinute[] = [];
  for (let offset = 1; offset <= step; offset += 1) {
    const value = before.minute + offset;
    covered.push(value >= 1440 ? { minute: value - 1440, date: addDays(before.date, 1) } : { minute: value, date: before.date });
  }
  return covered;
};

/** `HH:mm` for a minute of the day. */
export const slotOf = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The minute of the day of an `HH:mm` time, or null. */
export const minuteOf = (time: unknown): number | null => {
  if (typeof time !== 'string') return null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
};

/** Whether a local minute falls in quiet hours [start, end) (a window may wrap midnight: 22:00-08:00). */
export const inQuietHours = (minute: number, start: number | null, end: number | null): boolean => {
  if (start === null || end === null || start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
};

/** The instant quiet hours ending at minute `end` are over, seen from the wall clock `local`: that time today, or tomorrow if it has passed. */
export const quietHoursEnd = (local: LocalMinute, end: number, timezone: string): Date =>
  localInstant(end > local.minute ? local.date : addDays(local.date, 1), slotOf(end), timezone);

/**
 * The UTC minutes a run at `now` must look at: from the one after the last finished (`watermark`) up to the
 * current one, but none older than `graceMinutes` (a minute missed longer ago is skipped, not sent late).
 */
export const minutesToRun = (now: Date, watermark: Date | null, graceMinutes: number): { minutes: Date[]; skipped: number } => {
  const current = minuteStart(now).getTime();
  const oldest = current - graceMinutes * 60_000;
  const first = watermark ? minuteStart(watermark).getTime() + 60_000 : current;
  const from = Math.max(first, oldest);
  const skipped = first < oldest ? Math.round((oldest - first) / 60_000) : 0;
  const minutes: Date[] = [];
  for (let t = from; t <= current; t += 60_000) minutes.push(new Date(t));
  return { minutes, skipped };
};
