import { getApi } from '../../api';
import type { PostStatus } from '../../api/paths';
import { postCard, STATUS_LABELS, type CommunityPost, type PostCard } from '../../logic/community';
import { cursorFooter, cursorListState, cursorLoader, emptyCursorList, type CursorList, type CursorLoader } from '../../logic/community-list';
import type { LoadState } from '../../logic/load-state';
import { navigateTo, stopPullDownRefresh } from '../../platform/ui';

type Filter = { key: PostStatus | ''; label: string };

const FILTERS: Filter[] = [{ key: '', label: '全部' }, ...(Object.keys(STATUS_LABELS) as PostStatus[]).map((key) => ({ key, label: STATUS_LABELS[key] }))];

/**
 * 我的帖子: my posts in every status, newest first, each with its badge (审核中 / 已发布 / 未通过 with the
 * moderator's reason / 已隐藏), filtered by status; 20 a page by cursor.
 */
Page({
  data: {
    filters: FILTERS,
    status: '' as PostStatus | '',
    list: emptyCursorList<CommunityPost>(),
    cards: [] as PostCard[],
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
  },
  loader: undefined as CursorLoader | undefined,

  onShow() {
    // Back from a post (deleted there, or its status changed): read again.
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
    this.loader ??= cursorLoader<CommunityPost>({ list: () => this.data.list, show: (list) => this.show(list) }, async (cursor) => {
      const status = this.data.status || undefined;
      const answer = await getApi().community.myPosts({ status, cursor });
      return { items: answer.data, next: answer.meta.cursor.next };
    });
    return this.loader;
  },

  show(list: CursorList<CommunityPost>) {
    const now = getApi().client.platform.now();
    this.setData({ list, cards: list.items.map((post) => postCard(post, now)), state: cursorListState(list), error: list.error, footer: cursorFooter(list) });
  },

  onFilter(event: WechatMiniprogram.TouchEvent) {
    const status = String(event.currentTarget.dataset.status ?? '') as PostStatus | '';
    if (status === this.data.status) return;
    this.setData({ status });
    this.show(emptyCursorList<CommunityPost>());
    void this.reload();
  },

  onOpen(event: WechatMiniprogram.CustomEvent<{ documentId: string }>) {
    navigateTo(`/pages/community-post/index?id=${event.detail.documentId}`);
  },

  write() {
    navigateTo('/pages/community-write/index');
  },
});
