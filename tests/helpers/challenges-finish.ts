import { getStrapi } from './strapi';
import type { TestUser } from './users';

/**
 * Test data for the finish (STYLE 13). `setProgress` writes what the progress side would have recomputed
 * from the participant's check-ins, so the finish can be tested on its own (after the recompute each join
 * queues has landed).
 */
export const setProgress = async (
  challenge: { id: number },
  user: { id: number },
  progress: { daysDone: number; progressAt: string | null; reachedAt: string | null },
) => {
  // A join queues a recompute from check-ins (none here); let it land first, or it overwrites these numbers.
  await getStrapi().plugin('challenges').service('progress').settled();
  const updated = await getStrapi()
    .db.connection('challenge_participants')
    .where({ challenge_id: challenge.id, user_id: user.id })
    .update({
      days_done: progress.daysDone,
      progress_at: progress.progressAt ? new Date(progress.progressAt) : null,
      reached_at: progress.reachedAt ? new Date(progress.reachedAt) : null,
    });
  if (Number(updated) !== 1) throw new Error(`user ${user.id} is not in challenge ${challenge.id}`);
};

/** A VIP membership for a year from 2026-01-01 (the tests' clock sits in 2026). */
export const makeVip = async (user: TestUser): Promise<TestUser> => {
  await getStrapi().db.connection('up_users').where({ id: user.id }).update({ membership_tier: 'vip', membership_expires_at: new Date('2027-12-31T00:00:00Z') });
  return user;
};

export const rewardsOf = async (challenge: { id: number }) =>
  (await getStrapi().db.connection('challenge_rewards').where({ challenge_id: challenge.id }).select('user_id', 'kind', 'points', 'ledger_entry_id')) as Array<{
    user_id: number;
    kind: string;
    points: number;
    ledger_entry_id: number | null;
  }>;
