import type { CalendarAnswer } from '../api/paths';
import { addDays, isoWeekday } from './dates';

/**
 * The makeup page (补签): the past days of one habit a card may fill, and the cards left. The server's
 * window (7 days by default, set by editors) and its daily limit (2) are not readable through the API,
 * so the page offers the default window and the server decides; its refusals read as below.
 */

export const DEFAULT_MAKEUP_WINDOW_DAYS = 7;
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

/** The days from yesterday back `windowDays`, newest first, from the calendar months that cover them. */
export const makeupDays = (
  calendars: readonly CalendarAnswer[],
  habitId: string,
  today: string,
  startDate: string | null,
  windowDays = DEFAULT_MAKEUP_WINDOW_DAYS,
): MakeupDay[] => {
  const checked = new Map<string, boolean>();
  for (const calendar of calendars) {
    for (const day of calendar.data) {
      const mine = day.checkIns.find((checkIn) => checkIn.habit.documentId === habitId);
      if (mine) checked.set(day.date, mine.isMakeup);
    }
  }
  const days: MakeupDay[] = [];
  for (let back = 1; back <= windowDays; back += 1) {
    const date = addDays(today, -back);
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

/** The months (YYYY-MM) a window of days back from today touches: one or two calendar reads. */
export const monthsCovering = (today: string, windowDays = DEFAULT_MAKEUP_WINDOW_DAYS): string[] => {
  const months = new Set<string>();
  for (let back = 1; back <= windowDays; back += 1) months.add(addDays(today, -back).slice(0, 7));
  return [...months].sort();
};

const REASONS: Record<string, string> = {
  no_cards: '补签卡用完了：连续打卡 7 天可获得 1 张',
  daily_limit: '今天的补签次数已用完，明天再来',
  too_old: '只能补签最近几天的打卡',
  not_past: '只能补签过去的日子',
  before_start: '习惯开始之前的日子不能补签',
  after_end: '习惯结束之后的日子不能补签',
};

/** What a refused makeup means to the person (the server's message when it gave no known reason). */
export const makeupRefusalText = (error: { status?: number; message?: string; details?: Record<string, unknown> }): string => {
  const reason = typeof error.details?.reason === 'string' ? error.details.reason : '';
  if (error.status === 409) return '这一天已经打过卡了';
  return REASONS[reason] ?? error.message ?? '补签失败，请稍后再试';
};

export const cardsText = (cards: number): string => (cards > 0 ? `剩余补签卡 ${cards} 张` : '没有补签卡了');
