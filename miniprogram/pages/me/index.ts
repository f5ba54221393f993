import { getApi } from '../../api';
import { badgeViews, type BadgeView } from '../../logic/challenges';
import { errorReason, messageOf, type LoadState } from '../../logic/load-state';
import { ME_LINKS, meSummary, type MeSummary } from '../../logic/me';
import { navigateTo, stopPullDownRefresh, toast } from '../../platform/ui';

/**
 * 我的 tab: my profile summary (GET /api/me), my challenge badges (GET /api/me/badges, shown when there
 * are any; a failed read leaves the section out) and the way to everything that is mine.
 */
Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    summary: null as MeSummary | null,
    links: ME_LINKS,
    emptyText: '',
    badges: [] as BadgeView[],
  },

  onShow() {
    // The account as last read shows at once (also offline); the server's copy replaces it.
    const known = getApi().session.user;
    // (After a deletion there is no known user: load() shows the way back.)
    if (known && !this.data.summary) this.setData({ state: 'ready', summary: meSummary(known) });
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    stopPullDownRefresh();
  },

  async load() {
    if (!this.data.summary) this.setData({ state: 'loading', error: '' });
    try {
      const { data } = await getApi().account.me();
      this.setData({ state: 'ready', error: '', summary: meSummary(data) });
      void this.loadBadges();
    } catch (error) {
      if (errorReason(error) === 'account_deleted' || errorReason(error) === 'logout') {
        // Signed out (the account deleted, here or on another phone, or a logout): offer the way back
        // rather than an error; no call signs in on its own (api/auth.ts SignedOutError).
        this.setData({ state: 'empty', summary: null, emptyText: messageOf(error) });
      } else if (!this.data.summary) this.setData({ state: 'error', error: messageOf(error) });
    }
  },

  async loadBadges() {
    try {
      const { data } = await getApi().challenges.badges();
      this.setData({ badges: badgeViews(data) });
    } catch {
      // The profile stands without its badges; the next visit reads them again.
    }
  },

  openBadge(event: WechatMiniprogram.TouchEvent) {
    const id = String(event.currentTarget.dataset.challenge ?? '');
    if (id) navigateTo(`/pages/challenge/index?id=${id}`);
  },

  async restore() {
    try {
      await getApi().account.signIn();
      toast('账号已恢复', 'success');
      await this.load();
    } catch (error) {
      toast(messageOf(error));
    }
  },

  openProfile() {
    navigateTo('/pages/profile/index');
  },

  open(event: WechatMiniprogram.TouchEvent) {
    navigateTo(String(event.currentTarget.dataset.url));
  },
});
