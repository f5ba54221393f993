import { boardRoutes } from './openapi-board';
import type { Core } from '@strapi/strapi';
import { z, type ApiRoute, type OpenApiSurface } from '../../../../../utils/openapi';
import {
  badgesAnswerSchema,
  createChallengeProblemDetails,
  createdChallengeAnswerSchema,
  inviteCodeNotFoundDetails,
  membershipRequiredDetails,
  challengeDetailAnswerSchema,
  challengeListAnswerSchema,
  habitProblemDetails,
  insufficientPointsDetails,
  joinConflictDetails,
  joinForbiddenDetails,
  myChallengesAnswerSchema,
  notJoinedDetails,
  participationAnswerSchema,
} from '../validation/answers';
import { challengeListQuerySchema, createChallengeBodySchema, documentIdParams, joinBodySchema, joinByCodeBodySchema, myChallengesQuerySchema } from '../validation/requests';

const TAGS = ['Challenges'];

/** The plugin's routes for the API document (src/openapi assembles it). Shared: each part appends its routes. */
const openapiService = (_deps: { strapi: Core.Strapi }): OpenApiSurface => ({
  routes(): ApiRoute[] {
    return [
      // --- core ---
      {
        method: 'get',
        path: '/challenges',
        operationId: 'listChallenges',
        summary: 'The challenges the caller may see, a page at a time (cursor), with the caller’s participation when signed in',
        description:
          'Active official challenges (and the caller’s own user-made ones), in the editors’ order then the latest start first; ' +
          'region-only challenges of other regions are left out. VIP-only ones are listed to all (`joinable` false without the membership).',
        tags: TAGS,
        auth: 'public',
        request: { query: challengeListQuerySchema },
        responses: { 200: { description: 'A page of challenges', schema: challengeListAnswerSchema } },
        errors: [400],
      },
      {
        method: 'get',
        path: '/challenges/:documentId',
        operationId: 'getChallenge',
        summary: 'One challenge with its rule in words (`rules`) and the caller’s participation',
        tags: TAGS,
        auth: 'public',
        request: { params: documentIdParams },
        responses: { 200: { description: 'The challenge', schema: challengeDetailAnswerSchema } },
        errors: [400, 404],
      },
      {
        method: 'post',
        path: '/challenges/:documentId/join',
        operationId: 'joinChallenge',
        summary: 'Join: link a habit (given, or the caller’s of the template, or a new one from it) and pay the entry cost',
        description:
          'Joining again while in answers the same participation and spends nothing. The entry cost is spent from the points balance ' +
          '(refunded when leaving before the start).',
        tags: TAGS,
        auth: 'user',
        request: { params: documentIdParams, body: joinBodySchema },
        responses: { 200: { description: 'The caller’s participation', schema: participationAnswerSchema } },
        errors: [
          {
            status: 400,
            description: 'Bad input, not enough points (`insufficient_points`, 积分不足), or the habit does not fit (`habit_mismatch`, `habit_required`)',
            details: z.union([insufficientPointsDetails, habitProblemDetails, z.record(z.unknown())]),
          },
          401,
          { status: 403, description: 'VIP only (`membership_required`), or for another region (`region`)', details: z.union([joinForbiddenDetails, z.object({}).strict()]) },
          404,
          { status: 409, description: 'Joining is closed (`join_closed`), the challenge is full (`challenge_full`) or over (`challenge_ended`)', details: joinConflictDetails },
          429,
        ],
      },
      {
        method: 'post',
        path: '/challenges/:documentId/leave',
        operationId: 'leaveChallenge',
        summary: 'Leave: the entry cost comes back before the start, and is forfeited after',
        tags: TAGS,
        auth: 'user',
        request: { params: documentIdParams },
        responses: { 200: { description: 'The participation, status left', schema: participationAnswerSchema } },
        errors: [400, 401, 403, 404, { status: 409, description: 'The caller is not in this challenge (`not_joined`)', details: notJoinedDetails }, 429],
      },
      {
        method: 'get',
        path: '/me/challenges',
        operationId: 'listMyChallenges',
        summary: 'The caller’s challenges: `active` (in, and not ended) or `ended` (ended, finished or left)',
        tags: TAGS,
        auth: 'user',
        request: { query: myChallengesQuerySchema },
        responses: { 200: { description: 'The caller’s challenges, `me` filled', schema: myChallengesAnswerSchema } },
        errors: [400, 401, 403],
      },
      // --- finish: user-made challenges, join by code, badges ---
      {
        method: 'post',
        path: '/challenges',
        operationId: 'createChallenge',
        summary: 'A VIP member makes a challenge for friends: not listed publicly, joined with its invite code',
        description:
          'The title and description pass WeChat’s msgSecCheck like a post: risky text is refused (400 `content_risky`), text WeChat wants a ' +
          'person to look at waits for a moderator (review pending: not joinable until published). User-made challenges pay no points of ' +
          'their own: when they end, the entries paid are split among the finishers (the remainder to the earliest), or given back when ' +
          'nobody finishes.',
        tags: TAGS,
        auth: 'user',
        request: { body: createChallengeBodySchema },
        responses: { 201: { description: 'The challenge, with its invite code', schema: createdChallengeAnswerSchema } },
        errors: [
          { status: 400, description: 'Bad input (`field` names it), a start in the past, an unknown template, or risky text', details: z.union([createChallengeProblemDetails, z.record(z.unknown())]) },
          401,
          { status: 403, description: 'VIP members only (`membership_required`)', details: z.union([membershipRequiredDetails, z.object({}).strict()]) },
          429,
        ],
      },
      {
        method: 'post',
        path: '/challenges/join-by-code',
        operationId: 'joinChallengeByCode',
        summary: 'Join the challenge an invite code opens (a user-made one), like POST /challenges/{documentId}/join',
        tags: TAGS,
        auth: 'user',
        request: { body: joinByCodeBodySchema },
        responses: { 200: { description: 'The caller’s participation', schema: participationAnswerSchema } },
        errors: [
          { status: 400, description: 'Bad input, not enough points (`insufficient_points`), or the habit does not fit', details: z.union([insufficientPointsDetails, habitProblemDetails, z.record(z.unknown())]) },
          401,
          { status: 403, description: 'Not for the caller (`membership_required`, `region`)', details: z.union([joinForbiddenDetails, z.object({}).strict()]) },
          { status: 404, description: 'No challenge has this code, or it waits for a moderator', details: z.union([inviteCodeNotFoundDetails, z.object({}).strict()]) },
          { status: 409, description: 'Joining is closed, the challenge is full or over', details: joinConflictDetails },
          429,
        ],
      },
      {
        method: 'get',
        path: '/me/badges',
        operationId: 'listMyBadges',
        summary: 'The badges the caller earned by finishing challenges, newest first (shown on the profile)',
        tags: TAGS,
        auth: 'user',
        responses: { 200: { description: 'The caller’s badges', schema: badgesAnswerSchema } },
        errors: [401, 403],
      },
      // progress: the challenge boards
      ...boardRoutes(TAGS),
    ];
  },
});

export default openapiService;
