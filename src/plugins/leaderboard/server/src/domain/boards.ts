import { addDays, lastDayOfMonth, weekStart, type Weekday } from '../../../../../utils/calendar';
import { localDayFor, startOfLocalDay } from '../../../../../utils/clock';

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
  if (kind === 'all') return { kind, id: 'all', startsOn: null, endsOn: null };
  const today = localDayFor({ timezone, dayStartHour: 0 }, instant);
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

/** The instants a period covers, [from, to): for the ledger, whose rows carry instants, not days. */
export const periodInstants = (period: Period, timezone: string): { from: Date; to: Date } | null => {
  if (!period.startsOn || !period.endsOn) return null;
  return { from: startOfLocalDay(period.startsOn, timezone), to: startOfLocalDay(addDays(period.endsOn, 1), timezone) };
};

/** When a period's boards may go: a day after it ends, so a board read just after midnight still answers. */
export const periodExpiry = (period: Period, timezone: string): Date | null =>
  period.endsOn ? startOfLocalDay(addDays(period.endsOn, 2), timezone) : null;

export type Regions = { province: string | null; city: string | null; district: string | null };

/**
 * A user's region on a regional scope, as a path: `广东省`, `广东省/深圳市`, `广东省/深圳市/南山区`
 * (district names repeat across cities, so each level carries its parents). Null when the profile
 * lacks a level.
 */
export const regionPath = (scope: 'province' | 'city' | 'district', regions: Regions): string | null => {
  const levels = [regions.province, regions.city, regions.district].map((level) => (level ?? '').trim());
  const depth = scope === 'province' ? 1 : scope === 'city' ? 2 : 3;
  const parts = levels.slice(0, depth);
  return parts.every((part) => part.length > 0) ? parts.join('/') : null;
};

/** A region path as the API accepts it: 1 to 3 levels of at most 50 characters, no braces. */
export const REGION_PATTERN = /^[^{}/\s][^{}/]{0,49}(\/[^{}/\s][^{}/]{0,49}){0,2}$/u;

export type ScoreKey = `${Metric}:${PeriodKind}`;
export type Reached = { score: number; reachedAt: Date };
export type UserScores = {
  userId: number;
  /** Shown in rankings, not blocked, not deleted. */
  visible: boolean;
  regions: Regions;
  /** Challenges the user takes part in (ids), each a board of the challenge scope. */
  challenges: string[];
  scores: Partial<Record<ScoreKey, Reached>>;
};
export type Placement = { key: string; score: number; expiresAt: Date | null };
/**
 * A user's entries, and a short tag naming the boards they are on (`national`, `city:广东省/深圳市` ...,
 * one per line): the store keeps the tag, and the next update takes the user off every key of the old
 * tag's boards that the new placements do not name (a move, a hidden account, a week score back to zero).
 */
export type Placed = { tag: string; placements: Placement[] };

/**
 * The same as a row, for the rebuild's million users: the (shared) keys of each metric-period's boards,
 * and per metric-period the encoded score or -1. No object per entry, which the rebuild's time was
 * mostly spent collecting.
 */
export type PlacedRow = {
  tag: string;
  /** keys[i]: the board keys of metric-period i (METRIC_PERIODS order); shared between users. */
  keys: readonly (readonly string[])[];
  /** scores[i]: the encoded score on metric-period i's boards, or -1 for none. */
  scores: Float64Array;
  /** expiries[i]: when metric-period i's keys may go. */
  expiries: readonly (Date | null)[];
};
type Board = { scope: Scope; region: string | null };

const boardsOf = (user: UserScores): Board[] => {
  if (!user.visible) return [];
  const boards: Board[] = [{ scope: 'national', region: null }];
  for (const scope of ['province', 'city', 'district'] as const) {
    const region = regionPath(scope, user.regions);
    if (region) boards.push({ scope, region });
  }
  for (const challenge of user.challenges) boards.push({ scope: 'challenge', region: challenge });
  return boards;
};

const tagOf = (boards: Board[]): string => boards.map((board) => (board.region === null ? board.scope : `${board.scope}:${board.region}`)).join('\n');

const boardsOfTag = (tag: string): Board[] =>
  tag
    ? tag.split('\n').map((line) => {
        const at = line.indexOf(':');
        return at < 0 ? { scope: line as Scope, region: null } : { scope: line.slice(0, at) as Scope, region: line.slice(at + 1) };
      })
    : [];

export const METRIC_PERIODS = METRICS.flatMap((metric) => PERIODS.map((kind) => ({ metric, kind, score: `${metric}:${kind}` as ScoreKey })));

/**
 * Placing users in the periods in force: `place(user)` gives every board entry a user has now (for each
 * metric and period with a score above zero: the national board, their province, city and district, and
 * their challenges'; nothing when hidden), `keysOf(tag)` every key a tag's boards have. Keys are built
 * once per region and shared (a rebuild places a million users in a few thousand regions).
 */
export const createPlacer = (periods: Record<PeriodKind, Period>, timezone: string) => {
  const expiries = Object.fromEntries(PERIODS.map((kind) => [kind, periodExpiry(periods[kind], timezone)])) as Record<PeriodKind, Date | null>;
  /** tag → keys[metric-period index][board index] */
  const keyCache = new Map<string, string[][]>();
  const keysByTag = (tag: string, boards: Board[]): string[][] => {
    let keys = keyCache.get(tag);
    if (!keys) {
      keys = METRIC_PERIODS.map(({ metric, kind }) => boards.map((board) => boardKey(metric, board.scope, board.region, periods[kind])));
      if (keyCache.size > 100_000) keyCache.clear();
      keyCache.set(tag, keys);
    }
    return keys;
  };

  const expiryByIndex = METRIC_PERIODS.map(({ kind }) => expiries[kind]);
  /** Region triple (and challenges) → tag and boards, so most users cost one Map lookup. */
  const boardsCache = new Map<string, { tag: string; boards: Board[] }>();
  const boardsFor = (user: UserScores) => {
    const { province, city, district } = user.regions;
    const id = `${province ?? ''}\u0001${city ?? ''}\u0001${district ?? ''}\u0001${user.challenges.join(',')}`;
    let found = boardsCache.get(id);
    if (!found) {
      const boards = boardsOf({ ...user, visible: true });
      found = { tag: tagOf(boards), boards };
      if (boardsCache.size > 100_000) boardsCache.clear();
      boardsCache.set(id, found);
    }
    return found;
  };

  return {
    /** The user's entries as one row (the rebuild); null when hidden or with no score anywhere. */
    row(user: UserScores): PlacedRow | null {
      if (!user.visible) return null;
      const scores = new Float64Array(METRIC_PERIODS.length).fill(-1);
      let any = false;
      for (let i = 0; i < METRIC_PERIODS.length; i += 1) {
        const reached = user.scores[METRIC_PERIODS[i].score];
        if (!reached || reached.score <= 0) continue;
        scores[i] = encodeScore(Math.min(reached.score, MAX_SCORE), reached.reachedAt);
        any = true;
      }
      if (!any) return null;
      const { tag, boards } = boardsFor(user);
      return { tag, keys: keysByTag(tag, boards), scores, expiries: expiryByIndex };
    },

    place(user: UserScores): Placed {
      const boards = boardsOf(user);
      if (boards.length === 0) return { tag: '', placements: [] };
      const tag = tagOf(boards);
      const keys = keysByTag(tag, boards);
      const placements: Placement[] = [];
      METRIC_PERIODS.forEach(({ kind, score: scoreKey }, i) => {
        const reached = user.scores[scoreKey];
        if (!reached || reached.score <= 0) return;
        const score = encodeScore(Math.min(reached.score, MAX_SCORE), reached.reachedAt);
        for (const key of keys[i]) placements.push({ key, score, expiresAt: expiries[kind] });
      });
      return { tag, placements };
    },
    keysOf(tag: string): string[] {
      if (!tag) return [];
      return keysByTag(tag, boardsOfTag(tag)).flat();
    },
  };
};
export type Placer = ReturnType<typeof createPlacer>;
