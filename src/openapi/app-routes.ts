import type { Core } from '@strapi/strapi';
import { gamification } from '../plugins/gamification/public';
import { generatedSchema, z, type ApiRoute } from '../utils/openapi';

/**
 * The routes src/api declares beyond the generated CRUD ones (src/api/<name>/routes/01-*.ts, health), and
 * the generated CRUD operations whose controllers do more than the core ones (check-in create and undo,
 * task and diary lists, task delete). The domain actions are carried out by the gamification plugin, whose
 * public surface (its `openapi` service) hands over the schemas its services parse and answer with.
 */

const checkStatus = z
  .object({
    status: z.enum(['ok', 'unreachable', 'not configured']),
    latencyMs: z.number().int().optional(),
    error: z.string().optional(),
  })
  .strict();

export const healthAnswerSchema = z
  .object({ data: z.object({ status: z.literal('ok'), uptimeSeconds: z.number().int() }).strict() })
  .strict()
  .openapi('HealthAnswer');

export const readyAnswerSchema = z
  .object({
    data: z
      .object({
        status: z.literal('ready'),
        checks: z.object({ database: checkStatus.extend({ client: z.string() }).strict(), redis: checkStatus }).strict(),
      })
      .strict(),
  })
  .strict()
  .openapi('ReadyAnswer');

/** The 409 of a second diary on one date: the diary that holds it (null if it went meanwhile). */
const diaryConflictSchema = z
  .object({
    reason: z.literal('diary_exists'),
    diary: z.object({ id: z.number().int(), documentId: z.string(), localDate: z.string(), isDraft: z.boolean() }).strict().nullable(),
  })
  .strict();

const documentIdParams = (what: string) => z.object({ id: z.string().openapi({ description: `The ${what}'s documentId` }) });

export const appRoutes = (strapi: Core.Strapi): ApiRoute[] => {
  const { schemas } = gamification(strapi, 'openapi');
  const checkIns = ['Check-in'];
  return [
    {
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      summary: 'The process is up',
      tags: ['Operations'],
      auth: 'public',
      responses: { 200: { description: 'Up', schema: healthAnswerSchema } },
      errors: [],
    },
    {
      method: 'get',
      path: '/ready',
      operationId: 'getReady',
      summary: 'The database (and Redis, when configured) answer',
      description: 'A 503 names the failed checks in `error.details.checks`.',
      tags: ['Operations'],
      auth: 'public',
      responses: { 200: { description: 'Ready', schema: readyAnswerSchema } },
      errors: [503],
    },
    {
      method: 'post',
      path: '/check-ins',
      operationId: 'postCheckIns',
      summary: 'Check in a habit for today (the server decides the local day)',
      description:
        'Points, streak bonuses and makeup cards are applied in the same transaction. A second check-in of the habit on the same local day is a 409 with `error.details.reason` `already_checked_in` and `error.details.checkIn`, the existing one. `localDate` (optional) is the day the user tapped, for an offline queue replaying later: today checks in; an earlier day already checked in is that same 409; an earlier day without a check-in is a 409 with `error.details` `{ reason: "day_passed", date, today, habit, makeup: { possible, blockedBy, withinWindow, lastDay, windowDays, cardsLeft, makeupsPerDay, makeupsLeftToday } }` and nothing is written (offer POST /check-ins/makeup when `makeup.possible`); a later day is a 400 (`future_date`). A retry with the same idempotency key (body or header) gets the first answer (201 or 409) back unchanged, even after the day has passed; the same key with a different body or on another route is a 422 `idempotency_key_reused`.',
      tags: checkIns,
      auth: 'user',
      request: { body: schemas.checkInBody, headers: schemas.idempotencyHeaders },
      responses: { 201: { description: 'Checked in', schema: schemas.checkInAnswer } },
      errors: [
        400,
        401,
        403,
        404,
        { status: 409, details: schemas.checkInConflict, description: 'Already checked in that day (`already_checked_in`), or that day is over (`day_passed`)' },
        422,
      ],
    },
    {
      method: 'delete',
      path: '/check-ins/:id',
      operationId: 'deleteCheckInsId',
      summary: 'Undo today’s check-in (its points go back through the ledger)',
      tags: checkIns,
      auth: 'user',
      request: { params: documentIdParams('check-in') },
      responses: { 204: { description: 'Undone' } },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: 'get',
      path: '/check-ins/today',
      operationId: 'getCheckInsToday',
      summary: 'The user’s local day, today’s check-ins, each active habit’s state and streak, and the user’s balance, cards and progress',
      tags: checkIns,
      auth: 'user',
      responses: { 200: { description: 'Today', schema: schemas.todayAnswer } },
      errors: [401, 403],
    },
    {
      method: 'get',
      path: '/check-ins/calendar',
      operationId: 'getCheckInsCalendar',
      summary: 'Every checked-in day of a month, with the habits, and the makeup rules in meta.makeup',
      tags: checkIns,
      auth: 'user',
      request: { query: schemas.calendarQuery },
      responses: { 200: { description: 'The month', schema: schemas.calendarAnswer } },
      errors: [400, 401, 403],
    },
    {
      method: 'get',
      path: '/check-ins/makeup/rules',
      operationId: 'getCheckInsMakeupRules',
      summary: 'The makeup rules in force (window, per-day limit, how cards are earned) and the user’s cards and makeups left today',
      tags: checkIns,
      auth: 'user',
      responses: { 200: { description: 'The rules', schema: schemas.makeupRulesAnswer } },
      errors: [401, 403],
    },
    {
      method: 'post',
      path: '/check-ins/makeup',
      operationId: 'postCheckInsMakeup',
      summary: 'Spend a makeup card on a missed past day (补签)',
      description: 'Refusals are 400s with `error.details.reason` (not_past, too_old, before_start, after_end, no_cards, daily_limit); a day already checked in is a 409.',
      tags: checkIns,
      auth: 'user',
      request: { body: schemas.makeupBody },
      responses: { 201: { description: 'Made up', schema: schemas.makeupAnswer } },
      errors: [400, 401, 403, 404, { status: 409, details: schemas.makeupConflict, description: 'That day already has a check-in' }],
    },
    {
      method: 'post',
      path: '/habits/:id/archive',
      operationId: 'archiveHabit',
      summary: 'Archive a habit (it leaves today’s list; its history stays)',
      tags: ['Habit'],
      auth: 'user',
      request: { params: documentIdParams('habit') },
      responses: { 200: { description: 'The archived habit', schema: generatedSchema('HabitResponse') } },
      errors: [401, 403, 404],
    },
    {
      method: 'post',
      path: '/habits/:id/restore',
      operationId: 'restoreHabit',
      summary: 'Restore an archived habit',
      tags: ['Habit'],
      auth: 'user',
      request: { params: documentIdParams('habit') },
      responses: { 200: { description: 'The restored habit', schema: generatedSchema('HabitResponse') } },
      errors: [401, 403, 404],
    },
    {
      method: 'get',
      path: '/habits/:id/stats',
      operationId: 'getHabitStats',
      summary: 'A habit’s streaks, strength curve, year heatmap, best runs and quit savings',
      tags: ['Habit'],
      auth: 'user',
      request: { params: documentIdParams('habit') },
      responses: { 200: { description: 'The habit’s stats', schema: schemas.habitStatsAnswer } },
      errors: [401, 403, 404],
    },
    {
      method: 'post',
      path: '/tasks/:id/complete',
      operationId: 'completeTask',
      summary: 'Complete one of today’s tasks (its points are paid once)',
      tags: ['Task'],
      auth: 'user',
      request: { params: documentIdParams('task') },
      responses: { 200: { description: 'Completed', schema: schemas.taskCompleteAnswer } },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: 'get',
      path: '/tasks',
      operationId: 'getTasks',
      summary: 'One local day’s tasks (default today; reading today makes the day’s system tasks)',
      tags: ['Task'],
      auth: 'user',
      request: { query: schemas.taskListQuery },
      responses: { 200: { description: 'The day’s tasks', schema: generatedSchema('TaskListResponse') } },
      errors: [400, 401, 403],
    },
    {
      method: 'delete',
      path: '/tasks/:id',
      operationId: 'deleteTasksId',
      summary: 'Delete one of your own tasks (not a system task, not a completed one)',
      tags: ['Task'],
      auth: 'user',
      request: { params: documentIdParams('task') },
      responses: { 204: { description: 'Deleted' } },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'post',
      path: '/diaries',
      operationId: 'postDiaries',
      summary: 'Write a diary for a date (today unless `localDate` says an earlier day), as a draft or published',
      description:
        'One diary per user and date: a second one is a 409 whose `error.details.diary` is the diary that holds the date, to open and edit. The first diary published on a local day earns points (`data.pointsAwarded`).',
      tags: ['Diary'],
      auth: 'user',
      responses: { 201: { description: 'Created', schema: generatedSchema('DiaryResponse') } },
      errors: [400, 401, 403, { status: 409, details: diaryConflictSchema, description: 'That date already has a diary (`diary_exists`)' }],
    },
    {
      method: 'get',
      path: '/diaries',
      operationId: 'getDiaries',
      summary: 'The user’s diaries, newest date first, optionally of one month',
      tags: ['Diary'],
      auth: 'user',
      request: { query: schemas.diaryListQuery },
      responses: { 200: { description: 'A page of diaries', schema: generatedSchema('DiaryListResponse') } },
      errors: [400, 401, 403],
    },
  ];
};
