import crypto from 'node:crypto';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { checkIn, newHabit } from '../helpers/habits';
import { board, eventually, flushStore, leaderboard, myPlace, rebuild, setCounters, setMembership, snapshot } from '../helpers/leaderboard';
import { createPlacer } from '../../src/plugins/leaderboard/server/src/domain/boards';
import { backfillRankingCounters } from '../../src/plugins/gamification/server/src/bootstrap';

/**
 * Leaderboards (issue 6, seed 003) over HTTP: ranks and percentiles on hand-built data, the update feed
 * after check-ins and profile changes, hidden / blocked / deleted accounts, the membership gate, and the
 * rebuild giving back exactly what was there. On SQLite with the SQL store (npm test) and on PostgreSQL
 * with Redis sorted sets (npm run test:services).
 */
const province = () => `测试省${crypto.randomBytes(3).toString('hex')}`;
const at = (iso: string) => new Date(iso);

/** A user in `region` (province, city, district) with the given all-time check-in days reached at `reachedAt`. */
const ranked = async (region: [string, string?, string?], days: number, reachedAt: string, extra: Record<string, unknown> = {}) => {
  const user = await createUser();
  await setCounters(user, {
    province: region[0], city: region[1] ?? null, district: region[2] ?? null,
    total_check_in_days: days, days_reached_at: at(reachedAt), ...extra,
  });
  return user;
};

beforeAll(async () => {
  await setupStrapi();
});
afterAll(teardownStrapi);

describe('ranks and percentiles', () => {
  it('orders by score, then by who reached it first, with percentiles and neighbours', async () => {
    const p = province();
    const first = await ranked([p], 30, '2026-11-01T10:00:00Z');
    const tieEarly = await ranked([p], 20, '2026-11-02T08:00:00Z');
    const tieLate = await ranked([p], 20, '2026-11-03T08:00:00Z');
    const last = await ranked([p], 5, '2026-11-04T08:00:00Z');
    await ranked([p], 0, '2026-11-04T08:00:00Z'); // no days: not on the board
    await rebuild();

    const res = await board(first, 'total-days', { scope: 'province', limit: 10 }).expect(200);
    expect(res.body.data.map((entry: { score: number }) => entry.score)).toEqual([30, 20, 20, 5]);
    expect(res.body.data.map((entry: { rank: number }) => entry.rank)).toEqual([1, 2, 3, 4]);
    expect(res.body.data[0]).toMatchObject({ isMe: true, score: 30, reachedAt: '2026-11-01T10:00:00.000Z' });
    expect(res.body.meta).toMatchObject({ board: { metric: 'total-days', scope: 'province', region: p, period: { kind: 'all' } }, pagination: { limit: 10, offset: 0, total: 4 } });
    // Nothing private: no user id, no openid.
    expect(Object.keys(res.body.data[0]).sort()).toEqual(['avatar', 'isMe', 'nickname', 'rank', 'reachedAt', 'score']);

    const early = (await myPlace(tieEarly, 'total-days', { scope: 'province' }).expect(200)).body.data;
    expect(early).toMatchObject({ rank: 2, score: 20, total: 4, percentile: 66.7 });
    expect(early.above.map((e: { score: number }) => e.score)).toEqual([30]);
    expect(early.below.map((e: { rank: number; score: number }) => [e.rank, e.score])).toEqual([[3, 20]]);
    expect((await myPlace(tieLate, 'total-days', { scope: 'province', around: 2 }).expect(200)).body.data).toMatchObject({ rank: 3, percentile: 33.3 });
    expect((await myPlace(last, 'total-days', { scope: 'province' }).expect(200)).body.data).toMatchObject({ rank: 4, percentile: 0, below: [] });
    expect((await myPlace(first, 'total-days', { scope: 'province' }).expect(200)).body.data).toMatchObject({ rank: 1, percentile: 100, above: [] });

    // Pages: offset and limit.
    const second = await board(first, 'total-days', { scope: 'province', limit: 2, offset: 2 }).expect(200);
    expect(second.body.data.map((entry: { rank: number; score: number }) => [entry.rank, entry.score])).toEqual([[3, 20], [4, 5]]);
  });

  it('breaks a tie within the same second by user id, the same way on both stores', async () => {
    const p = province();
    const a = await ranked([p], 7, '2026-11-05T00:00:00Z');
    const b = await ranked([p], 7, '2026-11-05T00:00:00Z');
    await rebuild();
    const res = await board(a, 'total-days', { scope: 'province' }).expect(200);
    expect(res.body.data.map((entry: { isMe: boolean }) => entry.isMe)).toEqual([b.id > a.id ? false : true, b.id > a.id ? true : false]);
    expect((await myPlace(b, 'total-days', { scope: 'province' }).expect(200)).body.data.rank).toBe(b.id > a.id ? 1 : 2);
  });

  it('has city and district boards named by their parents, and the caller\'s own region by default', async () => {
    const p = province();
    const here = await ranked([p, '南京市', '玄武区'], 3, '2026-11-01T00:00:00Z');
    const sameNameElsewhere = await ranked([p, '苏州市', '玄武区'], 9, '2026-11-01T00:00:00Z');
    await rebuild();
    const district = await board(here, 'total-days', { scope: 'district' }).expect(200);
    expect(district.body.meta.board.region).toBe(`${p}/南京市/玄武区`);
    expect(district.body.data).toHaveLength(1);
    expect(district.body.data[0].isMe).toBe(true);
    const other = await board(here, 'total-days', { scope: 'city', region: `${p}/苏州市` }).expect(200);
    expect(other.body.data).toHaveLength(1);
    expect(other.body.data[0].score).toBe(9);
    expect((await board(sameNameElsewhere, 'total-days', { scope: 'province' }).expect(200)).body.data).toHaveLength(2);
  });
});

describe('many readers at once', () => {
  it('gives twenty concurrent readers each their own place, and the same page with only their own entry marked', async () => {
    const p = province();
    const users: TestUser[] = [];
    for (let i = 0; i < 20; i += 1) users.push(await ranked([p], 100 - i, '2026-11-01T00:00:00Z', { nickname: `读者${i}` }));
    await rebuild();

    // Their lookups (the caller, the neighbours' names) share database statements: each must get its own row back.
    const [places, pages] = await Promise.all([
      Promise.all(users.map((user) => myPlace(user, 'total-days', { scope: 'province' }).expect(200))),
      Promise.all(users.map((user) => board(user, 'total-days', { scope: 'province', limit: 10 }).expect(200))),
    ]);
    places.forEach((res, i) => {
      expect(res.body.data).toMatchObject({ rank: i + 1, score: 100 - i, total: 20 });
      if (i > 0) expect(res.body.data.above).toEqual([expect.objectContaining({ rank: i, score: 101 - i, nickname: `读者${i - 1}`, isMe: false })]);
    });
    pages.forEach((res, i) => {
      const marked = res.body.data.filter((entry: { isMe: boolean }) => entry.isMe).map((entry: { rank: number }) => entry.rank);
      expect(marked).toEqual(i < 10 ? [i + 1] : []);
      expect(res.body.data.map(({ isMe: _isMe, ...entry }: { isMe: boolean }) => entry)).toEqual(
        pages[0].body.data.map(({ isMe: _isMe, ...entry }: { isMe: boolean }) => entry),
      );
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    });
  });

  it('keeps a page for pageCacheMs, and forgets it as soon as this instance writes the boards', async () => {
    const strapi = getStrapi();
    const before = strapi.config.get('plugin::leaderboard.pageCacheMs');
    strapi.config.set('plugin::leaderboard.pageCacheMs', 60_000);
    try {
      const p = province();
      const reader = await ranked([p], 5, '2026-11-01T00:00:00Z');
      await rebuild();
      expect((await board(reader, 'total-days', { scope: 'province' }).expect(200)).body.meta.pagination.total).toBe(1);

      // Another instance's feed places a user: this instance answers from its page until it writes itself.
      const elsewhere = await ranked([p], 9, '2026-11-01T00:00:00Z');
      const scores = leaderboard('scores');
      const now = new Date();
      const placer = createPlacer(scores.periods(now), 'Asia/Shanghai');
      const found = await scores.forUsers([elsewhere.id], now);
      await leaderboard('boards').store().place(new Map([[elsewhere.id, placer.place(found.get(elsewhere.id)!)]]), placer.keysOf);
      expect((await board(reader, 'total-days', { scope: 'province' }).expect(200)).body.meta.pagination.total).toBe(1);

      const here = await createUser();
      await setCounters(here, { province: p });
      await checkIn(here, await newHabit(here)).expect(201);
      const fresh = await eventually(async () => (await board(reader, 'total-days', { scope: 'province' }).expect(200)).body, (body) => body.meta.pagination.total === 3, 3000);
      expect(fresh.data.map((entry: { score: number }) => entry.score)).toEqual([9, 5, 1]);

      // A new name through this instance (an editor's, in the admin) shows at once on the pages that show its owner.
      await strapi.db.query('plugin::users-permissions.user').update({ where: { id: here.id }, data: { nickname: '改了名' } });
      const renamed = (await board(reader, 'total-days', { scope: 'province' }).expect(200)).body.data;
      expect(renamed.map((entry: { nickname: string }) => entry.nickname)).toContain('改了名');
    } finally {
      strapi.config.set('plugin::leaderboard.pageCacheMs', before);
    }
  });

  it('refreshes a page older than pageCacheMs in the background, and reads one older than twice that first', async () => {
    const strapi = getStrapi();
    const before = strapi.config.get('plugin::leaderboard.pageCacheMs');
    strapi.config.set('plugin::leaderboard.pageCacheMs', 1000);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      const p = province();
      const reader = await ranked([p], 5, '2026-11-01T00:00:00Z');
      await rebuild();
      const total = async () => (await board(reader, 'total-days', { scope: 'province' }).expect(200)).body.meta.pagination.total as number;
      expect(await total()).toBe(1);

      // Written by another instance (straight to the store): this one's page knows nothing of it.
      const placeElsewhere = async (days: number) => {
        const user = await ranked([p], days, '2026-11-01T00:00:00Z');
        const scores = leaderboard('scores');
        const now = new Date();
        const placer = createPlacer(scores.periods(now), 'Asia/Shanghai');
        const found = await scores.forUsers([user.id], now);
        await leaderboard('boards').store().place(new Map([[user.id, placer.place(found.get(user.id)!)]]), placer.keysOf);
      };
      await placeElsewhere(9);
      await sleep(1200);
      expect(await total()).toBe(1); // stale, answered at once; its refresh is under way
      expect(await eventually(total, (n) => n === 2, 500)).toBe(2);

      await placeElsewhere(8);
      await sleep(2100);
      expect(await total()).toBe(3); // too old to answer: read first
    } finally {
      strapi.config.set('plugin::leaderboard.pageCacheMs', before);
    }
  });
});

describe('the update feed', () => {
  it('puts a check-in on every board of the user within moments, and takes an undone one off', async () => {
    const p = province();
    const user = await createUser();
    await setCounters(user, { province: p, city: '杭州市', district: '西湖区' });
    const habit = await newHabit(user);
    const done = await checkIn(user, habit).expect(201);

    for (const period of ['all', 'week', 'month']) {
      for (const scope of ['province', 'city', 'district']) {
        const mine = await eventually(
          async () => (await myPlace(user, 'total-days', { scope, period }).expect(200)).body.data,
          (data) => data.rank === 1,
        );
        expect(mine).toMatchObject({ rank: 1, score: 1, total: 1 });
      }
      const points = await eventually(async () => (await myPlace(user, 'points-earned', { scope: 'province', period }).expect(200)).body.data, (d) => d.score > 0);
      expect(points.score).toBeGreaterThan(0);
      expect((await myPlace(user, 'consecutive-days', { scope: 'province', period }).expect(200)).body.data.score).toBe(1);
    }

    await http().delete(`/api/check-ins/${done.body.data.documentId}`).set(user.auth).expect(204);
    const after = await eventually(async () => (await myPlace(user, 'total-days', { scope: 'province' }).expect(200)).body.data, (d) => d.rank === null);
    expect(after).toMatchObject({ rank: null, score: 0, total: 0, percentile: null });
    expect((await myPlace(user, 'points-earned', { scope: 'province', period: 'week' }).expect(200)).body.data.rank).toBeNull();
  });

  it('counts points earned, not the balance: spending leaves the board alone', async () => {
    const p = province();
    const user = await createUser();
    await setCounters(user, { province: p });
    const habit = await newHabit(user);
    await checkIn(user, habit).expect(201);
    const earned = await eventually(async () => (await myPlace(user, 'points-earned', { scope: 'province' }).expect(200)).body.data, (d) => d.score > 0);
    // A spend (an admin deduction; a draw would cost more than one check-in earns): the balance drops, the board does not.
    const ledger = getStrapi().plugin('gamification').service('ledger');
    const { balance } = await ledger.balance(user.id);
    await ledger.apply(getStrapi().db.connection, user.id, [{ amount: -1, reason: 'admin-deduct' }], new Date());
    expect((await ledger.balance(user.id)).balance).toBe(balance - 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await myPlace(user, 'points-earned', { scope: 'province' }).expect(200)).body.data.score).toBe(earned.score);
  });

  it('moves a user between boards when their region changes, and leaves nothing behind', async () => {
    const p = province();
    const mover = await ranked([p, '广州市'], 4, '2026-11-01T00:00:00Z');
    const stayer = await ranked([p, '深圳市'], 2, '2026-11-01T00:00:00Z');
    await rebuild();
    await http().put('/api/me').set(mover.auth).send({ city: '深圳市' }).expect(200);
    const shenzhen = await eventually(
      async () => (await board(stayer, 'total-days', { scope: 'city' }).expect(200)).body,
      (body) => body.meta.pagination.total === 2,
    );
    expect(shenzhen.data.map((entry: { score: number }) => entry.score)).toEqual([4, 2]);
    expect((await board(stayer, 'total-days', { scope: 'city', region: `${p}/广州市` }).expect(200)).body.meta.pagination.total).toBe(0);
  });
});

describe('the ranking counters', () => {
  it('are filled once from the ledger and the check-ins for users who had them before the counters existed', async () => {
    const strapi = getStrapi();
    const user = await createUser();
    await checkIn(user, await newHabit(user)).expect(201);
    const users = () => strapi.db.connection('up_users').where({ id: user.id });
    const COUNTERS = ['points_earned', 'points_reached_at', 'days_reached_at', 'streak_reached_at'];
    const kept = await users().first(COUNTERS);
    expect(Number(kept.points_earned)).toBeGreaterThan(0);

    // As an account from before the counters: history, but nothing counted.
    await users().update({ points_earned: 0, points_reached_at: null, days_reached_at: null, streak_reached_at: null });
    const flag = strapi.store({ type: 'plugin', name: 'gamification', key: 'ranking-counters-backfilled' });
    await flag.set({ value: false });
    await backfillRankingCounters(strapi);
    const filled = await users().first(COUNTERS);
    expect(Number(filled.points_earned)).toBe(Number(kept.points_earned));
    for (const column of ['points_reached_at', 'days_reached_at', 'streak_reached_at']) {
      expect({ column, at: new Date(filled[column]).getTime() }).toEqual({ column, at: new Date(kept[column]).getTime() });
    }

    // Once only: a later boot leaves the counters alone.
    await users().update({ points_earned: 0, points_reached_at: null });
    await backfillRankingCounters(strapi);
    expect(Number((await users().first('points_earned')).points_earned)).toBe(0);
    await users().update({ points_earned: kept.points_earned, points_reached_at: kept.points_reached_at });
  });
});

describe('hidden, blocked and deleted users', () => {
  const onBoard = async (viewer: TestUser, p: string) =>
    (await board(viewer, 'total-days', { scope: 'province', region: p, limit: 100 }).expect(200)).body.meta.pagination.total as number;

  it('disappear from every board at once, and a rebuild does not bring them back', async () => {
    const p = province();
    const viewer = await ranked([p], 1, '2026-11-01T00:00:00Z');
    const hiding = await ranked([p], 5, '2026-11-01T00:00:00Z');
    const blocked = await ranked([p], 6, '2026-11-01T00:00:00Z');
    const leaving = await ranked([p], 7, '2026-11-01T00:00:00Z');
    await rebuild();
    expect(await onBoard(viewer, p)).toBe(4);

    await http().put('/api/me').set(hiding.auth).send({ showInRanking: false }).expect(200);
    // An admin blocks through the Content Manager, i.e. the Document Service.
    const users = getStrapi().db.query('plugin::users-permissions.user');
    await users.update({ where: { id: blocked.id }, data: { blocked: true } });
    await http().delete('/api/me').set(leaving.auth).expect(200);
    expect(await eventually(() => onBoard(viewer, p), (n) => n === 1)).toBe(1);
    const names = (await board(viewer, 'total-days', { scope: 'province', region: p }).expect(200)).body.data.map((e: { isMe: boolean }) => e.isMe);
    expect(names).toEqual([true]);

    await rebuild();
    expect(await onBoard(viewer, p)).toBe(1);
    const national = (await leaderboard('boards').page({ metric: 'total-days', scope: 'national', region: null, period: 'all' }, 0, 100_000, new Date())).entries;
    expect(national.map((entry) => entry.userId)).not.toEqual(expect.arrayContaining([hiding.id]));
    expect(national.map((entry) => entry.userId)).not.toContain(blocked.id);
    expect(national.map((entry) => entry.userId)).not.toContain(leaving.id);

    await http().put('/api/me').set(hiding.auth).send({ showInRanking: true }).expect(200);
    expect(await eventually(() => onBoard(viewer, p), (n) => n === 2)).toBe(2);
  });

  it('cannot read the boards themselves: a blocked or deleted account with a valid token gets 401', async () => {
    const p = province();
    const blocked = await ranked([p], 3, '2026-11-01T00:00:00Z');
    const leaving = await ranked([p], 4, '2026-11-01T00:00:00Z');
    await board(blocked, 'total-days', { scope: 'province' }).expect(200); // the caller is now cached
    await getStrapi().db.query('plugin::users-permissions.user').update({ where: { id: blocked.id }, data: { blocked: true } });
    expect((await board(blocked, 'total-days', { scope: 'province' }).expect(401)).body.error.message).toMatch(/blocked or deleted/);
    await myPlace(blocked, 'total-days', { scope: 'province' }).expect(401);
    await http().delete('/api/me').set(leaving.auth).expect(200);
    await myPlace(leaving, 'total-days', { scope: 'province' }).expect(401);
  });

  it('are never shown even while a board still lists them', async () => {
    const p = province();
    const viewer = await ranked([p], 1, '2026-11-01T00:00:00Z');
    const hidden = await ranked([p], 9, '2026-11-01T00:00:00Z');
    await rebuild();
    // Hidden behind the feed's back (a raw write): the read leaves them out all the same.
    await setCounters(hidden, { show_in_ranking: false });
    const res = await board(viewer, 'total-days', { scope: 'province' }).expect(200);
    expect(res.body.data.every((entry: { score: number }) => entry.score !== 9)).toBe(true);
  });
});

describe('the membership gate', () => {
  it('keeps the national board for vip and ai members, with a message saying how to unlock it', async () => {
    const free = await ranked([province()], 1, '2026-11-01T00:00:00Z');
    const refused = await board(free, 'total-days', { scope: 'national' }).expect(403);
    expect(refused.body.error).toMatchObject({
      message: expect.stringMatching(/会员.*(vip|VIP).*upgrade/),
      details: { reason: 'membership_required', required: ['vip', 'ai'], current: 'free' },
    });
    await myPlace(free, 'total-days').expect(403); // national is the default scope
    await board(free, 'total-days', { scope: 'province' }).expect(200);
    // A membership bought a moment ago (a redeem code writes the row directly) opens it at once.
    await setMembership(free, 'vip');
    await board(free, 'total-days', { scope: 'national' }).expect(200);

    const vip = await ranked([province()], 1, '2026-11-01T00:00:00Z');
    await setMembership(vip, 'vip');
    await board(vip, 'total-days', { scope: 'national' }).expect(200);
    const lapsed = await ranked([province()], 1, '2026-11-01T00:00:00Z');
    await setMembership(lapsed, 'ai', new Date(Date.now() - 1000));
    await board(lapsed, 'total-days').expect(403);
  });
});

describe('bad input', () => {
  it('gets a clear 4xx', async () => {
    const user = await ranked([province()], 1, '2026-11-01T00:00:00Z');
    const noRegion = await createUser();
    const cases: Array<[string, Record<string, string | number>, number, RegExp]> = [
      ['steps', {}, 400, /metric is one of/],
      ['total-days', { scope: 'planet' }, 400, /scope is one of/],
      ['total-days', { scope: 'province', period: 'year' }, 400, /period is one of/],
      ['total-days', { scope: 'province', limit: 101 }, 400, /limit/],
      ['total-days', { scope: 'province', limit: 'ten' }, 400, /whole number/],
      ['total-days', { scope: 'province', offset: -1 }, 400, /offset/],
      ['total-days', { scope: 'province', sort: 'score' }, 400, /Unrecognized key/],
      ['total-days', { scope: 'city', region: '浙江省' }, 400, /2 level/],
      ['total-days', { scope: 'province', region: 'a{b}' }, 400, /region is a path/],
      ['total-days', { scope: 'challenge' }, 400, /challenge id/],
    ];
    for (const [metric, query, status, message] of cases) {
      const res = await board(user, metric, query).expect(status);
      expect(res.body).toMatchObject({ data: null, error: { status, message: expect.stringMatching(message) } });
    }
    expect((await board(noRegion, 'total-days', { scope: 'city' }).expect(400)).body.error.details.reason).toBe('no_region');
    await http().get('/api/leaderboards/total-days').query({ scope: 'province' }).expect(401);
    await http().get('/api/leaderboards/total-days').query({ scope: 'province' }).set({ Authorization: 'Bearer nope' }).expect(401);
  });
});

describe('challenge boards', () => {
  it('rank the members a challenge source names', async () => {
    const p = province();
    const a = await ranked([p], 3, '2026-11-01T00:00:00Z');
    const b = await ranked([p], 8, '2026-11-01T00:00:00Z');
    const outsider = await ranked([p], 50, '2026-11-01T00:00:00Z');
    const members = new Map([[a.id, ['c-42']], [b.id, ['c-42']]]);
    leaderboard('scores').setChallengeSource(async (ids) => new Map([...members].filter(([id]) => !ids || ids.includes(id))));
    try {
      await rebuild();
      const res = await board(outsider, 'total-days', { scope: 'challenge', region: 'c-42' }).expect(200);
      expect(res.body.data.map((entry: { score: number }) => entry.score)).toEqual([8, 3]);
    } finally {
      leaderboard('scores').setChallengeSource(null);
    }
  });
});

describe('the rebuild', () => {
  it('gives back identical boards after the store is flushed', async () => {
    const p = province();
    const user = await createUser();
    await setCounters(user, { province: p, city: '成都市', district: '武侯区' });
    await checkIn(user, await newHabit(user)).expect(201);
    const lapsed = await ranked([p, '成都市'], 12, '2026-10-01T00:00:00Z', { consecutive_days: 3, last_check_in_date: '2020-01-01', points_earned: 40, points_reached_at: at('2026-10-02T00:00:00Z') });
    await eventually(async () => (await myPlace(user, 'total-days', { scope: 'province' }).expect(200)).body.data, (d) => d.rank !== null);
    await rebuild();
    const before = await snapshot();
    expect(Object.keys(before).length).toBeGreaterThan(10);

    await flushStore();
    expect((await myPlace(user, 'total-days', { scope: 'province' }).expect(200)).body.data.rank).toBeNull();
    const outcome = await rebuild();
    expect(outcome.users).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
    // A lapsed streak (last check-in long ago) is on no consecutive-days board; its days and points are.
    const boardsOf = (id: number) => Object.entries(before).filter(([, entries]) => entries.some(([userId]) => userId === id)).map(([key]) => key.split(':')[1]);
    expect(boardsOf(lapsed.id).filter((metric) => metric.includes('consecutive-days'))).toEqual([]);
    expect(boardsOf(lapsed.id)).toEqual(expect.arrayContaining(['{total-days', '{points-earned']));
  });

  it('converges with the feed: a check-in, a rebuild and another update agree', async () => {
    const user = await createUser();
    await setCounters(user, { province: province() });
    await checkIn(user, await newHabit(user)).expect(201);
    const fed = await eventually(async () => (await myPlace(user, 'points-earned', { scope: 'province', period: 'month' }).expect(200)).body.data, (d) => d.rank === 1);
    await rebuild();
    expect((await myPlace(user, 'points-earned', { scope: 'province', period: 'month' }).expect(200)).body.data).toEqual(fed);
  });

  it('runs on one instance at a time: a second call is told who is running', async () => {
    const rebuilds = leaderboard('rebuild');
    const outcomes = await Promise.all([rebuilds.run({ trigger: 'test' }), rebuilds.run({ trigger: 'test' })]);
    expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(1);
    expect(outcomes.find((outcome) => !outcome.ran)).toMatchObject({ ran: false, trigger: 'test' });

    // Another instance holds the lock (taken through the store, as that instance would): nobody here runs.
    const store = leaderboard('boards').store();
    const holder = JSON.stringify({ id: 'other', trigger: 'schedule', startedAt: new Date().toISOString() });
    expect(await store.tryLock('rebuild', holder, 60)).toBe(true);
    try {
      expect(await rebuilds.run({ trigger: 'test' })).toMatchObject({ ran: false, trigger: 'schedule' });
      expect(await store.tryLock('rebuild', 'someone else', 60)).toBe(false);
    } finally {
      await store.unlock('rebuild', holder);
    }
    expect((await rebuilds.run({ trigger: 'test' })).ran).toBe(true);
  });
});

describe('the admin page API', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  /** An admin with `roleId`, signed in; returns the Authorization header. */
  const adminWith = async (roleId: number) => {
    const strapi = getStrapi();
    const email = `boards-${crypto.randomBytes(4).toString('hex')}@example.com`;
    const admin = await strapi.service('admin::user').create({ email, firstname: 'Board', lastname: 'Keeper', password: 'Str0ngEnough', isActive: true, roles: [roleId] });
    // Other files count admins (the first-admin bootstrap): leave none behind.
    cleanups.push(() => strapi.db.query('admin::user').delete({ where: { id: admin.id } }));
    const login = await http().post('/admin/login').send({ email, password: 'Str0ngEnough' }).expect(200);
    return { Authorization: `Bearer ${login.body.data.token ?? login.body.data.accessToken}` };
  };

  it('shows a board with user ids, the regions and the last rebuild, and starts a rebuild', async () => {
    const strapi = getStrapi();
    const p = province();
    const top = await ranked([p, '厦门市'], 40, '2026-11-01T00:00:00Z');
    await rebuild();
    const auth = await adminWith((await strapi.service('admin::role').getSuperAdmin()).id);

    const overview = (await http().get('/leaderboard/overview').set(auth).expect(200)).body.data;
    expect(overview).toMatchObject({ backend: expect.stringMatching(/^(sql|redis)$/), metrics: expect.arrayContaining(['total-days']), rebuild: { running: false, last: { trigger: 'test' } } });
    expect(overview.regions.city).toContain(`${p}/厦门市`);

    const entries = await http().get('/leaderboard/entries').query({ metric: 'total-days', scope: 'city', region: `${p}/厦门市` }).set(auth).expect(200);
    expect(entries.body.data).toEqual([expect.objectContaining({ rank: 1, userId: top.id, score: 40 })]);
    expect(entries.body.meta.total).toBe(1);
    await http().get('/leaderboard/entries').query({ metric: 'total-days', scope: 'city' }).set(auth).expect(400);

    // Another instance is rebuilding: the button is told so.
    const store = leaderboard('boards').store();
    const holder = JSON.stringify({ id: 'other', trigger: 'schedule', startedAt: '2026-11-22T00:05:00.000Z' });
    await store.tryLock('rebuild', holder, 60);
    const busy = await http().post('/leaderboard/rebuild').set(auth).expect(409);
    expect(busy.body.error.message).toMatch(/already running \(schedule, since 2026-11-22T00:05:00.000Z\)/);
    expect((await http().get('/leaderboard/overview').set(auth).expect(200)).body.data.rebuild).toMatchObject({ running: true, current: { trigger: 'schedule' } });
    // What the page polls while a rebuild runs: the status alone.
    const status = (await http().get('/leaderboard/rebuild').set(auth).expect(200)).body.data;
    expect(status).toMatchObject({ running: true, current: { trigger: 'schedule' }, last: { trigger: 'test' } });
    expect(status).not.toHaveProperty('regions');
    await store.unlock('rebuild', holder);

    expect((await http().post('/leaderboard/rebuild').set(auth).expect(202)).body.data.started).toBe(true);
    const last = await eventually(async () => (await http().get('/leaderboard/rebuild').set(auth).expect(200)).body.data, (r) => !r.running && r.last?.trigger === 'admin');
    expect(last.last).toMatchObject({ trigger: 'admin', users: expect.any(Number), entries: expect.any(Number) });
  });

  it('needs the plugin\'s permissions, and is closed to app users', async () => {
    const strapi = getStrapi();
    const role = await strapi.service('admin::role').create({ name: `Viewer ${crypto.randomBytes(3).toString('hex')}`, description: 'reads boards' });
    cleanups.push(() => strapi.db.query('admin::role').delete({ where: { id: role.id } }));
    await strapi.service('admin::role').assignPermissions(role.id, [{ action: 'plugin::leaderboard.read', subject: null, properties: {}, conditions: [] }]);
    const viewer = await adminWith(role.id);
    await http().get('/leaderboard/overview').set(viewer).expect(200);
    await http().get('/leaderboard/rebuild').set(viewer).expect(200);
    await http().post('/leaderboard/rebuild').set(viewer).expect(403);

    const user = await createUser();
    await http().get('/leaderboard/overview').set(user.auth).expect(401);
    await http().get('/leaderboard/overview').expect(401);
    await http().get('/leaderboard/rebuild').expect(401);
  });
});
