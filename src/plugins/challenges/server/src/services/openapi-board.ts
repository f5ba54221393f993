import type { ApiRoute } from '../../../../../utils/openapi';
import { boardMeAnswerSchema, boardPageAnswerSchema, boardParams, boardQuerySchema } from '../validation/boards';

/**
 * The board routes for the API document. Not a service: the plugin's `openapi` service (core's
 * services/openapi.ts) lists them with `...boardRoutes()`, so the two parts of the plugin document their
 * own routes without editing each other's entries.
 */
export const boardRoutes = (tags: string[] = ['Challenges']): ApiRoute[] => [
  {
    method: 'get',
    path: '/challenges/:documentId/board',
    operationId: 'getChallengeBoard',
    summary: 'A challenge’s board: days done (most first), ties to whoever got there first',
    description: 'Everyone who joined and has not left, 0 days included. `isMe` marks the caller when signed in.',
    tags,
    auth: 'public',
    request: { params: boardParams, query: boardQuerySchema },
    responses: { 200: { description: 'A page of the board and its size', schema: boardPageAnswerSchema } },
    errors: [400, 404, 503],
  },
  {
    method: 'get',
    path: '/challenges/:documentId/board/me',
    operationId: 'getMyChallengePlace',
    summary: 'The caller’s place on a challenge’s board, with up to 2 participants on each side',
    tags,
    auth: 'user',
    request: { params: boardParams },
    responses: { 200: { description: 'The caller’s rank (null when not on the board), days done and neighbours', schema: boardMeAnswerSchema } },
    errors: [400, 401, 403, 404, 503],
  },
];
