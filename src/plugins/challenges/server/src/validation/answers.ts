import { calendarDay, emptyMeta, instant, z } from '../../../../../utils/openapi';

/**
 * What the challenges' routes answer, as zod schemas: the API document is generated from them and
 * tests/e2e/openapi-conformance.test.ts holds real answers to them (strict objects: a new field is written
 * here too). Shared by the parts of the work: each appends its own schemas below the core ones.
 */

// --- core: Challenge, Participation ---

export const PARTICIPANT_STATUSES = ['active', 'completed', 'failed', 'left'] as const;
export const REWARD_KINDS = ['completion', 'top', 'pool', 'refund'] as const;
export const CHALLENGE_RULES = ['daysOf', 'streak', 'weekly'] as const;
export const CHALLENGE_PHASES = ['upcoming', 'running', 'ended'] as const;

export const participationSchema = z
  .object({
    status: z.enum(PARTICIPANT_STATUSES).openapi({ description: 'active until the finish (completed / failed) or leaving (left)' }),
    daysDone: z.number().int(),
    daysNeeded: z.number().int(),
    streak: z.number().int(),
    bestStreak: z.number().int(),
    progressAt: instant.nullable().openapi({ description: 'When daysDone last grew (ties on the board go to the earlier)' }),
    reachedAt: instant.nullable().openapi({ description: 'When the goal was first reached; set means reached before the finish' }),
    joinedAt: instant,
    leftAt: instant.nullable(),
    entryPaid: z.number().int().openapi({ description: 'Points paid to enter and not refunded' }),
    finishRank: z.number().int().nullable().openapi({ description: 'Place on the board when the challenge finished' }),
    habit: z.object({ documentId: z.string(), title: z.string() }).strict().nullable().openapi({ description: 'The caller’s habit whose check-ins count' }),
    rewards: z.array(z.object({ kind: z.enum(REWARD_KINDS), points: z.number().int() }).strict()),
  })
  .strict()
  .openapi('ChallengeParticipation');

export const challengeSchema = z
  .object({
    id: z.number().int(),
    documentId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    coverUrl: z.string().nullable(),
    timezone: z.string().openapi({ description: 'IANA time zone the dates are local to' }),
    startDate: calendarDay,
    endDate: calendarDay.openapi({ description: 'Last day; the challenge ends at the next local midnight' }),
    joinDeadline: calendarDay.nullable().openapi({ description: 'Last local day to join; null: until the end' }),
    rule: z.enum(CHALLENGE_RULES),
    targetDays: z.number().int(),
    perWeek: z.number().int().nullable(),
    weeks: z.number().int().nullable(),
    allowMakeup: z.boolean(),
    entryCost: z.number().int(),
    rewardPoints: z.number().int(),
    badge: z.string().nullable(),
    badgeIcon: z.string().nullable(),
    topK: z.number().int(),
    topPoints: z.number().int(),
    maxParticipants: z.number().int().nullable(),
    participantsCount: z.number().int().openapi({ description: 'Participants who have not left' }),
    isOfficial: z.boolean(),
    phase: z.enum(CHALLENGE_PHASES),
    joinable: z.boolean().openapi({ description: 'Whether a join by the caller would be accepted now (for guests: whether it takes joins)' }),
    habitTemplate: z.object({ documentId: z.string(), title: z.string(), icon: z.string().nullable() }).strict().nullable(),
    // A copy of the fields, not `participationSchema.nullable()`: the generator writes a nullable registered schema as a $ref and marks
    // the component itself nullable, which made every join / leave answer nullable in the document.
    me: z.object(participationSchema.shape).strict().nullable().openapi({ description: 'The caller’s participation; null for guests and non-participants' }),
  })
  .strict()
  .openapi('Challenge');

// A fresh object of the same fields (not `.extend`, which the document would write as allOf of two strict objects).
export const challengeDetailSchema = z
  .object({ ...challengeSchema.shape, rules: z.string().openapi({ description: 'The rule in readable Chinese (规则说明)' }) })
  .strict()
  .openapi('ChallengeDetail');

export const challengeListAnswerSchema = z
  .object({
    data: z.array(challengeSchema),
    meta: z.object({ next: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }) }).strict(),
  })
  .strict();
export const challengeDetailAnswerSchema = z.object({ data: challengeDetailSchema, meta: emptyMeta }).strict();
export const participationAnswerSchema = z.object({ data: participationSchema, meta: emptyMeta }).strict();
export const myChallengesAnswerSchema = z.object({ data: z.array(z.object({ challenge: challengeSchema }).strict()), meta: emptyMeta }).strict();

/** Why a join is refused. */
export const joinConflictDetails = z
  .object({ reason: z.enum(['join_closed', 'challenge_full', 'challenge_ended']) })
  .strict()
  .openapi('ChallengeJoinConflict');
export const joinForbiddenDetails = z.object({ reason: z.enum(['membership_required', 'region']) }).strict().openapi('ChallengeJoinForbidden');
export const insufficientPointsDetails = z.object({ reason: z.literal('insufficient_points'), needed: z.number().int() }).strict();
export const habitProblemDetails = z.object({ reason: z.enum(['habit_required', 'habit_mismatch']), field: z.literal('habit') }).strict();
export const notJoinedDetails = z.object({ reason: z.literal('not_joined') }).strict();

// --- finish: user-made challenges, badges ---

export const createdChallengeAnswerSchema = z
  .object({
    // A new object from Challenge's fields, not `challengeSchema.extend`: that is documented as allOf [Challenge, {inviteCode}],
    // which no answer matches (each part forbids the other's fields).
    data: z
      .object({
        ...challengeSchema.shape,
        inviteCode: z.string().openapi({ description: 'Friends join with it (POST /challenges/join-by-code); shown to the creator only' }),
        review: z.enum(['published', 'pending']).openapi({ description: '`pending`: WeChat’s text check wants a moderator to read it first; joinable once approved (the creator is notified)' }),
      })
      .strict()
      .openapi('CreatedChallenge'),
    meta: emptyMeta,
  })
  .strict();

export const badgeSchema = z
  .object({
    name: z.string(),
    icon: z.string().nullable(),
    awardedAt: instant,
    challenge: z.object({ documentId: z.string(), title: z.string() }).strict(),
  })
  .strict()
  .openapi('ChallengeBadge');
export const badgesAnswerSchema = z.object({ data: z.array(badgeSchema), meta: emptyMeta }).strict();

export const createChallengeProblemDetails = z
  .object({ reason: z.enum(['invalid', 'start_in_past', 'template_not_found', 'content_risky']), field: z.string(), label: z.number().int().optional() })
  .strict();
export const membershipRequiredDetails = z.object({ reason: z.literal('membership_required') }).strict();
export const inviteCodeNotFoundDetails = z.object({ reason: z.enum(['invite_code_not_found', 'challenge_not_found']) }).strict();
