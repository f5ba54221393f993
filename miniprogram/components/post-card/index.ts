import type { PostCard } from '../../logic/community';

/**
 * <post-card card="{{postCard}}" show-board="{{true}}" busy="{{…}}" bind:open="…" bind:like="…" bind:preview="…" />
 * One post in a feed or in my posts, from logic/community.ts postCard: author (匿名用户 without an
 * avatar), time, title, text, image grid, the linked habit's streak, counts, 置顶 and my post's status.
 * Sends `open` ({ documentId }) on a tap, `like` ({ documentId }) from the heart (nothing while `busy`),
 * `preview` ({ documentId, index }) from an image.
 */
Component({
  properties: {
    card: { type: Object, value: {} as PostCard },
    showBoard: { type: Boolean, value: false },
    busy: { type: Boolean, value: false },
  },
  methods: {
    documentId(): string {
      return String((this.data.card as PostCard).documentId ?? '');
    },
    onOpen() {
      this.triggerEvent('open', { documentId: this.documentId() });
    },
    onLike() {
      if (!this.data.busy) this.triggerEvent('like', { documentId: this.documentId() });
    },
    onPreview(event: WechatMiniprogram.TouchEvent) {
      this.triggerEvent('preview', { documentId: this.documentId(), index: Number(event.currentTarget.dataset.index) });
    },
  },
});
