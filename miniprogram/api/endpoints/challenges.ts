import type { ApiClient } from '../client';
import type { ChallengeBoardQuery, JoinByCodeRequest, MyChallengeStatus, NewChallenge } from '../paths';

/** Only the query keys that are set. */
const compact = <Q extends Record<string, string | number | null | undefined>>(query: Q): { [K in keyof Q]?: NonNullable<Q[K]> } =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '')) as { [K in keyof Q]?: NonNullable<Q[K]> };

/**
 * /api/challenges: the list (by cursor, `meta.next`), a challenge with its rules, join / leave, the
 * board (offset / limit) and my place on it, my challenges, my badges, user-made challenges (VIP) and
 * joining one by its invite code. Every argument and answer is typed from the API document by path
 * (api/paths.ts names them: `Challenge`, `ChallengeDetail`, `Participation`, `CreatedChallenge` ...).
 * Reads go with the token so that `me` is filled.
 *
 * A join can be refused with 409 `details.reason` join_closed / challenge_full / challenge_ended, 400
 * insufficient_points, 403 membership_required / region, 404; joining again answers the same
 * participation (no second spend). A leave of what I did not join is 409 not_joined.
 */
export const challengesApi = (client: ApiClient) => ({
  list({ cursor, limit }: { cursor?: string | null; limit?: number } = {}) {
    return client.request('get', '/api/challenges', { query: compact({ cursor, limit }) });
  },
  get(documentId: string) {
    return client.request('get', '/api/challenges/{documentId}', { path: { documentId } });
  },
  /** `habit`: my habit to count (else the server links or creates one from the challenge's template). */
  join(documentId: string, { habit }: { habit?: string } = {}) {
    return client.request('post', '/api/challenges/{documentId}/join', { path: { documentId }, body: habit ? { habit } : {} });
  },
  leave(documentId: string) {
    return client.request('post', '/api/challenges/{documentId}/leave', { path: { documentId } });
  },
  board(documentId: string, { offset, limit }: ChallengeBoardQuery = {}) {
    return client.request('get', '/api/challenges/{documentId}/board', { path: { documentId }, query: compact({ offset, limit }) });
  },
  boardMe(documentId: string) {
    return client.request('get', '/api/challenges/{documentId}/board/me', { path: { documentId } });
  },
  mine(status: MyChallengeStatus = 'active') {
    return client.request('get', '/api/me/challenges', { query: { status } });
  },
  badges() {
    return client.request('get', '/api/me/badges');
  },
  /**
   * VIP members only (403 membership_required). 201 with the invite code; the texts pass WeChat's check:
   * risky text is 400 content_risky (`details.field` title / content), and text WeChat wants a person to
   * read makes the challenge wait for a moderator (answered with `joinable` false).
   */
  create(body: NewChallenge) {
    return client.request('post', '/api/challenges', { body });
  },
  /** 404 invite_code_not_found (wrong code) or challenge_not_found (waiting for a moderator); then as `join`. */
  joinByCode({ code, habit }: JoinByCodeRequest) {
    return client.request('post', '/api/challenges/join-by-code', { body: habit ? { code, habit } : { code } });
  },
});

export type ChallengesApi = ReturnType<typeof challengesApi>;
