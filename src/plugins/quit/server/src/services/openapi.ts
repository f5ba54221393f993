import type { Core } from '@strapi/strapi';
import type { ApiRoute, OpenApiSurface } from '../../../../../utils/openapi';
import {
  cravingAnswerSchema,
  cravingListAnswerSchema,
  cravingStatsAnswerSchema,
  quitProfileAnswerSchema,
  quitReportAnswerSchema,
  relapseAnswerSchema,
  relapseListAnswerSchema,
} from '../validation/answers';
import { cravingBodySchema, cravingListQuerySchema, cravingStatsQuerySchema, profileBodySchema, relapseBodySchema, relapseListQuerySchema } from '../validation/requests';

const TAGS = ['Quit smoking'];

/** The plugin's routes for the API document (src/openapi assembles it). */
const openapiService = (_deps: { strapi: Core.Strapi }): OpenApiSurface => ({
  routes(): ApiRoute[] {
    return [
      {
        method: 'get', path: '/quit/profile', operationId: 'getQuitProfile', tags: TAGS, auth: 'user',
        summary: 'The caller’s quit profile: quit time, reasons, and the smoking numbers (kept in the user’s smokingSettings)',
        responses: { 200: { description: 'The quit profile', schema: quitProfileAnswerSchema } },
        errors: [401, 403],
      },
      {
        method: 'put', path: '/quit/profile', operationId: 'putQuitProfile', tags: TAGS, auth: 'user',
        summary: 'Set the whole quit profile; a quitAt without an offset is read in the caller’s timezone',
        request: { body: profileBodySchema },
        responses: { 200: { description: 'The quit profile', schema: quitProfileAnswerSchema } },
        errors: [400, 401, 403],
      },
      {
        method: 'post', path: '/quit/relapses', operationId: 'createRelapse', tags: TAGS, auth: 'user',
        summary: 'Record a relapse (the smoke-free clock restarts at it); a retried idempotencyKey answers the first answer',
        description: '`at` defaults to now; it may not be in the future nor before the quit time. 409 `no_quit_date` without a quit time.',
        request: { body: relapseBodySchema },
        responses: { 201: { description: 'The relapse', schema: relapseAnswerSchema } },
        errors: [400, 401, 403, 409, 422],
      },
      {
        method: 'get', path: '/quit/relapses', operationId: 'listRelapses', tags: TAGS, auth: 'user',
        summary: 'The caller’s relapses, newest first',
        request: { query: relapseListQuerySchema },
        responses: { 200: { description: 'Relapses', schema: relapseListAnswerSchema } },
        errors: [400, 401, 403],
      },
      {
        method: 'get', path: '/quit/report', operationId: 'getQuitReport', tags: TAGS, auth: 'user',
        summary: 'Smoke-free time, money saved and what it buys, and each health milestone with its time or the minutes to go',
        responses: { 200: { description: 'The quit report', schema: quitReportAnswerSchema } },
        errors: [401, 403],
      },
      {
        method: 'post', path: '/cravings', operationId: 'createCraving', tags: TAGS, auth: 'user',
        summary: 'Log a craving (its local day and hour are those of the caller’s timezone at the time)',
        request: { body: cravingBodySchema },
        responses: { 201: { description: 'The craving', schema: cravingAnswerSchema } },
        errors: [400, 401, 403, 422],
      },
      {
        method: 'get', path: '/cravings', operationId: 'listCravings', tags: TAGS, auth: 'user',
        summary: 'The caller’s cravings of a local date range, newest first (capped), with mean intensity and peak hours',
        request: { query: cravingListQuerySchema },
        responses: { 200: { description: 'Cravings', schema: cravingListAnswerSchema } },
        errors: [400, 401, 403],
      },
      {
        method: 'get', path: '/cravings/stats', operationId: 'cravingStats', tags: TAGS, auth: 'user',
        summary: 'Craving patterns of the last `days` local days: per day, per local hour, peak hours, triggers, resisted rate',
        request: { query: cravingStatsQuerySchema },
        responses: { 200: { description: 'Craving patterns', schema: cravingStatsAnswerSchema } },
        errors: [400, 401, 403],
      },
    ];
  },
});

export default openapiService;
