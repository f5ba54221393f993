import { getApi } from '../../api';
import { messageOf, type LoadState } from '../../logic/load-state';
import { rewardEntries, type Link, type Tier } from '../../logic/me';
import { navigateTo, stopPullDownRefresh } from '../../platform/ui';

/**
 * 奖励 tab: my points and the way to the lottery, the daily tasks, the points records, redeem codes and
 * the membership, each with the figure that makes it worth a tap (GET /api/points/balance,
 * /api/lottery/prizes, /api/tasks, /api/me). One figure failing leaves its note blank; all failing is
 * the error view.
 */
Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    balance: 0,
    entries: [] as Link[],
  },

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    stopPullDownRefresh();
  },

  async load() {
    if (this.data.entries.length === 0) this.setData({ state: 'loading', error: '' });
    const api = getApi();
    const [balance, prizes, tasks, me] = await Promise.allSettled([api.points.balance(), api.lottery.prizes(), api.tasks.list({ pageSize: 100 }), api.account.me()]);
    if (balance.status === 'rejected' && prizes.status === 'rejected' && tasks.status === 'rejected' && me.status === 'rejected') {
      if (this.data.entries.length === 0) this.setData({ state: 'error', error: messageOf(balance.reason) });
      return;
    }
    const tier: Tier = me.status === 'fulfilled' ? me.value.data.membershipTier : api.session.user?.membershipTier ?? 'free';
    const points = balance.status === 'fulfilled' ? balance.value.data.balance : me.status === 'fulfilled' ? me.value.data.pointsBalance : 0;
    this.setData({
      state: 'ready',
      error: '',
      balance: points,
      entries: rewardEntries({
        balance: points,
        drawsLeftToday: prizes.status === 'fulfilled' ? prizes.value.meta.drawsLeftToday : null,
        tasksLeft: tasks.status === 'fulfilled' ? (tasks.value.data ?? []).filter((task) => !task.completed).length : null,
        tier,
      }),
    });
  },

  open(event: WechatMiniprogram.TouchEvent) {
    navigateTo(String(event.currentTarget.dataset.url));
  },
});
