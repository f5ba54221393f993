import Redis from 'ioredis';
import { getStrapi, setupStrapi, teardownStrapi, usingRedis } from '../helpers/strapi';
import { createRedisBoardStore, createSqlBoardStore, ensureTables, type BoardStore, type Placed, type PlacedRow } from '../../src/plugins/leaderboard/server/src/services/store';
import { encodeScore, percentile } from '../../src/plugins/leaderboard/server/src/domain/boards';

/**
 * The two board stores behind one interface pass the same tests: the SQL store always (SQLite in
 * `npm test`, PostgreSQL in `npm run test:services`), the Redis store whenever Redis is configured.
 */
let redis: Redis | null = null;
const backends: Array<[string, () => BoardStore]> = [['sql', () => createSqlBoardStore(getStrapi().db.connection)]];
if (usingRedis()) backends.push(['redis', () => createRedisBoardStore(redis as Redis)]);

beforeAll(async () => {
  await setupStrapi();
  await ensureTables(getStrapi().db.connection);
  if (usingRedis()) {
    redis = new Redis(String(process.env.REDIS_URL));
  }
});
afterAll(async () => {
  redis?.disconnect();
  await teardownStrapi();
});

const day = (d: number) => new Date(Date.UTC(2026, 10, d));
/** Placements on the given keys; the tag simply lists them, and `keysOf` reads it back. */
const on = (...entries: Array<[string, number]>): Placed => ({
  tag: entries.map(([key]) => key).join('\n'),
  placements: entries.map(([key, score]) => ({ key, score, expiresAt: null })),
});
const one = (key: string, score: number) => on([key, score]);
const off: Placed = { tag: '', placements: [] };
const keysOf = (tag: string) => (tag ? tag.split('\n') : []);
/** A rebuild row with one entry. */
const row = (key: string, score: number): PlacedRow => ({ tag: key, keys: [[key]], scores: Float64Array.from([score]), expiries: [null] });

describe.each(backends)('the %s store', (_name, make) => {
  let store: BoardStore;
  beforeAll(() => {
    store = make();
  });

  it('ranks by score, then who reached it first, then the larger user id; counts and pages', async () => {
    const key = 'lb:{total-days:province:A}:all';
    await store.place(
      new Map([
        [1, one(key, encodeScore(10, day(3)))],
        [2, one(key, encodeScore(10, day(1)))], // same score, reached earlier: ahead of 1
        [3, one(key, encodeScore(12, day(9)))],
        [4, one(key, encodeScore(10, day(3)))], // exactly tied with 1: the larger id first
        [5, one(key, encodeScore(1, day(1)))],
      ]),
      keysOf,
    );
    expect((await store.range(key, 0, 10)).map((entry) => entry.userId)).toEqual([3, 2, 4, 1, 5]);
    expect((await store.range(key, 1, 2)).map((entry) => entry.userId)).toEqual([2, 4]);
    expect(await store.range(key, 10, 5)).toEqual([]);
    expect(await store.count(key)).toBe(5);
    expect(await store.around(key, 4, 0)).toMatchObject({ rank: 3, score: encodeScore(10, day(3)) });
    expect(await store.around(key, 1, 0)).toMatchObject({ rank: 4 });
    expect((await store.around(key, 99, 0)).rank).toBeNull();
    expect(percentile(3, 5)).toBe(50);

    const page = await store.page(key, 1, 2);
    expect({ ids: page.entries.map((entry) => entry.userId), total: page.total }).toEqual({ ids: [2, 4], total: 5 });
    const mid = await store.around(key, 4, 1);
    expect({ ...mid, entries: mid.entries.map((entry) => entry.userId) }).toEqual({ rank: 3, score: encodeScore(10, day(3)), total: 5, firstRank: 2, entries: [2, 4, 1] });
    const top = await store.around(key, 3, 2);
    expect({ rank: top.rank, firstRank: top.firstRank, entries: top.entries.map((entry) => entry.userId) }).toEqual({ rank: 1, firstRank: 1, entries: [3, 2, 4] });
    expect(await store.around(key, 99, 1)).toEqual({ rank: null, score: 0, total: 5, firstRank: 0, entries: [] });
    expect(await store.around('lb:{total-days:province:Empty}:all', 1, 1)).toMatchObject({ rank: null, total: 0 });
  });

  it('keeps each user on exactly the boards last given, and takes them off all with none', async () => {
    const a = 'lb:{points-earned:city:X}:all';
    const b = 'lb:{points-earned:city:Y}:all';
    await store.place(new Map([[7, on([a, 5], [b, 5])], [8, one(a, 3)]]), keysOf);
    await store.place(new Map([[7, one(b, 6)]]), keysOf);
    expect((await store.range(a, 0, 10)).map((entry) => entry.userId)).toEqual([8]);
    expect(await store.range(b, 0, 10)).toEqual([{ userId: 7, score: 6 }]);
    await store.place(new Map([[7, off]]), keysOf);
    expect(await store.count(b)).toBe(0);
  });

  it('replaces every board at once on a rebuild, dropping boards nobody is on', async () => {
    const kept = 'lb:{total-days:national}:all';
    const dropped = 'lb:{total-days:province:Gone}:all';
    await store.place(new Map([[20, on([kept, 1], [dropped, 1])]]), keysOf);
    const { entries } = await store.replaceAll(async (write) => {
      await write(21, row(kept, 9));
      await write(22, row(kept, 4));
      await write(23, null);
    });
    expect(entries).toBe(2);
    expect(await store.range(kept, 0, 10)).toEqual([{ userId: 21, score: 9 }, { userId: 22, score: 4 }]);
    expect(await store.count(dropped)).toBe(0);
    // Placements after the rebuild still know where each user is.
    await store.place(new Map([[21, off]]), keysOf);
    expect(await store.range(kept, 0, 10)).toEqual([{ userId: 22, score: 4 }]);
  });

  it('holds a lock for one holder until released or lapsed', async () => {
    expect(await store.tryLock('contract', 'one', 60)).toBe(true);
    expect(await store.tryLock('contract', 'two', 60)).toBe(false);
    expect(await store.lockedBy('contract')).toBe('one');
    await store.unlock('contract', 'two'); // not the holder: nothing happens
    expect(await store.lockedBy('contract')).toBe('one');
    await store.unlock('contract', 'one');
    expect(await store.lockedBy('contract')).toBeNull();
    expect(await store.tryLock('contract', 'short', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await store.tryLock('contract', 'next', 60)).toBe(true);
    await store.unlock('contract', 'next');
  });

  it('puts one user on several boards in one call, and takes them off with a null score', async () => {
    const a = 'chb:{9001}';
    const b = 'chb:{9002}';
    await store.putScores(a, [{ userId: 30, score: 4 }]);
    await store.putScoresOnBoards([
      { key: a, userId: 31, score: 7 },
      { key: b, userId: 31, score: 2 },
      { key: a, userId: 30, score: 9 }, // an existing entry: its score replaced
    ]);
    expect(await store.range(a, 0, 10)).toEqual([{ userId: 30, score: 9 }, { userId: 31, score: 7 }]);
    expect(await store.range(b, 0, 10)).toEqual([{ userId: 31, score: 2 }]);
    await store.putScoresOnBoards([{ key: a, userId: 30, score: null }, { key: b, userId: 32, score: 5 }]);
    expect(await store.range(a, 0, 10)).toEqual([{ userId: 31, score: 7 }]);
    expect(await store.range(b, 0, 10)).toEqual([{ userId: 32, score: 5 }, { userId: 31, score: 2 }]);
    await store.putScoresOnBoards([]);
    expect(await store.count(b)).toBe(2);
  });

  it('keeps meta values', async () => {
    await store.setMeta('contract', 'first');
    await store.setMeta('contract', 'second');
    expect(await store.getMeta('contract')).toBe('second');
    expect(await store.getMeta('missing')).toBeNull();
  });
});

describe.each(backends)('the %s store lock', (_name, make) => {
  it('is kept alive by its holder and by nobody else', async () => {
    const store = make();
    expect(await store.tryLock('renewed', 'holder', 1)).toBe(true);
    expect(await store.extendLock('renewed', 'intruder', 60)).toBe(false);
    expect(await store.extendLock('renewed', 'holder', 60)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await store.tryLock('renewed', 'next', 60)).toBe(false);
    await store.unlock('renewed', 'holder');
  });
});

// The rebuild's bulk writer speaks the protocol itself: a refused command must fail the rebuild.
// (Redis only: `npm run test:services`.)
(usingRedis() ? ['socket', 'pipeline'] : []).forEach((kind) => describe(`the Redis bulk writer (${kind})`, () => {
  it('writes what it is given, and reports a refused command', async () => {
    const { openBulkWriter, pipelineBulkWriter } = await import('../../src/plugins/leaderboard/server/src/services/bulk-redis');
    const client = redis as Redis;
    await client.del('bulk:{ok}', 'bulk:{hash}', 'bulk:{string}');
    const bulk = kind === 'socket' ? await openBulkWriter(client) : pipelineBulkWriter(client);
    try {
      await bulk.zadd('bulk:{ok}', ['2', '000000a', '1', '000000b']);
      await bulk.hset('bulk:{hash}', ['1', '广东省/深圳市']);
      await bulk.settle();
      expect(await client.zrevrange('bulk:{ok}', 0, -1)).toEqual(['000000a', '000000b']);
      expect(await client.hget('bulk:{hash}', '1')).toBe('广东省/深圳市');
      await client.set('bulk:{string}', 'not a sorted set');
      await bulk.zadd('bulk:{string}', ['1', 'x']).catch(() => undefined);
      await expect(bulk.settle()).rejects.toThrow(/WRONGTYPE/);
    } finally {
      bulk.close();
    }
  });
}));
