import { leaderboardRows, myPlaceView, type BoardEntry, type BoardPlace, type Metric } from '../../logic/leaderboard';

/**
 * <leaderboard-list entries="{{data}}" metric="total-days" me="{{place}}" upsell="{{upsell}}"
 *   has-more="{{…}}" loading-more="{{…}}" bind:more="…" bind:upgrade="…" />
 * A board's rows as the server sends them (GET /api/leaderboards/:metric `data`), medals for the top
 * three, the caller's row highlighted and their place (GET …/me `data`) at the bottom. With `upsell`
 * (logic/leaderboard.ts upsellFrom, a 403 `membership_required`) it shows the membership offer instead
 * and its button sends `upgrade`. "加载更多" sends `more`.
 */
Component({
  properties: {
    entries: { type: Array, value: [] },
    metric: { type: String, value: 'total-days' },
    me: { type: Object, value: null as BoardPlace | null },
    upsell: { type: Object, value: null as Record<string, unknown> | null },
    hasMore: { type: Boolean, value: false },
    loadingMore: { type: Boolean, value: false },
    emptyText: { type: String, value: '还没有人上榜，快去打卡吧' },
  },
  data: {
    view: leaderboardRows([], 'total-days'),
    mine: myPlaceView(null, 'total-days'),
    showMine: false,
  },
  observers: {
    'entries, metric, me'(entries: BoardEntry[], metric: string, me: BoardPlace | null) {
      const board = metric as Metric;
      this.setData({ view: leaderboardRows(entries ?? [], board), mine: myPlaceView(me, board), showMine: me !== null });
    },
  },
  methods: {
    onMore() {
      if (this.data.hasMore && !this.data.loadingMore) this.triggerEvent('more', {});
    },
    onUpgrade() {
      this.triggerEvent('upgrade', { scope: (this.data.upsell as { scope?: string } | null)?.scope ?? '' });
    },
  },
});
