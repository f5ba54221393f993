import { getApi } from '../../api';
import type { QuitReport } from '../../api/paths';
import { newIdempotencyKey } from '../../logic/mall';
import { messageOf, type LoadState } from '../../logic/load-state';
import { cravingRequest, equivalentText, milestoneRows, moneyText, smokeFreeClock, TRIGGERS, type MilestoneRow } from '../../logic/quit';
import { navigateTo, stopPullDownRefresh, toast } from '../../platform/ui';

/** 戒烟: the smoke-free clock, money saved, the health milestones, and a craving logged in two taps. */
Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    hasQuitDate: false,
    clock: '',
    money: '',
    equivalent: '',
    cigarettes: 0,
    milestones: [] as MilestoneRow[],
    triggers: TRIGGERS,
    trigger: '' as string,
    intensities: [1, 2, 3, 4, 5],
    sending: false,
  },
  report: null as QuitReport | null,
  timer: undefined as number | undefined,

  onLoad() {
    void this.reload();
  },

  onShow() {
    this.timer = setInterval(() => this.tick(), 60_000) as unknown as number;
  },

  onHide() {
    if (this.timer !== undefined) clearInterval(this.timer);
  },

  onUnload() {
    if (this.timer !== undefined) clearInterval(this.timer);
  },

  async onPullDownRefresh() {
    await this.reload();
    stopPullDownRefresh();
  },

  async reload() {
    try {
      const answer = await getApi().quit.report();
      this.report = answer.data;
      this.setData({
        state: 'ready' as LoadState,
        error: '',
        hasQuitDate: answer.data.smokeFreeSince !== null,
        money: moneyText(answer.data.savings?.moneySaved ?? 0),
        equivalent: equivalentText(answer.data.savings),
        cigarettes: answer.data.savings?.cigarettesAvoided ?? 0,
        milestones: milestoneRows(answer.data.milestones),
      });
      this.tick();
    } catch (error) {
      this.setData({ state: 'error' as LoadState, error: messageOf(error) });
    }
  },

  tick() {
    const clock = smokeFreeClock(this.report?.smokeFreeSince ?? null, getApi().client.platform.now().getTime());
    this.setData({ clock: clock ? clock.text : '' });
  },

  /** First tap: what set it off. */
  onTrigger(event: WechatMiniprogram.TouchEvent) {
    this.setData({ trigger: event.currentTarget.dataset.value as string });
  },

  /** Second tap: how strong, and it is sent. */
  async onIntensity(event: WechatMiniprogram.TouchEvent) {
    if (this.data.sending || !this.data.trigger) return;
    const api = getApi();
    const body = cravingRequest(this.data.trigger as (typeof TRIGGERS)[number]['value'], Number(event.currentTarget.dataset.value), newIdempotencyKey(api.client.platform.now()));
    this.setData({ sending: true });
    try {
      await api.quit.logCraving(body);
      toast('已记录，坚持住！', 'success');
      this.setData({ trigger: '' });
    } catch (error) {
      toast(messageOf(error));
    } finally {
      this.setData({ sending: false });
    }
  },

  openCoach() {
    navigateTo('/pages/coach/index');
  },

  openPatterns() {
    navigateTo('/pages/quit-cravings/index');
  },
});
