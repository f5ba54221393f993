import { getApi, messageFor } from '../../api/index';
import type { CalendarAnswer, Habit, HabitStats } from '../../api/paths';
import { addMonths } from '../../logic/dates';
import { frequencyText } from '../../logic/habit-form';
import { bestStreakTexts, monthCalendar, quitView, statTiles, strengthBars, type CalendarCell, type QuitView, type StatTile, type StrengthBar } from '../../logic/habit-detail';
import { confirm, navigateBack, navigateTo, setTitle, toast } from '../../platform/ui';

/**
 * One habit (`?id=<documentId>`): its month calendar (tap a missed day to make it up), streaks,
 * completion, the strength curve, the year heatmap (components/heatmap), best runs, and for a quit
 * habit the money saved and health milestones. Edit, archive / restore, delete. Logic in
 * logic/habit-detail.ts.
 */

let habitId = '';
let habit: Habit | null = null;
let stats: HabitStats | null = null;

type Data = {
  state: 'loading' | 'empty' | 'error' | 'ready';
  error: string;
  title: string;
  schedule: string;
  archived: boolean;
  tiles: StatTile[];
  bars: StrengthBar[];
  heatmap: HabitStats['heatmap'];
  best: string[];
  quit: QuitView | null;
  month: string;
  weeks: CalendarCell[][];
  calendarError: string;
};

const api = () => getApi();

Page({
  data: {
    state: 'loading', error: '', title: '', schedule: '', archived: false, tiles: [], bars: [], heatmap: [], best: [], quit: null, month: '', weeks: [], calendarError: '',
  } as Data,

  onLoad(query: Record<string, string | undefined>) {
    habitId = query.id ?? '';
    habit = null;
    stats = null;
  },

  onShow() {
    void this.load();
  },

  async load() {
    if (!stats) this.setData({ state: 'loading', error: '' });
    try {
      const [habitAnswer, statsAnswer] = await Promise.all([api().habits.get(habitId), api().habits.stats(habitId)]);
      habit = habitAnswer.data;
      stats = statsAnswer.data;
      setTitle(habit.title);
      this.setData({
        state: 'ready',
        title: habit.title,
        schedule: frequencyText(habit),
        archived: habit.archived,
        tiles: statTiles(stats),
        bars: strengthBars(stats),
        heatmap: stats.heatmap,
        best: bestStreakTexts(stats),
        quit: quitView(stats),
      });
      await this.loadMonth(this.data.month || api().offlineQueue.today().slice(0, 7));
    } catch (error) {
      this.setData({ state: 'error', error: messageFor(error) });
    }
  },

  async loadMonth(month: string) {
    this.setData({ month, calendarError: '' });
    try {
      const calendar: CalendarAnswer = await api().checkIns.calendar(month);
      this.setData({ weeks: monthCalendar(calendar, habitId, api().offlineQueue.today(), stats?.habit.startDate ?? null) });
    } catch (error) {
      this.setData({ calendarError: messageFor(error), weeks: [] });
    }
  },

  onPrevMonth() {
    void this.loadMonth(addMonths(this.data.month, -1));
  },

  onNextMonth() {
    void this.loadMonth(addMonths(this.data.month, 1));
  },

  onDay(event: WechatMiniprogram.TouchEvent) {
    const { date, missed } = event.currentTarget.dataset as { date: string; missed: boolean };
    if (missed) navigateTo(`/pages/makeup/index?habit=${habitId}&date=${date}`);
  },

  onRetry() {
    void this.load();
  },

  onEdit() {
    navigateTo(`/pages/habit-edit/index?id=${habitId}`);
  },

  onMakeup() {
    navigateTo(`/pages/makeup/index?habit=${habitId}`);
  },

  async onArchive() {
    const archived = this.data.archived;
    try {
      const { data } = archived ? await api().habits.restore(habitId) : await api().habits.archive(habitId);
      habit = data;
      this.setData({ archived: data.archived });
      toast(data.archived ? '已归档' : '已恢复', 'success');
    } catch (error) {
      toast(messageFor(error));
    }
  },

  async onDelete() {
    if (!(await confirm('删除习惯', '删除后这个习惯和它的打卡记录都不再显示，确定吗？', '删除'))) return;
    try {
      await api().habits.remove(habitId);
      toast('已删除', 'success');
      navigateBack();
    } catch (error) {
      toast(messageFor(error));
    }
  },
});
