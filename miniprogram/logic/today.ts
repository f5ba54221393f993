import type { CheckInOutcome, QueuedCheckIn } from '../api/offline-queue';
import type { CheckInAnswer, TodayAnswer } from '../api/paths';
import { blockedText, makeupOutlookOf } from './makeup';

/**
 * The 今日 page's view model: today's habits as check-in cards, with what the server knows (GET
 * /api/check-ins/today: each habit's streak, today's check-ins and their points) and what waits in the
 * offline queue (shown as done). Pure: the page feeds it answers and renders what comes out.
 */

export type StreakUnit = TodayAnswer['meta']['habits'][number]['streak']['unit'];

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
  /** Cards left for makeups (today's meta.user). */
  makeupCards: number;
}

export const todayCards = (answer: TodayAnswer, options: { pendingHabits?: ReadonlySet<string>; busyHabits?: ReadonlySet<string> } = {}): TodayCard[] => {
  const byHabit = new Map(answer.data.map((checkIn) => [checkIn.habit.documentId, checkIn]));
  return answer.meta.habits.map((habit) => {
    const checkIn = byHabit.get(habit.documentId) ?? null;
    const pending = !habit.checkedIn && (options.pendingHabits?.has(habit.documentId) ?? false);
    return {
      habitId: habit.documentId,
      title: habit.title,
      kind: habit.kind,
      checkedIn: habit.checkedIn,
      pending,
      busy: options.busyHabits?.has(habit.documentId) ?? false,
      streak: habit.streak.current,
      streakUnit: habit.streak.unit,
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
    makeupCards: answer.meta.user.makeupCards,
  };
};

/**
 * Today's answer after a check-in the server stored: the habit is checked in, with its check-in and the
 * streak the check-in answered with. Keeps the page right without reading the whole list again.
 */
export const withCheckIn = (answer: TodayAnswer, checkIn: CheckInAnswer['data'], streak?: TodayAnswer['meta']['habits'][number]['streak']): TodayAnswer => {
  const data = [...answer.data.filter((each) => each.habit.documentId !== checkIn.habit.documentId), checkIn];
  const habits = answer.meta.habits.map((habit) => (habit.documentId === checkIn.habit.documentId ? { ...habit, checkedIn: true, streak: streak ?? habit.streak } : habit));
  return { data, meta: { ...answer.meta, habits, progress: { done: habits.filter((habit) => habit.checkedIn).length, total: habits.length } } };
};

/** Today's answer after an undo (its streak is read again with today). */
export const withoutCheckIn = (answer: TodayAnswer, habitId: string): TodayAnswer => {
  const habits = answer.meta.habits.map((habit) => (habit.documentId === habitId ? { ...habit, checkedIn: false } : habit));
  return {
    data: answer.data.filter((each) => each.habit.documentId !== habitId),
    meta: { ...answer.meta, habits, progress: { done: habits.filter((habit) => habit.checkedIn).length, total: habits.length } },
  };
};

export interface PassedTap {
  key: string;
  text: string;
  /** A makeup card can still mend it (the server said so, or did not say otherwise). */
  canMakeUp: boolean;
  /** Why not, when it cannot. */
  blocked: string;
}

/** The taps whose day passed before they reached the server, as 今日 lists them. */
export const passedTaps = (entries: readonly QueuedCheckIn[]): PassedTap[] =>
  entries.map((entry) => {
    const outlook = makeupOutlookOf(entry.dayPassed);
    const canMakeUp = outlook?.possible !== false;
    return {
      key: entry.key,
      text: `${entry.localDate}${entry.habitTitle ? ` 「${entry.habitTitle}」` : ''} 的离线打卡没能及时同步`,
      canMakeUp,
      blocked: canMakeUp ? '' : blockedText(outlook?.blockedBy) ?? '这一天已无法补签',
    };
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
    case 'dayPassed': {
      const outlook = makeupOutlookOf(outcome.entry.dayPassed);
      if (outlook && !outlook.possible) {
        return { type: 'toast', text: `${outcome.entry.localDate} 已过去，无法补签${blockedText(outlook.blockedBy) ? `：${blockedText(outlook.blockedBy)}` : ''}`, icon: 'none' };
      }
      return {
        type: 'makeup',
        title: '这一天已经过去了',
        content: `${outcome.entry.localDate}${outcome.entry.habitTitle ? ` 的「${outcome.entry.habitTitle}」` : ''}离线打卡没能及时同步。要用一张补签卡补上吗？`,
        habitId: outcome.entry.habit,
        date: outcome.entry.localDate,
        key: outcome.entry.key,
      };
    }
    case 'rejected':
      return { type: 'toast', text: outcome.error.message, icon: 'none' };
  }
};

