import { addDays, lastDayOfMonth, weekStart, type Weekday } from '../../../../../utils/calendar';
import { localDayFor } from '../../../../../utils/clock';

/**
 * Leaderboard boards (issue 6, seed 003): metric x scope x period, and how a score with its tie-break
 * is kept in one sortable number. Pure: the storage backends (Redis sorted sets, SQL) build on these.
 */
export const METRICS = ['total-days', 'consecutive-days', 'points-earned'] as const;
export type Metric = (typeof METRICS)[number];
export const SCOPES = ['national', 'province', 'city', 'district', 'challenge'] as const;
export type Scope = (typeof SCOPES)[number];
export const PERIODS = ['all', 'week', 'month'] as const;
export type PeriodKind = (typeof PERIODS)[number];

export type Period = { kind: PeriodKind; id: string; startsOn: string | null; endsOn: string | null };

/**
 * The period holding `instant` in `timezone`: all-time, the calendar week (from `weekStartsOn`, ISO 1 =
 * Monday) or the calendar month. `startsOn` / `endsOn` are local dates, inclusive.
 */
export const periodAt = (kind: PeriodKind, instant: Date, timezone = 'Asia/Shanghai', weekStartsOn: Weekday = 1): Period => {
  const today = localDayFor({ timezone, dayStartHour: 0 }, instant);
  if (kind === 'all') return { kind, id: 'all', startsOn: null, endsOn: null };
  if (kind === 'month') {
    const month = today.slice(0, 7);
    return { kind, id: month, startsOn: `${month}-01`, endsOn: lastDayOfMonth(month) };
  }
  const start = weekStart(today, weekStartsOn);
  return { kind, id: `w${start}`, startsOn: start, endsOn: addDays(start, 6) };
};

/**
 * The Redis key of a board in a period. The braces are a Redis Cluster hash tag: all periods of one
 * board land on one slot. `region` is the region code for regional scopes, the challenge id for
 * challenge boards, and nothing for the national one.
 */
export const boardKey = (metric: Metric, scope: Scope, region: string | null, period: Period): string => {
  if (scope !== 'national' && !region) throw new Error(`a ${scope} board needs its region`);
  const board = scope === 'national' ? `${metric}:national` : `${metric}:${scope}:${region}`;
  return `lb:{${board}}:${period.id}`;
};

/**
 * Ties go to whoever reached the score first. A sorted set orders by one double, so the score and the
 * moment it was reached share it: score x 2^32 plus the seconds left until 2156 from 2020 (earlier
 * means larger). Exact for scores below 2^20 (1,048,576 days or points), as a double holds 53 bits.
 */
const EPOCH_SECONDS = Date.UTC(2020, 0, 1) / 1000;
const TIME_SPAN = 2 ** 32;
export const MAX_SCORE = 2 ** 20 - 1;

export const encodeScore = (score: number, reachedAt: Date): number => {
  if (!Number.isInteger(score) || score < 0 || score > MAX_SCORE) throw new RangeError(`score ${score} is outside 0..${MAX_SCORE}`);
  if (Number.isNaN(reachedAt.getTime())) throw new RangeError('reachedAt is not a date');
  const seconds = Math.min(TIME_SPAN - 1, Math.max(0, Math.floor(reachedAt.getTime() / 1000 - EPOCH_SECONDS)));
  return score * TIME_SPAN + (TIME_SPAN - 1 - seconds);
};

export const decodeScore = (encoded: number): { score: number; reachedAt: Date } => {
  const score = Math.floor(encoded / TIME_SPAN);
  const seconds = TIME_SPAN - 1 - (encoded - score * TIME_SPAN);
  return { score, reachedAt: new Date((EPOCH_SECONDS + seconds) * 1000) };
};

/** The share of the board's other users ranked below `rank` (1 = first), in percent, one decimal. */
export const percentile = (rank: number, total: number): number => {
  if (total <= 1) return 100;
  return Math.round(((total - rank) / (total - 1)) * 1000) / 10;
};
