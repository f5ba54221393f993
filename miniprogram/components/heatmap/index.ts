import { cellCaption, heatmapGrid, type HeatmapDay, type Weekday } from '../../logic/heatmap';

/**
 * <heatmap days="{{[{ date, count }]}}" week-starts-on="{{1}}" title="打卡热力图" bind:daytap="…" />
 * A year (or any range) of check-in days as week columns with month labels and five intensity levels
 * (logic/heatmap.ts). `days` is the server's shape (GET /api/habits/:id/stats `heatmap`, /api/me/stats
 * `last7Days`). A tap on a day shows its caption and sends `daytap` with `{ date, count }`.
 */
const CELL_PX = 12;

Component({
  properties: {
    days: { type: Array, value: [] },
    weekStartsOn: { type: Number, value: 1 },
    title: { type: String, value: '打卡热力图' },
    emptyText: { type: String, value: '还没有打卡记录' },
  },
  data: {
    grid: heatmapGrid([]),
    summary: '',
    caption: '',
    selected: '',
    scrollLeft: 0,
  },
  observers: {
    'days, weekStartsOn'(days: HeatmapDay[], weekStartsOn: number) {
      const start = (weekStartsOn >= 1 && weekStartsOn <= 7 ? weekStartsOn : 1) as Weekday;
      const grid = heatmapGrid(days ?? [], start);
      this.setData({
        grid,
        summary: grid.weeks.length > 0 ? `打卡 ${grid.activeDays} 天，共 ${grid.totalCheckIns} 次` : '',
        caption: '',
        selected: '',
        // Open on the most recent weeks.
        scrollLeft: grid.weeks.length * CELL_PX,
      });
    },
  },
  methods: {
    onTapCell(event: WechatMiniprogram.TouchEvent) {
      const { date, count, blank } = event.currentTarget.dataset as { date: string; count: number; blank: boolean };
      if (blank) return;
      const cell = { date, count: Number(count) };
      this.setData({ caption: cellCaption(cell), selected: date });
      this.triggerEvent('daytap', cell);
    },
  },
});
