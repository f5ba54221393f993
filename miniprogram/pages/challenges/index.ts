import { getApi } from '../../api';
import type { Challenge } from '../../api/paths';
import { inviteCodeProblem, joinByCodeRefusal, joinedChallengeOf, normalizeInviteCode } from '../../logic/challenge-create';
import { challengeCard, type ChallengeCard } from '../../logic/challenges';
import { cursorFooter, cursorListState, cursorLoader, emptyCursorList, type CursorList, type CursorLoader } from '../../logic/community-list';
import type { LoadState } from '../../logic/load-state';
import { confirm, navigateTo, stopPullDownRefresh, toast } from '../../platform/ui';

/**
 * 挑战: the challenges I may see (official ones and mine), running and upcoming first as the server
 * orders them, 20 a page by cursor (`meta.next`); a joined one shows my progress. 我的挑战 and 发起挑战
 * at the top, and a friend's invite code to join with (`?code=` fills it in, as a forwarded
 * 发起挑战 page sends it): a wrong code, a closed, full or ended challenge, one for members or another
 * region are said under the code; a join opens the challenge.
 */
Page({
  data: {
    list: emptyCursorList<Challenge>(),
    cards: [] as ChallengeCard[],
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
    code: '',
    codeError: '',
    joining: false,
  },
  loader: undefined as CursorLoader | undefined,

  onLoad(query: Record<string, string | undefined> = {}) {
    if (query.code) this.setData({ code: normalizeInviteCode(query.code) });
  },

  onShow() {
    // Back from a challenge (joined or left there): read again.
    void this.reload();
  },

  async onPullDownRefresh() {
    await this.reload();
    stopPullDownRefresh();
  },

  onReachBottom() {
    void this.more();
  },

  async reload() {
    await this.pages().reload();
  },

  async more() {
    await this.pages().more();
  },

  pages(): CursorLoader {
    this.loader ??= cursorLoader<Challenge>({ list: () => this.data.list, show: (list) => this.show(list) }, async (cursor) => {
      const answer = await getApi().challenges.list({ cursor });
      return { items: answer.data, next: answer.meta.next };
    });
    return this.loader;
  },

  show(list: CursorList<Challenge>) {
    const now = getApi().client.platform.now();
    this.setData({ list, cards: list.items.map((challenge) => challengeCard(challenge, now)), state: cursorListState(list), error: list.error, footer: cursorFooter(list) });
  },

  onOpen(event: WechatMiniprogram.CustomEvent<{ documentId: string }>) {
    navigateTo(`/pages/challenge/index?id=${event.detail.documentId}`);
  },

  openMine() {
    navigateTo('/pages/my-challenges/index');
  },

  openCreate() {
    navigateTo('/pages/challenge-create/index');
  },

  onCode(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ code: event.detail.value, codeError: '' });
  },

  /**
   * 加入 with a friend's code. The code cannot be read before joining (no such route), so the
   * confirmation says an entry cost may be taken; the answer is my participation, and the challenge it
   * belongs to is found among my active ones.
   */
  async joinByCode() {
    if (this.data.joining) return;
    const code = normalizeInviteCode(this.data.code);
    const problem = inviteCodeProblem(code);
    this.setData({ code, codeError: problem });
    if (problem) return;
    if (!(await confirm('加入好友的挑战', `使用邀请码 ${code} 加入挑战。挑战如需报名积分，将从你的积分中扣除。`, '加入'))) return;
    this.setData({ joining: true });
    const api = getApi().challenges;
    try {
      const { data: joined } = await api.joinByCode({ code });
      this.setData({ joining: false, code: '' });
      toast('加入成功', 'success');
      const mine = await api.mine('active').catch(() => null);
      const challenge = mine ? joinedChallengeOf(mine.data, joined) : null;
      navigateTo(challenge ? `/pages/challenge/index?id=${challenge.documentId}` : '/pages/my-challenges/index');
    } catch (error) {
      this.setData({ joining: false });
      const refusal = joinByCodeRefusal(error);
      if (refusal.offer) {
        this.setData({ codeError: refusal.message });
        if (await confirm(refusal.message, refusal.offer.text, refusal.offer.confirmText)) navigateTo(refusal.offer.url);
      } else this.setData({ codeError: refusal.message });
    }
  },
});
