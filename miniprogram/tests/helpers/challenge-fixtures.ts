/**
 * Made-up challenge answers for the logic, page and screen tests, typed by the API document's types
 * (api/paths.ts, so a changed shape fails typecheck); tests/contract/challenge-fixtures.test.ts holds them
 * to the document at run time too.
 */
import type {
  Challenge,
  ChallengeBadge,
  ChallengeBoardEntry,
  ChallengeBoardPage,
  ChallengeBoardPlace,
  ChallengeDetail,
  ChallengeListPage,
  CreatedChallenge,
  HabitTemplate,
  Participation,
} from '../../api/paths';
import { docId, refusal } from './community-fixtures';
import type { WxAnswer } from './wx-double';

export { docId, NOW, notFound, refusal } from './community-fixtures';

export const participation = (over: Partial<Participation> = {}): Participation => ({
  status: 'active',
  daysDone: 3,
  daysNeeded: 14,
  streak: 2,
  bestStreak: 2,
  progressAt: '2026-12-04T00:10:00.000Z',
  reachedAt: null,
  joinedAt: '2026-11-28T12:00:00.000Z',
  leftAt: null,
  entryPaid: 0,
  finishRank: null,
  habit: { documentId: docId('habit', 1), title: '早起' },
  rewards: [],
  ...over,
});

/** Challenge n: running from 12-01 to 12-21 (Asia/Shanghai), 14 days of 21, free, 100 points and a badge. */
export const challenge = (n: number, over: Partial<Challenge> = {}): Challenge => ({
  id: n,
  documentId: docId('chal', n),
  title: n === 1 ? '21 天早起挑战' : `挑战 ${n}`,
  description: '每天 7 点前起床打卡，养成早起的习惯。',
  coverUrl: null,
  timezone: 'Asia/Shanghai',
  startDate: '2026-12-01',
  endDate: '2026-12-21',
  joinDeadline: '2026-12-07',
  rule: 'daysOf',
  targetDays: 14,
  perWeek: null,
  weeks: null,
  allowMakeup: true,
  entryCost: 0,
  rewardPoints: 100,
  badge: '早起达人',
  badgeIcon: '🌅',
  topK: 3,
  topPoints: 50,
  maxParticipants: null,
  participantsCount: 128,
  isOfficial: true,
  phase: 'running',
  joinable: true,
  habitTemplate: { documentId: docId('tmpl', 1), title: '早起', icon: '🌅' },
  me: null,
  ...over,
});

export const RULES_TEXT = '挑战时间：12月1日 至 12月21日（北京时间）\n挑战期间累计打卡满 14 天即完成\n挑战结束前的补签计入进度';

export const detail = (n: number, over: Partial<ChallengeDetail> = {}): ChallengeDetail => ({ ...challenge(n), rules: RULES_TEXT, ...over });

export const listPage = (items: Challenge[], next: string | null = null): ChallengeListPage => ({ data: items, meta: { next } });

export const entry = (rank: number, over: Partial<ChallengeBoardEntry> = {}): ChallengeBoardEntry => ({
  rank,
  nickname: `同学${rank}`,
  avatar: null,
  daysDone: Math.max(0, 15 - rank),
  daysNeeded: 14,
  reachedAt: rank === 1 ? '2026-12-03T23:00:00.000Z' : null,
  isMe: false,
  ...over,
});

export const boardPage = (entries: ChallengeBoardEntry[], total = entries.length): ChallengeBoardPage => ({ data: entries, meta: { total } });

export const place = (over: Partial<ChallengeBoardPlace> = {}): ChallengeBoardPlace => ({
  rank: 12,
  daysDone: 3,
  daysNeeded: 14,
  total: 128,
  around: [entry(11), entry(12, { isMe: true, nickname: '我自己', daysDone: 3 }), entry(13)],
  ...over,
});

export const badge = (n: number, over: Partial<ChallengeBadge> = {}): ChallengeBadge => ({
  name: n === 1 ? '早起达人' : `徽章${n}`,
  icon: '🌅',
  awardedAt: new Date(Date.UTC(2026, 10, 20 + n, 16, 5)).toISOString(),
  challenge: { documentId: docId('chal', 100 + n), title: `第 ${n} 期挑战` },
  ...over,
});

export const envelope = <T>(data: T, meta: Record<string, unknown> = {}) => ({ data, meta });

/** The refusals the contract names for join and leave. */
export const joinRefused = {
  closed: (): WxAnswer => refusal(409, 'ConflictError', '报名已截止', { reason: 'join_closed' }),
  full: (): WxAnswer => refusal(409, 'ConflictError', '名额已满', { reason: 'challenge_full' }),
  ended: (): WxAnswer => refusal(409, 'ConflictError', '挑战已结束', { reason: 'challenge_ended' }),
  points: (): WxAnswer => refusal(400, 'ValidationError', 'Insufficient points', { reason: 'insufficient_points', needed: 50 }),
  membership: (): WxAnswer => refusal(403, 'ForbiddenError', '会员专属挑战', { reason: 'membership_required' }),
  region: (): WxAnswer => refusal(403, 'ForbiddenError', 'Not for your region', { reason: 'region' }),
  notJoined: (): WxAnswer => refusal(409, 'ConflictError', 'Not joined', { reason: 'not_joined' }),
};

/** A user-made challenge just created (POST /api/challenges 201): upcoming, not official, with its invite code. */
export const created = (n: number, over: Partial<CreatedChallenge> = {}): CreatedChallenge => ({
  ...challenge(n, {
    title: '宿舍早起小分队',
    description: '每天 7 点前起床打卡，输的请喝奶茶。',
    startDate: '2026-12-05',
    endDate: '2026-12-25',
    joinDeadline: null,
    targetDays: 14,
    allowMakeup: false,
    entryCost: 20,
    rewardPoints: 0,
    badge: null,
    badgeIcon: null,
    topK: 0,
    topPoints: 0,
    participantsCount: 0,
    isOfficial: false,
    phase: 'upcoming',
  }),
  inviteCode: 'K7XM2QPA',
  review: 'published',
  ...over,
});

/** A habit template of the public catalogue (GET /api/habit-templates). */
export const template = (n: number, over: Partial<HabitTemplate> = {}): HabitTemplate => ({
  id: n,
  documentId: docId('tmpl', n),
  title: ['早起', '读书', '运动', '早睡'][n - 1] ?? `模板 ${n}`,
  description: null,
  category: 'health',
  kind: 'build',
  icon: ['🌅', '📚', '🏃', '🌙'][n - 1] ?? null,
  color: null,
  frequencyType: 'daily',
  timesPerWeek: null,
  weekdays: null,
  intervalDays: null,
  goalType: 'none',
  goalValue: null,
  goalUnit: null,
  reminderTimes: null,
  tags: null,
  sortOrder: n,
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  publishedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

export const templatesPage = (templates: HabitTemplate[]) => ({ data: templates, meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: templates.length } } });

/** The refusals of POST /api/challenges and POST /api/challenges/join-by-code. */
export const createRefused = {
  startInPast: (): WxAnswer => refusal(400, 'ValidationError', 'The challenge cannot start in the past', { reason: 'start_in_past', field: 'startDate' }),
  doesNotFit: (): WxAnswer => refusal(400, 'ValidationError', '22 days do not fit between startDate and endDate', { reason: 'invalid', field: 'targetDays' }),
  risky: (field: 'title' | 'content'): WxAnswer => refusal(400, 'ValidationError', '内容含有违规信息', { reason: 'content_risky', field, label: 20001 }),
  zod: (path: string): WxAnswer => refusal(400, 'ValidationError', `Invalid challenge: ${path}: Too long`, { errors: [{ path: [path], message: 'Too long' }] }),
  membership: (): WxAnswer => refusal(403, 'ForbiddenError', 'Only VIP members can create challenges', { reason: 'membership_required' }),
};

export const codeRefused = {
  wrongCode: (): WxAnswer => refusal(404, 'NotFoundError', 'No challenge has this invite code', { reason: 'invite_code_not_found' }),
  waiting: (): WxAnswer => refusal(404, 'NotFoundError', 'No such challenge', { reason: 'challenge_not_found' }),
};
