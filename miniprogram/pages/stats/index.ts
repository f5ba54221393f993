import { getApi } from '../../api';
import { messageOf, type LoadState } from '../../logic/load-state';
import { statsView, type StatsView } from '../../logic/stats';
import { stopPullDownRefresh, switchTab } from '../../platform/ui';

/** 统计 tab: GET /api/me/stats as the rank card, the last 7 days and the totals (logic/stats.ts). */
Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    view: null as StatsView | null,
  },

  onShow() {
    // Check-ins made on the other tabs change these figures: read them again on every visit.
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    stopPullDownRefresh();
  },

  async load() {
    if (!this.data.view) this.setData({ state: 'loading', error: '' });
    try {
      const { data } = await getApi().stats.me();
      // No check-in yet: nothing to count, the empty view sends them to 今日.
      this.setData({ state: data.totalCheckIns > 0 ? 'ready' : 'empty', error: '', view: statsView(data) });
    } catch (error) {
      // Figures already shown stay; a first load that fails shows the error view.
      if (this.data.view) return;
      this.setData({ state: 'error', error: messageOf(error) });
    }
  },

  goCheckIn() {
    switchTab('/pages/today/index');
  },
});
