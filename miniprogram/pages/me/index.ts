import { getApi } from '../../api';
import { messageOf, type LoadState } from '../../logic/load-state';
import { ME_LINKS, meSummary, type MeSummary } from '../../logic/me';
import { navigateTo, stopPullDownRefresh } from '../../platform/ui';

/** 我的 tab: my profile summary (GET /api/me) and the way to everything that is mine. */
Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    summary: null as MeSummary | null,
    links: ME_LINKS,
  },

  onShow() {
    // The account as last read shows at once (also offline); the server's copy replaces it.
    const known = getApi().session.user;
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
    } catch (error) {
      if (!this.data.summary) this.setData({ state: 'error', error: messageOf(error) });
    }
  },

  openProfile() {
    navigateTo('/pages/profile/index');
  },

  open(event: WechatMiniprogram.TouchEvent) {
    navigateTo(String(event.currentTarget.dataset.url));
  },
});
