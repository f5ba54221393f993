import { getApi } from '../../api';
import type { FeedSort } from '../../api/paths';
import { communityError, postCard, toggledLike, withLike, type CommunityPost, type PostCard } from '../../logic/community';
import { changesSeen, withChanges } from '../../logic/community-sync';
import { cursorFooter, cursorListState, cursorLoader, emptyCursorList, updateItems, type CursorList, type CursorLoader } from '../../logic/community-list';
import type { LoadState } from '../../logic/load-state';
import { previewImages } from '../../platform/media';
import { navigateTo, setTitle, stopPullDownRefresh, toast } from '../../platform/ui';

type Card = PostCard & { busy: boolean };

const SORTS: Array<{ key: FeedSort; label: string }> = [
  { key: 'newest', label: '最新' },
  { key: 'hot', label: '最热' },
];

/**
 * A board's feed (`?board=<slug>&name=<name>&canPost=1`), newest or hot first, pinned posts on top; or
 * the people I follow (`?following=1`). 20 posts a page by cursor, more at the bottom, pull to refresh.
 * A like shows at once and is put back (with the reason) when the server refuses it.
 */
Page({
  data: {
    following: false,
    board: '',
    name: '',
    canPost: false,
    sort: 'newest' as FeedSort,
    sorts: SORTS,
    list: emptyCursorList<CommunityPost>(),
    cards: [] as Card[],
    state: 'loading' as LoadState,
    error: '',
    footer: { text: '', canLoadMore: false },
    emptyText: '',
  },
  loader: undefined as CursorLoader | undefined,
  liking: undefined as Set<string> | undefined,
  /** The last change made on a post's page (logic/community-sync.ts) this list has taken in. */
  seen: undefined as number | undefined,

  onLoad(query: Record<string, string | undefined>) {
    const following = query.following === '1';
    const name = following ? '关注' : decodeURIComponent(query.name ?? '') || '社区';
    this.setData({
      following,
      board: query.board ?? '',
      name,
      canPost: !following && query.canPost === '1',
      emptyText: following ? '关注的人还没有发帖' : '这里还没有帖子，来发第一篇吧',
    });
    setTitle(name);
    void this.reload();
  },

  onShow() {
    // Back from a post: its like, comment count or deletion, as that page left them.
    if (!this.data.list.started) return;
    const seen = changesSeen();
    if (seen !== this.seen) this.show(withChanges(this.data.list, this.seen ?? 0));
    this.seen = seen;
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
      const api = getApi().community;
      // A first page read now has every change made so far.
      if (cursor === null) this.seen = changesSeen();
      const answer = this.data.following ? await api.following({ cursor }) : await api.feed(this.data.board, { sort: this.data.sort, cursor });
      return { items: answer.data, next: answer.meta.cursor.next, pinned: answer.meta.pinned };
    });
    return this.loader;
  },

  show(list: CursorList<CommunityPost>) {
    const now = getApi().client.platform.now();
    const busy = this.liking ?? new Set<string>();
    const cards = [...list.pinned, ...list.items].map((post) => ({ ...postCard(post, now), busy: busy.has(post.documentId) }));
    this.setData({ list, cards, state: cursorListState(list), error: list.error, footer: cursorFooter(list) });
  },

  onSort(event: WechatMiniprogram.TouchEvent) {
    const sort = event.currentTarget.dataset.sort as FeedSort;
    if (sort === this.data.sort) return;
    // Another order: start from its first page (a page of the old order on its way is dropped).
    this.setData({ sort });
    this.show(emptyCursorList<CommunityPost>());
    void this.reload();
  },

  onOpen(event: WechatMiniprogram.CustomEvent<{ documentId: string }>) {
    navigateTo(`/pages/community-post/index?id=${event.detail.documentId}`);
  },

  postOf(documentId: string): CommunityPost | undefined {
    const { list } = this.data;
    return [...list.pinned, ...list.items].find((post) => post.documentId === documentId);
  },

  async onLike(event: WechatMiniprogram.CustomEvent<{ documentId: string }>) {
    const { documentId } = event.detail;
    const before = this.postOf(documentId);
    this.liking ??= new Set();
    if (!before || this.liking.has(documentId)) return;
    this.liking.add(documentId);
    this.show(updateItems(this.data.list, documentId, toggledLike));
    try {
      const { data } = await getApi().community.likePost(documentId, !before.liked);
      this.liking.delete(documentId);
      this.show(updateItems(this.data.list, documentId, (post) => withLike(post, data)));
    } catch (error) {
      this.liking.delete(documentId);
      this.show(updateItems(this.data.list, documentId, (post) => withLike(post, before)));
      toast(communityError(error));
    }
  },

  onPreview(event: WechatMiniprogram.CustomEvent<{ documentId: string; index: number }>) {
    const post = this.postOf(event.detail.documentId);
    const urls = post ? post.images.map((image) => image.url) : [];
    if (urls.length > 0) previewImages(urls, urls[event.detail.index] ?? urls[0]);
  },

  write() {
    navigateTo(`/pages/community-write/index?board=${this.data.board}`);
  },
});
