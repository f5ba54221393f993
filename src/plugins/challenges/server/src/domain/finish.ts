/**
 * What the finish decides for one challenge, from its participants' rows alone (pure, so a second run, on
 * this instance or another, decides exactly the same): who completed, each one's place on the board, and
 * the points each is owed. Paying them once is services/finish.ts's job.
 */
export type FinishingParticipant = {
  id: number;
  userId: number;
  status: string;
  daysDone: number;
  daysNeeded: number;
  progressAt: Date | null;
  reachedAt: Date | null;
  entryPaid: number;
};

export type FinishingChallenge = {
  isOfficial: boolean;
  rewardPoints: number;
  topK: number;
  topPoints: number;
};

export type RewardKind = 'completion' | 'top' | 'pool' | 'refund';
/** The ledger reason each reward kind is paid under (the shared semantics of issue 14). */
export const REWARD_REASONS: Record<RewardKind, string> = {
  completion: 'challenge_reward',
  top: 'challenge_top',
  pool: 'challenge_pool',
  refund: 'challenge_refund',
};

export type Outcome = { participantId: number; userId: number; status: 'completed' | 'failed'; finishRank: number };
export type Payout = { userId: number; kind: RewardKind; points: number };
export type FinishPlan = { outcomes: Outcome[]; payouts: Payout[]; completedUserIds: number[] };

const time = (at: Date | null) => (at ? at.getTime() : Number.POSITIVE_INFINITY);

/** Reached the goal: the progress side set reachedAt, or the counted days cover what the rule needs. */
export const hasCompleted = (p: Pick<FinishingParticipant, 'reachedAt' | 'daysDone' | 'daysNeeded'>): boolean =>
  p.reachedAt !== null || (p.daysNeeded > 0 && p.daysDone >= p.daysNeeded);

/** The board's order (daysDone desc, then who got there first), with the row id as the last tie-break. */
export const boardOrder = (a: FinishingParticipant, b: FinishingParticipant): number =>
  b.daysDone - a.daysDone || time(a.progressAt) - time(b.progressAt) || a.id - b.id;

/**
 * Split `pool` points among `finishers` (earliest reachedAt first): each gets the integer share, and the
 * remainder goes one point each to the earliest. The shares always add up to `pool`.
 */
export const splitPool = (pool: number, finishers: FinishingParticipant[]): Map<number, number> => {
  const shares = new Map<number, number>();
  if (pool <= 0 || finishers.length === 0) return shares;
  const ordered = [...finishers].sort((a, b) => time(a.reachedAt) - time(b.reachedAt) || a.id - b.id);
  const base = Math.floor(pool / ordered.length);
  const remainder = pool - base * ordered.length;
  ordered.forEach((p, i) => shares.set(p.userId, base + (i < remainder ? 1 : 0)));
  return shares;
};

/**
 * Official challenges pay the completion points to each finisher and the top-K extra to the finishers
 * placed 1..K (a participant who did not complete gets no top reward, however few took part). User-made
 * challenges pay no points of their own: the entries paid (participants who left after the start forfeited
 * theirs into the pool) are split among the finishers; when nobody finishes, each gets their entry back.
 * Either way the challenge's ledger lines add up to zero.
 */
export const planFinish = (challenge: FinishingChallenge, participants: FinishingParticipant[]): FinishPlan => {
  const ranked = participants.filter((p) => p.status !== 'left').sort(boardOrder);
  const outcomes: Outcome[] = ranked.map((p, i) => ({ participantId: p.id, userId: p.userId, status: hasCompleted(p) ? 'completed' : 'failed', finishRank: i + 1 }));
  const completed = ranked.filter(hasCompleted);
  const payouts: Payout[] = [];
  if (challenge.isOfficial) {
    for (const outcome of outcomes) {
      if (outcome.status !== 'completed') continue;
      if (challenge.rewardPoints > 0) payouts.push({ userId: outcome.userId, kind: 'completion', points: challenge.rewardPoints });
      if (outcome.finishRank <= challenge.topK && challenge.topPoints > 0) payouts.push({ userId: outcome.userId, kind: 'top', points: challenge.topPoints });
    }
  } else if (completed.length > 0) {
    const pool = participants.reduce((sum, p) => sum + Math.max(0, p.entryPaid), 0);
    for (const [userId, points] of splitPool(pool, completed)) if (points > 0) payouts.push({ userId, kind: 'pool', points });
  } else {
    for (const p of participants) if (p.entryPaid > 0) payouts.push({ userId: p.userId, kind: 'refund', points: p.entryPaid });
  }
  return { outcomes, payouts, completedUserIds: completed.map((p) => p.userId) };
};
