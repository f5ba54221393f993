import fc from 'fast-check';
import { boardKey, decodeScore, encodeScore, MAX_SCORE, percentile, periodAt } from '../boards';

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
