import { getApi } from '../../api';
import { boardRow, communityError, type BoardRow } from '../../logic/community';
import { badgeText } from '../../logic/community-notifications';
import { stateOf, type LoadState } from '../../logic/load-state';
import { navigateTo, stopPullDownRefresh } from '../../platform/ui';

/** 社区: the boards (版块) in the editors' order, the people I follow, my posts, and my notifications with the unread badge. */
Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    boards: [] as BoardRow[],
    unread: '',
    canWrite: false,
  },

  onShow() {
    // Back from a feed, a post or the notifications: the badge may have changed.
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    stopPullDownRefresh();
  },

  async load() {
    if (this.data.boards.length === 0) this.setData({ state: 'loading', error: '' });
    const api = getApi().community;
    // The badge is a nicety: a failed count leaves it as it was.
    void api.unreadCount().then(
      ({ data }) => this.setData({ unread: badgeText(data.unread) }),
      () => undefined,
    );
    try {
      const { data } = await api.boards();
      const boards = data.map(boardRow);
      this.setData({ boards, canWrite: boards.some((board) => board.canPost), error: '', state: stateOf({ loading: false, error: '', count: boards.length }) });
    } catch (error) {
      if (this.data.boards.length === 0) this.setData({ state: 'error', error: communityError(error) });
    }
  },

  openBoard(event: WechatMiniprogram.TouchEvent) {
    const board = this.data.boards.find((each) => each.slug === event.currentTarget.dataset.slug);
    if (board) navigateTo(`/pages/community-feed/index?board=${board.slug}&name=${encodeURIComponent(board.name)}&canPost=${board.canPost ? 1 : 0}`);
  },

  openFollowing() {
    navigateTo('/pages/community-feed/index?following=1');
  },

  openMine() {
    navigateTo('/pages/community-mine/index');
  },

  openNotifications() {
    navigateTo('/pages/community-notifications/index');
  },

  write() {
    navigateTo('/pages/community-write/index');
  },
});
