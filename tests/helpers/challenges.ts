import crypto from 'node:crypto';
import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { getStrapi, http } from './strapi';
import type { TestUser } from './users';

/**
 * Challenges test data (STYLE 13): templates and challenges are editors' records, made here the way the
 * admin would; joins and leaves go over HTTP in the tests themselves.
 */
export type TestTemplate = { id: number; documentId: string; title: string };
export type TestChallenge = { id: number; documentId: string; title: string };

export const createTemplate = async (fields: Record<string, unknown> = {}): Promise<TestTemplate> => {
  const suffix = crypto.randomBytes(4).toString('hex');
  const made = await getStrapi()
    .db.query('api::habit-template.habit-template')
    .create({ data: { title: `早起-${suffix}`, icon: 'sunrise', category: 'health', kind: 'build', frequencyType: 'daily', active: true, ...fields } });
  return { id: made.id as number, documentId: made.documentId as string, title: made.title as string };
};

export type ChallengeFields = Partial<{
  title: string;
  description: string;
  habitTemplate: number | null;
  timezone: string;
  startDate: string;
  endDate: string;
  joinDeadline: string | null;
  rule: 'daysOf' | 'streak' | 'weekly';
  targetDays: number;
  perWeek: number;
  weeks: number;
  allowMakeup: boolean;
  maxParticipants: number | null;
  entryCost: number;
  rewardPoints: number;
  badge: string;
  topK: number;
  topPoints: number;
  visibility: 'everyone' | 'vip' | 'region';
  region: string;
  isOfficial: boolean;
  creator: number;
  review: 'published' | 'pending' | 'rejected';
  state: 'open' | 'finished';
  active: boolean;
  sortOrder: number;
}>;

/** An official, published, open challenge (2026-03-01 .. 2026-03-21 in Shanghai unless `fields` says otherwise). */
export const createChallenge = async (fields: ChallengeFields = {}): Promise<TestChallenge> => {
  const suffix = crypto.randomBytes(4).toString('hex');
  const made = await getStrapi()
    .db.query('api::challenge.challenge')
    .create({
      data: {
        title: `挑战-${suffix}`,
        timezone: 'Asia/Shanghai',
        startDate: '2026-03-01',
        endDate: '2026-03-21',
        rule: 'daysOf',
        targetDays: 14,
        allowMakeup: false,
        entryCost: 0,
        rewardPoints: 0,
        topK: 0,
        topPoints: 0,
        visibility: 'everyone',
        isOfficial: true,
        review: 'published',
        state: 'open',
        participantsCount: 0,
        active: true,
        sortOrder: 0,
        ...fields,
      },
    });
  return { id: made.id as number, documentId: made.documentId as string, title: made.title as string };
};

const ledger = () => getService(getStrapi(), 'ledger');

/** Give `user` points through the ledger (the cached balance always equals the ledger sum). */
export const credit = (user: { id: number }, amount: number) =>
  ledger().withUserLock(user.id, (sql) => ledger().apply(sql, user.id, [{ amount, reason: 'test-credit' }], new Date()));

export const balanceOf = async (user: { id: number }) => (await ledger().balance(user.id)).balance;
export const ledgerSumOf = (user: { id: number }) => ledger().ledgerSum(user.id);

/** The clock the challenges read (the gamification clock service); null goes back to real time. */
export const setNow = (instant: string | null) => getService(getStrapi(), 'clock').setNow(instant);

export const join = (user: TestUser, challenge: { documentId: string }, body: Record<string, unknown> = {}) =>
  http().post(`/api/challenges/${challenge.documentId}/join`).set(user.auth).send(body);
export const leave = (user: TestUser, challenge: { documentId: string }) => http().post(`/api/challenges/${challenge.documentId}/leave`).set(user.auth).send({});

export const participantsOf = async (challenge: { id: number }) =>
  (await getStrapi().db.connection('challenge_participants').where({ challenge_id: challenge.id }).select('user_id', 'status', 'entry_paid', 'habit_id')) as Array<{
    user_id: number;
    status: string;
    entry_paid: number;
    habit_id: number | null;
  }>;

export const countOf = async (challenge: { id: number }) =>
  Number(((await getStrapi().db.connection('challenges').where({ id: challenge.id }).first('participants_count')) as { participants_count: number }).participants_count);

/** Ledger lines of one challenge (sourceId its documentId), by reason. */
export const ledgerLinesOf = async (challenge: { documentId: string }) =>
  (await getStrapi()
    .db.connection('points_ledger')
    .where({ source_type: 'challenge', source_id: challenge.documentId })
    .select('user_id', 'amount', 'reason')) as Array<{ user_id: number; amount: number; reason: string }>;
