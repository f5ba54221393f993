import { getService } from '../../src/plugins/challenges/server/src/utils/get-service';
import { getStrapi, http } from './strapi';
import type { TestUser } from './users';

/** The challenges plugin's services, for tests of progress and boards. */
export const challengesService = <K extends Parameters<typeof getService>[1]>(name: K) => getService(getStrapi(), name);

type ChallengeData = Partial<{
  title: string;
  timezone: string;
  startDate: string;
  endDate: string;
  rule: 'daysOf' | 'streak' | 'weekly';
  targetDays: number;
  perWeek: number;
  weeks: number;
  allowMakeup: boolean;
}>;

/** An official, published challenge as an editor makes it in the admin; returns its id and documentId. */
export const newChallenge = async (data: ChallengeData = {}): Promise<{ id: number; documentId: string }> => {
  const created = await getStrapi()
    .documents('api::challenge.challenge')
    .create({ data: { title: 'Run 7 days', timezone: 'Asia/Shanghai', startDate: '2026-03-02', endDate: '2026-03-08', rule: 'daysOf', targetDays: 3, ...data } as never });
  return { id: created.id as number, documentId: created.documentId };
};

export const habitId = async (documentId: string): Promise<number> =>
  (await getStrapi().db.query('api::habit.habit').findOne({ where: { documentId } })).id as number;

/**
 * A participant row written directly (as the join would, without its checks), then its progress
 * computed from the habit's check-ins, as the join does for a habit that already has some.
 */
export const joinDirectly = async (user: TestUser, challenge: { id: number }, habitDocumentId: string, joinedAt = new Date('2026-03-01T00:00:00Z')) => {
  const habit = await habitId(habitDocumentId);
  await getStrapi().db.query('plugin::challenges.participant').create({
    data: { challenge: challenge.id, user: user.id, habit, status: 'active', joinedAt, daysNeeded: 0 },
  });
  await challengesService('progress').recompute(user.id, habit);
  await challengesService('board').rebuild(challenge.id);
};

/** The participant row of `user` in `challenge` (progress fields as saved). */
export const participation = async (user: TestUser, challenge: { id: number }) => {
  const row = await getStrapi().db.query('plugin::challenges.participant').findOne({ where: { challenge: challenge.id, user: user.id } });
  return row as {
    status: string; daysDone: number; daysNeeded: number; streak: number; bestStreak: number;
    progressAt: string | null; reachedAt: string | null;
  };
};

/** Wait until the after-commit event was handled (it is emitted on the next turn after the commit). */
export const progressSettled = async () => {
  for (let i = 0; i < 2; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 30));
    await challengesService('progress').settled();
  }
};

export const challengeBoard = (documentId: string, user?: TestUser, query: Record<string, number> = {}) => {
  const request = http().get(`/api/challenges/${documentId}/board`).query(query);
  return user ? request.set(user.auth) : request;
};
export const myChallengePlace = (documentId: string, user: TestUser) => http().get(`/api/challenges/${documentId}/board/me`).set(user.auth);
