import { getApi } from '../../api';
import type { CommentThread, ReportTarget } from '../../api/paths';
import { communityError, postCard, toggledLike, withLike, type CommunityPost, type PostCard } from '../../logic/community';
import {
  findComment,
  replyPlaceholder,
  replyTargetOf,
  threadRow,
  updateComment,
  withNewComment,
  withoutComment,
  withReplies,
  type ReplyTarget,
  type ThreadRow,
} from '../../logic/community-comments';
import { postChanged, postDeleted } from '../../logic/community-sync';
import { cursorFooter, cursorListState, cursorLoader, emptyCursorList, type CursorList, type CursorLoader } from '../../logic/community-list';
import { isReportReason, reportBody, reportError } from '../../logic/community-report';
import { counter, normalizedText, TEXT_LIMITS, type Counter } from '../../logic/community-write';
import { errorReason, type LoadState } from '../../logic/load-state';
import { previewImages } from '../../platform/media';
import { confirm, navigateBack, stopPullDownRefresh, toast } from '../../platform/ui';

type ReportState = { show: boolean; targetType: ReportTarget; targetDocumentId: string; busy: boolean; reported: boolean; error: string };
const noReport = (): ReportState => ({ show: false, targetType: 'post', targetDocumentId: '', busy: false, reported: false, error: '' });

/**
 * One post (`?id=<documentId>`): its text, images (tap to preview), the linked habit's streak, like,
 * follow its author, report (举报) or delete my own; then its comment threads, newest first, with
 * "回复 @name", more replies per thread, likes, a reply box (评论已关闭 when locked), and my comments'
 * deletion (a thread with replies stays as 该评论已删除).
 */
Page({
  data: {
    id: '',
    state: 'loading' as LoadState,
    error: '',
    post: null as CommunityPost | null,
    card: null as PostCard | null,
    likeBusy: false,
    canFollow: false,
    following: false,
    locked: false,
    threads: emptyCursorList<CommentThread>(),
    threadRows: [] as ThreadRow[],
    commentsState: 'loading' as LoadState,
    commentsError: '',
    commentsFooter: { text: '', canLoadMore: false },
    commentCount: 0,
    target: null as ReplyTarget | null,
    placeholder: '说点什么…',
    draft: '',
    draftCount: counter('', TEXT_LIMITS.comment) as Counter,
    sending: false,
    report: noReport(),
  },
  loader: undefined as CursorLoader | undefined,
  repliesNext: undefined as Map<string, string | null> | undefined,
  commentLiking: undefined as Set<string> | undefined,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: query.id ?? '' });
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    stopPullDownRefresh();
  },

  onReachBottom() {
    void this.comments().more();
  },

  now(): Date {
    return getApi().client.platform.now();
  },

  async load() {
    if (!this.data.post) this.setData({ state: 'loading', error: '' });
    const comments = this.comments().reload();
    try {
      const { data } = await getApi().community.post(this.data.id);
      this.showPost(data);
      this.setData({ state: 'ready', error: '', commentCount: data.commentCount, locked: data.commentsLocked, placeholder: replyPlaceholder(this.data.target, data.commentsLocked) });
    } catch (error) {
      if (!this.data.post) this.setData({ state: 'error', error: communityError(error) });
      else toast(communityError(error));
    }
    await comments;
  },

  showPost(post: CommunityPost) {
    this.setData({ post, card: postCard(post, this.now(), { full: true }), canFollow: !post.mine && !post.author.anonymous && Boolean(post.author.documentId) });
  },

  /** Tell the lists under this page (a feed, my posts) what changed here. */
  announce() {
    const post = this.data.post;
    if (post) postChanged({ ...post, commentCount: this.data.commentCount });
  },

  comments(): CursorLoader {
    this.loader ??= cursorLoader<CommentThread>({ list: () => this.data.threads, show: (list) => this.showThreads(list) }, async (cursor) => {
      const answer = await getApi().community.comments(this.data.id, { order: 'newest', cursor });
      return { items: answer.data, next: answer.meta.cursor.next };
    });
    return this.loader;
  },

  showThreads(threads: CursorList<CommentThread>) {
    const now = this.now();
    this.setData({
      threads,
      threadRows: threads.items.map((thread) => threadRow(thread, now)),
      commentsState: cursorListState(threads),
      commentsError: threads.error,
      commentsFooter: cursorFooter(threads),
    });
  },

  moreComments() {
    void this.comments().more();
  },

  retryComments() {
    void this.comments().reload();
  },

  async likePost() {
    const before = this.data.post;
    if (!before || this.data.likeBusy) return;
    this.setData({ likeBusy: true });
    this.showPost(toggledLike(before));
    try {
      const { data } = await getApi().community.likePost(before.documentId, !before.liked);
      this.showPost(withLike(this.data.post ?? before, data));
    } catch (error) {
      this.showPost(withLike(this.data.post ?? before, before));
      toast(communityError(error));
    }
    this.setData({ likeBusy: false });
    this.announce();
  },

  preview(event: WechatMiniprogram.TouchEvent) {
    const urls = (this.data.post?.images ?? []).map((image) => image.url);
    const index = Number(event.currentTarget.dataset.index);
    if (urls.length > 0) previewImages(urls, urls[index] ?? urls[0]);
  },

  async toggleFollow() {
    const author = this.data.post?.author.documentId;
    if (!author) return;
    const wanted = !this.data.following;
    this.setData({ following: wanted });
    try {
      const { data } = await getApi().community.follow(author, wanted);
      this.setData({ following: data.following });
      toast(data.following ? '已关注' : '已取消关注');
    } catch (error) {
      this.setData({ following: !wanted });
      toast(communityError(error));
    }
  },

  async deletePost() {
    const post = this.data.post;
    if (!post?.mine || !(await confirm('删除帖子', '删除后无法恢复', '删除'))) return;
    try {
      await getApi().community.removePost(post.documentId);
      postDeleted(post.documentId);
      toast('已删除', 'success');
      navigateBack();
    } catch (error) {
      toast(communityError(error));
    }
  },

  // Comments ----------------------------------------------------------------------------------------

  onReply(event: WechatMiniprogram.TouchEvent) {
    if (this.data.locked) return;
    const comment = findComment(this.data.threads, String(event.currentTarget.dataset.id));
    const target = comment ? replyTargetOf(comment) : null;
    this.setData({ target, placeholder: replyPlaceholder(target, this.data.locked) });
  },

  cancelReply() {
    this.setData({ target: null, placeholder: replyPlaceholder(null, this.data.locked) });
  },

  onDraft(event: WechatMiniprogram.Input) {
    this.setData({ draft: event.detail.value, draftCount: counter(event.detail.value, TEXT_LIMITS.comment) });
  },

  async send() {
    const content = normalizedText(this.data.draft);
    if (this.data.sending || this.data.locked || content === '' || this.data.draftCount.over) return;
    this.setData({ sending: true });
    try {
      const target = this.data.target;
      const answer = await getApi().community.comment(this.data.id, target ? { content, replyTo: target.documentId } : { content });
      this.setData({ draft: '', draftCount: counter('', TEXT_LIMITS.comment), target: null, placeholder: replyPlaceholder(null, false) });
      if (answer.meta.moderation === 'published') {
        this.showThreads(withNewComment(this.data.threads, answer.data));
        this.setData({ commentCount: this.data.commentCount + 1 });
        this.announce();
        toast('评论成功', 'success');
      } else {
        toast('评论已提交，审核中');
      }
    } catch (error) {
      // The draft stays: the person can change it and send it again.
      if (errorReason(error) === 'comments_locked') this.setData({ locked: true, target: null, placeholder: replyPlaceholder(null, true) });
      toast(communityError(error));
    }
    this.setData({ sending: false });
  },

  async likeComment(event: WechatMiniprogram.TouchEvent) {
    const id = String(event.currentTarget.dataset.id);
    const before = findComment(this.data.threads, id);
    this.commentLiking ??= new Set();
    if (!before || before.deleted || this.commentLiking.has(id)) return;
    this.commentLiking.add(id);
    this.showThreads(updateComment(this.data.threads, id, toggledLike));
    try {
      const { data } = await getApi().community.likeComment(id, !before.liked);
      this.showThreads(updateComment(this.data.threads, id, (comment) => withLike(comment, data)));
    } catch (error) {
      this.showThreads(updateComment(this.data.threads, id, (comment) => withLike(comment, before)));
      toast(communityError(error));
    }
    this.commentLiking.delete(id);
  },

  async deleteComment(event: WechatMiniprogram.TouchEvent) {
    const id = String(event.currentTarget.dataset.id);
    const comment = findComment(this.data.threads, id);
    if (!comment?.mine || !(await confirm('删除评论', '确定删除这条评论吗？', '删除'))) return;
    try {
      await getApi().community.removeComment(id);
      this.showThreads(withoutComment(this.data.threads, id));
      this.setData({ commentCount: Math.max(0, this.data.commentCount - 1) });
      this.announce();
    } catch (error) {
      toast(communityError(error));
    }
  },

  async moreReplies(event: WechatMiniprogram.TouchEvent) {
    const threadId = String(event.currentTarget.dataset.id);
    this.repliesNext ??= new Map();
    try {
      const answer = await getApi().community.replies(threadId, { cursor: this.repliesNext.get(threadId) ?? null });
      this.repliesNext.set(threadId, answer.meta.cursor.next);
      this.showThreads(withReplies(this.data.threads, threadId, { items: answer.data, next: answer.meta.cursor.next }));
    } catch (error) {
      toast(communityError(error));
    }
  },

  // Reports -----------------------------------------------------------------------------------------

  reportPost() {
    if (this.data.post) this.setData({ report: { ...noReport(), show: true, targetType: 'post', targetDocumentId: this.data.post.documentId } });
  },

  reportComment(event: WechatMiniprogram.TouchEvent) {
    this.setData({ report: { ...noReport(), show: true, targetType: 'comment', targetDocumentId: String(event.currentTarget.dataset.id) } });
  },

  closeReport() {
    this.setData({ 'report.show': false });
  },

  async onReportSubmit(event: WechatMiniprogram.CustomEvent<{ targetType: ReportTarget; targetDocumentId: string; reason: string; note: string }>) {
    const { targetType, targetDocumentId, reason, note } = event.detail;
    if (!isReportReason(reason)) return;
    this.setData({ 'report.busy': true, 'report.error': '' });
    try {
      await getApi().community.report(reportBody(targetType, targetDocumentId, reason, note));
      this.setData({ 'report.busy': false, 'report.reported': true });
    } catch (error) {
      this.setData({ 'report.busy': false, 'report.error': reportError(error) });
    }
  },
});

