import { getApi } from '../../api';
import { askConsent, cachedSubscriptions, loadSubscriptions } from '../../api/consent';
import type { ChallengeDetail } from '../../api/paths';
import {
  actionView,
  BOARD_TOP,
  boardRows,
  challengeCard,
  detailError,
  isIn,
  joinConfirmation,
  leaveConfirmation,
  myPlace,
  progressView,
  refusalOf,
  rulesLines,
  type ActionView,
  type BoardRow,
  type ChallengeCard,
  type MyPlace,
  type ProgressView,
} from '../../logic/challenges';
import { INVITE_CODES_KEY, type KnownInviteCodes } from '../../logic/challenge-create';
import { messageOf, type LoadState } from '../../logic/load-state';
import { consentToast, idsToAsk, MOMENT_KINDS } from '../../logic/reminders';
import { confirm, copyText, navigateTo, setTitle, stopPullDownRefresh, toast } from '../../platform/ui';

/**
 * 挑战详情 `?id=<documentId>`: the challenge (phase, dates, cost, rewards), its rules, my progress when I
 * joined, the board's top 10 and my place, and the button to join (with what it costs and when it is
 * refunded) or leave (with whether the entry comes back). Every refusal is said in words: 报名已截止,
 * 名额已满, 挑战已结束 (and the challenge is read again), 积分不足 (去做任务), 会员 (了解会员), region,
 * 404, no network. The board loads after the challenge and fails on its own.
 */
Page({
  data: {
    id: '',
    state: 'loading' as LoadState,
    error: '',
    challenge: null as ChallengeDetail | null,
    card: null as ChallengeCard | null,
    description: '',
    rules: [] as string[],
    progress: null as ProgressView | null,
    action: { kind: 'none', text: '', note: '' } as ActionView,
    busy: false,
    board: [] as BoardRow[],
    boardState: 'loading' as LoadState,
    boardError: '',
    boardTotal: 0,
    place: null as MyPlace | null,
    /** The invite code of a challenge I made on this phone ('' otherwise). */
    inviteCode: '',
    /** After a join: offer 「结束前提醒我」 (WeChat's consent sheet opens only from a tap). */
    remindPrompt: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: query.id ?? '' });
  },

  onShow() {
    void this.load();
    void loadSubscriptions();
  },

  async onPullDownRefresh() {
    await this.load();
    stopPullDownRefresh();
  },

  async load() {
    const id = this.data.id;
    if (!id) {
      this.setData({ state: 'error', error: '挑战不存在或已下线' });
      return;
    }
    if (!this.data.challenge) this.setData({ state: 'loading', error: '' });
    try {
      const { data } = await getApi().challenges.get(id);
      this.showChallenge(data);
    } catch (error) {
      if (this.data.challenge) toast(messageOf(error));
      else this.setData({ state: 'error', error: detailError(error) });
      return;
    }
    await this.loadBoard();
  },

  showChallenge(challenge: ChallengeDetail) {
    const platform = getApi().client.platform;
    const now = platform.now();
    const inviteCode = challenge.isOfficial ? '' : (platform.storage.get<KnownInviteCodes>(INVITE_CODES_KEY)?.[challenge.documentId] ?? '');
    setTitle(challenge.title);
    this.setData({
      state: 'ready',
      error: '',
      challenge,
      card: challengeCard(challenge, now),
      description: challenge.description ?? '',
      rules: rulesLines(challenge),
      progress: challenge.me ? progressView(challenge.me, challenge.rule) : null,
      action: actionView(challenge, now),
      inviteCode,
    });
  },

  copyInviteCode() {
    if (this.data.inviteCode) copyText(this.data.inviteCode);
  },

  async loadBoard() {
    const challenge = this.data.challenge;
    if (!challenge) return;
    const api = getApi().challenges;
    if (this.data.board.length === 0) this.setData({ boardState: 'loading', boardError: '' });
    const [top, mine] = await Promise.allSettled([
      api.board(challenge.documentId, { offset: 0, limit: BOARD_TOP }),
      isIn(challenge.me) ? api.boardMe(challenge.documentId) : Promise.resolve(null),
    ]);
    if (top.status === 'rejected') {
      this.setData({ boardState: 'error', boardError: messageOf(top.reason), board: [], place: null });
      return;
    }
    const rows = boardRows(top.value.data);
    this.setData({
      board: rows,
      boardTotal: top.value.meta.total,
      boardState: rows.length > 0 ? 'ready' : 'empty',
      boardError: '',
      place: mine.status === 'fulfilled' && mine.value ? myPlace(mine.value.data, BOARD_TOP) : null,
    });
  },

  async join() {
    const challenge = this.data.challenge;
    if (!challenge || this.data.busy || this.data.action.kind !== 'join') return;
    const asked = joinConfirmation(challenge);
    if (!(await confirm(asked.title, asked.content, asked.confirmText))) return;
    this.setData({ busy: true });
    try {
      const { data } = await getApi().challenges.join(challenge.documentId);
      this.showChallenge({ ...challenge, me: data, participantsCount: challenge.participantsCount + 1 });
      toast('报名成功', 'success');
      this.setData({ busy: false, remindPrompt: idsToAsk(cachedSubscriptions(), MOMENT_KINDS.challengeJoined).length > 0 });
      await this.load();
    } catch (error) {
      this.setData({ busy: false });
      await this.refused(error);
    }
  },

  /** 「结束前提醒我」: WeChat's sheet opens from this tap; what the user chose is recorded. */
  async onRemindMe() {
    const asking = askConsent(idsToAsk(cachedSubscriptions(), MOMENT_KINDS.challengeJoined));
    this.setData({ remindPrompt: false });
    const recorded = await asking;
    if (recorded) toast(consentToast(recorded));
  },

  onDismissRemind() {
    this.setData({ remindPrompt: false });
  },

  async leave() {
    const challenge = this.data.challenge;
    if (!challenge || this.data.busy || this.data.action.kind !== 'leave') return;
    const asked = leaveConfirmation(challenge);
    if (!(await confirm(asked.title, asked.content, asked.confirmText))) return;
    this.setData({ busy: true });
    try {
      const { data } = await getApi().challenges.leave(challenge.documentId);
      this.showChallenge({ ...challenge, me: data, participantsCount: Math.max(0, challenge.participantsCount - 1) });
      // The answer's entryPaid is what stays paid (0 after a refund): what I had paid is the challenge's `me`.
      const paid = challenge.me?.entryPaid ?? 0;
      toast(paid > 0 && challenge.phase === 'upcoming' ? `已退出，${paid} 积分已退还` : '已退出挑战');
      this.setData({ busy: false });
      await this.load();
    } catch (error) {
      this.setData({ busy: false });
      await this.refused(error);
    }
  },

  /** A refused join or leave: say why, offer the way out (tasks, membership), read the challenge again when it changed. */
  async refused(error: unknown) {
    const refusal = refusalOf(error, this.data.challenge);
    if (refusal.offer) {
      if (await confirm(refusal.message, refusal.offer.text, refusal.offer.confirmText)) navigateTo(refusal.offer.url);
    } else toast(refusal.message);
    if (refusal.reload) await this.load();
  },

  openHabit() {
    const habit = this.data.progress?.habitDocumentId;
    if (habit) navigateTo(`/pages/habit/index?id=${habit}`);
  },
});
