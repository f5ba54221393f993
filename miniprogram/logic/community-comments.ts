/**
 * A post's comments as its detail page shows them: threads two levels deep (a top-level comment and its
 * replies; a reply to a reply says "回复 @name"), more replies by the thread's own cursor, a deleted
 * comment that has replies kept in place as 该评论已删除, and what a new or deleted comment changes.
 */
import type { CommentThread, CommunityComment } from '../api/paths';
import { authorView, countText, timeAgo, type AuthorView } from './community';
import { removeItem, updateItems, type CursorList, type CursorPage } from './community-list';

export type { CommentThread, CommunityComment };

export const DELETED_TEXT = '该评论已删除';

export type CommentRow = {
  documentId: string;
  threadDocumentId: string;
  author: AuthorView;
  /** "回复 @name" when this replies to a reply, else ''. */
  replyTo: string;
  text: string;
  time: string;
  likeCount: string;
  liked: boolean;
  mine: boolean;
  deleted: boolean;
  /** Mine and waiting for a moderator. */
  pending: boolean;
  canReply: boolean;
  canDelete: boolean;
};

export type ThreadRow = CommentRow & {
  replies: CommentRow[];
  /** "展开 N 条回复" while the thread has replies not shown yet, else ''. */
  moreText: string;
};

export const commentRow = (comment: CommunityComment, now: Date): CommentRow => {
  const author = comment.deleted ? null : comment.author;
  return {
    documentId: comment.documentId,
    threadDocumentId: comment.threadDocumentId ?? comment.documentId,
    author: authorView(author),
    replyTo: comment.replyToName && !comment.deleted ? `回复 @${comment.replyToName}` : '',
    text: comment.deleted ? DELETED_TEXT : comment.content,
    time: timeAgo(comment.createdAt, now),
    likeCount: comment.likeCount > 0 ? countText(comment.likeCount) : '',
    liked: comment.liked,
    mine: comment.mine,
    deleted: comment.deleted,
    pending: comment.mine && comment.status === 'pending',
    canReply: !comment.deleted,
    canDelete: comment.mine && !comment.deleted,
  };
};

export const threadRow = (thread: CommentThread, now: Date): ThreadRow => {
  const hidden = thread.replyCount - thread.replies.length;
  return { ...commentRow(thread, now), replies: thread.replies.map((reply) => commentRow(reply, now)), moreText: hidden > 0 ? `展开 ${hidden} 条回复` : '' };
};

/** A page of a thread's replies (oldest first): appended after those shown, each once. */
export const withReplies = (list: CursorList<CommentThread>, threadDocumentId: string, page: CursorPage<CommunityComment>): CursorList<CommentThread> =>
  updateItems(list, threadDocumentId, (thread) => {
    const seen = new Set(thread.replies.map((reply) => reply.documentId));
    const fresh = page.items.filter((reply) => !seen.has(reply.documentId) && seen.add(reply.documentId));
    const replies = [...thread.replies, ...fresh];
    // The last page ends the thread: whatever the count said, nothing more is there to show.
    return { ...thread, replies, replyCount: page.next === null ? replies.length : Math.max(thread.replyCount, replies.length) };
  });

/** A comment the server took and published: a new thread on top (newest first), or a reply at its thread's end. */
export const withNewComment = (list: CursorList<CommentThread>, comment: CommunityComment): CursorList<CommentThread> => {
  if (comment.threadDocumentId === null) return { ...list, items: [{ ...comment, replies: [], replyCount: 0 }, ...list.items] };
  return updateItems(list, comment.threadDocumentId, (thread) => ({ ...thread, replies: [...thread.replies, comment], replyCount: thread.replyCount + 1 }));
};

const asDeleted = <T extends CommunityComment>(comment: T): T => ({ ...comment, deleted: true, content: DELETED_TEXT, liked: false, mine: false });

/**
 * After DELETE: a thread with replies stays as 该评论已删除 (its replies still make sense under it); a
 * thread without replies and any reply go.
 */
export const withoutComment = (list: CursorList<CommentThread>, documentId: string): CursorList<CommentThread> => {
  const thread = list.items.find((item) => item.documentId === documentId);
  if (thread) return thread.replyCount > 0 || thread.replies.length > 0 ? updateItems(list, documentId, asDeleted) : removeItem(list, documentId);
  return {
    ...list,
    items: list.items.map((item) =>
      item.replies.some((reply) => reply.documentId === documentId)
        ? { ...item, replies: item.replies.filter((reply) => reply.documentId !== documentId), replyCount: Math.max(0, item.replyCount - 1) }
        : item,
    ),
  };
};

/** The comment (a thread or a reply) with this documentId. */
export const findComment = (list: CursorList<CommentThread>, documentId: string): CommunityComment | undefined => {
  for (const thread of list.items) {
    if (thread.documentId === documentId) return thread;
    const reply = thread.replies.find((each) => each.documentId === documentId);
    if (reply) return reply;
  }
  return undefined;
};

/** Change one comment wherever it is (a like on a thread or on a reply). */
export const updateComment = (list: CursorList<CommentThread>, documentId: string, change: <T extends CommunityComment>(comment: T) => T): CursorList<CommentThread> => ({
  ...list,
  items: list.items.map((thread) => {
    const own = thread.documentId === documentId ? change(thread) : thread;
    return thread.replies.some((reply) => reply.documentId === documentId)
      ? { ...own, replies: own.replies.map((reply) => (reply.documentId === documentId ? change(reply) : reply)) }
      : own;
  }),
});

export type ReplyTarget = { documentId: string; name: string };

/** Who the reply box answers: a comment's author (匿名用户 for an anonymous one). */
export const replyTargetOf = (comment: CommunityComment): ReplyTarget | null =>
  comment.deleted ? null : { documentId: comment.documentId, name: authorView(comment.author).name };

export const replyPlaceholder = (target: ReplyTarget | null, locked: boolean): string => {
  if (locked) return '评论已关闭';
  return target ? `回复 @${target.name}` : '说点什么…';
};
