import { addDays, weekStart, type Weekday } from '../../../../../utils/calendar';
import { localDayFor, startOfLocalDay } from '../../../../../utils/clock';

/**
 * The calendar of the home page, in one timezone (the platform's default): pure functions of an instant, so
 * the numbers of "today" and "this week" are cut at that zone's midnight whatever the server's own zone.
 */
export type Days = { today: string; yesterday: string };
export type WeekSoFar = { weekStart: string; from: Date; until: Date };

/** Today's and yesterday's local dates (YYYY-MM-DD) at `now` in `timezone` (days start at midnight). */
export const daysAt = (now: Date, timezone: string): Days => {
  const today = localDayFor({ timezone, dayStartHour: 0 }, now);
  return { today, yesterday: addDays(today, -1) };
};

/** The week holding `now`, from its first local midnight in `timezone` up to `now`. */
export const weekSoFarAt = (now: Date, timezone: string, weekStartsOn: Weekday = 1): WeekSoFar => {
  const first = weekStart(daysAt(now, timezone).today, weekStartsOn);
  return { weekStart: first, from: startOfLocalDay(first, timezone), until: now };
};
