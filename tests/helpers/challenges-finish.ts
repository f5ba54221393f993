import crypto from 'node:crypto';
import { addDays } from '../../src/utils/calendar';
import { startOfLocalDay } from '../../src/utils/clock';
import { getStrapi } from './strapi';
import type { TestUser } from './users';

/**
 * Test data for the finish (STYLE 13). `checkInsGiving` writes the linked habit's check-in rows that give
 * a participant this progress (the finish recounts progress from the rows, so nothing else would hold):
 * `daysDone` rows on the challenge's first days; the row that reaches the goal (the challenge's target)
 * written at `reachedAt`, the last at `progressAt`, and each earlier one at its local noon or just before
 * the next (rows are counted in the order they were written). Days that already have a row of the habit
 * keep it (several challenges of one template share the habit). Then the participant is recomputed.
 */
export const checkInsGiving = async (
  challenge: { id: number },
  user: { id: number },
  progress: { daysDone: number; progressAt: string | null; reachedAt: string | null },
) => {
  const strapi = getStrapi();
  const db = strapi.db.connection;
  const terms = await db('challenges').where({ id: challenge.id }).first('start_date', 'timezone', 'target_days');
  const link = await db('challenge_participants').where({ challenge_id: challenge.id, user_id: user.id }).first('habit_id');
  if (!terms || !link?.habit_id) throw new Error(`user ${user.id} is not in challenge ${challenge.id}`);
  const start = String(terms.start_date instanceof Date ? terms.start_date.toISOString() : terms.start_date).slice(0, 10);
  const timezone = String(terms.timezone);
  const days = Array.from({ length: progress.daysDone }, (_, k) => addDays(start, k));
  const writtenAt = days.map((day) => startOfLocalDay(day, timezone).getTime() + 12 * 3_600_000);
  const target = Number(terms.target_days);
  if (progress.reachedAt && target <= days.length) writtenAt[target - 1] = Date.parse(progress.reachedAt);
  if (progress.progressAt && days.length > 0) writtenAt[days.length - 1] = Date.parse(progress.progressAt);
  for (let k = days.length - 2; k >= 0; k -= 1) writtenAt[k] = Math.min(writtenAt[k], writtenAt[k + 1] - 60_000);
  if (days.length > 0) {
    await db('check_ins')
      .insert(
        days.map((day, k) => ({
          document_id: crypto.randomBytes(12).toString('hex'),
          user_id: user.id,
          habit_id: link.habit_id,
          local_date: day,
          checked_at: new Date(writtenAt[k]),
          is_makeup: false,
          points_awarded: 0,
          created_at: new Date(writtenAt[k]),
          updated_at: new Date(writtenAt[k]),
          published_at: new Date(writtenAt[k]),
        })),
      )
      .onConflict(['user_id', 'habit_id', 'local_date'])
      .ignore();
  }
  await strapi.plugin('challenges').service('progress').settled();
  await strapi.plugin('challenges').service('progress').recompute(user.id, Number(link.habit_id));
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
