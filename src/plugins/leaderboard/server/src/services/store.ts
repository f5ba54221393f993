import type { Knex } from 'knex';
import type { Placed, PlacedRow, Placement } from '../domain/boards';
import type Redis from 'ioredis';
import { isPostgres } from '../../../../../utils/dialect';
import { openBulkWriter } from './bulk-redis';

/**
 * Where boards are kept: one interface, two implementations chosen at boot (DESIGN: every Redis-backed
 * feature has both, and both pass the same tests, tests/e2e/leaderboard-store.test.ts).
 * - Redis: one sorted set per board and period (`lb:{board}:period`, see domain/boards.ts), the member
 *   being the user id; a hash `lb:placed` remembers which boards each user is on, so a region change or
 *   a hidden account leaves no entry behind.
 * - SQL: one table of (board, user, score) rows with an index in rank order.
 *
 * Scores are encoded (domain/boards.ts encodeScore): larger is better, and equal encoded scores are
 * ordered by user id, larger first, in both stores (Redis orders equal scores by member, so members are
 * fixed-width to compare like numbers).
 */
export type { Placed, PlacedRow, Placement };
export type Ranked = { userId: number; score: number };

export interface BoardStore {
  readonly backend: 'redis' | 'sql';
  /**
   * Put each user on exactly the entries given and off every other key of their previous and new tags'
   * boards (`keysOf` lists a tag's keys); no placements take them off all.
   */
  place(users: ReadonlyMap<number, Placed>, keysOf: (tag: string) => string[]): Promise<void>;
  /** Entries from `offset` (0-based), best first. */
  range(key: string, offset: number, limit: number): Promise<Ranked[]>;
  count(key: string): Promise<number>;
  /** A page and the board's size, in one round trip where the store allows. */
  page(key: string, offset: number, limit: number): Promise<{ entries: Ranked[]; total: number }>;
  /**
   * The user's place with `around` entries on each side (the user included), and the board's size, in
   * one round trip where the store allows; `rank` null when the user is not on the board.
   */
  around(key: string, userId: number, around: number): Promise<{ rank: number | null; score: number; total: number; firstRank: number; entries: Ranked[] }>;
  /** Replace every board at once with what `fill` writes (the rebuild); readers see the old boards until then. */
  replaceAll(fill: (write: (userId: number, row: PlacedRow | null) => void | Promise<void>) => Promise<void>): Promise<{ entries: number }>;
  /**
   * The users placed since the last call: a rebuild starts by clearing it and ends by placing those users
   * again from the database, so an update made while it ran is not overwritten by its older snapshot.
   */
  takeTouched(): Promise<number[]>;
  getMeta(name: string): Promise<string | null>;
  setMeta(name: string, value: string): Promise<void>;
  /**
   * A lock shared by every instance (the rebuild's): set `value` under `name` unless it is held; it
   * lapses after `seconds` whatever happens to its holder. True when this call took it.
   */
  tryLock(name: string, value: string, seconds: number): Promise<boolean>;
  /** Push the lock's lapse `seconds` from now if `value` still holds it; false when it no longer does. */
  extendLock(name: string, value: string, seconds: number): Promise<boolean>;
  /** Release the lock if `value` still holds it. */
  unlock(name: string, value: string): Promise<void>;
  /** The value holding the lock, or null. */
  lockedBy(name: string): Promise<string | null>;
  /**
   * Set (or with a null score remove) users' scores on one board directly, outside `place`'s per-user
   * bookkeeping; `replace` first empties the board. For boards another plugin keeps in its own namespace
   * (the challenges' boards: a Redis key outside `lb:`, or their own SQL table), which `place` and
   * `replaceAll` never touch.
   */
  putScores(key: string, scores: ReadonlyArray<{ userId: number; score: number | null }>, options?: { replace?: boolean }): Promise<void>;
  /**
   * `putScores` across several boards in one store round trip where the store allows (a Redis pipeline;
   * one multi-row upsert in SQL): for a writer that changes one user's place on many boards at once (a
   * check-in moving its habit's challenges). Each entry is applied as `putScores` would; no replace.
   */
  putScoresOnBoards(entries: ReadonlyArray<BoardScore>): Promise<void>;
}

/** One user's score on one board; a null score takes them off it. */
export type BoardScore = { key: string; userId: number; score: number | null };

/** Fixed-width base 36 (0-9 sort before a-z), so members compare like the ids they encode; short on the wire. */
const member = (userId: number) => userId.toString(36).padStart(7, '0');
const fromMember = (value: string) => parseInt(value, 36);
const toRanked = (flat: string[]): Ranked[] => {
  const entries: Ranked[] = [];
  for (let i = 0; i < flat.length; i += 2) entries.push({ userId: fromMember(flat[i]), score: Number(flat[i + 1]) });
  return entries;
};

/**
 * One user's place in one round trip: rank, score, size and the neighbours, read atomically by a script
 * on the board's key alone (so it runs on a Cluster too).
 */
type AroundCommand = (key: string, member: string, around: number) => Promise<unknown>;
const AROUND_SCRIPT = `
local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
local total = redis.call('ZCARD', KEYS[1])
if not rank then return {false, false, total, false} end
local n = tonumber(ARGV[2])
local from = rank - n
if from < 0 then from = 0 end
return {rank, redis.call('ZSCORE', KEYS[1], ARGV[1]), total, redis.call('ZREVRANGE', KEYS[1], from, rank + n, 'WITHSCORES')}`;

// ---------------------------------------------------------------------------------------------- Redis

const PLACED = 'lb:placed';
const TOUCHED = 'lb:touched';
const TOUCHED_TTL_SECONDS = 3600;
const META = 'lb:meta';
const NEXT = ':next';
/** Members per ZADD while rebuilding. */
const ZADD_BATCH = 1000;

/**
 * `ready` is awaited before every command: it connects a client that has not connected yet and throws
 * (a 503 for the API) while Redis cannot be reached, rather than queueing commands or failing the boot.
 */
export const createRedisBoardStore = (redis: Redis, ready: () => Promise<void> = async () => undefined): BoardStore => {
  // EVALSHA with a fallback to EVAL, as ioredis does for defined commands.
  if (!(redis as Redis & { lbAround?: AroundCommand }).lbAround) redis.defineCommand('lbAround', { numberOfKeys: 1, lua: AROUND_SCRIPT });
  const expireArgs = (placement: Placement): number | null =>
    placement.expiresAt ? Math.ceil(placement.expiresAt.getTime() / 1000) : null;

  return {
    backend: 'redis',

    async place(users, keysOf) {
      await ready();
      if (users.size === 0) return;
      const ids = [...users.keys()];
      const before = await redis.hmget(PLACED, ...ids.map(String));
      const pipeline = redis.pipeline();
      ids.forEach((userId, i) => {
        const { tag, placements } = users.get(userId) ?? { tag: '', placements: [] };
        const keys = new Set(placements.map((placement) => placement.key));
        const candidates = new Set([...keysOf(before[i] ?? ''), ...keysOf(tag)]);
        for (const key of candidates) if (!keys.has(key)) pipeline.zrem(key, member(userId));
        for (const placement of placements) {
          pipeline.zadd(placement.key, placement.score, member(userId));
          const at = expireArgs(placement);
          if (at !== null) pipeline.expireat(placement.key, at);
        }
        if (placements.length > 0) pipeline.hset(PLACED, String(userId), tag);
        else pipeline.hdel(PLACED, String(userId));
      });
      pipeline.sadd(TOUCHED, ...ids.map(String));
      pipeline.expire(TOUCHED, TOUCHED_TTL_SECONDS);
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
    },

    async range(key, offset, limit) {
      await ready();
      if (limit <= 0) return [];
      return toRanked(await redis.zrevrange(key, offset, offset + limit - 1, 'WITHSCORES'));
    },

    async count(key) {
      await ready();
      return redis.zcard(key);
    },

    async page(key, offset, limit) {
      await ready();
      const results = (await redis.pipeline().zrevrange(key, offset, offset + Math.max(limit, 1) - 1, 'WITHSCORES').zcard(key).exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
      return { entries: limit > 0 ? toRanked(results[0][1] as string[]) : [], total: Number(results[1][1]) };
    },

    async around(key, userId, around) {
      await ready();
      const [rank, score, total, flat] = (await (redis as Redis & { lbAround: AroundCommand }).lbAround(key, member(userId), around)) as [
        number | null, string | null, number, string[] | null,
      ];
      if (rank === null || rank === undefined || (rank as unknown) === false) return { rank: null, score: 0, total: Number(total), firstRank: 0, entries: [] };
      return { rank: Number(rank) + 1, score: Number(score), total: Number(total), firstRank: Math.max(0, Number(rank) - around) + 1, entries: toRanked(flat ?? []) };
    },

    async replaceAll(fill) {
      await ready();
      // Every board is written under `<key>:next` (same hash tag, same slot), then renamed over the live
      // key in one MULTI, with the boards nobody is on any more deleted in the same MULTI.
      const staging = new Map<string, string[]>();
      const expiries = new Map<string, number | null>();
      const written = new Set<string>();
      const placed: string[] = [];
      let entries = 0;

      // Leftovers of an interrupted rebuild would mix into this one.
      const leftovers = await scanKeys(redis, `lb:*${NEXT}`);
      await redis.del(`${PLACED}${NEXT}`, ...leftovers);

      const bulk = await openBulkWriter(redis);
      try {
        const flushKey = async (key: string) => {
          const args = staging.get(key);
          if (!args || args.length === 0) return;
          staging.set(key, []);
          await bulk.zadd(`${key}${NEXT}`, args);
        };
        await fill(async (userId, row) => {
          if (!row) return;
          const id = member(userId);
          for (let i = 0; i < row.keys.length; i += 1) {
            if (row.scores[i] < 0) continue;
            // Formatted once for all of this metric-period's boards.
            const score = String(row.scores[i]);
            for (const key of row.keys[i]) {
              let args = staging.get(key);
              if (!args) {
                args = [];
                staging.set(key, args);
                const expiresAt = row.expiries[i];
                expiries.set(key, expiresAt ? Math.ceil(expiresAt.getTime() / 1000) : null);
                written.add(key);
              }
              args.push(score, id);
              entries += 1;
              if (args.length >= ZADD_BATCH * 2) await flushKey(key);
            }
          }
          placed.push(String(userId), row.tag);
          if (placed.length >= ZADD_BATCH * 2) await bulk.hset(`${PLACED}${NEXT}`, placed.splice(0));
        });
        for (const key of staging.keys()) await flushKey(key);
        if (placed.length > 0) await bulk.hset(`${PLACED}${NEXT}`, placed.splice(0));
        await bulk.settle();
      } finally {
        bulk.close();
      }

      const live = (await scanKeys(redis, 'lb:{*')).filter((key) => !key.endsWith(NEXT));
      const swap = redis.multi();
      for (const key of live) if (!written.has(key)) swap.del(key);
      for (const key of written) {
        swap.rename(`${key}${NEXT}`, key);
        const at = expiries.get(key);
        if (at !== null && at !== undefined) swap.expireat(key, at);
      }
      if (written.size === 0) swap.del(PLACED);
      else swap.rename(`${PLACED}${NEXT}`, PLACED);
      const results = (await swap.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
      return { entries };
    },

    async takeTouched() {
      await ready();
      const [[error, ids]] = ((await redis.multi().smembers(TOUCHED).del(TOUCHED).exec()) ?? []) as Array<[Error | null, string[]]>;
      if (error) throw error;
      return ids.map(Number);
    },

    async getMeta(name) {
      await ready();
      return redis.hget(META, name);
    },
    async setMeta(name, value) {
      await ready();
      await redis.hset(META, name, value);
    },
    async tryLock(name, value, seconds) {
      await ready();
      return (await redis.set(`lb:lock:${name}`, value, 'EX', seconds, 'NX')) === 'OK';
    },
    async extendLock(name, value, seconds) {
      await ready();
      const extended = await redis.eval(
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('expire', KEYS[1], ARGV[2]) end return 0",
        1, `lb:lock:${name}`, value, String(seconds),
      );
      return Number(extended) === 1;
    },
    async unlock(name, value) {
      await ready();
      // Compare and delete in one step: a lock that lapsed and was taken by another holder stays theirs.
      await redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0", 1, `lb:lock:${name}`, value);
    },
    async lockedBy(name) {
      await ready();
      return redis.get(`lb:lock:${name}`);
    },
    async putScores(key, scores, options = {}) {
      await ready();
      const batch = redis.multi();
      if (options.replace) batch.del(key);
      for (const { userId, score } of scores) {
        if (score === null) batch.zrem(key, member(userId));
        else batch.zadd(key, score, member(userId));
      }
      const results = (await batch.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
    },
    async putScoresOnBoards(entries) {
      await ready();
      if (entries.length === 0) return;
      // A pipeline, not a MULTI: the boards are in different hash slots (each ZADD / ZREM is atomic by
      // itself, and nothing reads two boards together).
      const pipeline = redis.pipeline();
      for (const { key, userId, score } of entries) {
        if (score === null) pipeline.zrem(key, member(userId));
        else pipeline.zadd(key, score, member(userId));
      }
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
    },
  };
};

const scanKeys = async (redis: Redis, pattern: string): Promise<string[]> => {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  return keys;
};

// ------------------------------------------------------------------------------------------------ SQL

/** A row's entries as (key, score) pairs. */
const rowEntries = (row: PlacedRow | null): Array<{ key: string; score: number }> => {
  if (!row) return [];
  const entries: Array<{ key: string; score: number }> = [];
  row.keys.forEach((keys, i) => {
    if (row.scores[i] >= 0) for (const key of keys) entries.push({ key, score: row.scores[i] });
  });
  return entries;
};

export const ENTRIES_TABLE = 'leaderboard_entries';
export const META_TABLE = 'leaderboard_meta';
const INSERT_BATCH = 500;

/**
 * The SQL store's tables are the plugin's own (not content types: nobody edits them, and a rebuild
 * rewrites them wholesale). Created at boot when missing; Strapi's schema sync leaves them alone.
 */
export const ensureTables = async (knex: Knex, entriesTable: string = ENTRIES_TABLE) => {
  if (!(await knex.schema.hasTable(entriesTable))) {
    await knex.schema.createTable(entriesTable, (table) => {
      table.string('board', 255).notNullable();
      table.integer('user_id').notNullable();
      table.double('score').notNullable();
      table.primary(['board', 'user_id']);
      table.index(['board', 'score', 'user_id'], `${entriesTable}_rank_idx`);
      table.index(['user_id'], `${entriesTable}_user_idx`);
    });
  }
  if (!(await knex.schema.hasTable(META_TABLE))) {
    await knex.schema.createTable(META_TABLE, (table) => {
      table.string('name', 64).primary();
      table.text('value').notNullable();
      table.timestamp('expires_at', { useTz: true }).nullable();
    });
  }
};

/** `entriesTable`: another plugin's boards live in their own table (see `putScores`); the meta table is shared. */
export const createSqlBoardStore = (knex: Knex, entriesTable: string = ENTRIES_TABLE): BoardStore => {
  const ENTRIES_TABLE = entriesTable;
  const upsertMeta = (db: Knex | Knex.Transaction, name: string, value: string) =>
    db(META_TABLE).insert({ name, value, expires_at: null }).onConflict('name').merge(['value', 'expires_at']);

  const insertRows = async (db: Knex | Knex.Transaction, rows: Array<{ board: string; user_id: number; score: number }>) => {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) await db(ENTRIES_TABLE).insert(rows.slice(i, i + INSERT_BATCH));
  };

  /** The user's 1-based rank and score, or null when they are not on the board. */
  const rankOf = async (key: string, userId: number): Promise<{ rank: number; score: number } | null> => {
    const mine = await knex(ENTRIES_TABLE).where({ board: key, user_id: userId }).first('score');
    if (!mine) return null;
    const score = Number(mine.score);
    const ahead = await knex(ENTRIES_TABLE)
      .where({ board: key })
      .andWhere((where) => where.where('score', '>', score).orWhere((tie) => tie.where('score', '=', score).andWhere('user_id', '>', userId)))
      .count({ n: '*' })
      .first();
    return { rank: Number(ahead?.n ?? 0) + 1, score };
  };

  const store: BoardStore = {
    backend: 'sql',

    async place(users) {
      if (users.size === 0) return;
      await knex.transaction(async (trx) => {
        const ids = [...users.keys()];
        await trx(ENTRIES_TABLE).whereIn('user_id', ids).delete();
        const rows = ids.flatMap((userId) => (users.get(userId)?.placements ?? []).map((p) => ({ board: p.key, user_id: userId, score: p.score })));
        // An upsert: a rebuild committing in between may have written these rows again.
        for (let i = 0; i < rows.length; i += INSERT_BATCH) {
          await trx(ENTRIES_TABLE).insert(rows.slice(i, i + INSERT_BATCH)).onConflict(['board', 'user_id']).merge(['score']);
        }
      });
    },

    async range(key, offset, limit) {
      if (limit <= 0) return [];
      const rows: Array<{ user_id: number; score: number }> = await knex(ENTRIES_TABLE)
        .where({ board: key })
        .orderBy([{ column: 'score', order: 'desc' }, { column: 'user_id', order: 'desc' }])
        .offset(offset)
        .limit(limit)
        .select('user_id', 'score');
      return rows.map((row) => ({ userId: Number(row.user_id), score: Number(row.score) }));
    },

    async count(key) {
      const row = await knex(ENTRIES_TABLE).where({ board: key }).count({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },

    async page(key, offset, limit) {
      const [entries, total] = await Promise.all([store.range(key, offset, limit), store.count(key)]);
      return { entries, total };
    },

    async around(key, userId, around) {
      const [mine, total] = await Promise.all([rankOf(key, userId), store.count(key)]);
      if (!mine) return { rank: null, score: 0, total, firstRank: 0, entries: [] };
      const from = Math.max(0, mine.rank - 1 - around);
      const entries = await store.range(key, from, mine.rank + around - from);
      return { rank: mine.rank, score: mine.score, total, firstRank: from + 1, entries };
    },

    async replaceAll(fill) {
      // One transaction: readers keep seeing the old rows until it commits. On PostgreSQL the scores are
      // read on other pooled connections while the transaction writes; SQLite has one connection, so
      // there the rows are gathered first (development-sized data) and written after.
      let entries = 0;
      const gatherFirst = !isPostgres(knex);
      const gathered: Array<{ board: string; user_id: number; score: number }> = [];
      if (gatherFirst) {
        await fill((userId, row) => {
          for (const entry of rowEntries(row)) gathered.push({ board: entry.key, user_id: userId, score: entry.score });
        });
      }
      await knex.transaction(async (trx) => {
        await trx(ENTRIES_TABLE).delete();
        if (gatherFirst) {
          await insertRows(trx, gathered);
          entries = gathered.length;
          return;
        }
        let rows: Array<{ board: string; user_id: number; score: number }> = [];
        await fill(async (userId, row) => {
          const placements = rowEntries(row);
          for (const p of placements) rows.push({ board: p.key, user_id: userId, score: p.score });
          entries += placements.length;
          if (rows.length >= INSERT_BATCH * 10) {
            await insertRows(trx, rows);
            rows = [];
          }
        });
        await insertRows(trx, rows);
      });
      if (isPostgres(knex)) await knex.raw(`ANALYZE ${ENTRIES_TABLE}`);
      return { entries };
    },

    async takeTouched() {
      // An update that runs during a rebuild waits for the rebuild's transaction (it deleted every row
      // first, so the update's DELETE blocks) and then writes over it: nothing to replay.
      return [];
    },

    async getMeta(name) {
      const row = await knex(META_TABLE).where({ name }).first('value');
      return row ? String(row.value) : null;
    },
    async setMeta(name, value) {
      await upsertMeta(knex, name, value);
    },
    async tryLock(name, value, seconds) {
      const key = `lock:${name}`;
      const now = new Date();
      await knex(META_TABLE).where({ name: key }).andWhere('expires_at', '<=', now).delete();
      // The primary key decides between instances that try at once: one insert wins, the others conflict.
      const inserted = await knex(META_TABLE)
        .insert({ name: key, value, expires_at: new Date(now.getTime() + seconds * 1000) })
        .onConflict('name')
        .ignore()
        .returning('name');
      return inserted.length === 1;
    },
    async extendLock(name, value, seconds) {
      const updated = await knex(META_TABLE)
        .where({ name: `lock:${name}`, value })
        .update({ expires_at: new Date(Date.now() + seconds * 1000) });
      return Number(updated) === 1;
    },
    async unlock(name, value) {
      await knex(META_TABLE).where({ name: `lock:${name}`, value }).delete();
    },
    async lockedBy(name) {
      const row = await knex(META_TABLE).where({ name: `lock:${name}` }).andWhere('expires_at', '>', new Date()).first('value');
      return row ? String(row.value) : null;
    },
    async putScores(key, scores, options = {}) {
      await knex.transaction(async (trx) => {
        if (options.replace) await trx(ENTRIES_TABLE).where({ board: key }).delete();
        const gone = scores.filter((entry) => entry.score === null).map((entry) => entry.userId);
        if (gone.length > 0) await trx(ENTRIES_TABLE).where({ board: key }).whereIn('user_id', gone).delete();
        const rows = scores.flatMap((entry) => (entry.score === null ? [] : [{ board: key, user_id: entry.userId, score: entry.score }]));
        for (let i = 0; i < rows.length; i += INSERT_BATCH) {
          await trx(ENTRIES_TABLE).insert(rows.slice(i, i + INSERT_BATCH)).onConflict(['board', 'user_id']).merge(['score']);
        }
      });
    },
    async putScoresOnBoards(entries) {
      const gone = entries.filter((entry) => entry.score === null).map((entry) => [entry.key, entry.userId]);
      const rows = entries.flatMap((entry) => (entry.score === null ? [] : [{ board: entry.key, user_id: entry.userId, score: entry.score }]));
      const upsert = (db: Knex | Knex.Transaction, chunk: typeof rows) => db(ENTRIES_TABLE).insert(chunk).onConflict(['board', 'user_id']).merge(['score']);
      // The usual case, scores only and few of them: one statement, atomic by itself, no transaction.
      if (gone.length === 0 && rows.length <= INSERT_BATCH) {
        if (rows.length > 0) await upsert(knex, rows);
        return;
      }
      await knex.transaction(async (trx) => {
        for (let i = 0; i < gone.length; i += INSERT_BATCH) await trx(ENTRIES_TABLE).whereIn(['board', 'user_id'], gone.slice(i, i + INSERT_BATCH)).delete();
        for (let i = 0; i < rows.length; i += INSERT_BATCH) await upsert(trx, rows.slice(i, i + INSERT_BATCH));
      });
    },
  };
  return store;
};
