import { getApi } from '../../api';
import { messageOf, type LoadState } from '../../logic/load-state';
import { membershipView, TIER_BENEFITS, TIER_NAMES, type MembershipView, type Tier } from '../../logic/me';
import { navigateTo, stopPullDownRefresh } from '../../platform/ui';

const TIERS: Tier[] = ['free', 'vip', 'ai'];

/**
 * 会员: the tier in force and when it ends (GET /api/me: the server has no membership endpoint of its
 * own), what each tier opens, and the way to gain one (a redeem code; there is no purchase endpoint).
 */
Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    view: null as MembershipView | null,
    tiers: TIERS.map((tier) => ({ tier, name: TIER_NAMES[tier], benefits: TIER_BENEFITS[tier] })),
  },

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    stopPullDownRefresh();
  },

  async load() {
    if (!this.data.view) this.setData({ state: 'loading', error: '' });
    try {
      const status = await getApi().memberships.status();
      this.setData({ state: 'ready', view: membershipView({ membershipTier: status.tier, membershipExpiresAt: status.expiresAt }) });
    } catch (error) {
      if (!this.data.view) this.setData({ state: 'error', error: messageOf(error) });
    }
  },

  redeem() {
    navigateTo('/pages/redeem/index');
  },
});
