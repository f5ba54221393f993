import type { ApiClient } from '../client';

/*
 * Challenges (issue 14). These types are written from the contract in the brief (answers in
 * Strapi's envelope), because the API document (api/openapi.json, api/schema.d.ts) does not describe the
 * plugin's routes yet: the document is regenerated (`npm run openapi`) once the server side is merged.
 * Then these names should become `DataOf<SuccessBody<'/api/challenges/{documentId}', 'get'>>` and so on
 * in api/paths.ts, and `call` below the typed `client.request`; tests/contract/challenge-fixtures.test.ts
 * already holds the fixtures to the document for every route the document has.
 */

export type ChallengePhase = 'upcoming' | 'running' | 'ended';
export type ChallengeRule = 'daysOf' | 'streak' | 'weekly';
export type ParticipationStatus = 'active' | 'completed' | 'failed' | 'left';
/** What a reward row paid: completion points, the top-K extra, a share of the pooled entries, or the entry back (nobody finished). */
export type RewardKind = 'completion' | 'top' | 'pool' | 'refund';

/** `me` of a challenge: the caller's participation (null when they never joined). */
export interface Participation {
  status: ParticipationStatus;
  daysDone: number;
  daysNeeded: number;
  streak: number;
  bestStreak: number;
  progressAt: string | null;
  reachedAt: string | null;
  joinedAt: string;
  leftAt: string | null;
  entryPaid: number;
  finishRank: number | null;
  habit: { documentId: string; title: string } | null;
  rewards: Array<{ kind: RewardKind; points: number }>;
}

/** A challenge as lists and the detail show it (`timezone`'s local dates for start, end and deadline). */
export interface Challenge {
  id: number;
  documentId: string;
  title: string;
  description: string | null;
  coverUrl: string | null;
  timezone: string;
  startDate: string;
  endDate: string;
  joinDeadline: string | null;
  rule: ChallengeRule;
  targetDays: number;
  perWeek: number | null;
  weeks: number | null;
  allowMakeup: boolean;
  entryCost: number;
  rewardPoints: number;
  badge: string | null;
  badgeIcon: string | null;
  topK: number;
  topPoints: number;
  maxParticipants: number | null;
  participantsCount: number;
  isOfficial: boolean;
  phase: ChallengePhase;
  joinable: boolean;
  habitTemplate: { documentId: string; title: string; icon: string | null } | null;
  me: Participation | null;
}

/** GET /api/challenges/:documentId: the challenge and its rules as readable (Chinese) text. */
export type ChallengeDetail = Challenge & { rules: string };

/** POST /api/challenges (VIP): a user-made challenge, with the invite code others join by. */
export type CreatedChallenge = Challenge & { inviteCode: string };

export interface ChallengeBoardEntry {
  rank: number;
  nickname: string | null;
  avatar: string | null;
  daysDone: number;
  daysNeeded: number;
  reachedAt: string | null;
  isMe: boolean;
}

/** GET …/board/me: my rank (null when not on the board) and the entries around me. */
export interface ChallengeBoardPlace {
  rank: number | null;
  daysDone: number;
  daysNeeded: number;
  total: number;
  around: ChallengeBoardEntry[];
}

export interface ChallengeBadge {
  name: string;
  icon: string | null;
  awardedAt: string;
  challenge: { documentId: string; title: string };
}

export interface NewChallenge {
  title: string;
  description?: string;
  habitTemplate: string;
  startDate: string;
  endDate: string;
  timezone?: string;
  rule: ChallengeRule;
  targetDays: number;
  perWeek?: number;
  weeks?: number;
  entryCost: number;
  maxParticipants?: number;
}

export type Envelope<D, M = Record<string, unknown>> = { data: D; meta: M };
export type ChallengeListPage = Envelope<Challenge[], { next: string | null }>;
export type ChallengeBoardPage = Envelope<ChallengeBoardEntry[], { total: number }>;
export type MyChallengeStatus = 'active' | 'ended';

type Args = { path?: Record<string, string>; query?: Record<string, string | number>; body?: unknown };

/** `client.request` (sign-in, one refresh on 401, the 429 wait, ApiError) for a path the document does not know yet. */
const call = <T>(client: ApiClient, method: 'get' | 'post', path: string, args: Args = {}): Promise<T> =>
  (client.request as unknown as (this: ApiClient, method: string, path: string, args: Args) => Promise<T>).call(client, method, path, args);

/** Only the query keys that are set. */
const compact = (query: Record<string, string | number | null | undefined>): Record<string, string | number> =>
  Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== null && entry[1] !== ''));

/**
 * /api/challenges: the list (by cursor, `meta.next`), a challenge with its rules, join / leave, the
 * board (offset / limit) and my place on it, my challenges, my badges, user-made challenges (VIP) and
 * joining one by its invite code. Reads go with the token so that `me` is filled.
 *
 * A join can be refused with 409 `details.reason` join_closed / challenge_full / challenge_ended, 400
 * insufficient_points, 403 membership_required / region, 404; joining again answers the same
 * participation (no second spend). A leave of what I did not join is 409 not_joined.
 */
export const challengesApi = (client: ApiClient) => ({
  list({ cursor, limit }: { cursor?: string | null; limit?: number } = {}) {
    return call<ChallengeListPage>(client, 'get', '/api/challenges', { query: compact({ cursor, limit }) });
  },
  get(documentId: string) {
    return call<Envelope<ChallengeDetail>>(client, 'get', '/api/challenges/{documentId}', { path: { documentId } });
  },
  /** `habit`: my habit to count (else the server links or creates one from the challenge's template). */
  join(documentId: string, { habit }: { habit?: string } = {}) {
    return call<Envelope<Participation>>(client, 'post', '/api/challenges/{documentId}/join', { path: { documentId }, body: habit ? { habit } : {} });
  },
  leave(documentId: string) {
    return call<Envelope<Participation>>(client, 'post', '/api/challenges/{documentId}/leave', { path: { documentId } });
  },
  board(documentId: string, { offset, limit }: { offset?: number; limit?: number } = {}) {
    return call<ChallengeBoardPage>(client, 'get', '/api/challenges/{documentId}/board', { path: { documentId }, query: compact({ offset, limit }) });
  },
  boardMe(documentId: string) {
    return call<Envelope<ChallengeBoardPlace>>(client, 'get', '/api/challenges/{documentId}/board/me', { path: { documentId } });
  },
  mine(status: MyChallengeStatus = 'active') {
    return call<Envelope<Array<{ challenge: Challenge }>>>(client, 'get', '/api/me/challenges', { query: { status } });
  },
  badges() {
    return call<Envelope<ChallengeBadge[]>>(client, 'get', '/api/me/badges');
  },
  /** 201; a risky text is 400 content_risky, and one WeChat wants reviewed is created with review pending. */
  create(body: NewChallenge) {
    return call<Envelope<CreatedChallenge>>(client, 'post', '/api/challenges', { body });
  },
  joinByCode({ code, habit }: { code: string; habit?: string }) {
    return call<Envelope<Participation>>(client, 'post', '/api/challenges/join-by-code', { body: habit ? { code, habit } : { code } });
  },
});

export type ChallengesApi = ReturnType<typeof challengesApi>;
