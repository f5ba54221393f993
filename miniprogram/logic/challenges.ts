/**
 * Challenges (挑战): the list's cards, a challenge's detail (rules, my progress, the join / leave button
 * and what its confirmation says), the board's rows and my place, my challenges, my badges, and what a
 * refused join or leave says. Pure: the pages feed these the server's answers and the clock.
 *
 * A challenge's dates are local dates in the challenge's own timezone (it runs from startDate 00:00 to
 * the end of endDate there), so "today" for a challenge is read in that timezone (logic/dates.ts).
 */
import type { Challenge, ChallengeBadge, ChallengeBoardEntry, ChallengeBoardPlace, ChallengePhase, ChallengeRule, Participation, ParticipationStatus } from '../api/paths';
import { daysBetween, localDayFor } from './dates';
import { errorReason, errorStatus, messageOf } from './load-state';

export type { Challenge, ChallengeBadge, ChallengeBoardEntry, ChallengeBoardPlace, Participation };

export const PHASE_LABELS: Record<ChallengePhase, string> = { upcoming: '未开始', running: '进行中', ended: '已结束' };

export const STATUS_LABELS: Record<ParticipationStatus, string> = { active: '进行中', completed: '已完成', failed: '未完成', left: '已退出' };

const REWARD_LABELS: Record<string, string> = { completion: '完成奖励', top: '排名奖励', pool: '奖池分成', refund: '退还报名费' };

/** An icon (badge, habit template) is free text for the editors: an image address or an emoji. */
export const isImageAddress = (icon: string): boolean => /^(https?:)?\/\//.test(icon) || icon.startsWith('/');

/** "12月1日" of a YYYY-MM-DD local date. */
export const dateText = (day: string): string => {
  const [, month, date] = day.split('-').map(Number);
  return month && date ? `${month}月${date}日` : day;
};

/** "12月1日 - 12月31日" (with the years when the challenge crosses one). */
export const rangeText = (startDate: string, endDate: string): string =>
  startDate.slice(0, 4) === endDate.slice(0, 4)
    ? `${dateText(startDate)} - ${dateText(endDate)}`
    : `${startDate.slice(0, 4)}年${dateText(startDate)} - ${endDate.slice(0, 4)}年${dateText(endDate)}`;

/** Today's date in the challenge's timezone. */
export const challengeToday = (challenge: Pick<Challenge, 'timezone'>, now: Date): string => localDayFor({ timezone: challenge.timezone, dayStartHour: 0 }, now);

type RuleFields = Pick<Challenge, 'rule' | 'targetDays' | 'perWeek' | 'weeks'>;

/** The rule in a few words: "累计打卡 21 天", "连续打卡 7 天", "4 周，每周 3 天". */
export const ruleShort = ({ rule, targetDays, perWeek, weeks }: RuleFields): string => {
  if (rule === 'streak') return `连续打卡 ${targetDays} 天`;
  if (rule === 'weekly') return `${weeks ?? 0} 周，每周打卡 ${perWeek ?? 0} 天`;
  return `累计打卡 ${targetDays} 天`;
};

/**
 * The rules as the detail lists them when the server's `rules` text is missing: the window, the rule,
 * makeups, the entry cost (refunded before the start, forfeited after) and the rewards.
 */
export const rulesFallback = (challenge: Challenge): string[] => {
  const lines = [`挑战时间：${rangeText(challenge.startDate, challenge.endDate)}（${challenge.timezone} 时间）`];
  const how: Record<ChallengeRule, string> = {
    daysOf: `挑战期间累计打卡满 ${challenge.targetDays} 天即完成`,
    streak: `挑战期间连续打卡 ${challenge.targetDays} 天即完成`,
    weekly: `从开始日起每 7 天为一周，共 ${challenge.weeks ?? 0} 周，每周打卡至少 ${challenge.perWeek ?? 0} 天即完成`,
  };
  lines.push(how[challenge.rule]);
  lines.push(challenge.allowMakeup ? '挑战结束前的补签计入进度' : '补签不计入进度');
  if (challenge.joinDeadline) lines.push(`报名截止：${dateText(challenge.joinDeadline)}`);
  if (challenge.entryCost > 0) lines.push(`报名需 ${challenge.entryCost} 积分，开始前退出全额退还，开始后退出不退还`);
  return lines;
};

/** The rules to show: the server's text (one line per line), else the client's own wording. */
export const rulesLines = (challenge: Challenge & { rules?: string | null }): string[] => {
  const text = challenge.rules?.trim();
  return text ? text.split(/\n+/).map((line) => line.trim()).filter(Boolean) : rulesFallback(challenge);
};

/** What finishing pays: "完成奖励 100 积分 · 徽章「早起达人」 · 前 3 名再得 50 积分". */
export const rewardText = (challenge: Pick<Challenge, 'rewardPoints' | 'badge' | 'topK' | 'topPoints' | 'isOfficial'>): string => {
  const parts: string[] = [];
  if (challenge.rewardPoints > 0) parts.push(`完成奖励 ${challenge.rewardPoints} 积分`);
  if (challenge.badge) parts.push(`徽章「${challenge.badge}」`);
  if (challenge.topK > 0 && challenge.topPoints > 0) parts.push(`前 ${challenge.topK} 名再得 ${challenge.topPoints} 积分`);
  if (!challenge.isOfficial && parts.length === 0) parts.push('完成者平分报名积分');
  return parts.join(' · ');
};

export const costText = (entryCost: number): string => (entryCost > 0 ? `报名 ${entryCost} 积分` : '免费参加');

export const participantsText = ({ participantsCount, maxParticipants }: Pick<Challenge, 'participantsCount' | 'maxParticipants'>): string =>
  maxParticipants === null ? `${participantsCount} 人参加` : `${participantsCount}/${maxParticipants} 人`;

/** When it starts or ends, from today in its timezone: "3 天后开始", "今天开始", "还剩 5 天", "最后一天", "已结束". */
export const timingText = (challenge: Pick<Challenge, 'phase' | 'startDate' | 'endDate' | 'timezone'>, now: Date): string => {
  const today = challengeToday(challenge, now);
  if (challenge.phase === 'ended') return '已结束';
  if (challenge.phase === 'upcoming') {
    const days = daysBetween(today, challenge.startDate);
    return days <= 0 ? '即将开始' : days === 1 ? '明天开始' : `${days} 天后开始`;
  }
  const left = daysBetween(today, challenge.endDate) + 1;
  return left <= 1 ? '最后一天' : `还剩 ${left} 天`;
};

export type ProgressView = {
  status: ParticipationStatus;
  statusText: string;
  /** 0..100 for the bar. */
  percent: number;
  progressText: string;
  /** The streak rule's current and best runs; '' for the others. */
  streakText: string;
  reached: boolean;
  rankText: string;
  rewardsText: string;
  habitTitle: string;
  habitDocumentId: string;
  entryText: string;
};

/** My participation as the detail and my challenges show it. */
export const progressView = (me: Participation, rule: ChallengeRule): ProgressView => {
  const reached = me.reachedAt !== null || me.status === 'completed';
  const statusText = me.status === 'active' && reached ? '已达成' : STATUS_LABELS[me.status];
  const needed = Math.max(me.daysNeeded, 0);
  const percent = needed === 0 ? (reached ? 100 : 0) : Math.min(100, Math.round((me.daysDone / needed) * 100));
  const rewards = me.rewards.filter((reward) => reward.points > 0);
  return {
    status: me.status,
    statusText,
    percent,
    progressText: `${me.daysDone}/${needed} 天`,
    streakText: rule === 'streak' ? `当前连续 ${me.streak} 天，最长 ${me.bestStreak} 天` : '',
    reached,
    rankText: me.finishRank === null ? '' : `最终排名 第 ${me.finishRank} 名`,
    rewardsText: rewards.map((reward) => `${REWARD_LABELS[reward.kind] ?? '奖励'} +${reward.points} 积分`).join('，'),
    habitTitle: me.habit?.title ?? '',
    habitDocumentId: me.habit?.documentId ?? '',
    entryText: me.entryPaid > 0 ? `已付报名费 ${me.entryPaid} 积分` : '',
  };
};

/** Whether I am in it now (joined and not left). */
export const isIn = (me: Participation | null): me is Participation => me !== null && me.status !== 'left';

export type ChallengeCard = {
  documentId: string;
  title: string;
  cover: string;
  initial: string;
  official: boolean;
  phase: ChallengePhase;
  phaseText: string;
  range: string;
  timing: string;
  rule: string;
  participants: string;
  cost: string;
  reward: string;
  joined: boolean;
  /** Mine, on my challenges and on a joined card: "进行中 5/21 天", "已完成 第 3 名". */
  mineText: string;
  percent: number;
};

/** What stands in for a missing cover: the habit template's emoji, else the title's first character that is not a digit. */
export const coverGlyph = (challenge: Pick<Challenge, 'title' | 'habitTemplate'>): string => {
  const icon = challenge.habitTemplate?.icon?.trim();
  if (icon && !isImageAddress(icon) && [...icon].length <= 2) return icon;
  return [...challenge.title].find((char) => !/[\s\d]/.test(char)) ?? '挑';
};

export const challengeCard = (challenge: Challenge, now: Date): ChallengeCard => {
  const joined = isIn(challenge.me);
  const progress = challenge.me ? progressView(challenge.me, challenge.rule) : null;
  const mineText = progress && challenge.me?.status !== 'left' ? [progress.statusText, progress.progressText, progress.rankText].filter(Boolean).join(' ') : '';
  return {
    documentId: challenge.documentId,
    title: challenge.title,
    cover: challenge.coverUrl ?? '',
    initial: coverGlyph(challenge),
    official: challenge.isOfficial,
    phase: challenge.phase,
    phaseText: PHASE_LABELS[challenge.phase],
    range: rangeText(challenge.startDate, challenge.endDate),
    timing: timingText(challenge, now),
    rule: ruleShort(challenge),
    participants: participantsText(challenge),
    cost: costText(challenge.entryCost),
    reward: rewardText(challenge),
    joined,
    mineText,
    percent: progress && joined ? progress.percent : 0,
  };
};

export type ActionView = {
  /** join: the join button; leave: the leave button; none: only `note`. */
  kind: 'join' | 'leave' | 'none';
  text: string;
  note: string;
};

/** Why a challenge I am not in cannot be joined (the server's `joinable` said no). */
export const closedReason = (challenge: Challenge, now: Date): string => {
  if (challenge.phase === 'ended') return '挑战已结束';
  if (challenge.maxParticipants !== null && challenge.participantsCount >= challenge.maxParticipants) return '名额已满';
  if (challenge.joinDeadline && challenge.joinDeadline < challengeToday(challenge, now)) return '报名已截止';
  return '暂不可报名';
};

/** The button under a challenge: join it, leave it, or why neither. */
export const actionView = (challenge: Challenge, now: Date): ActionView => {
  const me = challenge.me;
  if (isIn(me)) {
    if (me.status !== 'active' || challenge.phase === 'ended') return { kind: 'none', text: '', note: challenge.phase === 'ended' ? '挑战已结束' : '' };
    return { kind: 'leave', text: '退出挑战', note: '' };
  }
  if (!challenge.joinable) return { kind: 'none', text: '', note: closedReason(challenge, now) };
  const deadline = challenge.joinDeadline ? `${dateText(challenge.joinDeadline)}截止报名` : '';
  return { kind: 'join', text: challenge.entryCost > 0 ? `参加挑战（${challenge.entryCost} 积分）` : '参加挑战', note: deadline };
};

export type Confirmation = { title: string; content: string; confirmText: string };

export const joinConfirmation = (challenge: Challenge): Confirmation => {
  const parts = [`规则：${ruleShort(challenge)}，${rangeText(challenge.startDate, challenge.endDate)}。`];
  if (challenge.entryCost > 0) {
    parts.push(
      challenge.phase === 'upcoming'
        ? `将扣除 ${challenge.entryCost} 积分报名费，开始前退出可全额退还。`
        : `将扣除 ${challenge.entryCost} 积分报名费，挑战已开始，退出后不退还。`,
    );
  }
  if (challenge.habitTemplate) parts.push(`打卡「${challenge.habitTemplate.title}」即计入进度（没有这个习惯会自动为你添加）。`);
  return { title: '参加挑战', content: parts.join(''), confirmText: '确认参加' };
};

export const leaveConfirmation = (challenge: Challenge): Confirmation => {
  const paid = challenge.me?.entryPaid ?? 0;
  const money =
    paid > 0 ? (challenge.phase === 'upcoming' ? `挑战未开始，退出后 ${paid} 积分报名费将退还。` : `挑战已开始，退出后 ${paid} 积分报名费不退还。`) : '';
  return { title: '退出挑战', content: `${money}退出后不再计入进度和排行，确定退出吗？`, confirmText: '确认退出' };
};

/** A refused join or leave: what to say, whether the page should read the challenge again (it changed), and a way out. */
export type Refusal = { message: string; reload: boolean; offer: null | { text: string; confirmText: string; url: string } };

export const refusalOf = (error: unknown, challenge: Pick<Challenge, 'entryCost'> | null): Refusal => {
  const status = errorStatus(error);
  switch (errorReason(error)) {
    case 'join_closed':
      return { message: '报名已截止', reload: true, offer: null };
    case 'challenge_full':
      return { message: '名额已满，下次早点来', reload: true, offer: null };
    case 'challenge_ended':
      return { message: '挑战已结束', reload: true, offer: null };
    case 'not_joined':
      return { message: '你还没有参加这个挑战', reload: true, offer: null };
    case 'insufficient_points': {
      const details = (error as { details?: { needed?: unknown } }).details;
      const needed = typeof details?.needed === 'number' ? details.needed : (challenge?.entryCost ?? 0);
      return {
        message: needed > 0 ? `积分不足，报名需要 ${needed} 积分` : '积分不足',
        reload: false,
        offer: { text: '完成每日任务可以赚取积分', confirmText: '去做任务', url: '/pages/tasks/index' },
      };
    }
    case 'habit_required':
      return { message: '请先添加要计入挑战的习惯', reload: false, offer: null };
    case 'habit_mismatch':
      return { message: '这个习惯不是挑战要求的习惯', reload: false, offer: null };
    case 'membership_required':
      return { message: '这个挑战仅限会员参加', reload: false, offer: { text: '开通会员即可参加会员专属挑战', confirmText: '了解会员', url: '/pages/membership/index' } };
    case 'region':
      return { message: '这个挑战仅限指定地区的用户参加', reload: false, offer: null };
    default:
      if (status === 404) return { message: '挑战不存在或已下线', reload: false, offer: null };
      return { message: messageOf(error), reload: false, offer: null };
  }
};

/** The detail's error view: a 404 in words, anything else as load-state says it. */
export const detailError = (error: unknown): string => (errorStatus(error) === 404 ? '挑战不存在或已下线' : messageOf(error));

/** How many of the board's first rows the detail shows (then my place and the rows around me). */
export const BOARD_TOP = 10;

export type BoardRow = {
  key: string;
  rank: number;
  rankText: string;
  medal: '' | 'gold' | 'silver' | 'bronze';
  nickname: string;
  avatar: string;
  initial: string;
  scoreText: string;
  reached: boolean;
  isMe: boolean;
};

const MEDALS: Record<number, BoardRow['medal']> = { 1: 'gold', 2: 'silver', 3: 'bronze' };

export const boardRows = (entries: readonly ChallengeBoardEntry[]): BoardRow[] =>
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
      scoreText: `${entry.daysDone}/${entry.daysNeeded} 天`,
      reached: entry.reachedAt !== null,
      isMe: entry.isMe,
    };
  });

export type MyPlace = { ranked: boolean; rankText: string; detailText: string; around: BoardRow[] };

/**
 * My place under the top rows: "第 12 名 / 共 80 人", and the rows around me when I am below the top
 * shown (none when my row is already among them).
 */
export const myPlace = (place: ChallengeBoardPlace | null, shownTop: number): MyPlace | null => {
  if (!place) return null;
  if (place.rank === null) return { ranked: false, rankText: '未上榜', detailText: `共 ${place.total} 人，参加并打卡后上榜`, around: [] };
  return {
    ranked: true,
    rankText: `第 ${place.rank} 名`,
    detailText: `${place.daysDone}/${place.daysNeeded} 天 · 共 ${place.total} 人`,
    around: place.rank > shownTop ? boardRows(place.around.filter((entry) => entry.rank > shownTop)) : [],
  };
};

export type BadgeView = {
  key: string;
  name: string;
  /** An image's address, when the editors gave one; else `glyph` (their emoji, or the name's first character). */
  iconUrl: string;
  glyph: string;
  dateText: string;
  challengeTitle: string;
  challengeDocumentId: string;
};


/** My badges, newest first; the day each was awarded in Beijing time. */
export const badgeViews = (badges: readonly ChallengeBadge[]): BadgeView[] =>
  [...badges]
    .sort((a, b) => Date.parse(b.awardedAt) - Date.parse(a.awardedAt))
    .map((badge) => {
      const day = new Date(Date.parse(badge.awardedAt) + 480 * 60_000).toISOString().slice(0, 10);
      return {
        key: `${badge.challenge.documentId}:${badge.name}`,
        name: badge.name,
        iconUrl: badge.icon && isImageAddress(badge.icon) ? badge.icon : '',
        glyph: !badge.icon ? ([...badge.name][0] ?? '徽') : isImageAddress(badge.icon) ? '' : badge.icon,
        dateText: `${day} 获得`,
        challengeTitle: badge.challenge.title,
        challengeDocumentId: badge.challenge.documentId,
      };
    });

export const MY_TABS: ReadonlyArray<{ key: 'active' | 'ended'; label: string }> = [
  { key: 'active', label: '进行中' },
  { key: 'ended', label: '已结束' },
];
