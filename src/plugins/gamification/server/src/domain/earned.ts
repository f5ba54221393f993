/**
 * Points *earned* (the leaderboards' points board, seed 003) as opposed to the spendable balance: every
 * credit counts, except credits that give back points already counted (a refund); spending (a draw, a
 * purchase, an admin deduction) takes nothing away, but taking back points that were earned (undoing a
 * check-in) does. The same rule is rendered into SQL for the leaderboard's rebuild (`EARNED_SQL`), so
 * the cached `points_earned` counter and a recount from the ledger always agree.
 */
export const EARN_REVERSAL_REASONS: readonly string[] = ['check-in-reversal'];
export const NON_EARNING_CREDIT_REASONS: readonly string[] = ['order-refund', 'refund', 'challenge_refund'];

export const earnedDelta = (line: { amount: number; reason: string }): number => {
  if (line.amount > 0) return NON_EARNING_CREDIT_REASONS.includes(line.reason) ? 0 : line.amount;
  return EARN_REVERSAL_REASONS.includes(line.reason) ? line.amount : 0;
};

const list = (reasons: readonly string[]) => reasons.map((reason) => `'${reason.replace(/'/g, "''")}'`).join(', ');

/** `earnedDelta` of a ledger row, as an SQL expression over its `amount` and `reason` columns. */
export const EARNED_SQL = (alias = '') => {
  const p = alias ? `${alias}.` : '';
  return `(CASE WHEN ${p}amount > 0 AND ${p}reason NOT IN (${list(NON_EARNING_CREDIT_REASONS)}) THEN ${p}amount
            WHEN ${p}amount < 0 AND ${p}reason IN (${list(EARN_REVERSAL_REASONS)}) THEN ${p}amount ELSE 0 END)`;
};
