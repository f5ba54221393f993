import type { CalendarAnswer, HabitStats } from '../api/paths';
import { addDays, daysInMonth, isoWeekday } from './dates';

/**
 * The habit page (pages/habit): the month calendar, streaks, the strength curve, the year heatmap
 * (rendered by mp-pages' components/heatmap from `stats.heatmap` as is), and for a quit habit the
 * money saved, cigarettes avoided and health milestones. Pure view models over the server's answers.
 */

const UNIT: Record<HabitStats['streak']['unit'], string> = { days: '天', weeks: '周', periods: '期' };

export interface StatTile {
  label: string;
  value: string;
}

export const statTiles = (stats: HabitStats): StatTile[] => [
  { label: '当前连续', value: `${stats.streak.current} ${UNIT[stats.streak.unit]}` },
  { label: '最长连续', value: `${stats.streak.longest} ${UNIT[stats.streak.unit]}` },
  { label: '完成率', value: `${Math.round(stats.completionRate * 100)}%` },
  { label: '累计打卡', value: `${stats.totalCheckIns} 次` },
  { label: '习惯强度', value: `${Math.round(stats.strength.current * 100)}%` },
];

export interface StrengthBar {
  date: string;
  /** 0-100: the bar's height in percent. */
  height: number;
  label: string;
}

/** The strength series (one point a week) as bars; the last `max` points. */
export const strengthBars = (stats: HabitStats, max = 26): StrengthBar[] =>
  stats.strength.series.slice(-max).map((point) => ({
    date: point.date,
    height: Math.max(2, Math.round(point.score * 100)),
    label: `${point.date.slice(5)} ${Math.round(point.score * 100)}%`,
  }));

export const bestStreakTexts = (stats: HabitStats): string[] =>
  stats.bestStreaks.map((run) => `${run.start} 至 ${run.end}，${run.days} 天`);

export interface QuitView {
  daysSmokeFree: number;
  moneySaved: string | null;
  cigarettesAvoided: number | null;
  equivalent: string | null;
  settingsMissing: boolean;
  milestones: Array<{ key: string; title: string; achieved: boolean; progressText: string }>;
}

const hoursText = (hours: number): string => {
  if (hours < 1) return `${Math.round(hours * 60)} 分钟`;
  if (hours < 48) return `${Math.round(hours)} 小时`;
  return `${Math.round(hours / 24)} 天`;
};

export const quitView = (stats: HabitStats): QuitView | null => {
  const quit = stats.quit;
  if (!quit) return null;
  const equivalent = quit.equivalent && quit.equivalent.count > 0 ? `相当于 ${quit.equivalent.count} ${quit.equivalent.unit}${quit.equivalent.name}` : null;
  return {
    daysSmokeFree: quit.daysSmokeFree,
    moneySaved: quit.moneySaved === undefined ? null : `¥${quit.moneySaved.toFixed(2)}`,
    cigarettesAvoided: quit.cigarettesAvoided ?? null,
    equivalent,
    settingsMissing: Boolean(quit.settingsMissing),
    milestones: quit.milestones.map((milestone) => ({
      key: milestone.key,
      title: milestone.title,
      achieved: milestone.achieved,
      progressText: milestone.achieved ? '已达成' : `还需 ${hoursText(milestone.hoursRemaining)}`,
    })),
  };
};

export interface CalendarCell {
  /** YYYY-MM-DD, or '' for the blanks before the 1st. */
  date: string;
  day: number;
  checked: boolean;
  makeup: boolean;
  today: boolean;
  future: boolean;
  /** A past day without a check-in that a makeup card could fill (the server has the last word). */
  missed: boolean;
}

/**
 * A month of `habitId` as weeks of cells starting on Monday: which days are checked in (and which of
 * those are makeups), today, the future, and missed days since the habit started.
 */
export const monthCalendar = (calendar: CalendarAnswer, habitId: string, today: string, startDate: string | null): CalendarCell[][] => {
  const month = calendar.meta.month;
  const checked = new Map<string, boolean>();
  for (const day of calendar.data) {
    const mine = day.checkIns.find((checkIn) => checkIn.habit.documentId === habitId);
    if (mine) checked.set(day.date, mine.isMakeup);
  }
  const cells: CalendarCell[] = [];
  const first = `${month}-01`;
  for (let i = 1; i < isoWeekday(first); i += 1) cells.push({ date: '', day: 0, checked: false, makeup: false, today: false, future: false, missed: false });
  for (let day = 1; day <= daysInMonth(month); day += 1) {
    const date = addDays(first, day - 1);
    const isChecked = checked.has(date);
    const started = startDate === null || date >= startDate;
    cells.push({
      date,
      day,
      checked: isChecked,
      makeup: checked.get(date) ?? false,
      today: date === today,
      future: date > today,
      missed: !isChecked && started && date < today,
    });
  }
  const weeks: CalendarCell[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
};
