import type { Core } from '@strapi/strapi';
import { z, type ApiRoute, type OpenApiSurface } from '../../../../../utils/openapi';
import { listQuerySchema, meQuerySchema, metricSchema } from '../validation/boards';
import { SCOPES } from '../domain/boards';
import { boardPageAnswerSchema, boardPlaceAnswerSchema } from '../validation/answers';

const metricParams = z.object({ metric: metricSchema });

/** A 403: the board needs a membership (show the upsell), or the role lacks the permission (no details). */
const forbidden = {
  status: 403 as const,
  description: 'The board is for members (`membership_required`: show the upsell), or the caller may not read boards',
  details: z
    .union([
      z
        .object({
          reason: z.literal('membership_required'),
          scope: z.enum(SCOPES),
          required: z.array(z.enum(['free', 'vip', 'ai'])),
          current: z.enum(['free', 'vip', 'ai']),
        })
        .strict(),
      z.object({}).strict(),
    ])
    .openapi('BoardForbidden'),
};

const GATED =
  'National boards are for VIP / AI members by default: others get a 403 with `error.details.reason` `membership_required` (show the upsell). ' +
  'Province, city and district boards use the caller’s own region unless `region` is given.';

/** The plugin's routes for the API document (src/openapi assembles it), with the schemas the controller parses with. */
const openapiService = (_deps: { strapi: Core.Strapi }): OpenApiSurface => ({
  routes(): ApiRoute[] {
    return [
      {
        method: 'get',
        path: '/leaderboards/:metric',
        operationId: 'getLeaderboard',
        summary: 'A page of a leaderboard (metric x scope x period)',
        description: GATED,
        tags: ['Leaderboards'],
        auth: 'user',
        request: { params: metricParams, query: listQuerySchema },
        responses: { 200: { description: 'A page of the board', schema: boardPageAnswerSchema } },
        errors: [400, 401, forbidden, 503],
      },
      {
        method: 'get',
        path: '/leaderboards/:metric/me',
        operationId: 'getMyLeaderboardPlace',
        summary: 'The caller’s place on a leaderboard, with the entries around it',
        description: GATED,
        tags: ['Leaderboards'],
        auth: 'user',
        request: { params: metricParams, query: meQuerySchema },
        responses: { 200: { description: 'The caller’s place', schema: boardPlaceAnswerSchema } },
        errors: [400, 401, forbidden, 503],
      },
    ];
  },
});

export type OpenapiService = ReturnType<typeof openapiService>;
export default openapiService;
