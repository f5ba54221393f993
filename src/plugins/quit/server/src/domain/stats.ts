import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { addDays } from '../../../../../utils/clock';

/** Pure figures of the quit programme: craving patterns, the smoke-free clock, milestones. */

export const TRIGGERS = ['stress', 'social', 'habit', 'other'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export type CravingFacts = { localDate: string; localHour: number; intensity: number; trigger: Trigger; resisted: boolean };

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The local calendar day and hour of `instant` in `timezone` (the hour a clock on the wall shows, DST included). */
export const localDateHour = (instant: Date, timezone: string): { date: string; hour: number } => {
  const [date, hour] = formatInTimeZone(instant, timezone, "yyyy-MM-dd'|'H").split('|');
  return { date, hour: Number(hour) };
};

/** `YYYY-MM-DDTHH:mm[:ss[.sss]]` with no offset: a wall-clock time in the user's timezone. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant from an ISO date-time with an offset, or from a local date-time read in `timezone`; null when neither. */
export const instantFrom = (text: string, timezone: string): Date | null => {
  if (OFFSET_DATE_TIME.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (LOCAL_DATE_TIME.test(text)) {
    const d = fromZonedTime(text, timezone);
    // 2026-02-30T10:00 rolls over silently: refuse a wall-clock time that does not read back the same day.
    if (Number.isNaN(d.getTime()) || formatInTimeZone(d, timezone, 'yyyy-MM-dd') !== text.slice(0, 10)) return null;
    return d;
  }
  return null;
};

/** Every date from `start` to `end` (inclusive, YYYY-MM-DD). */
export const daysBetween = (start: string, end: string): string[] => {
  const out: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) out.push(d);
  return out;
};

/** The hours (0-23) with the most cravings, most first then earliest; none when there are no cravings. At most `limit`. */
export const peakHours = (hours: readonly number[], limit = 3): number[] =>
  hours
    .map((count, hour) => ({ count, hour }))
    .filter((h) => h.count > 0)
    .sort((a, b) => b.count - a.count || a.hour - b.hour)
    .slice(0, limit)
    .map((h) => h.hour);

export const hourDistribution = (cravings: readonly Pick<CravingFacts, 'localHour'>[]): number[] => {
  const hours = Array.from({ length: 24 }, () => 0);
  for (const c of cravings) if (c.localHour >= 0 && c.localHour < 24) hours[c.localHour] += 1;
  return hours;
};

export const meanIntensity = (cravings: readonly Pick<CravingFacts, 'intensity'>[]): number =>
  cravings.length === 0 ? 0 : round2(cravings.reduce((sum, c) => sum + c.intensity, 0) / cravings.length);

/** Triggers by count, most first (ties in TRIGGERS order); shares of all cravings, 4 decimals. */
export const triggerShares = (cravings: readonly Pick<CravingFacts, 'trigger'>[]) =>
  TRIGGERS.map((trigger) => {
    const count = cravings.filter((c) => c.trigger === trigger).length;
    return { trigger, count, share: cravings.length === 0 ? 0 : Number((count / cravings.length).toFixed(4)) };
  }).sort((a, b) => b.count - a.count || TRIGGERS.indexOf(a.trigger) - TRIGGERS.indexOf(b.trigger));

/** GET /api/cravings/stats: the local days from `start` to `end`, every day present (zeros included). */
export const cravingStats = (cravings: readonly CravingFacts[], start: string, end: string) => {
  const inRange = cravings.filter((c) => c.localDate >= start && c.localDate <= end);
  const byDay = new Map<string, CravingFacts[]>();
  for (const c of inRange) byDay.set(c.localDate, [...(byDay.get(c.localDate) ?? []), c]);
  const hours = hourDistribution(inRange);
  return {
    startDate: start,
    endDate: end,
    count: inRange.length,
    meanIntensity: meanIntensity(inRange),
    days: daysBetween(start, end).map((date) => {
      const day = byDay.get(date) ?? [];
      return { date, count: day.length, meanIntensity: meanIntensity(day) };
    }),
    hours,
    peakHours: peakHours(hours),
    triggers: triggerShares(inRange),
    resistedRate: inRange.length === 0 ? 0 : Number((inRange.filter((c) => c.resisted).length / inRange.length).toFixed(4)),
  };
};

export type CravingStats = ReturnType<typeof cravingStats>;

/** The smoke-free clock starts at the quit time, or at the last relapse after it. */
export const smokeFreeSince = (quitAt: Date | null, relapses: readonly Date[]): Date | null => {
  if (!quitAt) return null;
  return relapses.reduce<Date>((latest, at) => (at.getTime() > latest.getTime() ? at : latest), quitAt);
};

const MINUTE_MS = 60_000;

/** Whole minutes smoke-free at `now` (0 before the start, or with no quit time). */
export const minutesSmokeFree = (since: Date | null, now: Date): number =>
  since ? Math.max(0, Math.floor((now.getTime() - since.getTime()) / MINUTE_MS)) : 0;

export type MilestoneDef = { title: string; afterMinutes: number; description: string | null; sort: number };
export type MilestoneStatus = MilestoneDef & { achieved: boolean; achievedAt: string | null; remainingMinutes: number | null };

/**
 * Each milestone reached `afterMinutes` after `since`: achieved with its time once `now` is there, else the
 * minutes still to go. With no quit time nothing is achieved and nothing counts down (remainingMinutes null).
 */
export const milestoneStatus = (milestones: readonly MilestoneDef[], since: Date | null, now: Date): MilestoneStatus[] =>
  [...milestones]
    .sort((a, b) => a.sort - b.sort || a.afterMinutes - b.afterMinutes)
    .map((m) => {
      if (!since) return { ...m, achieved: false, achievedAt: null, remainingMinutes: null };
      const at = new Date(since.getTime() + m.afterMinutes * MINUTE_MS);
      const achieved = at.getTime() <= now.getTime();
      return {
        ...m,
        achieved,
        achievedAt: achieved ? at.toISOString() : null,
        remainingMinutes: achieved ? 0 : Math.ceil((at.getTime() - now.getTime()) / MINUTE_MS),
      };
    });

/** Seed 003's recovery timeline (a range such as "2 周-3 个月" starts at its first bound), as editors first get it. */
export const DEFAULT_MILESTONES: readonly MilestoneDef[] = [
  { title: '心率和血压下降至正常水平', afterMinutes: 20, description: '戒烟 20 分钟后', sort: 10 },
  { title: '血液中一氧化碳浓度恢复正常', afterMinutes: 12 * 60, description: '戒烟 12 小时后', sort: 20 },
  { title: '肺功能开始改善', afterMinutes: 14 * 24 * 60, description: '戒烟 2 周-3 个月', sort: 30 },
  { title: '咳嗽减少、呼吸更顺畅', afterMinutes: 30 * 24 * 60, description: '戒烟 1-9 个月', sort: 40 },
  { title: '冠心病风险降低一半', afterMinutes: 365 * 24 * 60, description: '戒烟 1 年', sort: 50 },
  { title: '中风风险降至与不吸烟者相同', afterMinutes: 5 * 365 * 24 * 60, description: '戒烟 5 年', sort: 60 },
];
