import type { Core } from '@strapi/strapi';
import { keyValueStore } from '../../../../../services/key-value';
import { serviceUnavailableError } from '../../../../../utils/errors';
import { boardKey, decodeScore, percentile, type Metric, type Period, type PeriodKind, type Scope } from '../domain/boards';
import { createRedisBoardStore, createSqlBoardStore, ensureTables, type BoardStore, type Ranked } from './store';
import { getService } from '../utils/get-service';
import type { LeaderboardConfig } from '../config';
import { booleanColumn } from '../../../../gamification/server/src/utils/rows';

export type BoardRef = { metric: Metric; scope: Scope; region: string | null; period: PeriodKind };
export type Entry = { rank: number; userId: number; nickname: string | null; avatar: string | null; score: number; reachedAt: string };


type Profile = { nickname: string | null; avatar: string | null };
export type ProfileRow = { id: number; nickname: string | null; avatar: string | null; show_in_ranking: unknown; blocked: unknown; deleted_at: unknown };
const PROFILE_TTL_MS = 5000;
// Enough for the top 100 of every city board at once (a smaller cache emptied itself over and over).
const PROFILE_CACHE_SIZE = 200_000;
const PAGE_CACHE_SIZE = 10_000;

export type BoardPage = { period: Period; total: number; entries: Entry[] };
const showing = (page: BoardPage) => new Set(page.entries.map((entry) => entry.userId));

/**
 * Reading boards: the store chosen at boot (Redis sorted sets with REDIS_URL, the SQL table without),
 * a page of a board, and one user's place on it. Names and avatars come from the users table at read
 * time, for the users shown only; an account hidden since the board was written is left out.
 */
const boardsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let store: BoardStore | null = null;
  const config = () => strapi.config.get('plugin::leaderboard') as LeaderboardConfig;
  /** Pages by board key, offset and limit, with when they were read (see `page`). */
  /** `shows`: the users on the page once it is read (a profile change forgets only the pages showing them). */
  type CachedPage = { readAt: number; page: Promise<BoardPage>; refreshing: boolean; shows?: Set<number> };
  const pageCache = new Map<string, CachedPage>();
  const profileCache = new Map<number, { profile: Profile | null; until: number }>();
  const remember = (id: number, profile: Profile | null, now: number) => {
    if (profileCache.size >= PROFILE_CACHE_SIZE) profileCache.clear();
    profileCache.set(id, { profile, until: now + PROFILE_TTL_MS });
  };

  const service = {
    /** Pick and prepare the store (bootstrap). */
    async init(): Promise<BoardStore> {
      const redis = keyValueStore(strapi).redis;
      if (redis) {
        store = createRedisBoardStore(redis, async () => {
          if (redis.status === 'wait') await redis.connect().catch(() => undefined);
          if (redis.status !== 'ready') {
            throw serviceUnavailableError('Leaderboards are unavailable right now (their store cannot be reached); try again shortly', { reason: 'store_unavailable' });
          }
        });
      } else {
        await ensureTables(strapi.db.connection);
        store = createSqlBoardStore(strapi.db.connection);
      }
      return store;
    },

    store(): BoardStore {
      if (!store) throw new Error('leaderboard store used before bootstrap');
      return store;
    },

    /** The key of a board in its current period, and that period. */
    resolve(ref: BoardRef, now: Date): { key: string; period: Period } {
      const period = getService(strapi, 'scores').periods(now)[ref.period];
      return { key: boardKey(ref.metric, ref.scope, ref.scope === 'national' ? null : ref.region, period), period };
    },

    /**
     * Profiles of the users to show, visible accounts only. Kept for PROFILE_TTL_MS per user, so the
     * same top 100 read over and over does not ask the database each time; a hidden account leaves the
     * boards through the feed at once regardless, this only delays a new nickname or avatar.
     */
    async profiles(userIds: number[]): Promise<Map<number, Profile>> {
      const now = Date.now();
      const shown = new Map<number, Profile>();
      const missing: number[] = [];
      for (const id of userIds) {
        const cached = profileCache.get(id);
        if (cached && cached.until > now) {
          if (cached.profile) shown.set(id, cached.profile);
        } else missing.push(id);
      }
      if (missing.length > 0) {
        const rows: ProfileRow[] = await getService(strapi, 'scores').profileRows(missing);
        const found = new Set<number>();
        for (const row of rows) {
          const id = Number(row.id);
          found.add(id);
          const visible = booleanColumn(row.show_in_ranking) && !booleanColumn(row.blocked) && row.deleted_at === null;
          const profile = visible ? { nickname: row.nickname, avatar: row.avatar } : null;
          remember(id, profile, now);
          if (profile) shown.set(id, profile);
        }
        for (const id of missing) if (!found.has(id)) remember(id, null, now);
      }
      // The board still lists someone who is gone or hidden: correct it now (the feed reads the database).
      const stale = userIds.filter((id) => !shown.has(id));
      if (stale.length > 0) getService(strapi, 'feed').changed(stale);
      return shown;
    },

    /** Forget cached profiles (the users table changed them on this instance), and the pages showing them. */
    forgetProfiles(userIds: number[]) {
      for (const id of userIds) profileCache.delete(id);
      for (const [cacheKey, cached] of pageCache) {
        if (!cached.shows || userIds.some((id) => cached.shows?.has(id))) pageCache.delete(cacheKey);
      }
    },

    /** Forget cached pages: this instance has just written the boards (the feed, a rebuild). */
    forgetPages() {
      pageCache.clear();
    },

    async entries(ranked: Ranked[], firstRank: number): Promise<Entry[]> {
      const profiles = await service.profiles(ranked.map((entry) => entry.userId));
      const entries: Entry[] = [];
      ranked.forEach((entry, i) => {
        const profile = profiles.get(entry.userId);
        if (!profile) return;
        const { score, reachedAt } = decodeScore(entry.score);
        entries.push({ rank: firstRank + i, userId: entry.userId, nickname: profile.nickname, avatar: profile.avatar, score, reachedAt: reachedAt.toISOString() });
      });
      return entries;
    },

    /**
     * A page of a board, best first. Everyone reads the same top pages, so a page is kept: for
     * `pageCacheMs` (1 s) it is answered as it is; up to twice that it is still answered while one read
     * refreshes it in the background (nobody waits for the store under load); older, it is read again
     * first. One read per page is in flight however many ask. The same object is handed to every
     * reader, so it must not be changed.
     */
    page(ref: BoardRef, offset: number, limit: number, now: Date): Promise<BoardPage> {
      const { key, period } = service.resolve(ref, now);
      const read = async (): Promise<BoardPage> => {
        const { entries, total } = await service.store().page(key, offset, limit);
        return { period, total, entries: await service.entries(entries, offset + 1) };
      };
      const ttl = config().pageCacheMs;
      if (ttl <= 0) return read();
      const cacheKey = `${key}|${offset}|${limit}`;
      const at = Date.now();
      const cached = pageCache.get(cacheKey);
      if (cached && at - cached.readAt < ttl) return cached.page;
      if (cached && at - cached.readAt < 2 * ttl) {
        if (!cached.refreshing) {
          cached.refreshing = true;
          const next = read();
          // Swapped in once read; a failed refresh leaves the old page to age out.
          next.then(
            (read) => {
              if (pageCache.get(cacheKey) === cached) pageCache.set(cacheKey, { readAt: at, page: next, refreshing: false, shows: showing(read) });
            },
            () => undefined,
          );
        }
        return cached.page;
      }
      const page = read();
      if (pageCache.size >= PAGE_CACHE_SIZE) pageCache.clear();
      const entry: CachedPage = { readAt: at, page, refreshing: false };
      pageCache.set(cacheKey, entry);
      page.then(
        (read) => {
          entry.shows = showing(read);
        },
        () => {
          // A failed read is not kept.
          if (pageCache.get(cacheKey) === entry) pageCache.delete(cacheKey);
        },
      );
      return page;
    },

    /** One user's place on a board, with `around` users above and below. */
    async placeOf(ref: BoardRef, userId: number, around: number, now: Date) {
      const { key, period } = service.resolve(ref, now);
      const mine = await service.store().around(key, userId, around);
      const total = mine.total;
      if (mine.rank === null) return { period, total, rank: null, score: 0, reachedAt: null, percentile: null, above: [] as Entry[], below: [] as Entry[] };
      const entries = await service.entries(mine.entries, mine.firstRank);
      const { score, reachedAt } = decodeScore(mine.score);
      const rank = mine.rank;
      return {
        period,
        total,
        rank,
        score,
        reachedAt: reachedAt.toISOString(),
        percentile: percentile(rank, total),
        above: entries.filter((entry) => entry.rank < rank),
        below: entries.filter((entry) => entry.rank > rank),
      };
    },
  };
  return service;
};

export type BoardsService = ReturnType<typeof boardsService>;
export default boardsService;
