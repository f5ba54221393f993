import { hotScore } from '../hot';
import { countingReporters, hiddenByReports } from '../reports';

const now = new Date('2026-12-04T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe('the hot order', () => {
  it('ranks more engagement higher at the same age, and the same engagement lower as it ages', () => {
    const fresh = hotScore({ likeCount: 10, commentCount: 2, createdAt: hoursAgo(1) }, now);
    expect(hotScore({ likeCount: 20, commentCount: 2, createdAt: hoursAgo(1) }, now)).toBeGreaterThan(fresh);
    expect(hotScore({ likeCount: 10, commentCount: 2, createdAt: hoursAgo(24) }, now)).toBeLessThan(fresh);
  });

  it('weighs a comment as two likes', () => {
    expect(hotScore({ likeCount: 0, commentCount: 1, createdAt: hoursAgo(3) }, now)).toBeCloseTo(hotScore({ likeCount: 2, commentCount: 0, createdAt: hoursAgo(3) }, now));
  });

  it('lets a day-old post with a hundred likes fall below a fresh one with ten', () => {
    expect(hotScore({ likeCount: 100, commentCount: 0, createdAt: hoursAgo(48) }, now)).toBeLessThan(hotScore({ likeCount: 10, commentCount: 0, createdAt: hoursAgo(0.5) }, now));
  });
});

describe('reports', () => {
  const old = hoursAgo(24 * 30);
  it('hide an item at three distinct reporters whose accounts are a day old', () => {
    const reports = [1, 2, 3].map((reporterId) => ({ reporterId, reporterCreatedAt: old }));
    expect(hiddenByReports(reports.slice(0, 2), 99, now)).toBe(false);
    expect(hiddenByReports(reports, 99, now)).toBe(true);
  });

  it('do not count new accounts, repeats by one account, or the author', () => {
    const reports = [
      { reporterId: 1, reporterCreatedAt: old },
      { reporterId: 1, reporterCreatedAt: old },
      { reporterId: 2, reporterCreatedAt: hoursAgo(2) },
      { reporterId: 99, reporterCreatedAt: old },
    ];
    expect([...countingReporters(reports, 99, now)]).toEqual([1]);
    expect(hiddenByReports(reports, 99, now, { threshold: 2, minAccountAgeHours: 24 })).toBe(false);
  });
});
