import { askConsent, loadSubscriptions } from '../../api/consent';
import { getApi, messageFor } from '../../api/index';
import type { ReminderSettings, ReminderSettingsRequest, ReminderSubscription } from '../../api/paths';
import { consentToast, HOURS, quietProblem, settingsChange, settingsView } from '../../logic/reminders';
import { toast } from '../../platform/ui';

/**
 * 提醒设置: reminders on or off, quiet hours, the streak-at-risk hour, and each WeChat template with the
 * consent left (each 「允许」 is one message). Reached from 我的. Logic in logic/reminders.ts.
 */

let settings: ReminderSettings | null = null;
let subscriptions: ReminderSubscription[] = [];

type Data = {
  state: 'loading' | 'error' | 'ready';
  error: string;
  problem: string;
  view: ReturnType<typeof settingsView> | null;
  hours: string[];
};

Page({
  data: { state: 'loading', error: '', problem: '', view: null, hours: HOURS } as Data,

  onLoad() {
    void this.load();
  },

  async load() {
    this.setData({ state: 'loading', error: '' });
    try {
      const [answer, list] = await Promise.all([getApi().reminders.settings(), loadSubscriptions()]);
      settings = answer.data;
      subscriptions = list;
      this.render();
    } catch (error) {
      this.setData({ state: 'error', error: messageFor(error) });
    }
  },

  render() {
    if (!settings) return;
    this.setData({ state: 'ready', view: settingsView(settings, subscriptions) });
  },

  async save(body: ReminderSettingsRequest) {
    this.setData({ problem: '' });
    try {
      settings = (await getApi().reminders.saveSettings(body)).data;
      this.render();
    } catch (error) {
      this.setData({ problem: messageFor(error) });
      this.render();
    }
  },

  onEnabled(event: WechatMiniprogram.SwitchChange) {
    void this.save(settingsChange({ enabled: event.detail.value }));
  },

  onQuietSwitch(event: WechatMiniprogram.SwitchChange) {
    const view = this.data.view;
    if (!view) return;
    void this.save(settingsChange({ quiet: event.detail.value ? { start: view.quietStart, end: view.quietEnd } : null }));
  },

  saveQuiet(start: string, end: string) {
    const problem = quietProblem(start, end);
    if (problem) {
      this.setData({ problem });
      return;
    }
    void this.save(settingsChange({ quiet: { start, end } }));
  },

  onQuietStart(event: WechatMiniprogram.PickerChange) {
    if (this.data.view) this.saveQuiet(String(event.detail.value), this.data.view.quietEnd);
  },

  onQuietEnd(event: WechatMiniprogram.PickerChange) {
    if (this.data.view) this.saveQuiet(this.data.view.quietStart, String(event.detail.value));
  },

  onStreakSwitch(event: WechatMiniprogram.SwitchChange) {
    const view = this.data.view;
    if (!view) return;
    void this.save(settingsChange({ streakRiskHour: event.detail.value ? view.streakHourIndex : null }));
  },

  onStreakHour(event: WechatMiniprogram.PickerChange) {
    void this.save(settingsChange({ streakRiskHour: Number(event.detail.value) }));
  },

  /** A template's button: WeChat's sheet opens at once (from this tap), then the answer is recorded. */
  async onAsk(event: WechatMiniprogram.TouchEvent) {
    const { id } = event.currentTarget.dataset as { id: string };
    const recorded = await askConsent([id]);
    if (!recorded) return;
    toast(consentToast(recorded));
    subscriptions = await loadSubscriptions();
    this.render();
  },
});
