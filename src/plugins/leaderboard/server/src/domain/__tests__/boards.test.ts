import fc from 'fast-check';
import {
  boardKey, createPlacer, decodeScore, encodeScore, MAX_SCORE, percentile, periodAt, periodExpiry, periodInstants, REGION_PATTERN, regionPath,
  type UserScores,
} from '../boards';

describe('periods', () => {
  it('are the calendar week and month of the local day in Asia/Shanghai', () => {
    // 2026-11-29 16:30 UTC is Monday 2026-11-30 00:30 in Shanghai: a new week, still November.
    const instant = new Date('2026-11-29T16:30:00Z');
    expect(periodAt('week', instant)).toEqual({ kind: 'week', id: 'w2026-11-30', startsOn: '2026-11-30', endsOn: '2026-12-06' });
    expect(periodAt('month', instant)).toEqual({ kind: 'month', id: '2026-11', startsOn: '2026-11-01', endsOn: '2026-11-30' });
    expect(periodAt('week', new Date('2026-11-29T15:59:00Z')).id).toBe('w2026-11-23');
    expect(periodAt('all', instant)).toEqual({ kind: 'all', id: 'all', startsOn: null, endsOn: null });
    expect(periodAt('week', instant, 'Asia/Shanghai', 7).id).toBe('w2026-11-29');
  });
});

describe('board keys', () => {
  it('keep all periods of one board on one Redis Cluster slot', () => {
    const month = periodAt('month', new Date('2026-11-22T04:00:00Z'));
    expect(boardKey('total-days', 'national', null, month)).toBe('lb:{total-days:national}:2026-11');
    expect(boardKey('points-earned', 'city', '310100', periodAt('all', new Date()))).toBe('lb:{points-earned:city:310100}:all');
    expect(() => boardKey('total-days', 'city', null, month)).toThrow(/needs its region/);
  });
});

describe('scores with their tie-break', () => {
  it('order by score, then by who reached it first, and decode back exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_SCORE }),
        fc.integer({ min: 0, max: MAX_SCORE }),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2150-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2150-01-01T00:00:00Z'), noInvalidDate: true }),
        (a, b, ta, tb) => {
          const ea = encodeScore(a, ta);
          const eb = encodeScore(b, tb);
          const sa = Math.floor(ta.getTime() / 1000);
          const sb = Math.floor(tb.getTime() / 1000);
          const expected = a !== b ? Math.sign(a - b) : Math.sign(sb - sa);
          expect(Math.sign(ea - eb)).toBe(expected);
          expect(decodeScore(ea)).toEqual({ score: a, reachedAt: new Date(sa * 1000) });
        },
      ),
    );
  });

  it('refuse scores a double cannot hold with the tie-break', () => {
    expect(() => encodeScore(MAX_SCORE + 1, new Date())).toThrow(RangeError);
    expect(() => encodeScore(-1, new Date())).toThrow(RangeError);
    expect(() => encodeScore(1.5, new Date())).toThrow(RangeError);
    expect(() => encodeScore(1, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('percentile', () => {
  it('is the share of the others ranked below', () => {
    expect(percentile(1, 1)).toBe(100);
    expect(percentile(1, 101)).toBe(100);
    expect(percentile(101, 101)).toBe(0);
    expect(percentile(51, 101)).toBe(50);
    expect(percentile(2, 4)).toBe(66.7);
  });
});

describe('periods as instants', () => {
  it('bound a period, and its boards expire a day after it ends', () => {
    const week = periodAt('week', new Date('2026-11-22T04:00:00Z'));
    expect(periodInstants(week, 'Asia/Shanghai')).toEqual({ from: new Date('2026-11-15T16:00:00Z'), to: new Date('2026-11-22T16:00:00Z') });
    expect(periodExpiry(week, 'Asia/Shanghai')).toEqual(new Date('2026-11-23T16:00:00Z'));
    expect(periodInstants(periodAt('all', new Date()), 'Asia/Shanghai')).toBeNull();
  });
});

describe('regions', () => {
  it('are paths with their parents, or nothing when a level is missing', () => {
    const regions = { province: '广东省', city: '深圳市', district: ' 南山区 ' };
    expect(regionPath('province', regions)).toBe('广东省');
    expect(regionPath('city', regions)).toBe('广东省/深圳市');
    expect(regionPath('district', regions)).toBe('广东省/深圳市/南山区');
    expect(regionPath('city', { province: '广东省', city: null, district: null })).toBeNull();
    expect(REGION_PATTERN.test('广东省/深圳市/南山区')).toBe(true);
    expect(REGION_PATTERN.test('a{b}')).toBe(false);
    expect(REGION_PATTERN.test('a/b/c/d')).toBe(false);
  });
});

describe('placing a user', () => {
  const now = new Date('2026-11-22T04:00:00Z');
  const periods = { all: periodAt('all', now), week: periodAt('week', now), month: periodAt('month', now) };
  const user = (over: Partial<UserScores> = {}): UserScores => ({
    userId: 1,
    visible: true,
    regions: { province: '浙江省', city: '杭州市', district: null },
    challenges: ['c1'],
    scores: { 'total-days:all': { score: 5, reachedAt: now }, 'points-earned:week': { score: 0, reachedAt: now } },
    ...over,
  });

  it('puts each score above zero on the national, regional and challenge boards', () => {
    const placer = createPlacer(periods, 'Asia/Shanghai');
    const { tag, placements } = placer.place(user());
    expect(placements.map((p) => p.key)).toEqual([
      'lb:{total-days:national}:all',
      'lb:{total-days:province:浙江省}:all',
      'lb:{total-days:city:浙江省/杭州市}:all',
      'lb:{total-days:challenge:c1}:all',
    ]);
    expect(placements.every((p) => p.score === encodeScore(5, now) && p.expiresAt === null)).toBe(true);
    // The tag names the boards; its keys cover every metric and period of them.
    const keys = placer.keysOf(tag);
    expect(keys).toHaveLength(4 * 9);
    expect(keys).toEqual(expect.arrayContaining([...placements.map((p) => p.key), 'lb:{points-earned:city:浙江省/杭州市}:w2026-11-16']));
  });

  it('places a hidden user nowhere', () => {
    expect(createPlacer(periods, 'Asia/Shanghai').place(user({ visible: false }))).toEqual({ tag: '', placements: [] });
    expect(createPlacer(periods, 'Asia/Shanghai').row(user({ visible: false }))).toBeNull();
  });

  it('gives the rebuild the same entries as one row', () => {
    const placer = createPlacer(periods, 'Asia/Shanghai');
    const placed = placer.place(user());
    const row = placer.row(user());
    expect(row?.tag).toBe(placed.tag);
    const fromRow = (row?.keys ?? []).flatMap((keys, i) => (row!.scores[i] >= 0 ? keys.map((key) => ({ key, score: row!.scores[i], expiresAt: row!.expiries[i] })) : []));
    expect(fromRow).toEqual(placed.placements);
    expect(placer.row(user({ scores: {} }))).toBeNull();
  });
});
