/** The stats tab (GET /api/me/stats): the rank tier with its stars, the last 7 days, the totals. */
import type { MeStats, Rank } from '../api/paths';
import { toDayNumber, isoWeekday } from './heatmap';

/** GET /api/me/stats `data` and its rank, as the API document types them. */
export type { MeStats };
export type RankInfo = Rank;

export type DayBar = { key: string; weekday: string; count: number; heightPercent: number; isToday: boolean };

export type StatsView = {
  rankKey: string;
  rankName: string;
  starsText: string;
  /** Progress through the tier, 0-100 (100 at the top tier). */
  rankProgress: number;
  nextText: string;
  bars: DayBar[];
  weekTotal: number;
  tiles: Array<{ key: string; label: string; value: string }>;
};

const WEEKDAYS = ['', '一', '二', '三', '四', '五', '六', '日'];

export const dayBars = (days: ReadonlyArray<{ date: string; count: number }>, today: string): DayBar[] => {
  const max = Math.max(1, ...days.map((d) => d.count));
  return days.map((day) => ({
    key: day.date,
    weekday: day.date === today ? '今天' : `周${WEEKDAYS[isoWeekday(toDayNumber(day.date))]}`,
    count: day.count,
    // A day without check-ins keeps a sliver so the bar is still seen.
    heightPercent: day.count > 0 ? Math.max(8, Math.round((day.count / max) * 100)) : 2,
    isToday: day.date === today,
  }));
};

export const statsView = (stats: MeStats): StatsView => {
  const { rank } = stats;
  const span = rank.maxDays === null ? null : rank.maxDays - rank.minDays + 1;
  const rankProgress = span === null ? 100 : Math.min(100, Math.round((rank.stars / span) * 100));
  // The server sends the day the next tier starts, not its name.
  const nextText = rank.nextAt === null ? '已是最高段位' : `再打卡 ${Math.max(0, rank.nextAt - stats.totalDays)} 天升级`;
  return {
    rankKey: rank.key,
    rankName: rank.name,
    starsText: `★ ${rank.stars}`,
    rankProgress,
    nextText,
    bars: dayBars(stats.last7Days, stats.localDate),
    weekTotal: stats.last7Days.reduce((sum, day) => sum + day.count, 0),
    tiles: [
      { key: 'totalDays', label: '累计打卡', value: `${stats.totalDays} 天` },
      { key: 'consecutiveDays', label: '当前连续', value: `${stats.consecutiveDays} 天` },
      { key: 'longest', label: '最长连续', value: `${stats.longestStreakDays} 天` },
      { key: 'completion', label: '完成率', value: `${Math.round(stats.completionRate * 1000) / 10}%` },
      { key: 'totalCheckIns', label: '打卡次数', value: `${stats.totalCheckIns}` },
      { key: 'habits', label: '进行中习惯', value: `${stats.habits.active}` },
      { key: 'points', label: '积分', value: `${stats.pointsBalance}` },
      { key: 'makeupCards', label: '补签卡', value: `${stats.makeupCards}` },
      { key: 'diaries', label: '日记天数', value: `${stats.diaries.totalDays}` },
    ],
  };
};
