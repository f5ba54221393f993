/**
 * The signed-in user's own account (GET /api/me): the 我的 tab's summary, the rewards tab's entries, the
 * membership status, and the account page's deletion notice.
 */
import type { User } from '../api/paths';

/** GET /api/me `data` (the server's allow-list of the user's own fields), as the API document types it. */
export type Profile = User;
export type Tier = User['membershipTier'];
export type SmokingSettings = NonNullable<User['smokingSettings']>;

export const TIER_NAMES: Record<Tier, string> = { free: '普通用户', vip: 'VIP 会员', ai: 'AI 戒烟军师' };

/**
 * What each tier opens, as the membership page lists it (seed 003 §6.1 权限模型; the server's default
 * leaderboard gates). The server has no endpoint describing tiers, so this list lives in the client.
 */
export const TIER_BENEFITS: Record<Tier, string[]> = {
  free: ['基础打卡、日记、任务、抽奖', '省 / 市 / 区县排行榜'],
  vip: ['全国排行榜', '普通用户的全部功能'],
  ai: ['全国排行榜', 'AI 戒烟军师权限', '普通用户的全部功能'],
};

/** A calendar date in Beijing time ("2026-03-05"): memberships end at an instant, shown as its day. */
export const dayOf = (instant: string, offsetMinutes = 480): string => new Date(Date.parse(instant) + offsetMinutes * 60_000).toISOString().slice(0, 10);

export type MembershipView = { tier: Tier; tierName: string; active: boolean; expiresText: string; benefits: string[] };

export const membershipView = (profile: Pick<Profile, 'membershipTier' | 'membershipExpiresAt'>): MembershipView => {
  const tier = profile.membershipTier;
  const active = tier !== 'free';
  return {
    tier,
    tierName: TIER_NAMES[tier],
    active,
    expiresText: active ? (profile.membershipExpiresAt ? `有效期至 ${dayOf(profile.membershipExpiresAt)}` : '长期有效') : '开通会员，解锁全国排行榜',
    benefits: TIER_BENEFITS[tier],
  };
};

export type MeSummary = {
  nickname: string;
  avatar: string;
  initial: string;
  tierName: string;
  isMember: boolean;
  region: string;
  stats: Array<{ key: string; label: string; value: string }>;
};

export const regionText = (profile: Pick<Profile, 'province' | 'city' | 'district'>): string =>
  [profile.province, profile.city, profile.district].filter((part): part is string => Boolean(part)).join(' ');

export const meSummary = (profile: Profile): MeSummary => {
  const nickname = profile.nickname?.trim() || '微信用户';
  return {
    nickname,
    avatar: profile.avatar ?? '',
    initial: [...nickname][0] ?? '?',
    tierName: TIER_NAMES[profile.membershipTier],
    isMember: profile.membershipTier !== 'free',
    region: regionText(profile) || '未设置地区',
    stats: [
      { key: 'days', label: '累计打卡', value: `${profile.totalCheckInDays}` },
      { key: 'streak', label: '连续天数', value: `${profile.consecutiveDays}` },
      { key: 'points', label: '积分', value: `${profile.pointsBalance}` },
      { key: 'cards', label: '补签卡', value: `${profile.makeupCards}` },
    ],
  };
};

export type Link = { key: string; title: string; url: string; note?: string };

/** The 我的 tab's links. */
export const ME_LINKS: readonly Link[] = [
  { key: 'profile', title: '个人资料', url: '/pages/profile/index' },
  { key: 'membership', title: '会员', url: '/pages/membership/index' },
  { key: 'diary', title: '成长日记', url: '/pages/diary/index' },
  { key: 'tasks', title: '每日任务', url: '/pages/tasks/index' },
  { key: 'points', title: '积分明细', url: '/pages/points/index' },
  { key: 'redeem', title: '兑换码', url: '/pages/redeem/index' },
  { key: 'challenges', title: '挑战', url: '/pages/challenges/index' },
  { key: 'my-challenges', title: '我的挑战', url: '/pages/my-challenges/index' },
  { key: 'mall', title: '商城', url: '/pages/mall/index' },
  { key: 'orders', title: '我的订单', url: '/pages/orders/index' },
  { key: 'my-listings', title: '我的闲置', url: '/pages/my-listings/index' },
  { key: 'quit', title: '戒烟', url: '/pages/quit/index' },
  { key: 'community-posts', title: '我的帖子', url: '/pages/community-mine/index' },
  { key: 'community-notifications', title: '社区消息', url: '/pages/community-notifications/index' },
  { key: 'reminders', title: '提醒设置', url: '/pages/reminder-settings/index' },
  { key: 'account', title: '账号与数据', url: '/pages/account/index' },
];

/** The rewards tab's entries, with the figures that make each worth a tap. */
export const rewardEntries = (input: { balance: number; drawsLeftToday: number | null; tasksLeft: number | null; tier: Tier }): Link[] => [
  { key: 'lottery', title: '积分抽奖', url: '/pages/lottery/index', note: input.drawsLeftToday === null ? '' : `今日还可抽 ${input.drawsLeftToday} 次` },
  { key: 'tasks', title: '每日任务', url: '/pages/tasks/index', note: input.tasksLeft === null ? '' : input.tasksLeft > 0 ? `${input.tasksLeft} 个待完成` : '今日已全部完成' },
  { key: 'points', title: '积分明细', url: '/pages/points/index', note: `余额 ${input.balance}` },
  { key: 'redeem', title: '兑换码', url: '/pages/redeem/index', note: '会员、补签卡、积分' },
  { key: 'membership', title: '会员', url: '/pages/membership/index', note: TIER_NAMES[input.tier] },
  { key: 'mall', title: '积分商城', url: '/pages/mall/index', note: '积分兑换、微信支付' },
];

/** DELETE /api/me `data`: the account is gone for sign-in now, its data after the grace period. */
export type Deletion = { deletedAt: string; purgeAfter: string };

export const deletionNotice = (deletion: Deletion): string =>
  `账号已注销。数据将在 ${dayOf(deletion.purgeAfter)} 永久删除；在此之前重新登录即可恢复账号。`;

/** The confirmation before a deletion; the grace period is the server's (30 days by default, not sent before). */
export const DELETION_WARNING = '注销后将立即退出登录，你的习惯、打卡、日记、积分等数据会在宽限期（默认 30 天）后永久删除；宽限期内重新登录可恢复。确定注销吗？';

/** GET /api/me/export `data`: how much of each record type the export holds. */
export const exportSummary = (exported: { records: Record<string, unknown[]>; exportedAt: string }): Array<{ key: string; label: string; count: number }> => {
  const labels: Record<string, string> = { habits: '习惯', 'check-ins': '打卡', diaries: '日记', tasks: '任务', orders: '订单', posts: '帖子', comments: '评论' };
  return Object.entries(exported.records).map(([key, list]) => ({ key, label: labels[key] ?? key, count: list.length }));
};
