import type { Core } from '@strapi/strapi';
import { forbiddenError, NotFoundError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';
import { ANONYMOUS_NAME, DELETED_TEXT } from '../domain/threads';
import { afterCursor, isoOf, orderOf, pageOf, readCursor } from '../utils/keyset-where';
import { getService } from '../utils/get-service';
import type { CommentsQuery, CreateCommentInput, RepliesQuery } from '../validation/requests';
import type { Db } from './counters';

/**
 * Comments, two levels deep (domain/threads.ts): a comment on a post is a thread; a reply to it or to
 * any of its replies belongs to that thread, and a reply to a reply names whom it answers (回复 @name).
 *
 * Who sees what: readers see published comments on posts they may read; an author also sees their own
 * pending, rejected or hidden comments with that status. A deleted comment is gone, except that one with
 * shown replies stays in place as 该评论已删除 (no author). Anything else is 404, the same as a comment
 * that never existed.
 *
 * The post's comment count and the thread's reply count change in the same transaction as the comment
 * (services/counters.ts); `changeStatus` is the one way a comment's status changes afterwards (the
 * author's delete, a moderator's decision), so the counters follow every change.
 */
export type CommentStatus = 'pending' | 'published' | 'rejected' | 'hidden' | 'deleted';
export type Viewer = { id: number } | null;

/** The name a user without a nickname is shown by (as WeChat shows one). */
export const FALLBACK_NICKNAME = '微信用户';
/** How many replies come with each thread in a list; the rest are paged through `replies`. */
export const FIRST_REPLIES = 3;

type PostHead = { id: number; documentId: string; status: string; commentsLocked: boolean; anonymous: boolean; authorId: number | null };

type CommentRow = {
  id: number;
  documentId: string;
  content: string;
  replyToName: string | null;
  authorNickname: string | null;
  authorAvatar: string | null;
  status: CommentStatus;
  likeCount: number;
  replyCount: number;
  createdAt: unknown;
  user: { id: number; documentId: string } | null;
  thread: { id: number; documentId: string } | null;
  replyTo: { id: number; status: CommentStatus } | null;
};

const COMMENT_FIELDS = ['id', 'documentId', 'content', 'replyToName', 'authorNickname', 'authorAvatar', 'status', 'likeCount', 'replyCount', 'createdAt'];
const COMMENT_POPULATE = {
  user: { select: ['id', 'documentId'] },
  thread: { select: ['id', 'documentId'] },
  replyTo: { select: ['id', 'status'] },
};

const OWN_UNPUBLISHED: CommentStatus[] = ['pending', 'rejected', 'hidden'];
const isPublished = (status: string) => status === 'published';

const commentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const counters = () => getService(strapi, 'counters');

  const postHead = async (documentId: string): Promise<PostHead | null> => {
    const row = await strapi.db.query(UIDS.post).findOne({
      where: { documentId },
      select: ['id', 'documentId', 'status', 'commentsLocked', 'anonymous'],
      populate: { user: { select: ['id'] } },
    });
    if (!row) return null;
    return {
      id: row.id,
      documentId: row.documentId,
      status: row.status,
      commentsLocked: Boolean(row.commentsLocked),
      anonymous: Boolean(row.anonymous),
      authorId: (row.user as { id: number } | null)?.id ?? null,
    };
  };

  /** A post whose comments `viewer` may read: published, or their own in any status but deleted. */
  const readablePost = async (documentId: string, viewer: Viewer): Promise<PostHead> => {
    const post = await postHead(documentId);
    const mine = post !== null && viewer !== null && post.authorId === viewer.id;
    if (!post || !(isPublished(post.status) || (mine && post.status !== 'deleted'))) throw new NotFoundError('No such post');
    return post;
  };

  /** Whether a comment's author writes as the anonymous author of the post (then readers see 匿名用户). */
  const writesAnonymously = (post: PostHead, authorId: number | null) => post.anonymous && authorId !== null && authorId === post.authorId;

  /** The author's name as others see it. */
  const publicName = (post: PostHead, row: Pick<CommentRow, 'authorNickname'> & { user: { id: number } | null }) =>
    writesAnonymously(post, row.user?.id ?? null) ? ANONYMOUS_NAME : row.authorNickname || FALLBACK_NICKNAME;

  const view = (post: PostHead, row: CommentRow, viewer: Viewer, liked: Set<number>) => {
    const authorId = row.user?.id ?? null;
    const mine = viewer !== null && authorId === viewer.id;
    const deleted = row.status === 'deleted';
    const anonymous = writesAnonymously(post, authorId);
    const author = deleted
      ? null
      : anonymous && !mine
        ? { documentId: null, nickname: ANONYMOUS_NAME, avatar: null, anonymous: true }
        : { documentId: row.user?.documentId ?? null, nickname: row.authorNickname || FALLBACK_NICKNAME, avatar: row.authorAvatar ?? null, anonymous };
    return {
      documentId: row.documentId,
      content: deleted ? DELETED_TEXT : row.content,
      author,
      replyToName: row.replyToName ? (row.replyTo?.status === 'deleted' ? DELETED_TEXT : row.replyToName) : null,
      threadDocumentId: row.thread?.documentId ?? null,
      likeCount: Number(row.likeCount ?? 0),
      liked: !deleted && liked.has(row.id),
      mine: mine && !deleted,
      deleted,
      status: (deleted ? 'published' : row.status) as Exclude<CommentStatus, 'deleted'>,
      createdAt: isoOf(row.createdAt),
    };
  };
  type CommentView = ReturnType<typeof view>;

  const likedBy = (viewer: Viewer, ids: number[]) => getService(strapi, 'likes').likedAmong(viewer?.id ?? null, 'comment', ids);

  /** What of a list `viewer` may see: published, their own not yet (or no longer) published, and `tombstones`. */
  const visible = (viewer: Viewer, tombstones: Record<string, unknown> | null) => ({
    $or: [
      { status: 'published' },
      ...(tombstones ? [tombstones] : []),
      ...(viewer ? [{ user: { id: viewer.id }, status: { $in: OWN_UNPUBLISHED } }] : []),
    ],
  });

  /** Deleted replies still answered by a published reply (kept as 该评论已删除 so the answer keeps its context). */
  const answeredDeletedReplies = async (threadIds: number[]): Promise<number[]> => {
    if (threadIds.length === 0) return [];
    const rows = await strapi.db.query(UIDS.comment).findMany({
      where: { thread: { id: { $in: threadIds } }, status: 'published', replyTo: { status: 'deleted' } },
      select: ['id'],
      populate: { replyTo: { select: ['id'] } },
    });
    return [...new Set(rows.map((row: { replyTo: { id: number } | null }) => row.replyTo?.id).filter((id: number | undefined): id is number => id !== undefined))];
  };

  const repliesOf = async (threadId: number, viewer: Viewer, tombstoneIds: number[], query: { cursor?: string; limit: number }) => {
    const cursor = readCursor(query.cursor, 'oldest');
    const rows = (await strapi.db.query(UIDS.comment).findMany({
      where: { $and: [{ thread: { id: threadId } }, visible(viewer, tombstoneIds.length > 0 ? { status: 'deleted', id: { $in: tombstoneIds } } : null), afterCursor(cursor)] },
      orderBy: orderOf('oldest'),
      limit: query.limit + 1,
      select: COMMENT_FIELDS,
      populate: COMMENT_POPULATE,
    })) as CommentRow[];
    return pageOf(rows, query.limit, 'oldest');
  };

  /** The comment's author, who it replied to, and the post's author hear of it (never of their own writing). */
  const announce = async (commentId: number) => {
    const row = await strapi.db.query(UIDS.comment).findOne({
      where: { id: commentId },
      select: ['id', 'documentId', 'content', 'authorNickname', 'status'],
      populate: { user: { select: ['id'] }, post: { select: ['documentId'] }, replyTo: { select: ['id'], populate: { user: { select: ['id'] } } } },
    });
    if (!row || !isPublished(row.status) || !row.post) return;
    const post = await postHead(row.post.documentId);
    if (!post) return;
    const actorId = (row.user as { id: number } | null)?.id ?? null;
    const actorName = publicName(post, row);
    const snippet = String(row.content).slice(0, 60);
    const notifications = getService(strapi, 'notifications');
    const common = { actorName, targetType: 'comment' as const, targetDocumentId: row.documentId as string, postDocumentId: post.documentId };
    const repliedTo = (row.replyTo as { user: { id: number } | null } | null)?.user?.id ?? null;
    if (repliedTo !== null && repliedTo !== actorId) {
      await notifications.notify(repliedTo, { kind: 'replied', text: `${actorName} 回复了你的评论：${snippet}`, ...common });
    }
    if (post.authorId !== null && post.authorId !== actorId && post.authorId !== repliedTo) {
      await notifications.notify(post.authorId, { kind: 'commented', text: `${actorName} 评论了你的帖子：${snippet}`, ...common });
    }
  };

  /**
   * Move a comment to `to` (with a moderator's note or reason, if any) and keep the counters with it, in
   * one transaction that holds the post's row first. The moderation queue calls this for approve /
   * reject / hide / restore; a comment published here for the first time is announced to the post's and
   * the replied-to comment's authors. Returns the status it had.
   */
  const changeStatus = async (
    commentId: number,
    to: CommentStatus,
    fields: { hiddenReason?: 'reports' | 'moderator' | null; moderationNote?: string | null } = {},
  ): Promise<{ from: CommentStatus; to: CommentStatus }> => {
    const head = await strapi.db.connection(TABLES.comments).where({ id: commentId }).first('post_id');
    if (!head) throw new NotFoundError('No such comment');
    const from = await strapi.db.transaction(async ({ trx }) => {
      await counters().lockPost(trx as unknown as Db, Number(head.post_id));
      const current = await (trx as unknown as Db)(TABLES.comments).where({ id: commentId }).first('status');
      await strapi.db.query(UIDS.comment).update({ where: { id: commentId }, data: { status: to, ...fields } });
      await onStatusChange(commentId, current.status, to, trx as unknown as Db);
      return current.status as CommentStatus;
    });
    if (from === 'pending' && isPublished(to)) await announce(commentId);
    return { from, to };
  };

  /**
   * The counters' side of a status change written elsewhere (`from` -> `to` of comment `commentId`). Pass
   * the transaction that wrote the status (hold the post's row first: counters.lockPost) to keep both in
   * one; without one it runs in its own. It tells nobody: after your commit, call `announce(commentId)`
   * when a pending comment got published. `changeStatus` does all of this in one call.
   */
  const onStatusChange = async (commentId: number, from: string, to: string, trx?: Db): Promise<void> => {
    const delta = (isPublished(to) ? 1 : 0) - (isPublished(from) ? 1 : 0);
    if (delta === 0) return;
    const apply = async (db: Db) => {
      const row = await db(TABLES.comments).where({ id: commentId }).first('post_id', 'thread_id');
      if (!row) throw new NotFoundError('No such comment');
      await counters().addComments(db, { postId: Number(row.post_id), threadId: row.thread_id === null ? null : Number(row.thread_id) }, delta);
    };
    if (trx) return apply(trx);
    const head = await strapi.db.connection(TABLES.comments).where({ id: commentId }).first('post_id');
    if (!head) throw new NotFoundError('No such comment');
    await strapi.db.transaction(async ({ trx: own }) => {
      await counters().lockPost(own as unknown as Db, Number(head.post_id));
      await apply(own as unknown as Db);
    });
  };

  return {
    /** A post's threads, newest or oldest first, each with its first replies (oldest first) and reply count. */
    async listThreads(postDocumentId: string, viewer: Viewer, query: CommentsQuery) {
      const post = await readablePost(postDocumentId, viewer);
      const cursor = readCursor(query.cursor, query.order);
      const rows = (await strapi.db.query(UIDS.comment).findMany({
        where: {
          $and: [
            { post: { id: post.id }, thread: { id: { $null: true } } },
            // A deleted thread stays while it has published replies.
            visible(viewer, { status: 'deleted', replyCount: { $gt: 0 } }),
            afterCursor(cursor),
          ],
        },
        orderBy: orderOf(query.order),
        limit: query.limit + 1,
        select: COMMENT_FIELDS,
        populate: COMMENT_POPULATE,
      })) as CommentRow[];
      const { page, next } = pageOf(rows, query.limit, query.order);
      const tombstones = await answeredDeletedReplies(page.map((row) => row.id));
      const replies = await Promise.all(page.map((row) => repliesOf(row.id, viewer, tombstones, { limit: FIRST_REPLIES })));
      const liked = await likedBy(viewer, [...page, ...replies.flatMap((r) => r.page)].map((row) => row.id));
      const data = page.map((row, index) => ({
        ...view(post, row, viewer, liked),
        replies: replies[index].page.map((reply) => view(post, reply, viewer, liked)),
        replyCount: Number(row.replyCount ?? 0),
      }));
      return { data, meta: { cursor: { next } } };
    },

    /** A thread's replies, oldest first, a page at a time. */
    async listReplies(threadDocumentId: string, viewer: Viewer, query: RepliesQuery) {
      const thread = await strapi.db.query(UIDS.comment).findOne({
        where: { documentId: threadDocumentId },
        select: ['id', 'status', 'replyCount'],
        populate: { post: { select: ['documentId'] }, thread: { select: ['id'] }, user: { select: ['id'] } },
      });
      const shown =
        thread &&
        thread.thread === null &&
        (isPublished(thread.status) ||
          (thread.status === 'deleted' && Number(thread.replyCount) > 0) ||
          (viewer !== null && thread.user?.id === viewer.id && OWN_UNPUBLISHED.includes(thread.status)));
      if (!shown || !thread.post) throw new NotFoundError('No such comment');
      const post = await readablePost(thread.post.documentId, viewer);
      const { page, next } = await repliesOf(thread.id, viewer, await answeredDeletedReplies([thread.id]), query);
      const liked = await likedBy(viewer, page.map((row) => row.id));
      return { data: page.map((row) => view(post, row, viewer, liked)), meta: { cursor: { next } } };
    },

    /**
     * Comment on a published post, or reply to one of its published comments. WeChat checks the text
     * (scene 2): it is published at once or waits for a moderator; risky text is refused and nothing stored.
     */
    async create(postDocumentId: string, user: { id: number }, input: CreateCommentInput): Promise<{ comment: CommentView; moderation: 'published' | 'pending' }> {
      const post = await postHead(postDocumentId);
      if (!post || !isPublished(post.status)) throw new NotFoundError('No such post');
      if (post.commentsLocked) throw forbiddenError('该帖子已关闭评论', { reason: 'comments_locked' });

      let thread: { id: number } | null = null;
      let replyTo: { id: number } | null = null;
      let replyToName: string | null = null;
      if (input.replyTo) {
        const target = await strapi.db.query(UIDS.comment).findOne({
          where: { documentId: input.replyTo, post: { id: post.id }, status: 'published' },
          select: ['id', 'authorNickname'],
          populate: { thread: { select: ['id'] }, user: { select: ['id'] } },
        });
        if (!target) throw new NotFoundError('No such comment to reply to');
        replyTo = { id: target.id };
        thread = target.thread ? { id: target.thread.id } : { id: target.id };
        // A reply to the thread itself needs no name; a reply to a reply says whom it answers.
        if (target.thread) replyToName = publicName(post, target);
      }

      await getService(strapi, 'limits').consume('comment', user.id);
      const gate = getService(strapi, 'gate');
      await gate.assertNotMuted(user.id);
      const verdict = await gate.checkText(user.id, 2, { content: input.content });
      const status: CommentStatus = verdict === 'pass' ? 'published' : 'pending';

      const author = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: user.id }, select: ['nickname', 'avatar'] });
      const created = await strapi.db.transaction(async ({ trx }) => {
        const row = await strapi.db.query(UIDS.comment).create({
          data: {
            user: user.id,
            post: post.id,
            thread: thread?.id ?? null,
            replyTo: replyTo?.id ?? null,
            replyToName,
            content: input.content,
            authorNickname: (author?.nickname as string | null | undefined)?.slice(0, 64) || null,
            authorAvatar: (author?.avatar as string | null | undefined) || null,
            status,
            textCheck: verdict,
            likeCount: 0,
            replyCount: 0,
            reportCount: 0,
          },
        });
        if (isPublished(status)) await counters().addComments(trx as unknown as Db, { postId: post.id, threadId: thread?.id ?? null }, +1);
        return row as { id: number };
      });
      if (isPublished(status)) await announce(created.id);
      const row = (await strapi.db.query(UIDS.comment).findOne({ where: { id: created.id }, select: COMMENT_FIELDS, populate: COMMENT_POPULATE })) as CommentRow;
      return { comment: view(post, row, user, new Set()), moderation: isPublished(status) ? 'published' : 'pending' };
    },

    /** The author deletes their comment (anyone else: 404). One with shown replies stays as 该评论已删除. */
    async remove(documentId: string, user: { id: number }): Promise<void> {
      const row = await strapi.db.query(UIDS.comment).findOne({ where: { documentId, user: { id: user.id }, status: { $ne: 'deleted' } }, select: ['id'] });
      if (!row) throw new NotFoundError('No such comment');
      await changeStatus(row.id, 'deleted');
    },

    changeStatus,
    onStatusChange,

    /** Tell the authors concerned about a published comment (after the transaction that published it). */
    announce,
  };
};

export type CommentsService = ReturnType<typeof commentsService>;
export default commentsService;
