/**
 * Leaderboards (GET /api/leaderboards/:metric and /:metric/me): the board picker's choices, the rows as
 * the list shows them, the caller's place, and the upsell a 403 `membership_required` turns into.
 */
import type { BoardEntry, BoardMetric, BoardPeriod, BoardPlace as BoardPlaceAnswer, BoardScope, DataOf } from '../api/paths';
import { errorReason, errorStatus } from './load-state';
import { TIER_NAMES, type Tier } from './me';

export type Metric = BoardMetric;
export type Scope = BoardScope;
export type Period = BoardPeriod;
export type { BoardEntry };

export const METRICS: ReadonlyArray<{ value: Metric; label: string }> = [
  { value: 'total-days', label: '累计天数' },
  { value: 'consecutive-days', label: '连续天数' },
  { value: 'points-earned', label: '积分' },
];
export const SCOPES: ReadonlyArray<{ value: Scope; label: string }> = [
  { value: 'national', label: '全国' },
  { value: 'province', label: '省' },
  { value: 'city', label: '市' },
  { value: 'district', label: '区县' },
];
export const PERIODS: ReadonlyArray<{ value: Period; label: string }> = [
  { value: 'all', label: '总榜' },
  { value: 'month', label: '月榜' },
  { value: 'week', label: '周榜' },
];

/** The caller's place (GET …/me `data`); rank is null when they are not on the board. */
export type BoardPlace = DataOf<BoardPlaceAnswer>;

export type LeaderboardRow = {
  key: string;
  rank: number;
  rankText: string;
  medal: '' | 'gold' | 'silver' | 'bronze';
  nickname: string;
  avatar: string;
  /** First character of the nickname, shown when there is no avatar. */
  initial: string;
  scoreText: string;
  isMe: boolean;
};

export type MyPlaceView = { ranked: boolean; rankText: string; scoreText: string; detailText: string };

export type Upsell = { scope: string; required: Tier[]; current: Tier; title: string; text: string; buttonText: string };

const MEDALS: Record<number, LeaderboardRow['medal']> = { 1: 'gold', 2: 'silver', 3: 'bronze' };

export const scoreText = (score: number, metric: Metric): string => (metric === 'points-earned' ? `${score} 分` : `${score} 天`);

export const leaderboardRows = (entries: readonly BoardEntry[], metric: Metric): LeaderboardRow[] =>
  entries.map((entry) => {
    const nickname = entry.nickname?.trim() || '匿名用户';
    return {
      key: `${entry.rank}`,
      rank: entry.rank,
      rankText: `${entry.rank}`,
      medal: MEDALS[entry.rank] ?? '',
      nickname,
      avatar: entry.avatar ?? '',
      initial: [...nickname][0] ?? '?',
      scoreText: scoreText(entry.score, metric),
      isMe: entry.isMe,
    };
  });

export const myPlaceView = (place: Pick<BoardPlace, 'rank' | 'score' | 'total' | 'percentile'> | null, metric: Metric): MyPlaceView => {
  if (!place || place.rank === null) {
    return { ranked: false, rankText: '未上榜', scoreText: '', detailText: '打卡后即可上榜' };
  }
  const beaten = place.percentile === null ? '' : `，超过 ${place.percentile}% 的用户`;
  return { ranked: true, rankText: `第 ${place.rank} 名`, scoreText: scoreText(place.score, metric), detailText: `共 ${place.total} 人${beaten}` };
};

const isTier = (value: unknown): value is Tier => value === 'free' || value === 'vip' || value === 'ai';

/**
 * The upsell for a board the caller's membership does not open (403, `details.reason`
 * `membership_required`), or null for any other failure. The text is built from the details: the
 * server's message carries an English sentence after the Chinese one.
 */
export const upsellFrom = (error: unknown): Upsell | null => {
  if (errorStatus(error) !== 403 || errorReason(error) !== 'membership_required') return null;
  const details = (error as { details: Record<string, unknown> }).details;
  const required = Array.isArray(details.required) ? details.required.filter(isTier) : [];
  const current = isTier(details.current) ? details.current : 'free';
  const scope = typeof details.scope === 'string' ? details.scope : 'national';
  const scopeName = SCOPES.find((s) => s.value === scope)?.label ?? '';
  const paid = required.filter((tier) => tier !== 'free').map((tier) => TIER_NAMES[tier]);
  return {
    scope,
    required,
    current,
    title: `${scopeName}排行榜仅对会员开放`,
    text: paid.length > 0 ? `开通 ${paid.join(' 或 ')} 即可查看` : '升级会员即可查看',
    buttonText: '开通会员',
  };
};

/** The query of a board read: the caller's own region is the server's default, so none is sent. */
export const boardQuery = (choice: { scope: Scope; period: Period }) => ({ scope: choice.scope, period: choice.period });

/** A regional board needs the region in the profile (400 `no_region`): the page offers the profile. */
export const needsRegion = (error: unknown): boolean => errorStatus(error) === 400 && errorReason(error) === 'no_region';
