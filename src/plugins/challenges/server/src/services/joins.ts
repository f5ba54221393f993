import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { assertHabitRules, gamification } from '../../../../gamification/public';
import { isUniqueViolation } from '../../../../../utils/db-errors';
import { conflictError, forbiddenError, NotFoundError, ValidationError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';
import { daysNeededFor, joinClosedAt, phaseAt, startInstant } from '../domain/phase';
import { getService } from '../utils/get-service';
import type { JoinInput } from '../validation/requests';
import { ineligibility, type Caller, type ChallengeFields, type Participation } from './challenges';

/**
 * Joining and leaving (POST /challenges/:id/join, /leave; join-by-code calls `joinChallenge` too).
 *
 * A join is one transaction: link the caller's habit (one given, or theirs of the challenge's template,
 * or a new one made from the template), write the participant row, spend the entry cost through the
 * ledger, and last take a place under the cap with one conditional UPDATE of the challenge's
 * participants_count (`WHERE max_participants IS NULL OR participants_count < max_participants`). On
 * PostgreSQL that UPDATE holds the challenge's row until the commit, and concurrent joins re-check the
 * condition against the committed count: the cap holds however many join at once, and the row is held
 * only for the end of the transaction. A join refused there rolls back the spend and the habit it made.
 * Joining again while in is the same answer with no second spend (the unique (challenge, user) key makes
 * two concurrent joins of one user one participant).
 *
 * Leaving before the start refunds the entry (reason challenge_refund; entryPaid becomes 0); after the
 * start the entry is forfeited (it stays in entryPaid: a user-made challenge's pool). participants_count
 * counts participants who have not left.
 *
 * After each commit `challenges.participation.changed` is emitted (`{ challengeId, userId, kind: 'join' | 'leave' }`):
 * the progress side recomputes the newcomer's progress from their habit (a habit may already have
 * check-ins in the window) and updates the board.
 */
export const PARTICIPATION_CHANGED_EVENT = 'challenges.participation.changed';
export type ParticipationChangedEvent = { challengeId: number; userId: number; kind: 'join' | 'leave' };

/** Fields a habit made for a challenge takes from the challenge's template. */
const FROM_TEMPLATE = [
  'title', 'description', 'category', 'kind', 'icon', 'color', 'frequencyType', 'timesPerWeek', 'weekdays',
  'intervalDays', 'goalType', 'goalValue', 'goalUnit', 'reminderTimes',
] as const;

type UserRow = Caller & { timezone: string | null; dayStartHour: number | null };

/** A transaction's outcome that is no error: someone else's concurrent write won; read again. */
class RaceLost extends Error {}

const joinsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const clock = () => gamification(strapi, 'clock');
  const challenges = () => getService(strapi, 'challenges');

  const userOf = async (userId: number): Promise<UserRow> => {
    const row = (await knex()('up_users')
      .where({ id: userId })
      .first('id', 'membership_tier', 'membership_expires_at', 'province', 'city', 'district', 'timezone', 'day_start_hour')) as Record<string, unknown> | undefined;
    if (!row) throw new NotFoundError('No such user');
    return {
      id: userId,
      membershipTier: row.membership_tier,
      membershipExpiresAt: (row.membership_expires_at as string | Date | null) ?? null,
      province: (row.province as string | null) ?? null,
      city: (row.city as string | null) ?? null,
      district: (row.district as string | null) ?? null,
      timezone: (row.timezone as string | null) ?? null,
      dayStartHour: row.day_start_hour === null || row.day_start_hour === undefined ? null : Number(row.day_start_hour),
    };
  };

  const participationOf = async (userId: number, challengeId: number, db?: Knex | Knex.Transaction): Promise<Participation | null> =>
    (await challenges().participationsOf(userId, [challengeId], db)).get(challengeId) ?? null;

  const participantRow = async (userId: number, challengeId: number) =>
    (await knex()(TABLES.participants).where({ user_id: userId, challenge_id: challengeId }).first('id', 'status', 'entry_paid')) as
      | { id: number; status: string; entry_paid: number }
      | undefined;

  /** The habit to link, or the template to make one from. */
  const habitFor = async (challenge: ChallengeFields, templateId: number | null, userId: number, input: JoinInput): Promise<{ habitId: number } | { templateId: number }> => {
    if (input.habit) {
      const habit = (await knex()('habits').where({ document_id: input.habit, user_id: userId }).first('id', 'template_id', 'archived')) as
        | { id: number; template_id: number | null; archived: unknown }
        | undefined;
      if (!habit) throw new NotFoundError('No such habit among yours', { field: 'habit', reason: 'habit_not_found' });
      if (templateId !== null && Number(habit.template_id) !== templateId) {
        throw new ValidationError(`This challenge counts check-ins of a「${challenge.habitTemplate?.title ?? ''}」habit: link one made from that template, or leave habit out`, {
          field: 'habit',
          reason: 'habit_mismatch',
        });
      }
      return { habitId: Number(habit.id) };
    }
    if (templateId === null) throw new ValidationError('This challenge has no habit template: send the habit to link', { field: 'habit', reason: 'habit_required' });
    const own = (await knex()('habits')
      .where({ user_id: userId, template_id: templateId })
      .andWhere((q) => q.where('archived', false).orWhereNull('archived'))
      .orderBy('id', 'asc')
      .first('id')) as { id: number } | undefined;
    return own ? { habitId: Number(own.id) } : { templateId };
  };

  const createHabitFromTemplate = async (templateId: number, user: UserRow): Promise<number> => {
    const template = (await strapi.db.query('api::habit-template.habit-template').findOne({ where: { id: templateId } })) as Record<string, unknown> | null;
    if (!template) throw new ValidationError('The challenge’s habit template is gone: send the habit to link', { field: 'habit', reason: 'habit_required' });
    const data: Record<string, unknown> = { frequencyType: 'daily' };
    for (const field of FROM_TEMPLATE) if (template[field] !== null && template[field] !== undefined) data[field] = template[field];
    if (Array.isArray(data.reminderTimes) && data.reminderTimes.length > 0) data.reminderEnabled = true;
    data.startDate = clock().localDay(user);
    assertHabitRules(data);
    const habit = (await strapi.db.query('api::habit.habit').create({ data: { ...data, user: user.id, template: templateId, archived: false } })) as { id: number };
    return Number(habit.id);
  };

  /** Why the place under the cap was refused, read after the conditional UPDATE matched nothing. */
  const refusalAfterUpdate = async (challengeId: number, trx: Knex.Transaction) => {
    const row = (await trx(TABLES.challenges).where({ id: challengeId }).first('state', 'max_participants', 'participants_count')) as
      | { state: string; max_participants: number | null; participants_count: number }
      | undefined;
    if (!row || row.state !== 'open') return conflictError('This challenge has ended', { reason: 'challenge_ended' });
    return conflictError('This challenge is full', { reason: 'challenge_full' });
  };

  const emit = (event: ParticipationChangedEvent) => {
    setImmediate(() => void strapi.eventHub.emit(PARTICIPATION_CHANGED_EVENT, event));
  };

  const service = {
    /**
     * Join a challenge already found (by documentId or invite code). `byCode`: the caller came with the
     * invite code, so a user-made challenge is open to them.
     */
    async joinChallenge(userId: number, documentId: string, input: JoinInput, options: { byCode?: boolean } = {}): Promise<Participation> {
      const row = await challenges().rowByDocumentId(documentId);
      if (!row) throw new NotFoundError('No such challenge', { reason: 'challenge_not_found' });
      const challenge = challenges().fieldsOf(row);
      const existing = await participantRow(userId, challenge.id);
      // Official ones, or user-made ones by invite code, once published; the creator's own and those the caller is in always.
      const reachable =
        challenge.active &&
        (challenge.creatorId === userId || existing !== undefined || ((challenge.isOfficial || options.byCode === true) && challenge.review === 'published'));
      if (!reachable) throw new NotFoundError('No such challenge', { reason: 'challenge_not_found' });
      // Joining again while in: the same answer, nothing spent twice.
      if (existing?.status === 'active') return (await participationOf(userId, challenge.id)) as Participation;
      if (existing && existing.status !== 'left') throw conflictError('This challenge has ended', { reason: 'challenge_ended' });

      const now = clock().now();
      const closed = joinClosedAt(challenge, now);
      if (closed === 'challenge_ended') throw conflictError('This challenge has ended', { reason: closed });
      if (closed === 'join_closed') throw conflictError('Joining this challenge is closed', { reason: closed });
      const user = await userOf(userId);
      const refused = ineligibility(challenge, user, now);
      if (refused === 'membership_required') throw forbiddenError('This challenge is for VIP members', { reason: refused });
      if (refused === 'region') throw forbiddenError('This challenge is for another region', { reason: refused });
      if (closed === 'challenge_full') throw conflictError('This challenge is full', { reason: closed });

      const templateId = row.habit_template_id === null || row.habit_template_id === undefined ? null : Number(row.habit_template_id);
      const habit = await habitFor(challenge, templateId, userId, input);
      const cost = challenge.entryCost;
      try {
        await strapi.db.transaction(async ({ trx }) => {
          const habitId = 'habitId' in habit ? habit.habitId : await createHabitFromTemplate(habit.templateId, user);
          const fields = { habit_id: habitId, status: 'active', days_done: 0, streak: 0, best_streak: 0, progress_at: null, reached_at: null, joined_at: now, left_at: null, finish_rank: null, updated_at: now };
          if (existing) {
            // Back after leaving: a conditional UPDATE, so two concurrent re-joins pay once.
            const back = await trx(TABLES.participants)
              .where({ id: existing.id, status: 'left' })
              .update({ ...fields, days_needed: daysNeededFor(challenge), entry_paid: Number(existing.entry_paid ?? 0) + cost });
            if (Number(back) !== 1) throw new RaceLost();
          } else {
            await strapi.db.query(UIDS.participant).create({
              data: { challenge: challenge.id, user: userId, habit: habitId, status: 'active', daysDone: 0, daysNeeded: daysNeededFor(challenge), streak: 0, bestStreak: 0, entryPaid: cost, joinedAt: now },
            });
          }
          if (cost > 0) {
            await gamification(strapi, 'ledger').apply(trx, userId, [{ amount: -cost, reason: 'challenge_entry', sourceType: 'challenge', sourceId: challenge.documentId }], now);
          }
          // knex: the place under the cap, last, so the challenge's row is held only until the commit.
          const placed = await trx(TABLES.challenges)
            .where({ id: challenge.id, state: 'open' })
            .andWhere((q: Knex.QueryBuilder) => q.whereNull('max_participants').orWhere('participants_count', '<', trx.ref('max_participants')))
            .update({ participants_count: trx.raw('coalesce(participants_count, 0) + 1') });
          if (Number(placed) !== 1) throw await refusalAfterUpdate(challenge.id, trx);
        });
      } catch (error) {
        if (!(error instanceof RaceLost) && !isUniqueViolation(error)) throw error;
        // A concurrent join of this user won: theirs is the answer.
        const won = await participationOf(userId, challenge.id);
        if (won?.status === 'active') return won;
        throw error;
      }
      emit({ challengeId: challenge.id, userId, kind: 'join' });
      return (await participationOf(userId, challenge.id)) as Participation;
    },

    /** POST /challenges/:documentId/join. */
    async join(caller: { id: number }, documentId: string, input: JoinInput): Promise<Participation> {
      return service.joinChallenge(caller.id, documentId, input);
    },

    /** POST /challenges/:documentId/leave: status left; the entry back before the start, forfeited after. */
    async leave(caller: { id: number }, documentId: string): Promise<Participation> {
      const row = await challenges().visibleRow(documentId, caller);
      const challenge = challenges().fieldsOf(row);
      const existing = await participantRow(caller.id, challenge.id);
      if (!existing || existing.status !== 'active') throw conflictError('You are not in this challenge', { reason: 'not_joined' });
      const now = clock().now();
      const beforeStart = phaseAt(challenge, now) === 'upcoming' && now.getTime() < startInstant(challenge).getTime();
      await strapi.db.transaction(async ({ trx }) => {
        const paid = Number(existing.entry_paid ?? 0);
        const refund = beforeStart ? paid : 0;
        const left = await trx(TABLES.participants)
          .where({ id: existing.id, status: 'active' })
          .update({ status: 'left', left_at: now, updated_at: now, ...(refund > 0 ? { entry_paid: 0 } : {}) });
        if (Number(left) !== 1) throw conflictError('You are not in this challenge', { reason: 'not_joined' });
        if (refund > 0) {
          await gamification(strapi, 'ledger').apply(trx, caller.id, [{ amount: refund, reason: 'challenge_refund', sourceType: 'challenge', sourceId: challenge.documentId }], now);
        }
        await trx(TABLES.challenges).where({ id: challenge.id }).andWhere('participants_count', '>', 0).decrement('participants_count', 1);
      });
      emit({ challengeId: challenge.id, userId: caller.id, kind: 'leave' });
      return (await participationOf(caller.id, challenge.id)) as Participation;
    },
  };
  return service;
};

export type JoinsService = ReturnType<typeof joinsService>;
export default joinsService;
