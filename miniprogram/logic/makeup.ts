import type { CalendarAnswer, CheckInConflictDetails, MakeupRules } from '../api/paths';
import { addDays, isoWeekday } from './dates';

/**
 * The makeup page (补签): the past days of one habit a card may fill, the cards left and the rules in
 * force, as the server publishes them (GET /api/check-ins/makeup/rules: window, per-day limit, how
 * cards are earned). The server still decides each makeup; its refusals read as below.
 */

const WEEKDAY = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export interface MakeupDay {
  date: string;
  label: string;
  checked: boolean;
  isMakeup: boolean;
  /** Before the habit started: nothing to make up. */
  beforeStart: boolean;
  available: boolean;
}

/** The days the rules allow (latestDate back to earliestDate), newest first, from the calendar months that cover them. */
export const makeupDays = (calendars: readonly CalendarAnswer[], habitId: string, rules: Pick<MakeupRules, 'earliestDate' | 'latestDate'>, startDate: string | null): MakeupDay[] => {
  const checked = new Map<string, boolean>();
  for (const calendar of calendars) {
    for (const day of calendar.data) {
      const mine = day.checkIns.find((checkIn) => checkIn.habit.documentId === habitId);
      if (mine) checked.set(day.date, mine.isMakeup);
    }
  }
  const days: MakeupDay[] = [];
  for (let date = rules.latestDate, back = 1; date >= rules.earliestDate; date = addDays(date, -1), back += 1) {
    const isChecked = checked.has(date);
    const beforeStart = startDate !== null && date < startDate;
    days.push({
      date,
      label: `${date.slice(5)} ${WEEKDAY[isoWeekday(date)]}${back === 1 ? '（昨天）' : ''}`,
      checked: isChecked,
      isMakeup: checked.get(date) ?? false,
      beforeStart,
      available: !isChecked && !beforeStart,
    });
  }
  return days;
};

/** The months (YYYY-MM) the rules' window touches: one or two calendar reads. */
export const monthsCovering = (rules: Pick<MakeupRules, 'earliestDate' | 'latestDate'>): string[] => {
  const months = new Set<string>();
  for (let date = rules.latestDate; date >= rules.earliestDate; date = addDays(date, -1)) months.add(date.slice(0, 7));
  return [...months].sort();
};

/** The rules in a sentence for the page. */
export const rulesText = (rules: MakeupRules): string => {
  const parts = [`可补签最近 ${rules.windowDays} 天`, `每天最多 ${rules.perDay} 次（今天还剩 ${rules.leftToday} 次）`];
  if (rules.earning.everyConsecutiveDays > 0) parts.push(`连续打卡每 ${rules.earning.everyConsecutiveDays} 天得 1 张补签卡`);
  if (!rules.awardsPoints) parts.push('补签不得积分');
  return parts.join('，');
};

/** Whether the person can make up anything right now, and if not why. */
export const blockedReason = (rules: Pick<MakeupRules, 'cardsLeft' | 'leftToday' | 'earning'>): string | null => {
  if (rules.cardsLeft < 1) return `补签卡用完了：连续打卡 ${rules.earning.everyConsecutiveDays} 天可获得 1 张`;
  if (rules.leftToday < 1) return '今天的补签次数已用完，明天再来';
  return null;
};

const REASONS: Record<string, string> = {
  no_cards: '补签卡用完了',
  daily_limit: '今天的补签次数已用完，明天再来',
  too_old: '这一天已经超出可补签的范围',
  not_past: '只能补签过去的日子',
  before_start: '习惯开始之前的日子不能补签',
  after_end: '习惯结束之后的日子不能补签',
};

/** Why a day cannot be made up, by the server's reason (`details.reason`, or day_passed's `makeup.blockedBy`). */
export const blockedText = (reason: string | null | undefined): string | null => (reason ? REASONS[reason] ?? null : null);

/** The makeup outlook a 409 day_passed carries (`details.makeup`); null for any other conflict. */
export const makeupOutlookOf = (details: CheckInConflictDetails | null | undefined): { possible: boolean; blockedBy: string | null } | null =>
  details && details.reason === 'day_passed' ? { possible: details.makeup.possible, blockedBy: details.makeup.blockedBy ?? null } : null;

/** What a refused makeup means to the person (the server's message when it gave no known reason). */
export const makeupRefusalText = (error: { status?: number; message?: string; details?: Record<string, unknown> }): string => {
  const reason = typeof error.details?.reason === 'string' ? error.details.reason : '';
  if (error.status === 409) return '这一天已经打过卡了';
  return REASONS[reason] ?? error.message ?? '补签失败，请稍后再试';
};

export const cardsText = (cards: number): string => (cards > 0 ? `剩余补签卡 ${cards} 张` : '没有补签卡了');
