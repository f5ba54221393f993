import { getApi } from '../../api';
import { boardQuery, METRICS, needsRegion, PERIODS, SCOPES, upsellFrom, type BoardEntry, type BoardPlace, type Metric, type Period, type Scope, type Upsell } from '../../logic/leaderboard';
import { messageOf, type LoadState } from '../../logic/load-state';
import { navigateTo, stopPullDownRefresh } from '../../platform/ui';

const PAGE_SIZE = 20;

/** The latest board asked for: an answer for an earlier choice (tabs tapped quickly) is dropped. */
let latest = 0;

/**
 * 排行 tab: a board by metric x scope x period (GET /api/leaderboards/:metric, limit / offset pages) and
 * my place on it (GET …/me). A board the membership does not open shows the upsell (403
 * membership_required); a regional board without a region in the profile offers the profile (400 no_region).
 */
Page({
  data: {
    metrics: METRICS,
    scopes: SCOPES,
    periods: PERIODS,
    metric: 'total-days' as Metric,
    scope: 'province' as Scope,
    period: 'all' as Period,
    state: 'loading' as LoadState,
    error: '',
    emptyText: '还没有人上榜，快去打卡吧',
    emptyAction: '',
    entries: [] as BoardEntry[],
    total: 0,
    me: null as BoardPlace | null,
    upsell: null as Upsell | null,
    hasMore: false,
    loadingMore: false,
    boardNote: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    const metric = METRICS.find((m) => m.value === query.metric)?.value;
    const scope = SCOPES.find((s) => s.value === query.scope)?.value;
    // Members open on the national board; others on their province's (the national one is an upsell to them).
    const tier = getApi().session.user?.membershipTier;
    const preferred: Scope = tier === 'vip' || tier === 'ai' ? 'national' : 'province';
    this.setData({ metric: metric ?? this.data.metric, scope: scope ?? preferred });
    void this.reload();
  },

  async onPullDownRefresh() {
    await this.reload();
    stopPullDownRefresh();
  },

  onReachBottom() {
    void this.more();
  },

  onMetric(event: WechatMiniprogram.TouchEvent) {
    this.choose({ metric: event.currentTarget.dataset.value as Metric });
  },
  onScope(event: WechatMiniprogram.TouchEvent) {
    this.choose({ scope: event.currentTarget.dataset.value as Scope });
  },
  onPeriod(event: WechatMiniprogram.TouchEvent) {
    this.choose({ period: event.currentTarget.dataset.value as Period });
  },

  choose(change: Partial<{ metric: Metric; scope: Scope; period: Period }>) {
    this.setData(change);
    void this.reload();
  },

  /** The first page of the chosen board and my place on it. */
  async reload() {
    const ticket = ++latest;
    const { metric } = this.data;
    const query = boardQuery(this.data);
    this.setData({ state: 'loading', error: '', entries: [], me: null, upsell: null, hasMore: false, emptyAction: '', boardNote: '' });
    const api = getApi();
    try {
      const [page, place] = await Promise.all([api.leaderboards.page(metric, { ...query, limit: PAGE_SIZE, offset: 0 }), api.leaderboards.me(metric, query)]);
      if (ticket !== latest) return;
      const board = page.meta.board;
      this.setData({
        state: page.data.length > 0 ? 'ready' : 'empty',
        emptyText: '还没有人上榜，快去打卡吧',
        entries: page.data,
        total: page.meta.pagination.total,
        hasMore: page.data.length < page.meta.pagination.total,
        me: place.data,
        boardNote: [board.region, board.period.startsOn && board.period.endsOn ? `${board.period.startsOn} ~ ${board.period.endsOn}` : ''].filter(Boolean).join(' · '),
      });
    } catch (error) {
      if (ticket !== latest) return;
      const upsell = upsellFrom(error);
      if (upsell) {
        // The list shows the offer in place of the board.
        this.setData({ state: 'ready', upsell });
      } else if (needsRegion(error)) {
        this.setData({ state: 'empty', emptyText: '设置所在地区后即可查看本地排行', emptyAction: '去设置' });
      } else {
        this.setData({ state: 'error', error: messageOf(error) });
      }
    }
  },

  /** The next page (limit / offset), appended. */
  async more() {
    const { metric, entries, hasMore, loadingMore, upsell } = this.data;
    if (!hasMore || loadingMore || upsell) return;
    this.setData({ loadingMore: true });
    const ticket = latest;
    try {
      const page = await getApi().leaderboards.page(metric, { ...boardQuery(this.data), limit: PAGE_SIZE, offset: entries.length });
      if (ticket !== latest) return;
      const all = [...entries, ...page.data];
      this.setData({ entries: all, total: page.meta.pagination.total, hasMore: page.data.length > 0 && all.length < page.meta.pagination.total, loadingMore: false });
    } catch (error) {
      this.setData({ loadingMore: false, boardNote: messageOf(error) });
    }
  },

  onUpgrade() {
    navigateTo('/pages/membership/index');
  },

  onEmptyAction() {
    navigateTo('/pages/profile/index');
  },
});
