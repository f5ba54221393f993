import { boardOrder, hasCompleted, planFinish, splitPool, type FinishingParticipant } from '../finish';

const at = (iso: string | null) => (iso ? new Date(iso) : null);
let nextId = 1;
const p = (fields: Partial<Omit<FinishingParticipant, 'progressAt' | 'reachedAt'>> & { progressAt?: string | null; reachedAt?: string | null }): FinishingParticipant => {
  const id = fields.id ?? nextId++;
  return {
    id,
    userId: fields.userId ?? 1000 + id,
    status: fields.status ?? 'active',
    daysDone: fields.daysDone ?? 0,
    daysNeeded: fields.daysNeeded ?? 14,
    progressAt: at(fields.progressAt ?? null),
    reachedAt: at(fields.reachedAt ?? null),
    entryPaid: fields.entryPaid ?? 0,
  };
};
const official = { isOfficial: true, rewardPoints: 100, topK: 2, topPoints: 50 };
const userMade = { isOfficial: false, rewardPoints: 0, topK: 0, topPoints: 0 };

describe('who completed', () => {
  it('is whoever reached the goal (reachedAt) or whose counted days cover the rule', () => {
    expect(hasCompleted(p({ daysDone: 3, reachedAt: '2026-03-05T00:00:00Z' }))).toBe(true);
    expect(hasCompleted(p({ daysDone: 14 }))).toBe(true);
    expect(hasCompleted(p({ daysDone: 13 }))).toBe(false);
    expect(hasCompleted(p({ daysDone: 0, daysNeeded: 0 }))).toBe(false);
  });
});

describe('the board order at the finish', () => {
  it('puts more days first, then who got there first, then who joined first; nobody without progress ahead of anyone with it', () => {
    const late = p({ id: 1, daysDone: 10, progressAt: '2026-03-10T00:00:00Z' });
    const early = p({ id: 2, daysDone: 10, progressAt: '2026-03-09T00:00:00Z' });
    const most = p({ id: 3, daysDone: 12, progressAt: '2026-03-12T00:00:00Z' });
    const none = p({ id: 4, daysDone: 0 });
    const sameAsLate = p({ id: 5, daysDone: 10, progressAt: '2026-03-10T00:00:00Z' });
    expect([none, sameAsLate, late, early, most].sort(boardOrder).map((x) => x.id)).toEqual([3, 2, 1, 5, 4]);
  });
});

describe('splitting a pool', () => {
  it('gives each the integer share and the remainder one point each to the earliest finishers; the shares add up to the pool', () => {
    const a = p({ userId: 1, reachedAt: '2026-03-03T00:00:00Z' });
    const b = p({ userId: 2, reachedAt: '2026-03-01T00:00:00Z' });
    const c = p({ userId: 3, reachedAt: '2026-03-02T00:00:00Z' });
    const shares = splitPool(50, [a, b, c]);
    expect(Object.fromEntries(shares)).toEqual({ 1: 16, 2: 17, 3: 17 });
    for (const pool of [0, 1, 2, 7, 99, 100, 1001]) {
      const split = splitPool(pool, [a, b, c]);
      expect([...split.values()].reduce((s, v) => s + v, 0)).toBe(pool === 0 ? 0 : pool);
    }
    expect(splitPool(10, []).size).toBe(0);
  });
});

describe('the plan', () => {
  it('pays an official challenge’s finishers the completion points and the top K the extra; failed and left get nothing', () => {
    const first = p({ daysDone: 15, progressAt: '2026-03-15T00:00:00Z', reachedAt: '2026-03-14T00:00:00Z' });
    const second = p({ daysDone: 14, progressAt: '2026-03-14T00:00:00Z', reachedAt: '2026-03-14T00:00:00Z' });
    const third = p({ daysDone: 14, progressAt: '2026-03-16T00:00:00Z', reachedAt: '2026-03-16T00:00:00Z' });
    const failed = p({ daysDone: 13, progressAt: '2026-03-20T00:00:00Z' });
    const left = p({ status: 'left', daysDone: 30 });
    const plan = planFinish(official, [third, failed, second, left, first]);
    expect(plan.outcomes.map((o) => [o.userId, o.status, o.finishRank])).toEqual([
      [first.userId, 'completed', 1],
      [second.userId, 'completed', 2],
      [third.userId, 'completed', 3],
      [failed.userId, 'failed', 4],
    ]);
    expect(plan.payouts).toEqual([
      { userId: first.userId, kind: 'completion', points: 100 },
      { userId: first.userId, kind: 'top', points: 50 },
      { userId: second.userId, kind: 'completion', points: 100 },
      { userId: second.userId, kind: 'top', points: 50 },
      { userId: third.userId, kind: 'completion', points: 100 },
    ]);
    expect(plan.completedUserIds).toEqual([first.userId, second.userId, third.userId]);
  });

  it('splits a user-made challenge’s entries (forfeited ones too) among its finishers, or gives them back when nobody finished', () => {
    const done = p({ userId: 1, daysDone: 14, reachedAt: '2026-03-14T00:00:00Z', entryPaid: 10 });
    const notDone = p({ userId: 2, daysDone: 2, entryPaid: 10 });
    const quitter = p({ userId: 3, status: 'left', entryPaid: 10 });
    const refundedQuitter = p({ userId: 4, status: 'left', entryPaid: 0 });
    expect(planFinish(userMade, [done, notDone, quitter, refundedQuitter]).payouts).toEqual([{ userId: 1, kind: 'pool', points: 30 }]);
    const none = planFinish(userMade, [{ ...done, reachedAt: null, daysDone: 3 }, notDone, quitter, refundedQuitter]);
    expect(none.payouts).toEqual([
      { userId: 1, kind: 'refund', points: 10 },
      { userId: 2, kind: 'refund', points: 10 },
      { userId: 3, kind: 'refund', points: 10 },
    ]);
    expect(planFinish(userMade, []).payouts).toEqual([]);
  });
});
