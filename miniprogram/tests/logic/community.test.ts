import { MAX_IMAGES as SERVER_MAX_IMAGES, REPORT_REASONS as SERVER_REPORT_REASONS, TEXT_LIMITS as SERVER_TEXT_LIMITS } from '../../../src/plugins/community/server/src/validation/requests';
import {
  authorView,
  communityError,
  countText,
  imageGrid,
  linkCard,
  postCard,
  statusBadge,
  timeAgo,
  toggledLike,
  untilText,
  withLike,
} from '../../logic/community';
import { findComment, replyPlaceholder, replyTargetOf, threadRow, updateComment, withNewComment, withoutComment, withReplies } from '../../logic/community-comments';
import { cursorFooter, cursorListState, cursorLoader, emptyCursorList, withCursorPage, type CursorList, type CursorPage } from '../../logic/community-list';
import { badgeText, markedRead, notificationRow, notificationTarget } from '../../logic/community-notifications';
import { changesSeen, postChanged, postDeleted, withChanges } from '../../logic/community-sync';
import { checkReport, REPORT_REASON_LABELS, reportBody } from '../../logic/community-report';
import {
  checkForm,
  counter,
  emptyForm,
  MAX_IMAGES,
  nextUpload,
  postBody,
  retryUpload,
  slotCaption,
  TEXT_LIMITS,
  uploadDone,
  uploadFailed,
  uploadProgress,
  uploadStarted,
  withChosen,
  writeOutcome,
  writeRefusal,
} from '../../logic/community-write';
import type { CommentThread, CommunityPost } from '../../api/paths';
import { board, boards, comment, createdPost, docId, image, notification, NOW, post, reply, thread } from '../helpers/community-fixtures';

const apiError = (status: number, message: string, details: Record<string, unknown> = {}, retryAfterSeconds: number | null = null) => ({ status, message, details, retryAfterSeconds });

describe('the client keeps to the server’s limits', () => {
  it('counts against the same text limits, image count and report reasons as the server’s request schemas', () => {
    expect(TEXT_LIMITS).toEqual({ title: SERVER_TEXT_LIMITS.title, post: SERVER_TEXT_LIMITS.post, comment: SERVER_TEXT_LIMITS.comment, reportNote: SERVER_TEXT_LIMITS.reportNote });
    expect(MAX_IMAGES).toBe(SERVER_MAX_IMAGES);
    expect(Object.keys(REPORT_REASON_LABELS).sort()).toEqual([...SERVER_REPORT_REASONS].sort());
  });
});

describe('a cursor list', () => {
  const page = (ids: number[], next: string | null, pinned: number[] = []): CursorPage<CommunityPost> => ({ items: ids.map((n) => post(n)), next, pinned: pinned.map((n) => post(n, { pinned: true })) });

  it('replaces on the first page, appends later pages, and shows each post once (pinned ones only on top)', () => {
    let list = withCursorPage(emptyCursorList<CommunityPost>(), page([1, 2, 3], 'c1', [3]), true);
    expect(list.pinned.map((p) => p.documentId)).toEqual([docId('post', 3)]);
    expect(list.items.map((p) => p.documentId)).toEqual([docId('post', 1), docId('post', 2)]);
    list = withCursorPage(list, page([2, 4], null), false);
    expect(list.items.map((p) => p.documentId)).toEqual([docId('post', 1), docId('post', 2), docId('post', 4)]);
    expect(cursorFooter(list)).toEqual({ text: '没有更多了', canLoadMore: false });
    list = withCursorPage(list, page([5], 'c9'), true);
    expect(list.items.map((p) => p.documentId)).toEqual([docId('post', 5)]);
    expect(list.pinned).toEqual([]);
  });

  it('says loading, empty, error and ready', () => {
    expect(cursorListState({ ...emptyCursorList(), loading: true })).toBe('loading');
    expect(cursorListState({ ...emptyCursorList(), started: true })).toBe('empty');
    expect(cursorListState({ ...emptyCursorList(), error: '网络不给力，请稍后重试' })).toBe('error');
    expect(cursorListState({ ...emptyCursorList<CommunityPost>(), pinned: [post(1)] })).toBe('ready');
  });

  it('asks for the next page with the last cursor, and drops a page overtaken by a reload', async () => {
    let shown: CursorList<CommunityPost> = emptyCursorList();
    const asked: Array<string | null> = [];
    const pending: Array<(page: CursorPage<CommunityPost>) => void> = [];
    const loader = cursorLoader<CommunityPost>({ list: () => shown, show: (list) => (shown = list) }, (cursor) => {
      asked.push(cursor);
      return new Promise((resolve) => pending.push(resolve));
    });
    const first = loader.reload();
    pending[0](page([1], 'c1'));
    await first;
    const more = loader.more();
    const reload = loader.reload();
    pending[2](page([7], 'c7'));
    await reload;
    pending[1](page([2], null));
    await more;
    expect(asked).toEqual([null, 'c1', null]);
    expect(shown.items.map((p) => p.documentId)).toEqual([docId('post', 7)]);
    expect(shown.next).toBe('c7');
  });

  it('keeps what it shows when a page fails, with the reason in the footer', async () => {
    let shown: CursorList<CommunityPost> = withCursorPage(emptyCursorList<CommunityPost>(), page([1], 'c1'), true);
    const loader = cursorLoader<CommunityPost>({ list: () => shown, show: (list) => (shown = list) }, () => Promise.reject(apiError(429, '操作太频繁', {}, 30)));
    await loader.more();
    expect(shown.items).toHaveLength(1);
    expect(cursorFooter(shown)).toEqual({ text: '操作太频繁（30 秒后可再试），点击重试', canLoadMore: true });
  });
});

describe('posts as cards', () => {
  it('tells time relative to now in Beijing time', () => {
    expect(timeAgo('2026-12-04T01:59:30.000Z', NOW)).toBe('刚刚');
    expect(timeAgo('2026-12-04T01:35:00.000Z', NOW)).toBe('25 分钟前');
    expect(timeAgo('2026-12-03T22:00:00.000Z', NOW)).toBe('4 小时前');
    // 2026-12-03 15:00 UTC is 23:00 on the 3rd in Beijing: yesterday.
    expect(timeAgo('2026-12-03T15:00:00.000Z', NOW)).toBe('昨天 23:00');
    expect(timeAgo('2026-11-20T00:30:00.000Z', NOW)).toBe('11-20 08:30');
    expect(timeAgo('2025-11-20T00:30:00.000Z', NOW)).toBe('2025-11-20');
    expect(untilText('2026-12-10T00:00:00.000Z')).toBe('12月10日 08:00');
  });

  it('shows 匿名用户 without an avatar, and counts past ten thousand as 万', () => {
    expect(authorView({ documentId: null, nickname: '匿名用户', avatar: 'x.png', anonymous: true })).toEqual({ name: '匿名用户', avatar: '', initial: '匿', anonymous: true, documentId: '' });
    expect(countText(9999)).toBe('9999');
    expect(countText(12_345)).toBe('1.2万');
    expect(countText(20_000)).toBe('2万');
  });

  it('lays images out by count and previews the full image', () => {
    expect(imageGrid([]).layout).toBe('none');
    expect(imageGrid([image(1)]).layout).toBe('one');
    expect(imageGrid([1, 2, 3, 4].map(image)).layout).toBe('two');
    expect(imageGrid([1, 2, 3, 4, 5].map(image)).layout).toBe('three');
    expect(imageGrid([image(1)]).cells[0]).toEqual({ key: docId('image', 1), src: image(1).thumbnailUrl, full: image(1).url });
  });

  it('shows a shared habit with its streak as read now', () => {
    expect(linkCard({ kind: 'habit', documentId: docId('habit'), title: '早起', localDate: null, currentStreak: 12, longestStreak: 21, totalCheckIns: 112 })).toEqual({
      kind: 'habit',
      title: '习惯 · 早起',
      lines: ['连续 12 天', '最长 21 天', '累计 112 次'],
      habitDocumentId: docId('habit'),
    });
    expect(linkCard(null)).toBeNull();
  });

  it('badges my posts by status, with the moderator’s reason for rejected and hidden ones', () => {
    expect(statusBadge({ status: 'pending', moderationNote: null })).toEqual({ status: 'pending', text: '审核中', note: '' });
    expect(statusBadge({ status: 'rejected', moderationNote: '广告' })).toEqual({ status: 'rejected', text: '未通过', note: '原因：广告' });
    expect(statusBadge({ status: 'hidden', moderationNote: '被多人举报' }).text).toBe('已隐藏');
    expect(postCard(post(1, { mine: true, status: 'pending' }), NOW).showStatus).toBe(true);
    expect(postCard(post(1, { mine: true }), NOW).showStatus).toBe(false);
    expect(postCard(post(1, { mine: false, status: 'pending' }), NOW).showStatus).toBe(false);
  });

  it('cuts long text in a feed and keeps it whole on the post', () => {
    const long = post(1, { content: '字'.repeat(300) });
    expect([...postCard(long, NOW).excerpt]).toHaveLength(121);
    expect(postCard(long, NOW, { full: true }).excerpt).toBe(long.content);
  });

  it('toggles a like at once and takes the server’s count after', () => {
    const liked = toggledLike(post(1, { likeCount: 4 }));
    expect([liked.liked, liked.likeCount]).toEqual([true, 5]);
    expect(toggledLike(liked)).toMatchObject({ liked: false, likeCount: 4 });
    expect(withLike(liked, { liked: true, likeCount: 9 })).toMatchObject({ liked: true, likeCount: 9 });
  });
});

describe('what a refused community call says', () => {
  it('words each refusal from its reason', () => {
    expect(communityError(apiError(403, '你已被禁言至 2026-12-10T00:00:00.000Z', { reason: 'muted', until: '2026-12-10T00:00:00.000Z' }))).toBe('你已被禁言至 12月10日 08:00');
    expect(communityError(apiError(400, '内容含有违规信息', { reason: 'content_risky', field: 'content', label: 20001 }))).toBe('内容含有违规信息');
    expect(communityError(apiError(403, 'Comments are locked', { reason: 'comments_locked' }))).toBe('评论已关闭');
    expect(communityError(apiError(403, 'x', { reason: 'membership_required' }))).toBe('这个版块仅会员可以发帖');
    expect(communityError(apiError(404, 'Not Found'))).toBe('内容不存在或已被删除');
    expect(communityError(apiError(401, 'Unauthorized'))).toBe('登录已过期，请重新进入小程序');
    expect(communityError(apiError(429, '评论太频繁，请稍后再试', {}, 42))).toBe('评论太频繁，请稍后再试（42 秒后可再试）');
    expect(communityError(Object.assign(new Error('request:fail'), { name: 'NetworkError' }))).toBe('网络不给力，请稍后重试');
  });
});

describe('comment threads', () => {
  const threads = (items: CommentThread[]): CursorList<CommentThread> => ({ ...emptyCursorList<CommentThread>(), items, started: true });

  it('shows 回复 @name on a reply to a reply and offers the replies not shown yet', () => {
    const row = threadRow(thread(1, [reply(2, 1), reply(3, 1, { replyToName: '评论者2' })], { replyCount: 5 }), NOW);
    expect(row.replies.map((r) => r.replyTo)).toEqual(['', '回复 @评论者2']);
    expect(row.moreText).toBe('展开 3 条回复');
  });

  it('shows a deleted comment as 该评论已删除 with no author and no actions', () => {
    const row = threadRow(thread(1, [reply(2, 1)], { deleted: true, content: '该评论已删除', author: null }), NOW);
    expect([row.text, row.author.name, row.canReply, row.canDelete]).toEqual(['该评论已删除', '已删除', false, false]);
  });

  it('appends more replies once each, and ends the thread on the last page', () => {
    let list = threads([thread(1, [reply(2, 1)], { replyCount: 3 })]);
    list = withReplies(list, docId('comment', 1), { items: [reply(2, 1), reply(3, 1)], next: 'r3' });
    expect(list.items[0].replies.map((r) => r.documentId)).toEqual([docId('comment', 2), docId('comment', 3)]);
    expect(threadRow(list.items[0], NOW).moreText).toBe('展开 1 条回复');
    list = withReplies(list, docId('comment', 1), { items: [], next: null });
    expect(threadRow(list.items[0], NOW).moreText).toBe('');
  });

  it('puts a new comment on top and a new reply at its thread’s end', () => {
    let list = threads([thread(1)]);
    list = withNewComment(list, comment(9, { mine: true }));
    expect(list.items.map((t) => t.documentId)).toEqual([docId('comment', 9), docId('comment', 1)]);
    list = withNewComment(list, reply(10, 1, { replyToName: '评论者1' }));
    expect(list.items[1].replies.map((r) => r.documentId)).toEqual([docId('comment', 10)]);
    expect(list.items[1].replyCount).toBe(1);
  });

  it('keeps a deleted thread with replies as 该评论已删除, and removes one without replies or a reply', () => {
    let list = threads([thread(1, [reply(2, 1, { mine: true })], { mine: true }), thread(3, [], { mine: true })]);
    list = withoutComment(list, docId('comment', 1));
    expect(list.items[0]).toMatchObject({ deleted: true, content: '该评论已删除' });
    list = withoutComment(list, docId('comment', 2));
    expect(list.items[0].replies).toEqual([]);
    expect(list.items[0].replyCount).toBe(0);
    list = withoutComment(list, docId('comment', 3));
    expect(list.items.map((t) => t.documentId)).toEqual([docId('comment', 1)]);
  });

  it('finds and changes a reply as well as a thread, and replies to 匿名用户 by that name', () => {
    const list = threads([thread(1, [reply(2, 1, { author: { documentId: null, nickname: '匿名用户', avatar: null, anonymous: true } })])]);
    const liked = updateComment(list, docId('comment', 2), toggledLike);
    expect(findComment(liked, docId('comment', 2))).toMatchObject({ liked: true, likeCount: 1 });
    expect(replyTargetOf(findComment(list, docId('comment', 2))!)).toEqual({ documentId: docId('comment', 2), name: '匿名用户' });
    expect(replyPlaceholder({ documentId: 'x', name: '匿名用户' }, false)).toBe('回复 @匿名用户');
    expect(replyPlaceholder(null, true)).toBe('评论已关闭');
  });
});

describe('writing a post', () => {
  it('counts as the server does (newlines, trimmed ends) and flags text over the limit', () => {
    expect(counter('  a\r\nb  ', 60)).toEqual({ text: '3/60', over: false, length: 3 });
    expect(counter('字'.repeat(61), 60)).toMatchObject({ text: '61/60', over: true });
  });

  it('takes at most 9 images and sends them one at a time in the order chosen', () => {
    let slots = withChosen([], Array.from({ length: 12 }, (_, i) => `tmp/${i}.jpg`), (i) => `k${i}`);
    expect(slots).toHaveLength(MAX_IMAGES);
    expect(nextUpload(slots)?.key).toBe('k0');
    slots = uploadStarted(slots, 'k0');
    expect(nextUpload(slots)).toBeNull();
    slots = uploadProgress(slots, 'k0', 41.6);
    expect(slotCaption(slots[0])).toBe('42%');
    slots = uploadFailed(slots, 'k0', apiError(429, '上传太频繁，请稍后再试'));
    expect(slotCaption(slots[0])).toBe('上传失败，点击重试');
    expect(nextUpload(slots)?.key).toBe('k1');
    slots = retryUpload(slots, 'k0');
    expect(nextUpload(slots)?.key).toBe('k0');
    slots = uploadDone(uploadStarted(slots, 'k0'), 'k0', docId('image', 1));
    expect(slots[0]).toMatchObject({ state: 'done', progress: 100, documentId: docId('image', 1) });
  });

  it('sends only when a postable board, text within limits and every image uploaded are there', () => {
    const form = { ...emptyForm('campus'), content: '早起第 10 天' };
    expect(checkForm(emptyForm(), [], boards()).blocker).toBe('请选择版块');
    expect(checkForm({ ...form, board: 'notice' }, [], boards()).blocker).toBe('这个版块不能发帖');
    expect(checkForm({ ...form, content: '  ' }, [], boards()).blocker).toBe('请写点内容');
    expect(checkForm({ ...form, title: '题'.repeat(61) }, [], boards()).blocker).toBe('标题最多 60 字');
    const waiting = withChosen([], ['a.jpg'], () => 'k');
    expect(checkForm(form, waiting, boards()).blocker).toBe('图片上传中…');
    expect(checkForm(form, uploadFailed(waiting, 'k', new Error('x')), boards()).blocker).toBe('有图片上传失败：点击重试或删除');
    expect(checkForm(form, uploadDone(waiting, 'k', docId('image')), [board()]).canSubmit).toBe(true);
  });

  it('builds the body with only what is set', () => {
    const slots = uploadDone(withChosen([], ['a.jpg', 'b.jpg'], (i) => `k${i}`), 'k0', docId('image', 1));
    expect(postBody({ board: 'campus', title: ' ', content: ' 早起 \r\n', anonymous: false, habit: '' }, slots)).toEqual({ board: 'campus', content: '早起', images: [docId('image', 1)] });
    expect(postBody({ board: 'campus', title: '标题', content: '内容', anonymous: true, habit: docId('habit') }, [])).toEqual({
      board: 'campus',
      title: '标题',
      content: '内容',
      anonymous: true,
      link: { kind: 'habit', documentId: docId('habit') },
    });
  });

  it('tells published from pending, and says why a post was refused', () => {
    expect(writeOutcome(createdPost(post(1), 'published'))).toMatchObject({ moderation: 'published', title: '发布成功' });
    expect(writeOutcome(createdPost(post(1, { status: 'pending', mine: true }), 'pending'))).toMatchObject({ moderation: 'pending', title: '审核中' });
    expect(writeRefusal(apiError(400, '内容含有违规信息', { reason: 'content_risky', field: 'title', label: 20001 }))).toEqual({
      message: '内容含有违规信息，请修改标题后再发',
      field: 'title',
      mutedUntil: '',
      retryable: false,
    });
    expect(writeRefusal(apiError(403, 'x', { reason: 'muted', until: '2026-12-10T00:00:00.000Z' }))).toMatchObject({ mutedUntil: '12月10日 08:00', retryable: false });
    expect(writeRefusal(apiError(429, '发帖太频繁，请稍后再试', {}, 120)).retryable).toBe(true);
  });
});

describe('reports and notifications', () => {
  it('needs a reason, keeps the note within 200, and sends the note only when written', () => {
    expect(checkReport('', '').blocker).toBe('请选择举报原因');
    expect(checkReport('spam', '字'.repeat(201)).canSubmit).toBe(false);
    expect(checkReport('spam', '').canSubmit).toBe(true);
    expect(reportBody('post', docId('post'), 'spam', '  ')).toEqual({ targetType: 'post', targetDocumentId: docId('post'), reason: 'spam' });
    expect(reportBody('comment', docId('comment'), 'other', ' 刷屏 ')).toEqual({ targetType: 'comment', targetDocumentId: docId('comment'), reason: 'other', note: '刷屏' });
  });

  it('shows the badge, marks read one or all', () => {
    expect([badgeText(0), badgeText(7), badgeText(120)]).toEqual(['', '7', '99+']);
    const list = { ...emptyCursorList<ReturnType<typeof notification>>(), items: [notification(1), notification(2)], started: true };
    expect(markedRead(list, [docId('notice', 1)]).items.map((n) => n.read)).toEqual([true, false]);
    expect(markedRead(list, 'all').items.map((n) => n.read)).toEqual([true, true]);
    expect(notificationRow(notification(1, { kind: 'rejected', text: '你的帖子未通过审核：广告', postDocumentId: null }), NOW)).toMatchObject({ icon: '✕', postDocumentId: '', time: '10 分钟前' });
  });

  it('opens the post, or the challenge a review result is about, or nothing', () => {
    const approved = notificationRow(notification(1, { kind: 'approved', targetType: 'challenge', targetDocumentId: docId('challenge'), postDocumentId: null }), NOW);
    expect(notificationTarget(approved)).toBe(`/pages/challenge/index?id=${docId('challenge')}`);
    expect(notificationTarget(notificationRow(notification(2, { postDocumentId: docId('post') }), NOW))).toBe(`/pages/community-post/index?id=${docId('post')}`);
    expect(notificationTarget(notificationRow(notification(3, { kind: 'muted', targetType: null, targetDocumentId: null, postDocumentId: null }), NOW))).toBe('');
  });
});

describe('changes made on a post’s page', () => {
  it('reach a list that was open under it, once, and not a list read after them', () => {
    const list = withCursorPage(emptyCursorList<CommunityPost>(), { items: [post(1), post(2)], next: null, pinned: [post(3, { pinned: true })] }, true);
    const seen = changesSeen();
    postChanged(post(1, { liked: true, likeCount: 9, commentCount: 4, title: '不会被改' }));
    postDeleted(docId('post', 3));
    const shown = withChanges(list, seen);
    expect(shown.items[0]).toMatchObject({ liked: true, likeCount: 9, commentCount: 4, title: '第 1 篇' });
    expect(shown.pinned).toEqual([]);
    expect(withChanges(list, changesSeen())).toEqual(list);
  });
});
