import type { Core } from '@strapi/strapi';
import { z, type ApiRoute } from '../../../../../utils/openapi';
import { calendarQuerySchema, checkInBodySchema, idempotencyKeySchema, makeupBodySchema, recordsQuerySchema } from '../validation/check-ins';
import { diaryListQuerySchema } from '../validation/diaries';
import { reminderTimesSchema, weekdaysSchema } from '../validation/habits';
import { drawBodySchema } from '../validation/lottery';
import { redeemBodySchema, redeemHistoryQuerySchema } from '../validation/redeem-codes';
import { taskListQuerySchema } from '../validation/tasks';
import {
  balanceAnswerSchema,
  calendarAnswerSchema,
  checkInAnswerSchema,
  checkInConflictSchema,
  drawAnswerSchema,
  drawRecordsAnswerSchema,
  habitStatsAnswerSchema,
  makeupAnswerSchema,
  makeupConflictSchema,
  makeupRulesAnswerSchema,
  myStatsAnswerSchema,
  pointsRecordsAnswerSchema,
  prizesAnswerSchema,
  redeemAnswerSchema,
  redeemHistoryAnswerSchema,
  taskCompleteAnswerSchema,
  todayAnswerSchema,
} from '../validation/answers';

/** An offline queue may send its key as a header instead of in the body (utils/idempotency-key.ts). */
const idempotencyHeaders = z.object({
  'Idempotency-Key': idempotencyKeySchema.optional().openapi({ description: 'Same as data.idempotencyKey; both present and different is a 400' }),
});

/**
 * The plugin's part of the API document (src/openapi assembles it): `routes()` documents the plugin's own
 * content-API routes; `schemas` are the request and answer schemas of the domain actions whose routes
 * src/api declares (check-ins, habits, tasks, diaries) and this plugin's services carry out. Request
 * schemas are the very ones the controllers parse with.
 */
const openapiService = (_deps: { strapi: Core.Strapi }) => ({
  schemas: {
    checkInBody: checkInBodySchema,
    makeupBody: makeupBodySchema,
    calendarQuery: calendarQuerySchema,
    taskListQuery: taskListQuerySchema,
    diaryListQuery: diaryListQuerySchema,
    idempotencyHeaders,
    checkInAnswer: checkInAnswerSchema,
    makeupAnswer: makeupAnswerSchema,
    checkInConflict: checkInConflictSchema,
    makeupConflict: makeupConflictSchema,
    makeupRulesAnswer: makeupRulesAnswerSchema,
    todayAnswer: todayAnswerSchema,
    calendarAnswer: calendarAnswerSchema,
    habitStatsAnswer: habitStatsAnswerSchema,
    taskCompleteAnswer: taskCompleteAnswerSchema,
    /** A habit's JSON attributes as the habit rules accept them (the generated schemas say only "JSON"). */
    habitJsonAttributes: { weekdays: weekdaysSchema, reminderTimes: reminderTimesSchema },
  },

  routes(): ApiRoute[] {
    const points = ['Points'];
    const lottery = ['Lottery'];
    const redeem = ['Redeem codes'];
    return [
      {
        method: 'get',
        path: '/points/balance',
        operationId: 'getPointsBalance',
        summary: 'The points balance, and the points ever earned and spent',
        tags: points,
        auth: 'user',
        responses: { 200: { description: 'Balance', schema: balanceAnswerSchema } },
        errors: [401, 403],
      },
      {
        method: 'get',
        path: '/points/records',
        operationId: 'getPointsRecords',
        summary: 'The points ledger, newest first',
        tags: points,
        auth: 'user',
        request: { query: recordsQuerySchema },
        responses: { 200: { description: 'A page of ledger entries', schema: pointsRecordsAnswerSchema } },
        errors: [400, 401, 403],
      },
      {
        method: 'get',
        path: '/me/stats',
        operationId: 'getMyStats',
        summary: 'Totals, streaks, rank tier and stars, the last 7 days, completion rate',
        tags: ['Stats'],
        auth: 'user',
        responses: { 200: { description: 'The user’s stats', schema: myStatsAnswerSchema } },
        errors: [401, 403],
      },
      {
        method: 'get',
        path: '/lottery/prizes',
        operationId: 'getLotteryPrizes',
        summary: 'The prizes on offer, the cost of a draw and today’s draws left',
        tags: lottery,
        auth: 'user',
        responses: { 200: { description: 'Prizes', schema: prizesAnswerSchema } },
        errors: [401, 403],
      },
      {
        method: 'post',
        path: '/lottery/draw',
        operationId: 'drawLottery',
        summary: 'Spend points on one draw',
        description:
          'No body is needed. A retry with the same idempotency key (body or header) gets the first answer back; the same key already used for another request (a check-in) is a 422 `idempotency_key_reused`.',
        tags: lottery,
        auth: 'user',
        request: { body: drawBodySchema, headers: idempotencyHeaders },
        responses: { 201: { description: 'The draw and what it won', schema: drawAnswerSchema } },
        errors: [400, 401, 403, 409, 422],
      },
      {
        method: 'get',
        path: '/lottery/records',
        operationId: 'getLotteryRecords',
        summary: 'The user’s draws, newest first',
        tags: lottery,
        auth: 'user',
        request: { query: recordsQuerySchema },
        responses: { 200: { description: 'A page of draws', schema: drawRecordsAnswerSchema } },
        errors: [400, 401, 403],
      },
      {
        method: 'post',
        path: '/redeem-codes/redeem',
        operationId: 'redeemCode',
        summary: 'Redeem a code for membership days, makeup cards or points',
        description: 'Unknown codes count against a budget per user and per IP (429 with Retry-After once spent).',
        tags: redeem,
        auth: 'user',
        request: { body: redeemBodySchema },
        responses: { 200: { description: 'The redemption and what it gave', schema: redeemAnswerSchema } },
        errors: [400, 401, 403, 404, 409, 429],
      },
      {
        method: 'get',
        path: '/redeem-codes/history',
        operationId: 'getRedeemHistory',
        summary: 'The user’s redemptions, newest first, optionally of one kind',
        tags: redeem,
        auth: 'user',
        request: { query: redeemHistoryQuerySchema },
        responses: { 200: { description: 'A page of redemptions', schema: redeemHistoryAnswerSchema } },
        errors: [400, 401, 403],
      },
    ];
  },
});

export type OpenapiService = ReturnType<typeof openapiService>;
export default openapiService;
