import { getApi } from '../../api';
import { messageOf, type LoadState } from '../../logic/load-state';
import { dayBars, hourBars, patternSummary, type Bar } from '../../logic/quit';
import { stopPullDownRefresh } from '../../platform/ui';

const WINDOWS = [7, 30, 90];

/** 烟瘾规律: the last 7 / 30 / 90 local days of cravings as bars per day and per hour (GET /api/cravings/stats). */
Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    windows: WINDOWS,
    days: 7,
    summary: '',
    dayBars: [] as Bar[],
    hourBars: [] as Bar[],
  },

  onLoad() {
    void this.reload();
  },

  async onPullDownRefresh() {
    await this.reload();
    stopPullDownRefresh();
  },

  onWindow(event: WechatMiniprogram.TouchEvent) {
    this.setData({ days: Number(event.currentTarget.dataset.value) });
    void this.reload();
  },

  async reload() {
    const days = this.data.days;
    try {
      const stats = (await getApi().quit.cravingStats(days)).data;
      if (days !== this.data.days) return;
      this.setData({ state: 'ready' as LoadState, error: '', summary: patternSummary(stats), dayBars: dayBars(stats), hourBars: hourBars(stats) });
    } catch (error) {
      this.setData({ state: 'error' as LoadState, error: messageOf(error) });
    }
  },
});
