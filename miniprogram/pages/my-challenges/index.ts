import { getApi } from '../../api';
import type { MyChallengeStatus } from '../../api/paths';
import { challengeCard, MY_TABS, type ChallengeCard } from '../../logic/challenges';
import { messageOf, type LoadState } from '../../logic/load-state';
import { navigateTo, stopPullDownRefresh } from '../../platform/ui';

/**
 * 我的挑战: the challenges I am in (进行中: not finished yet, with my progress) and those that ended
 * (已结束: completed / failed with my final rank and rewards, or left). A tap opens the challenge.
 */
Page({
  data: {
    tabs: MY_TABS,
    status: 'active' as MyChallengeStatus,
    cards: [] as ChallengeCard[],
    state: 'loading' as LoadState,
    error: '',
  },
  ticket: 0 as number,

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    stopPullDownRefresh();
  },

  async load() {
    // A tab switched while a read was on its way: only the latest read is shown.
    const ticket = (this.ticket = (this.ticket ?? 0) + 1);
    const status = this.data.status;
    if (this.data.cards.length === 0) this.setData({ state: 'loading', error: '' });
    try {
      const { data } = await getApi().challenges.mine(status);
      if (ticket !== this.ticket) return;
      const now = getApi().client.platform.now();
      const cards = data.map((item) => challengeCard(item.challenge, now));
      this.setData({ cards, state: cards.length > 0 ? 'ready' : 'empty', error: '' });
    } catch (error) {
      if (ticket !== this.ticket) return;
      this.setData({ cards: [], state: 'error', error: messageOf(error) });
    }
  },

  onTab(event: WechatMiniprogram.TouchEvent) {
    const status = String(event.currentTarget.dataset.status) as MyChallengeStatus;
    if (status === this.data.status) return;
    this.setData({ status, cards: [], state: 'loading' });
    void this.load();
  },

  onOpen(event: WechatMiniprogram.CustomEvent<{ documentId: string }>) {
    navigateTo(`/pages/challenge/index?id=${event.detail.documentId}`);
  },

  browse() {
    navigateTo('/pages/challenges/index');
  },
});
