import { getApi } from '../../api';
import { communityError } from '../../logic/community';
import { cursorFooter, cursorListState, cursorLoader, emptyCursorList, type CursorList, type CursorLoader } from '../../logic/community-list';
import { badgeText, markedRead, notificationRow, notificationTarget, type CommunityNotification, type NotificationRow } from '../../logic/community-notifications';
import type { LoadState } from '../../logic/load-state';
import { navigateTo, stopPullDownRefresh, toast } from '../../platform/ui';

/**
 * 消息: my community notifications, newest first (审核通过 / 未通过 and why, likes, replies, comments,
 * mutes), unread ones marked, the unread count; a tap reads it and opens its post, 全部已读 reads all.
 */
Page({
  data: {
    list: emptyCursorList<CommunityNotification>(),
    rows: [] as NotificationRow[],
    unread: 0,
    unreadText: '',
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
  },
  loader: undefined as CursorLoader | undefined,

  onLoad() {
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
    this.loader ??= cursorLoader<CommunityNotification>({ list: () => this.data.list, show: (list) => this.show(list) }, async (cursor) => {
      const answer = await getApi().community.notifications({ cursor });
      this.showUnread(answer.meta.unread);
      return { items: answer.data, next: answer.meta.cursor.next };
    });
    return this.loader;
  },

  show(list: CursorList<CommunityNotification>) {
    const now = getApi().client.platform.now();
    this.setData({ list, rows: list.items.map((item) => notificationRow(item, now)), state: cursorListState(list), error: list.error, footer: cursorFooter(list) });
  },

  showUnread(unread: number) {
    this.setData({ unread, unreadText: badgeText(unread) });
  },

  async open(event: WechatMiniprogram.TouchEvent) {
    const id = String(event.currentTarget.dataset.id);
    const notification = this.data.list.items.find((item) => item.documentId === id);
    if (!notification) return;
    const target = notificationTarget(notificationRow(notification, new Date()));
    if (target) navigateTo(target);
    if (notification.read) return;
    // Shown read at once; the server's count replaces the badge.
    this.show(markedRead(this.data.list, [id]));
    this.showUnread(Math.max(0, this.data.unread - 1));
    try {
      const { data } = await getApi().community.markRead([id]);
      this.showUnread(data.unread);
    } catch {
      // Still unread on the server: it shows as unread next time; nothing to tell the person now.
    }
  },

  async readAll() {
    if (this.data.unread === 0) return;
    try {
      const { data } = await getApi().community.markRead();
      this.show(markedRead(this.data.list, 'all'));
      this.showUnread(data.unread);
    } catch (error) {
      toast(communityError(error));
    }
  },
});
