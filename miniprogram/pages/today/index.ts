import { askConsent, cachedSubscriptions, loadSubscriptions } from '../../api/consent';
import { getApi, messageFor, NetworkError } from '../../api/index';
import type { CheckInOutcome } from '../../api/offline-queue';
import type { TodayAnswer } from '../../api/paths';
import { badgeText } from '../../logic/community-notifications';
import { feedbackFor, passedTaps, todayCards, todaySummary, withCheckIn, withoutCheckIn, type PassedTap, type TodayCard } from '../../logic/today';
import { consentToast, idsToAsk, MOMENT_KINDS } from '../../logic/reminders';
import { confirm, navigateTo, stopPullDownRefresh, toast } from '../../platform/ui';

/**
 * 今日: today's habits with their check-in buttons (components/check-in-card), the streak and points
 * each check-in won, undo, and the offline queue (taps without network show as done and sync later;
 * a day that passed before syncing asks for a makeup). Logic in logic/today.ts.
 */

const LAST_ANSWER_KEY = 'today.lastAnswer';
/** The local day the reminder prompt was answered or dismissed: it shows at most once a day. */
const PROMPT_KEY = 'today.reminderPrompt';

let answer: TodayAnswer | null = null;
const busy = new Set<string>();
let unsubscribe: (() => void) | null = null;

const api = () => getApi();
const storage = () => api().client.platform.storage;

type Data = {
  state: 'loading' | 'empty' | 'error' | 'ready';
  error: string;
  offline: boolean;
  cards: TodayCard[];
  progressText: string;
  pointsToday: number;
  localDate: string;
  makeupCards: number;
  needMakeup: PassedTap[];
  /** Unread community notifications on the 社区 entry ('' for none). */
  communityUnread: string;
  /** After the day's first check-in: offer 「明天准时提醒我」 (WeChat's consent needs a tap of its own). */
  remindPrompt: boolean;
};

Page({
  data: { state: 'loading', error: '', offline: false, cards: [], progressText: '', pointsToday: 0, localDate: '', makeupCards: 0, needMakeup: [], communityUnread: '', remindPrompt: false } as Data,

  onShow() {
    unsubscribe?.();
    const queue = api().offlineQueue;
    const stopChanges = queue.onChange(() => this.render());
    // A tap the queue delivered in the background (network back) shows as the server answered it; a tap
    // being handled here (busy) is shown by onCheckIn from the same outcome.
    const stopSettled = queue.onSettled((entry, outcome) => {
      if (busy.has(entry.habit)) return;
      this.apply(outcome);
      if (outcome.kind === 'rejected') toast(`「${entry.habitTitle ?? ''}」的离线打卡未能保存：${outcome.error.message}`);
      this.render();
    });
    unsubscribe = () => {
      stopChanges();
      stopSettled();
    };
    void this.load();
    void loadSubscriptions();
    // The community entry's badge: a nicety, so a failed count (offline) just leaves it as it was.
    api()
      .community.unreadCount()
      .then(({ data }) => this.setData({ communityUnread: badgeText(data.unread) }))
      .catch(() => undefined);
  },

  onHide() {
    unsubscribe?.();
    unsubscribe = null;
  },

  async onPullDownRefresh() {
    await api().offlineQueue.flush().catch(() => undefined);
    await this.load();
    stopPullDownRefresh();
  },

  async load() {
    if (!answer) this.setData({ state: 'loading', error: '' });
    try {
      answer = await api().checkIns.today();
      storage().set(LAST_ANSWER_KEY, answer);
      this.setData({ offline: false });
    } catch (error) {
      // Offline start: show the last known habits (today's taps are in the queue) rather than an error.
      const last = storage().get<TodayAnswer>(LAST_ANSWER_KEY);
      if (error instanceof NetworkError && last) {
        const today = api().offlineQueue.today();
        answer =
          last.meta.localDate === today
            ? last
            : {
                data: [],
                meta: { ...last.meta, localDate: today, habits: last.meta.habits.map((habit) => ({ ...habit, checkedIn: false })), progress: { done: 0, total: last.meta.habits.length } },
              };
        this.setData({ offline: true });
      } else if (!answer) {
        this.setData({ state: 'error', error: messageFor(error) });
        return;
      }
    }
    this.render();
  },

  render() {
    const needMakeup = passedTaps(api().offlineQueue.needingMakeup());
    if (!answer) {
      this.setData({ needMakeup });
      return;
    }
    const cards = todayCards(answer, { pendingHabits: api().offlineQueue.pendingHabitsOn(answer.meta.localDate), busyHabits: busy });
    const summary = todaySummary(answer, cards);
    this.setData({
      state: cards.length === 0 ? 'empty' : 'ready',
      cards,
      progressText: summary.progressText,
      pointsToday: summary.pointsToday,
      localDate: summary.localDate,
      makeupCards: summary.makeupCards,
      needMakeup,
    });
  },

  async onCheckIn(event: WechatMiniprogram.CustomEvent<{ habitId: string }>) {
    const { habitId } = event.detail;
    const card = this.data.cards.find((each) => each.habitId === habitId);
    if (!card || busy.has(habitId)) return;
    busy.add(habitId);
    this.render();
    const firstToday = answer !== null && answer.meta.habits.every((habit) => !habit.checkedIn);
    try {
      const outcome = await api().offlineQueue.checkIn({ documentId: habitId, title: card.title });
      this.apply(outcome);
      if (firstToday && outcome.kind === 'done') this.offerReminders();
      const feedback = feedbackFor(outcome);
      if (feedback.type === 'toast') toast(feedback.text, feedback.icon);
      else await this.offerMakeup(feedback.key, feedback.title, feedback.content);
    } catch (error) {
      toast(messageFor(error));
    } finally {
      busy.delete(habitId);
      this.render();
    }
  },

  /** The prompt, when a reminder template needs asking and it was not answered today. */
  offerReminders() {
    const day = answer?.meta.localDate ?? '';
    if (storage().get<string>(PROMPT_KEY) === day) return;
    if (idsToAsk(cachedSubscriptions(), MOMENT_KINDS.firstCheckIn).length > 0) this.setData({ remindPrompt: true });
  },

  /** 「明天准时提醒我」: WeChat's sheet opens from this tap; what the user chose is recorded. */
  async onRemindMe() {
    const asking = askConsent(idsToAsk(cachedSubscriptions(), MOMENT_KINDS.firstCheckIn));
    storage().set(PROMPT_KEY, answer?.meta.localDate ?? '');
    this.setData({ remindPrompt: false });
    const recorded = await asking;
    if (recorded) toast(consentToast(recorded));
  },

  onDismissRemind() {
    storage().set(PROMPT_KEY, answer?.meta.localDate ?? '');
    this.setData({ remindPrompt: false });
  },

  /** Today's answer after a check-in outcome the server gave (stored, or already done that day). */
  apply(outcome: CheckInOutcome) {
    if (answer && outcome.kind === 'done') answer = withCheckIn(answer, outcome.answer.data, outcome.answer.meta.streak);
    if (answer && outcome.kind === 'alreadyDone' && outcome.checkIn) answer = withCheckIn(answer, outcome.checkIn);
  },

  async onUndo(event: WechatMiniprogram.CustomEvent<{ habitId: string }>) {
    const { habitId } = event.detail;
    const card = this.data.cards.find((each) => each.habitId === habitId);
    if (!card?.checkInId || busy.has(habitId)) return;
    if (!(await confirm('撤销打卡', `撤销「${card.title}」今天的打卡？获得的积分会退回。`, '撤销'))) return;
    busy.add(habitId);
    this.render();
    try {
      await api().checkIns.undo(card.checkInId);
      if (answer) answer = withoutCheckIn(answer, habitId);
      toast('已撤销');
      // The streak and the cards after the undo are the server's to say.
      void this.load();
    } catch (error) {
      toast(messageFor(error));
    } finally {
      busy.delete(habitId);
      this.render();
    }
  },

  onOpen(event: WechatMiniprogram.CustomEvent<{ habitId: string }>) {
    navigateTo(`/pages/habit/index?id=${event.detail.habitId}`);
  },

  onOpenCommunity() {
    navigateTo('/pages/community/index');
  },

  onOpenChallenges() {
    navigateTo('/pages/challenges/index');
  },

  onOpenMakeup() {
    navigateTo('/pages/makeup/index');
  },

  onAddHabit() {
    navigateTo('/pages/habit-edit/index');
  },

  onRetry() {
    void this.load();
  },

  async offerMakeup(key: string, title: string, content: string) {
    if (!(await confirm(title, content, '补签'))) return;
    try {
      await api().offlineQueue.makeUp(key);
      toast('补签成功', 'success');
    } catch (error) {
      toast(messageFor(error));
    }
  },

  async onMakeupQueued(event: WechatMiniprogram.TouchEvent) {
    const { key } = event.currentTarget.dataset as { key: string };
    const entry = api().offlineQueue.needingMakeup().find((each) => each.key === key);
    if (entry) await this.offerMakeup(key, '补签', `用一张补签卡补上 ${entry.localDate}${entry.habitTitle ? ` 的「${entry.habitTitle}」` : ''}？`);
    this.render();
  },

  onDismissQueued(event: WechatMiniprogram.TouchEvent) {
    const { key } = event.currentTarget.dataset as { key: string };
    api().offlineQueue.dismiss(key);
    this.render();
  },
});
