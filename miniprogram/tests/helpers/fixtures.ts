import type { MeStats } from '../../logic/stats';

/** GET /api/me/stats `data` of a user nine days in (silver, two stars), for the stats logic and page tests. */
export const meStats = (over: Partial<MeStats> = {}): MeStats => ({
  localDate: '2026-03-08',
  totalDays: 9,
  totalCheckIns: 14,
  consecutiveDays: 2,
  longestStreakDays: 5,
  rank: { key: 'silver', name: '秩序白银', stars: 2, minDays: 8, maxDays: 30, nextAt: 31 },
  last7Days: ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'].map((date, i) => ({ date, count: [0, 1, 2, 0, 1, 4, 2][i] })),
  completionRate: 0.6667,
  habits: { active: 3, archived: 1 },
  pointsBalance: 120,
  makeupCards: 3,
  diaries: { consecutiveDays: 1, totalDays: 4 },
  ...over,
});
