import fc from 'fast-check';
import { DEFAULT_POINT_RULES, checkInPoints, makeupCardsEarned } from '../rewards';

describe('checkInPoints', () => {
  it('pays 10 points for an ordinary check-in', () => {
    expect(checkInPoints(DEFAULT_POINT_RULES, 3)).toEqual({ total: 10, parts: [{ reason: 'check-in', amount: 10 }] });
  });

  it('adds 50 on every 7th day of a streak', () => {
    expect(checkInPoints(DEFAULT_POINT_RULES, 7).total).toBe(60);
    expect(checkInPoints(DEFAULT_POINT_RULES, 14).parts).toEqual([
      { reason: 'check-in', amount: 10 },
      { reason: 'streak-bonus', amount: 50, every: 7 },
    ]);
  });

  it('adds 200 on every 30th day, and both bonuses when both divide the streak', () => {
    expect(checkInPoints(DEFAULT_POINT_RULES, 30).total).toBe(210);
    expect(checkInPoints(DEFAULT_POINT_RULES, 210)).toEqual({
      total: 260,
      parts: [
        { reason: 'check-in', amount: 10 },
        { reason: 'streak-bonus', amount: 50, every: 7 },
        { reason: 'streak-bonus', amount: 200, every: 30 },
      ],
    });
  });

  it('gives no bonus for a zero streak and skips rules that cannot divide anything', () => {
    expect(checkInPoints(DEFAULT_POINT_RULES, 0).total).toBe(10);
    expect(checkInPoints({ perCheckIn: 5, streakBonuses: [{ every: 0, bonus: 99 }, { every: 2, bonus: 1 }] }, 4).total).toBe(6);
  });

  it('adds up exactly its parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (streak) => {
        const { total, parts } = checkInPoints(DEFAULT_POINT_RULES, streak);
        expect(total).toBe(parts.reduce((sum, p) => sum + p.amount, 0));
        expect(parts[0]).toEqual({ reason: 'check-in', amount: 10 });
      }),
      { seed: 10 },
    );
  });
});

describe('makeupCardsEarned', () => {
  it('grants a card on reaching 7 consecutive days, not again on staying there', () => {
    expect(makeupCardsEarned(6, 7, 7)).toBe(1);
    expect(makeupCardsEarned(7, 7, 7)).toBe(0);
    expect(makeupCardsEarned(7, 8, 7)).toBe(0);
    expect(makeupCardsEarned(13, 14, 7)).toBe(1);
  });

  it('grants one card per multiple crossed in a jump, e.g. after a makeup check-in joins two runs', () => {
    expect(makeupCardsEarned(3, 15, 7)).toBe(2);
    expect(makeupCardsEarned(0, 14, 7)).toBe(2);
  });

  it('grants nothing when the streak resets or the rule is empty', () => {
    expect(makeupCardsEarned(13, 1, 7)).toBe(0);
    expect(makeupCardsEarned(0, 14, 0)).toBe(0);
    expect(makeupCardsEarned(-5, 0, 7)).toBe(0);
  });

  it('equals floor(after / every) − floor(before / every) for 0 ≤ before ≤ after', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2000 }), fc.nat({ max: 2000 }), fc.integer({ min: 1, max: 60 }), (x, y, every) => {
        const [before, after] = x <= y ? [x, y] : [y, x];
        expect(makeupCardsEarned(before, after, every)).toBe(Math.floor(after / every) - Math.floor(before / every));
      }),
      { seed: 7 },
    );
  });
});
