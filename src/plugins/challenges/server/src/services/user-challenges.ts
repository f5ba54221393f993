import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { community } from '../../../../community/public';
import { effectiveTier, gamification, satisfies } from '../../../../gamification/public';
import { diffDays, isValidDate } from '../../../../../utils/calendar';
import { effectiveTimezone, isValidTimezone, localDayFor } from '../../../../../utils/clock';
import { isUniqueViolation } from '../../../../../utils/db-errors';
import { forbiddenError, NotFoundError, ValidationError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';
import { getService } from '../utils/get-service';
import type { CreateChallengeInput, JoinByCodeInput } from '../validation/requests';
import type { Caller } from './challenges';

/**
 * User-made challenges (issue 14, part 6): a VIP member makes a challenge for friends, who join it with
 * its invite code. It is never listed publicly (isOfficial false; the list shows it to its creator only),
 * its texts pass WeChat's msgSecCheck like a post (community's gate: risky is refused, review waits for a
 * moderator with review 'pending' and takes no joins until approved), and it pays no points of its own:
 * the finish splits the entries paid among the finishers (services/finish.ts).
 */

/** No 0/O, 1/I/L: codes are read aloud and typed from screenshots. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const MAX_DAYS = 366;

export const newInviteCode = (): string => Array.from(crypto.randomBytes(CODE_LENGTH), (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');

const invalid = (message: string, field: string, reason = 'invalid') => new ValidationError(message, { reason, field });

const userChallengesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const now = () => gamification(strapi, 'clock').now();

  /** The dates, rule and timezone make a challenge that can be completed; 400 with the field otherwise. */
  const checkShape = (input: CreateChallengeInput, timezone: string, at: Date) => {
    if (!isValidDate(input.startDate)) throw invalid('startDate is not a date', 'startDate');
    if (!isValidDate(input.endDate)) throw invalid('endDate is not a date', 'endDate');
    if (input.startDate < localDayFor({ timezone }, at)) throw invalid('The challenge cannot start in the past', 'startDate', 'start_in_past');
    const days = diffDays(input.startDate, input.endDate) + 1;
    if (days < 1) throw invalid('endDate is before startDate', 'endDate');
    if (days > MAX_DAYS) throw invalid(`A challenge lasts at most ${MAX_DAYS} days`, 'endDate');
    if (input.rule === 'weekly') {
      if (input.perWeek === undefined) throw invalid('A weekly challenge needs perWeek', 'perWeek');
      if (input.weeks === undefined) throw invalid('A weekly challenge needs weeks', 'weeks');
      if (input.weeks * 7 > days) throw invalid(`${input.weeks} weeks do not fit between startDate and endDate`, 'weeks');
    } else if (input.targetDays > days) {
      throw invalid(`${input.targetDays} days do not fit between startDate and endDate`, 'targetDays');
    }
  };

  const templateIdOf = async (documentId: string): Promise<number> => {
    const row = await knex()('habit_templates').where({ document_id: documentId, active: true }).first('id');
    if (!row) throw invalid('No such habit template', 'habitTemplate', 'template_not_found');
    return Number(row.id);
  };

  const service = {
    /** POST /challenges: 201 with the challenge and its invite code. */
    async create(caller: Caller & { timezone?: string | null }, input: CreateChallengeInput, baseUrl: string) {
      const at = now();
      if (!satisfies(effectiveTier({ tier: caller.membershipTier, expiresAt: caller.membershipExpiresAt }, at), 'vip')) {
        throw forbiddenError('Only VIP members can create challenges', { reason: 'membership_required' });
      }
      const timezone = input.timezone ?? effectiveTimezone(caller.timezone);
      if (!isValidTimezone(timezone)) throw invalid('Not an IANA time zone', 'timezone');
      checkShape(input, timezone, at);
      const habitTemplate = await templateIdOf(input.habitTemplate);
      // Spent once the challenge is well-formed and before WeChat is asked (each ask counts against the app's quota).
      await getService(strapi, 'limits').consume('create', caller.id);

      const verdict = await community(strapi, 'gate').checkText(caller.id, 3, { title: input.title, content: input.description ?? '' });
      const review = verdict === 'pass' ? 'published' : 'pending';

      const data = {
        title: input.title,
        description: input.description ?? null,
        habitTemplate,
        timezone,
        startDate: input.startDate,
        endDate: input.endDate,
        joinDeadline: null,
        rule: input.rule,
        targetDays: input.rule === 'weekly' ? (input.perWeek ?? 1) * (input.weeks ?? 1) : input.targetDays,
        perWeek: input.rule === 'weekly' ? input.perWeek : null,
        weeks: input.rule === 'weekly' ? input.weeks : null,
        allowMakeup: false,
        maxParticipants: input.maxParticipants ?? null,
        entryCost: input.entryCost,
        rewardPoints: 0,
        topK: 0,
        topPoints: 0,
        visibility: 'everyone' as const,
        isOfficial: false,
        creator: caller.id,
        review,
        state: 'open' as const,
        participantsCount: 0,
        active: true,
        sortOrder: 0,
      };
      // A new code on the (rare) clash with another challenge's.
      let made: { documentId: string; inviteCode: string } | null = null;
      for (let attempt = 0; made === null; attempt += 1) {
        const inviteCode = newInviteCode();
        try {
          const created = await strapi.db.query(UIDS.challenge).create({ data: { ...data, inviteCode } });
          made = { documentId: created.documentId as string, inviteCode };
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 4) throw error;
        }
      }
      if (review === 'pending') strapi.log.info(`[challenges] user-made challenge ${made.documentId} waits for a moderator (msgSecCheck: ${verdict})`);
      const challenges = getService(strapi, 'challenges');
      const row = await challenges.rowByDocumentId(made.documentId);
      if (!row) throw new NotFoundError('No such challenge');
      const [view] = await challenges.render([row], caller, baseUrl);
      return { ...view, inviteCode: made.inviteCode, review };
    },

    /** POST /challenges/join-by-code: the challenge the code opens, joined like any other (core's joins). */
    async joinByCode(caller: Caller, input: JoinByCodeInput) {
      const row = await knex()(TABLES.challenges).where({ invite_code: input.code.toUpperCase(), active: true }).first('document_id');
      if (!row) throw new NotFoundError('No challenge has this invite code', { reason: 'invite_code_not_found' });
      return getService(strapi, 'joins').joinChallenge(caller.id, String(row.document_id), { habit: input.habit }, { byCode: true });
    },
  };
  return service;
};

export type UserChallengesService = ReturnType<typeof userChallengesService>;
export default userChallengesService;
