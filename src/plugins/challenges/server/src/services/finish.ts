import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { gamification } from '../../../../gamification/public';
import { scheduleLockedJob, runLocked } from '../../../../../services/jobs';
import { TABLES } from '../content-types';
import { planFinish, REWARD_REASONS, type FinishingParticipant, type Payout } from '../domain/finish';
import { endInstant } from '../domain/phase';
import { FURTHEST_AHEAD_TIMEZONE, localDayFor } from '../../../../../utils/clock';
import { challengesConfig, getService } from '../utils/get-service';
import { stoppers } from '../destroy';

/**
 * The finishing job (issue 14, part 4). node-cron runs it on every instance; runLocked lets one of them
 * work at a time. It closes each open challenge whose end instant (the local midnight after endDate in
 * the challenge's timezone) has passed: participants who reached the goal become `completed`, the others
 * `failed`, each with their place on the board (finishRank); rewards are paid, badges awarded; the
 * challenge becomes `finished`.
 *
 * Paid once, whatever happens: the lock is only a saving. Each reward is one transaction that inserts its
 * challenge_rewards row (unique challenge + user + kind, `ON CONFLICT DO NOTHING`) and writes the ledger
 * line only when the row was inserted. Two runs at once (a lock that expired, a test that skips it) race
 * on that unique key: on PostgreSQL the second insert waits for the first transaction and then inserts
 * nothing. What is owed is decided from the participant rows alone (domain/finish.ts), so a run that
 * crashed half way is completed by the next one. Knex here, not the Document Service: these are the
 * concurrent writes, inside transactions (STYLE 8).
 *
 * Progress is recounted from the check-in rows before the plan (services/recount.ts: the events keep it
 * current while the challenge runs, and the recount repairs any event that was lost); a check-in written
 * after the end instant does not count, so nothing the job reads can still change.
 */
export const FINISH_JOB = 'challenges-finish';
/** Emitted once per challenge, after the run that closed it: `{ challengeId }`. */
export const CHALLENGE_FINISHED_EVENT = 'challenges.challenge.finished';
const LOCK_SECONDS = 10 * 60;

export type FinishReport = { challenges: number; participants: number; paid: number; points: number; badges: number };

type ChallengeToFinish = {
  id: number;
  documentId: string;
  timezone: string;
  startDate: string;
  endDate: string;
  isOfficial: boolean;
  rewardPoints: number;
  topK: number;
  topPoints: number;
  badge: string | null;
  badgeIcon: string | null;
};

const day = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);
const instantOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string | number));
const bool = (value: unknown) => value === true || value === 1 || value === '1';

const finishService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const now = () => gamification(strapi, 'clock').now();
  const ledger = () => gamification(strapi, 'ledger');

  /**
   * Open challenges whose end instant is at or before `at`. In SQL, the bound no timezone can pass: a
   * challenge's last day is over only once the local day at `at` is later, and no place on Earth is further
   * ahead than UTC+14; the exact instant in the challenge's own timezone is checked in JS.
   */
  const dueAt = async (at: Date): Promise<ChallengeToFinish[]> => {
    const furthestLocalDay = localDayFor({ timezone: FURTHEST_AHEAD_TIMEZONE }, at);
    const rows = (await knex()(TABLES.challenges)
      .where({ state: 'open' })
      .andWhere('end_date', '<', furthestLocalDay)
      .orderBy('id', 'asc')
      .select('id', 'document_id', 'timezone', 'start_date', 'end_date', 'is_official', 'reward_points', 'top_k', 'top_points', 'badge', 'badge_icon')) as Array<Record<string, unknown>>;
    return rows
      .map((row) => ({
        id: Number(row.id),
        documentId: String(row.document_id),
        timezone: String(row.timezone ?? 'Asia/Shanghai'),
        startDate: day(row.start_date),
        endDate: day(row.end_date),
        isOfficial: bool(row.is_official),
        rewardPoints: Number(row.reward_points ?? 0),
        topK: Number(row.top_k ?? 0),
        topPoints: Number(row.top_points ?? 0),
        badge: (row.badge as string | null) || null,
        badgeIcon: (row.badge_icon as string | null) || null,
      }))
      .filter((c) => endInstant({ ...c, joinDeadline: null }).getTime() <= at.getTime());
  };

  const participantsOf = async (challengeId: number): Promise<FinishingParticipant[]> => {
    const rows = (await knex()(TABLES.participants)
      .where({ challenge_id: challengeId })
      .whereNotNull('user_id')
      .orderBy('id', 'asc')
      .select('id', 'user_id', 'status', 'days_done', 'days_needed', 'progress_at', 'reached_at', 'entry_paid')) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: Number(row.id),
      userId: Number(row.user_id),
      status: String(row.status),
      daysDone: Number(row.days_done ?? 0),
      daysNeeded: Number(row.days_needed ?? 0),
      progressAt: instantOrNull(row.progress_at),
      reachedAt: instantOrNull(row.reached_at),
      entryPaid: Number(row.entry_paid ?? 0),
    }));
  };

  /** Insert a row unless its unique key exists; true when this call inserted it. */
  const insertOnce = async (trx: Knex.Transaction, table: string, key: string[], row: Record<string, unknown>): Promise<number | null> => {
    const inserted = (await trx(table)
      .insert({ document_id: crypto.randomBytes(12).toString('hex'), ...row, created_at: row.created_at, updated_at: row.created_at, published_at: row.created_at })
      .onConflict(key)
      .ignore()
      .returning('id')) as Array<{ id: number } | number>;
    if (inserted.length === 0) return null;
    const first = inserted[0];
    return typeof first === 'number' ? first : Number(first.id);
  };

  /** One reward: its row and its ledger line in one transaction; paid only when this call inserted the row. */
  const payOnce = async (challenge: ChallengeToFinish, payout: Payout, at: Date): Promise<boolean> =>
    strapi.db.transaction(async ({ trx }) => {
      const rewardId = await insertOnce(trx, TABLES.rewards, ['challenge_id', 'user_id', 'kind'], {
        challenge_id: challenge.id,
        user_id: payout.userId,
        kind: payout.kind,
        points: payout.points,
        created_at: at,
      });
      if (rewardId === null) return false;
      const { entries } = await ledger().apply(
        trx,
        payout.userId,
        [{ amount: payout.points, reason: REWARD_REASONS[payout.kind], sourceType: 'challenge', sourceId: challenge.documentId }],
        at,
      );
      if (entries[0]) await trx(TABLES.rewards).where({ id: rewardId }).update({ ledger_entry_id: entries[0].id });
      return true;
    });

  const awardBadge = async (challenge: ChallengeToFinish, userId: number, at: Date): Promise<boolean> => {
    if (!challenge.badge) return false;
    return strapi.db.transaction(async ({ trx }) =>
      (await insertOnce(trx, TABLES.badges, ['user_id', 'challenge_id'], {
        challenge_id: challenge.id,
        user_id: userId,
        name: challenge.badge,
        icon: challenge.badgeIcon,
        awarded_at: at,
        created_at: at,
      })) !== null,
    );
  };

  const service = {
    /** Finish one challenge (idempotent: what was done already is skipped). */
    async finishChallenge(challenge: ChallengeToFinish, at: Date): Promise<Omit<FinishReport, 'challenges'>> {
      // Fair to the day: progress recounted from the check-in rows first (an event lost to a crash costs nobody).
      await getService(strapi, 'recount').challenge(challenge.id);
      const participants = await participantsOf(challenge.id);
      const plan = planFinish(challenge, participants);
      for (const outcome of plan.outcomes) {
        await knex()(TABLES.participants)
          .where({ id: outcome.participantId })
          .whereNot('status', 'left')
          .update({ status: outcome.status, finish_rank: outcome.finishRank, updated_at: at });
      }
      let paid = 0;
      let points = 0;
      for (const payout of plan.payouts) {
        if (await payOnce(challenge, payout, at)) {
          paid += 1;
          points += payout.points;
        }
      }
      let badges = 0;
      for (const userId of plan.completedUserIds) if (await awardBadge(challenge, userId, at)) badges += 1;
      const closed = await knex()(TABLES.challenges).where({ id: challenge.id, state: 'open' }).update({ state: 'finished', finished_at: at, updated_at: at });
      // Once per challenge (the run that closed it), for whoever shows finishes (the board, notifications).
      if (Number(closed) === 1) setImmediate(() => void strapi.eventHub.emit(CHALLENGE_FINISHED_EVENT, { challengeId: challenge.id }));
      return { participants: plan.outcomes.length, paid, points, badges };
    },

    /** Finish every open challenge whose end instant has passed. What this run paid is reported. */
    async finishDue(at: Date = now()): Promise<FinishReport> {
      const report: FinishReport = { challenges: 0, participants: 0, paid: 0, points: 0, badges: 0 };
      for (const challenge of await dueAt(at)) {
        const done = await service.finishChallenge(challenge, at);
        report.challenges += 1;
        report.participants += done.participants;
        report.paid += done.paid;
        report.points += done.points;
        report.badges += done.badges;
        strapi.log.info(`[challenges] finished ${challenge.documentId}: ${done.participants} participants, ${done.paid} rewards (${done.points} points), ${done.badges} badges`);
      }
      return report;
    },

    /** The job's body under the lock (what the cron runs; tests call it to run it "on two instances"). */
    async runJob() {
      return runLocked(strapi, FINISH_JOB, LOCK_SECONDS, () => service.finishDue());
    },

    /** Schedule the job (bootstrap); stopped when Strapi is destroyed. */
    schedule() {
      const task = scheduleLockedJob(strapi, { name: FINISH_JOB, cron: challengesConfig(strapi).finishCron, lockSeconds: LOCK_SECONDS, run: () => service.finishDue() });
      stoppers.push(() => {
        void task.stop();
      });
    },
  };
  return service;
};

export type FinishService = ReturnType<typeof finishService>;
export default finishService;
