import type { CheckInOutcome } from '../api/offline-queue';
import type { CheckInAnswer, TodayAnswer } from '../api/paths';

/**
 * The 今日 page's view model: today's habits as check-in cards, with what the server knows (GET
 * /api/check-ins/today), what waits in the offline queue (shown as done), and what the last check-ins
 * won (streak, points). Pure: the page feeds it answers and renders what comes out.
 */

export type StreakUnit = 'days' | 'weeks' | 'periods';

/** The latest streak we heard of per habit (the check-in answer's meta.streak, or its stats). */
export type KnownStreaks = Record<string, { current: number; unit: StreakUnit }>;

export interface TodayCard {
  habitId: string;
  title: string;
  kind: 'build' | 'quit';
  checkedIn: boolean;
  /** Tapped without network: queued, shown as done. */
  pending: boolean;
  busy: boolean;
  streak: number;
  streakUnit: StreakUnit;
  pointsWon: number;
  /** The server's check-in of today (for undo), when there is one. */
  checkInId: string | null;
}

export interface TodaySummary {
  localDate: string;
  done: number;
  total: number;
  pointsToday: number;
  /** "3/5 已完成" */
  progressText: string;
  /** Cards left for makeups, when the server said (today's meta.user). */
  makeupCards: number | null;
}

export const todayCards = (
  answer: TodayAnswer,
  options: { pendingHabits?: ReadonlySet<string>; busyHabits?: ReadonlySet<string>; streaks?: KnownStreaks } = {},
): TodayCard[] => {
  const byHabit = new Map(answer.data.map((checkIn) => [checkIn.habit.documentId, checkIn]));
  return answer.meta.habits.map((habit) => {
    const checkIn = byHabit.get(habit.documentId) ?? null;
    const pending = !habit.checkedIn && (options.pendingHabits?.has(habit.documentId) ?? false);
    // The server's streak when it gives one; else the last one a check-in answer reported.
    const streak = habit.streak ?? options.streaks?.[habit.documentId];
    return {
      habitId: habit.documentId,
      title: habit.title,
      kind: habit.kind,
      checkedIn: habit.checkedIn,
      pending,
      busy: options.busyHabits?.has(habit.documentId) ?? false,
      streak: streak?.current ?? 0,
      streakUnit: streak?.unit ?? 'days',
      pointsWon: checkIn?.pointsAwarded ?? 0,
      checkInId: checkIn?.documentId ?? null,
    };
  });
};

export const todaySummary = (answer: TodayAnswer, cards: readonly TodayCard[]): TodaySummary => {
  const done = cards.filter((card) => card.checkedIn || card.pending).length;
  const pointsToday = answer.data.filter((checkIn) => !checkIn.isMakeup).reduce((sum, checkIn) => sum + checkIn.pointsAwarded, 0);
  return {
    localDate: answer.meta.localDate,
    done,
    total: cards.length,
    pointsToday,
    progressText: `${done}/${cards.length} 已完成`,
    makeupCards: answer.meta.user?.makeupCards ?? null,
  };
};

/**
 * Today's answer after a check-in the server stored: the habit is checked in, with its check-in. Keeps
 * the page right without reading the whole list again.
 */
export const withCheckIn = (answer: TodayAnswer, checkIn: CheckInAnswer['data']): TodayAnswer => ({
  data: [...answer.data.filter((each) => each.habit.documentId !== checkIn.habit.documentId), checkIn],
  meta: {
    ...answer.meta,
    habits: answer.meta.habits.map((habit) => (habit.documentId === checkIn.habit.documentId ? { ...habit, checkedIn: true } : habit)),
  },
});

/** Today's answer after an undo. */
export const withoutCheckIn = (answer: TodayAnswer, habitId: string): TodayAnswer => ({
  data: answer.data.filter((each) => each.habit.documentId !== habitId),
  meta: { ...answer.meta, habits: answer.meta.habits.map((habit) => (habit.documentId === habitId ? { ...habit, checkedIn: false } : habit)) },
});

export type Feedback =
  | { type: 'toast'; text: string; icon: 'success' | 'none' }
  | { type: 'makeup'; title: string; content: string; habitId: string; date: string; key: string };

const UNIT: Record<StreakUnit, string> = { days: '天', weeks: '周', periods: '期' };

/** What to tell the person after a tap, by the queue's outcome. */
export const feedbackFor = (outcome: CheckInOutcome): Feedback => {
  switch (outcome.kind) {
    case 'done': {
      const { streak, points, user } = outcome.answer.meta;
      const bonus = points.parts.filter((part) => part.reason === 'streak-bonus').reduce((sum, part) => sum + part.amount, 0);
      const parts = [`+${points.awarded} 积分`];
      if (streak.current > 1) parts.push(`连续 ${streak.current} ${UNIT[streak.unit]}`);
      if (bonus > 0) parts.push(`含连续奖励 ${bonus}`);
      if (user.makeupCardsEarned > 0) parts.push(`获得补签卡 ×${user.makeupCardsEarned}`);
      return { type: 'toast', text: parts.join('，'), icon: 'success' };
    }
    case 'alreadyDone':
      return { type: 'toast', text: '今天已经打过卡了', icon: 'none' };
    case 'queued':
      return { type: 'toast', text: '已离线记录，联网后自动同步', icon: 'none' };
    case 'dayPassed':
      return {
        type: 'makeup',
        title: '这一天已经过去了',
        content: `${outcome.entry.localDate}${outcome.entry.habitTitle ? ` 的「${outcome.entry.habitTitle}」` : ''}离线打卡没能及时同步。要用一张补签卡补上吗？`,
        habitId: outcome.entry.habit,
        date: outcome.entry.localDate,
        key: outcome.entry.key,
      };
    case 'rejected':
      return { type: 'toast', text: outcome.error.message, icon: 'none' };
  }
};

/** The streak a check-in answer reports, to remember per habit. */
export const streakFrom = (outcome: CheckInOutcome): { habitId: string; current: number; unit: StreakUnit } | null =>
  outcome.kind === 'done' ? { habitId: outcome.answer.data.habit.documentId, current: outcome.answer.meta.streak.current, unit: outcome.answer.meta.streak.unit } : null;
