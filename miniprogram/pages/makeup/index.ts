import { ApiError, getApi, messageFor } from '../../api/index';
import type { Habit } from '../../api/paths';
import { blockedReason, cardsText, makeupDays, makeupRefusalText, monthsCovering, rulesText, type MakeupDay } from '../../logic/makeup';
import { confirm, toast } from '../../platform/ui';

/**
 * 补签: spend a makeup card on a missed past day of a habit (`?habit=<documentId>&date=<YYYY-MM-DD>`;
 * without a habit, pick one first). Shows the cards left; the server decides what can be made up and
 * its refusals read as logic/makeup.ts says.
 */

const PAGE_SIZE = 20;
let habitId = '';
let suggested = '';
let habits: Habit[] = [];
let habitsPage = 0;
let habitsTotal = 0;

type Data = {
  state: 'loading' | 'empty' | 'error' | 'ready';
  error: string;
  picking: boolean;
  habits: Array<{ documentId: string; title: string }>;
  canLoadMore: boolean;
  title: string;
  cards: number;
  cardsText: string;
  rulesText: string;
  blocked: string;
  days: MakeupDay[];
  suggested: string;
  busyDate: string;
};

const api = () => getApi();

Page({
  data: { state: 'loading', error: '', picking: false, habits: [], canLoadMore: false, title: '', cards: 0, cardsText: '', rulesText: '', blocked: '', days: [], suggested: '', busyDate: '' } as Data,

  onLoad(query: Record<string, string | undefined>) {
    habitId = query.habit ?? '';
    suggested = query.date ?? '';
    habits = [];
    habitsPage = 0;
    habitsTotal = 0;
    this.setData({ suggested });
    void (habitId ? this.load() : this.loadHabits());
  },

  async loadHabits() {
    if (habitsPage === 0) this.setData({ state: 'loading', picking: true });
    try {
      const { data, meta } = await api().habits.list({ page: habitsPage + 1, pageSize: PAGE_SIZE, archived: false });
      habits = meta.pagination.page <= 1 ? [...data] : [...habits, ...data];
      habitsPage = meta.pagination.page;
      habitsTotal = meta.pagination.total;
      this.setData({
        state: habits.length === 0 ? 'empty' : 'ready',
        habits: habits.map((h) => ({ documentId: h.documentId, title: h.title })),
        canLoadMore: habits.length < habitsTotal,
      });
    } catch (error) {
      this.setData({ state: 'error', error: messageFor(error) });
    }
  },

  onReachBottom() {
    if (this.data.picking && this.data.canLoadMore) void this.loadHabits();
  },

  onPickHabit(event: WechatMiniprogram.TouchEvent) {
    habitId = (event.currentTarget.dataset as { id: string }).id;
    this.setData({ picking: false });
    void this.load();
  },

  async load() {
    this.setData({ state: 'loading', error: '' });
    try {
      const [rules, habit] = await Promise.all([api().checkIns.makeupRules(), api().habits.get(habitId)]);
      const calendars = await Promise.all(monthsCovering(rules.data).map((month) => api().checkIns.calendar(month)));
      this.setData({
        state: 'ready',
        title: habit.data.title,
        cards: rules.data.cardsLeft,
        cardsText: cardsText(rules.data.cardsLeft),
        rulesText: rulesText(rules.data),
        blocked: blockedReason(rules.data) ?? '',
        days: makeupDays(calendars, habitId, rules.data, habit.data.startDate ?? null),
      });
    } catch (error) {
      this.setData({ state: 'error', error: messageFor(error) });
    }
  },

  onRetry() {
    void (habitId ? this.load() : this.loadHabits());
  },

  async onMakeup(event: WechatMiniprogram.TouchEvent) {
    const { date } = event.currentTarget.dataset as { date: string };
    if (this.data.busyDate) return;
    if (this.data.blocked) {
      toast(this.data.blocked);
      return;
    }
    if (!(await confirm('补签', `用 1 张补签卡补上 ${date} 的「${this.data.title}」？`, '补签'))) return;
    this.setData({ busyDate: date });
    try {
      const answer = await api().checkIns.makeup(habitId, date);
      toast(`补签成功，剩余 ${answer.meta.user.makeupCards} 张`, 'success');
      await this.load();
    } catch (error) {
      toast(error instanceof ApiError ? makeupRefusalText(error) : messageFor(error));
      if (error instanceof ApiError && error.status === 409) await this.load();
    } finally {
      this.setData({ busyDate: '' });
    }
  },
});
