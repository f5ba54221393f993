import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import DataLoader from 'dataloader';
import { localDayFor } from '../../../../../utils/clock';
import { isPostgres } from '../../../../../utils/dialect';
import { addDays } from '../../../../../utils/calendar';
import { EARNED_SQL } from '../../../../gamification/server/src/domain/earned';
import { booleanColumn, calendarDate } from '../../../../gamification/server/src/utils/rows';
import { periodAt, periodInstants, PERIODS, type Period, type PeriodKind, type Reached, type UserScores } from '../domain/boards';
import type { LeaderboardConfig } from '../config';
import { getService as gamification } from '../../../../gamification/server/src/utils/get-service';
import { PROFILE_COLUMNS, PROFILES } from '../statements';
import type { ProfileRow } from './boards';

/**
 * What the boards are computed from: the database, the source of truth (DESIGN invariant 7). The update
 * feed reads a few users, the rebuild reads everyone, through the same code, so both give the same ranks.
 * - total days: all time from the user's counter; a week or month counts the distinct local days with a
 *   check-in in it (a makeup counts for the day it made up);
 * - consecutive days: the user's current run (zero once a day was missed, in the user's own timezone);
 *   on the week and month boards, the runs whose last check-in falls in that period;
 * - points earned: all time from the user's counter (kept by the ledger); a week or month sums the
 *   ledger's earning rows in it (gamification domain/earned.ts).
 * Tie-break: when each score was reached (the counters' *_reached_at columns; the first check-in of the
 * latest counted day; the latest earning row).
 */
export type ChallengeSource = (userIds: number[] | null) => Promise<Map<number, string[]>>;

type UserRow = {
  id: number;
  province: string | null;
  city: string | null;
  district: string | null;
  show_in_ranking: unknown;
  blocked: unknown;
  deleted_at: unknown;
  timezone: string | null;
  day_start_hour: number | null;
  total_check_in_days: number | null;
  consecutive_days: number | null;
  last_check_in_date: unknown;
  points_earned: number | null;
  days_reached_at: unknown;
  streak_reached_at: unknown;
  points_reached_at: unknown;
};

const PLAIN_COLUMNS = [
  'id', 'province', 'city', 'district', 'show_in_ranking', 'blocked', 'deleted_at', 'timezone', 'day_start_hour',
  'total_check_in_days', 'consecutive_days', 'last_check_in_date', 'points_earned',
];
const INSTANT_COLUMNS = ['days_reached_at', 'streak_reached_at', 'points_reached_at'];
const BATCH = 5000;
const EARLIEST = new Date(0);

const instant = (value: unknown): Date => (value === null || value === undefined ? EARLIEST : new Date(value as string | number));

export type Periods = Record<PeriodKind, Period>;

/**
 * Rows by id, the lookups of concurrent requests batched into one query: every request that asks in
 * one turn of the event loop (all those whose bytes arrived together) shares a statement, so under load
 * a read costs a fraction of a database round trip. Nothing is cached here (`cache: false`).
 */
const batchedById = <T extends { id: unknown }>(load: (ids: number[]) => Promise<T[]>) =>
  new DataLoader<number, T | undefined>(
    async (ids) => {
      const byId = new Map<number, T>();
      for (const row of await load([...new Set(ids)])) if (!byId.has(Number(row.id))) byId.set(Number(row.id), row);
      return ids.map((id) => byId.get(id));
    },
    { cache: false, maxBatchSize: 1000, batchScheduleFn: (run) => setImmediate(run) },
  );

const scoresService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  const config = () => strapi.config.get('plugin::leaderboard') as LeaderboardConfig;
  let challengeSource: ChallengeSource | null = null;
  /**
   * The user columns; on PostgreSQL the instants come as epoch milliseconds (as SQLite stores them), which
   * spares node-postgres parsing three timestamps per user on a rebuild's million rows.
   */
  const userColumns = () => {
    if (!isPostgres(knex())) return [...PLAIN_COLUMNS, ...INSTANT_COLUMNS];
    return [...PLAIN_COLUMNS, ...INSTANT_COLUMNS.map((column) => knex().raw(`(extract(epoch from ??) * 1000)::float8 AS ??`, [column, column]))];
  };

  /** Distinct check-in days per user in a period, and when the latest of them was first checked in. */
  const daysIn = async (period: Period, userIds: number[] | null): Promise<Map<number, Reached>> => {
    const firsts = knex()('check_ins')
      .select('user_id', 'local_date')
      .min({ first_at: 'created_at' })
      .whereNotNull('user_id')
      .andWhere('local_date', '>=', period.startsOn as string)
      .andWhere('local_date', '<=', period.endsOn as string)
      .groupBy('user_id', 'local_date');
    if (userIds) firsts.whereIn('user_id', userIds);
    const rows: Array<{ user_id: number; days: number | string; reached_at: unknown }> = await knex()
      .from(firsts.as('d'))
      .select('user_id')
      .count({ days: '*' })
      .max({ reached_at: 'first_at' })
      .groupBy('user_id');
    return new Map(rows.map((row) => [Number(row.user_id), { score: Number(row.days), reachedAt: instant(row.reached_at) }]));
  };

  /** Points earned per user in a period, and when the latest earning row was written. */
  const pointsIn = async (period: Period, userIds: number[] | null): Promise<Map<number, Reached>> => {
    const range = periodInstants(period, config().timezone);
    if (!range) return new Map();
    const earned = EARNED_SQL();
    const query = knex()('points_ledger')
      .select('user_id')
      .select(knex().raw(`coalesce(sum(${earned}), 0) AS earned`))
      .select(knex().raw(`max(CASE WHEN ${earned} <> 0 THEN created_at END) AS reached_at`))
      .whereNotNull('user_id')
      .andWhere('created_at', '>=', range.from)
      .andWhere('created_at', '<', range.to)
      .groupBy('user_id');
    if (userIds) query.whereIn('user_id', userIds);
    const rows: Array<{ user_id: number; earned: number | string; reached_at: unknown }> = await query;
    return new Map(rows.map((row) => [Number(row.user_id), { score: Number(row.earned), reachedAt: instant(row.reached_at) }]));
  };

  type PeriodData = { days: Map<number, Reached>; points: Map<number, Reached> };
  const periodData = async (periods: Periods, userIds: number[] | null): Promise<Record<'week' | 'month', PeriodData>> => {
    const [weekDays, weekPoints, monthDays, monthPoints] = await Promise.all([
      daysIn(periods.week, userIds),
      pointsIn(periods.week, userIds),
      daysIn(periods.month, userIds),
      pointsIn(periods.month, userIds),
    ]);
    return { week: { days: weekDays, points: weekPoints }, month: { days: monthDays, points: monthPoints } };
  };

  /** Today and yesterday per (timezone, day start), computed once per distinct pair. */
  const dayCache = (now: Date) => {
    const cache = new Map<string, [string, string]>();
    return (timezone: string | null, dayStartHour: number | null): [string, string] => {
      const key = `${timezone}|${dayStartHour}`;
      let days = cache.get(key);
      if (!days) {
        const today = localDayFor({ timezone, dayStartHour }, now);
        days = [today, addDays(today, -1)];
        cache.set(key, days);
      }
      return days;
    };
  };

  const toScores = (
    row: UserRow,
    periods: Periods,
    data: Record<'week' | 'month', PeriodData>,
    challenges: Map<number, string[]>,
    days: ReturnType<typeof dayCache>,
  ): UserScores => {
    const userId = Number(row.id);
    const [today, yesterday] = days(row.timezone, row.day_start_hour);
    const last = row.last_check_in_date ? calendarDate(row.last_check_in_date) : null;
    const streakAlive = last === today || last === yesterday;
    const streak: Reached = { score: streakAlive ? Number(row.consecutive_days ?? 0) : 0, reachedAt: instant(row.streak_reached_at) };
    const scores: UserScores['scores'] = {
      'total-days:all': { score: Number(row.total_check_in_days ?? 0), reachedAt: instant(row.days_reached_at) },
      'consecutive-days:all': streak,
      'points-earned:all': { score: Number(row.points_earned ?? 0), reachedAt: instant(row.points_reached_at) },
    };
    for (const kind of ['week', 'month'] as const) {
      const period = periods[kind];
      const daysInPeriod = data[kind].days.get(userId);
      const pointsInPeriod = data[kind].points.get(userId);
      if (daysInPeriod) scores[`total-days:${kind}`] = daysInPeriod;
      if (pointsInPeriod) scores[`points-earned:${kind}`] = pointsInPeriod;
      if (last && last >= (period.startsOn as string) && last <= (period.endsOn as string)) scores[`consecutive-days:${kind}`] = streak;
    }
    return {
      userId,
      visible: booleanColumn(row.show_in_ranking) && !booleanColumn(row.blocked) && (row.deleted_at === null || row.deleted_at === undefined),
      regions: { province: row.province, city: row.city, district: row.district },
      challenges: challenges.get(userId) ?? [],
      scores,
    };
  };

  const sqlFor = () => gamification(strapi, 'sql');
  const profileRows = batchedById<ProfileRow>(async (ids) => {
    if (sqlFor().isPostgres()) return sqlFor().rows<ProfileRow>(PROFILES, [ids]);
    return knex()('up_users').whereIn('id', ids).select(PROFILE_COLUMNS);
  });
  let periodsMemo: { minute: number; periods: Periods } | null = null;

  const service = {
    /** Names, avatars and visibility of these users (the boards' read path); missing users are left out. */
    async profileRows(userIds: number[]): Promise<ProfileRow[]> {
      const rows = await profileRows.loadMany(userIds);
      return rows.filter((row): row is ProfileRow => row !== undefined && !(row instanceof Error));
    },

    /** The periods in force at `now` on the board calendar. */
    periods(now: Date): Periods {
      // Periods turn over at local midnight, which falls on a whole minute in every timezone in use:
      // once a minute is enough (every read asks).
      const minute = Math.floor(now.getTime() / 60_000);
      if (periodsMemo?.minute === minute) return periodsMemo.periods;
      const { timezone, weekStartsOn } = config();
      const periods = Object.fromEntries(PERIODS.map((kind) => [kind, periodAt(kind, now, timezone, weekStartsOn as never)])) as Periods;
      periodsMemo = { minute, periods };
      return periods;
    },

    /**
     * Where developers plug in challenge membership (the community feature): given user ids (or null for
     * everyone), the ids of the challenges each takes part in. Each becomes a `challenge` scope board.
     */
    setChallengeSource(source: ChallengeSource | null) {
      challengeSource = source;
    },

    /** The scores of these users now; a user missing from the result no longer exists. */
    async forUsers(userIds: number[], now: Date): Promise<Map<number, UserScores>> {
      if (userIds.length === 0) return new Map();
      const periods = service.periods(now);
      const [rows, data, challenges] = await Promise.all([
        knex()('up_users').whereIn('id', userIds).select(userColumns()) as Promise<UserRow[]>,
        periodData(periods, userIds),
        challengeSource ? challengeSource(userIds) : Promise.resolve(new Map<number, string[]>()),
      ]);
      const days = dayCache(now);
      return new Map(rows.map((row) => [Number(row.id), toScores(row, periods, data, challenges, days)]));
    },

    /** Every user's scores, in batches in id order (the rebuild). */
    async forEveryone(now: Date, onBatch: (batch: UserScores[]) => Promise<void>): Promise<number> {
      const periods = service.periods(now);
      const [data, challenges] = await Promise.all([
        periodData(periods, null),
        challengeSource ? challengeSource(null) : Promise.resolve(new Map<number, string[]>()),
      ]);
      const days = dayCache(now);
      const page = (after: number): Promise<UserRow[]> =>
        knex()('up_users').where('id', '>', after).orderBy('id').limit(BATCH).select(userColumns());
      let users = 0;
      let rows = await page(0);
      while (rows.length > 0) {
        // The next batch is read while this one is placed.
        const next = rows.length === BATCH ? page(Number(rows[rows.length - 1].id)) : Promise.resolve([] as UserRow[]);
        next.catch(() => undefined); // awaited below; this only keeps a failure during onBatch from going unhandled
        users += rows.length;
        await onBatch(rows.map((row) => toScores(row, periods, data, challenges, days)));
        rows = await next;
      }
      return users;
    },
  };
  return service;
};

export type ScoresService = ReturnType<typeof scoresService>;
export default scoresService;
