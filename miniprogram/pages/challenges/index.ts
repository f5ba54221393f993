import { getApi } from '../../api';
import type { Challenge } from '../../api/paths';
import { challengeCard, type ChallengeCard } from '../../logic/challenges';
import { cursorFooter, cursorListState, cursorLoader, emptyCursorList, type CursorList, type CursorLoader } from '../../logic/community-list';
import type { LoadState } from '../../logic/load-state';
import { navigateTo, stopPullDownRefresh } from '../../platform/ui';

/**
 * 挑战: the challenges I may see (official ones and mine), running and upcoming first as the server
 * orders them, 20 a page by cursor (`meta.next`); a joined one shows my progress. 我的挑战 at the top.
 */
Page({
  data: {
    list: emptyCursorList<Challenge>(),
    cards: [] as ChallengeCard[],
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
  },
  loader: undefined as CursorLoader | undefined,

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
});
