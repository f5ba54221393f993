/** How many points a check-in earns: a base amount plus bonuses at streak milestones. */
export type PointRules = { perCheckIn: number; streakBonuses: Array<{ every: number; bonus: number }> };

/** Seed 000: 10 points per check-in, +50 at every 7-day streak, +200 at every 30-day streak. */
export const DEFAULT_POINT_RULES: PointRules = { perCheckIn: 10, streakBonuses: [{ every: 7, bonus: 50 }, { every: 30, bonus: 200 }] };

export type PointPart = { reason: 'check-in' | 'streak-bonus'; amount: number; every?: number };

/** Points for one check-in given the streak length (in the habit's unit) right after it: base plus every bonus whose `every` divides it. */
export const checkInPoints = (rules: PointRules, streakAfter: number): { total: number; parts: PointPart[] } => {
  const parts: PointPart[] = [{ reason: 'check-in', amount: rules.perCheckIn }];
  // A streak of 0 is divisible by everything but is no milestone; a non-positive `every` is no rule.
  if (Number.isInteger(streakAfter) && streakAfter > 0) {
    for (const { every, bonus } of rules.streakBonuses) {
      if (Number.isInteger(every) && every > 0 && streakAfter % every === 0) parts.push({ reason: 'streak-bonus', amount: bonus, every });
    }
  }
  return { total: parts.reduce((sum, part) => sum + part.amount, 0), parts };
};

/** Makeup cards earned when the user's consecutive days go from `before` to `after` (seed 003: +1 per 7 consecutive days). */
export const makeupCardsEarned = (before: number, after: number, every: number): number => {
  // Counts the multiples of `every` in (before, after]; a reset streak (after < before) earns none,
  // and day 0 is no milestone, so a negative `before` counts from 0.
  if (!(every > 0) || !(after > before)) return 0;
  const from = Math.max(0, before);
  if (after <= from) return 0;
  return Math.floor(after / every) - Math.floor(from / every);
};
