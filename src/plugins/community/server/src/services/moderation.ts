import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isPostgres } from '../../../../../utils/dialect';
import { conflictError, NotFoundError, ValidationError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';
import {
  authorMessage,
  decide,
  decodeQueueCursor,
  mergeQueuePages,
  type Action,
  type ModeratedStatus,
  type ModeratedType,
  type QueueKey,
} from '../domain/moderation';
import { countingReporters, type ReportRule } from '../domain/reports';
import { communityConfig, getService } from '../utils/get-service';
import type { DecisionInput, QueueQuery } from '../validation/requests';
import type { DecisionSource, Moderator } from './decisions';
import { POST_REVIEWED_EVENT, type PostReviewed } from '../../../../reminders/public';

/**
 * The moderators' work (issue 13): the queue of what waits for a person, and the decisions on posts and
 * comments. Every decision runs in one transaction with its audit record and the counters it moves; the
 * author hears about it once the transaction has committed.
 */
type Row = Record<string, unknown>;

export type QueueReason = 'text_review' | 'text_unchecked' | 'media_review' | 'media_unjudged' | 'hidden_by_reports' | 'hidden_by_media' | 'reported';

export type QueueAuthor = {
  id: number;
  documentId: string;
  username: string | null;
  nickname: string | null;
  avatar: string | null;
  createdAt: string | null;
  blocked: boolean;
  mutedUntil: string | null;
};

export type QueueReport = { id: number; reason: string; note: string | null; reporter: { id: number; nickname: string | null } | null; counted: boolean; createdAt: string };

export type QueueItem = QueueKey & {
  documentId: string;
  status: ModeratedStatus;
  hiddenReason: string | null;
  reasons: QueueReason[];
  textCheck: string | null;
  mediaCheck: string | null;
  title: string | null;
  content: string;
  images: Array<{ url: string; name: string | null; width: number | null; height: number | null }>;
  board: { slug: string; name: string } | null;
  post: { id: number; documentId: string; title: string | null; status: string } | null;
  anonymous: boolean;
  pinned: boolean;
  commentsLocked: boolean;
  moderationNote: string | null;
  author: QueueAuthor | null;
  reports: { total: number; counted: number; items: QueueReport[] };
};

const TABLE_OF = { post: TABLES.posts, comment: TABLES.comments } as const;
const UID_OF = { post: UIDS.post, comment: UIDS.comment } as const;
const iso = (value: unknown): string => new Date(value as string).toISOString();

const moderationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rule = (): ReportRule => communityConfig(strapi).reports;

  /**
   * Take the row lock of one post or comment (PostgreSQL; SQLite runs one write transaction at a time
   * anyway). A comment's post is locked first: the counters' lock order (services/counters.ts) is a post
   * before its comments.
   */
  const lockRow = async (trx: Knex.Transaction, type: ModeratedType, where: { id: number } | { document_id: string }): Promise<number | null> => {
    if (type === 'comment') {
      const head = (await trx(TABLES.comments).where(where).first('post_id')) as { post_id: number | null } | undefined;
      if (!head) return null;
      if (head.post_id) await getService(strapi, 'counters').lockPost(trx, Number(head.post_id));
    }
    const query = trx(TABLE_OF[type]).where(where).first('id');
    const row = (await (isPostgres(trx) ? query.forUpdate() : query)) as { id: number } | undefined;
    return row ? Number(row.id) : null;
  };

  const loadItem = async (type: ModeratedType, id: number) =>
    (await strapi.db.query(UID_OF[type]).findOne({
      where: { id },
      populate: { user: { select: ['id'] }, ...(type === 'comment' ? { post: { select: ['id', 'documentId'] }, thread: { select: ['id'] } } : {}) },
    })) as Row | null;

  /** Reports of an item are settled once a decision is taken on it; new ones start counting afresh. */
  const resolveReports = async (type: ModeratedType, id: number) => {
    await strapi.db.query(UIDS.report).updateMany({ where: { targetType: type, targetId: id, resolved: false }, data: { resolved: true } });
  };

  type Applied = { type: ModeratedType; id: number; documentId: string; authorId: number | null; postDocumentId: string | null; from: ModeratedStatus; to: ModeratedStatus };

  /**
   * Apply `change` to a locked item inside the current transaction: the row, the comment counters, the
   * reports and the audit record. Shared by moderators' decisions, the report threshold and WeChat's image
   * verdicts.
   */
  const apply = async (
    trx: Knex.Transaction,
    type: ModeratedType,
    item: Row,
    change: { status?: ModeratedStatus; pinned?: boolean; commentsLocked?: boolean; reviewed?: boolean; hiddenReason?: string | null; note?: string | null; resolve?: boolean },
    decision: { source: DecisionSource; moderator?: Moderator | null; action: string; note?: string | null },
  ): Promise<Applied> => {
    const id = Number(item.id);
    const from = item.status as ModeratedStatus;
    const data: Row = {};
    if (change.status && change.status !== from) {
      data.status = change.status;
      data.hiddenReason = change.status === 'hidden' ? (change.hiddenReason ?? 'moderator') : null;
      data.moderationNote = change.note ?? null;
      // A post enters the feeds when it is first published (a queued post takes its place at approval).
      if (type === 'post' && change.status === 'published' && !item.listedAt) data.listedAt = new Date();
    }
    if (change.pinned !== undefined) data.pinned = change.pinned;
    if (change.commentsLocked !== undefined) data.commentsLocked = change.commentsLocked;
    // A person looked at the images WeChat could not judge (or wanted looked at): they pass.
    if (change.reviewed && type === 'post' && (item.mediaCheck === 'review' || item.mediaCheck === 'pending')) data.mediaCheck = 'pass';
    if (Object.keys(data).length > 0) await strapi.db.query(UID_OF[type]).update({ where: { id }, data });
    if (type === 'comment' && change.status) {
      // A published comment counts in its post's commentCount and its thread's replyCount (services/counters.ts).
      await getService(strapi, 'comments').onStatusChange(id, from, change.status, trx);
    }
    if (change.resolve) {
      await resolveReports(type, id);
      await strapi.db.query(UID_OF[type]).update({ where: { id }, data: { reportCount: 0 } });
    }
    await getService(strapi, 'decisions').record({
      source: decision.source,
      moderator: decision.moderator ?? null,
      targetType: type,
      targetId: id,
      action: decision.action,
      fromStatus: from,
      toStatus: change.status ?? from,
      note: decision.note ?? null,
    });
    return {
      type,
      id,
      documentId: String(item.documentId),
      authorId: ((item.user as Row | null)?.id as number | undefined) ?? null,
      postDocumentId: type === 'post' ? String(item.documentId) : (((item.post as Row | null)?.documentId as string | undefined) ?? null),
      from,
      to: change.status ?? from,
    };
  };

  const tellAuthor = async (applied: Applied, message: { kind: 'approved' | 'rejected' | 'hidden'; text: string } | null) => {
    if (!message || !applied.authorId) return;
    await getService(strapi, 'notifications').notify(applied.authorId, {
      kind: message.kind,
      text: message.text,
      targetType: applied.type,
      targetDocumentId: applied.documentId,
      postDocumentId: applied.postDocumentId,
    });
    // The author's subscribe message about their post (the reminders plugin listens; once per post and result).
    if (applied.type === 'post' && applied.postDocumentId) {
      const reviewed: PostReviewed = { userId: applied.authorId, postDocumentId: applied.postDocumentId, result: message.kind, text: message.text };
      void strapi.eventHub.emit(POST_REVIEWED_EVENT, reviewed);
    }
  };

  // ---- the queue ---------------------------------------------------------------------------------

  const queueWhere = (type: ModeratedType, kind: QueueQuery['kind'], now: Date): Row[] => {
    const pending: Row[] = [{ status: 'pending' }];
    if (type === 'post') {
      const unjudgedSince = new Date(now.getTime() - communityConfig(strapi).mediaCheckTimeoutMinutes * 60_000);
      pending.push({ status: 'published', mediaCheck: 'review' });
      pending.push({ status: 'published', mediaCheck: 'pending', createdAt: { $lt: unjudgedSince } });
    }
    const reported: Row[] = [
      { status: 'hidden', hiddenReason: { $in: ['reports', 'media'] } },
      { status: 'published', reportCount: { $gt: 0 } },
    ];
    return kind === 'pending' ? pending : kind === 'reported' ? reported : [...pending, ...reported];
  };

  /** Keyset: strictly after the cursor in (createdAt, type, id), comments before posts at one instant. */
  const afterCursor = (type: ModeratedType, cursor: QueueKey | null): Row | null => {
    if (!cursor) return null;
    const at = new Date(cursor.createdAt);
    if (type === cursor.type) return { $or: [{ createdAt: { $gt: at } }, { createdAt: at, id: { $gt: cursor.id } }] };
    return type > cursor.type ? { createdAt: { $gte: at } } : { createdAt: { $gt: at } };
  };

  const reasonsFor = (type: ModeratedType, row: Row, now: Date): QueueReason[] => {
    const reasons: QueueReason[] = [];
    if (row.status === 'pending') reasons.push(row.textCheck === 'review' ? 'text_review' : 'text_unchecked');
    if (type === 'post' && row.status === 'published' && row.mediaCheck === 'review') reasons.push('media_review');
    if (type === 'post' && row.status === 'published' && row.mediaCheck === 'pending') {
      const timeout = communityConfig(strapi).mediaCheckTimeoutMinutes * 60_000;
      if (new Date(row.createdAt as string).getTime() < now.getTime() - timeout) reasons.push('media_unjudged');
    }
    if (row.status === 'hidden' && row.hiddenReason === 'reports') reasons.push('hidden_by_reports');
    if (row.status === 'hidden' && row.hiddenReason === 'media') reasons.push('hidden_by_media');
    if (row.status === 'published' && Number(row.reportCount) > 0) reasons.push('reported');
    return reasons;
  };

  const USER_FIELDS = ['id', 'documentId', 'username', 'nickname', 'avatar', 'createdAt', 'blocked'];

  const fetchQueueRows = async (type: ModeratedType, query: QueueQuery, cursor: QueueKey | null, now: Date): Promise<Row[]> => {
    const after = afterCursor(type, cursor);
    const where: Row = { $and: [{ $or: queueWhere(type, query.kind, now) }, ...(after ? [after] : [])] };
    return (await strapi.db.query(UID_OF[type]).findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      limit: query.limit + 1,
      populate:
        type === 'post'
          ? { user: { select: USER_FIELDS }, board: { select: ['slug', 'name'] }, images: { select: ['url', 'name', 'width', 'height'] } }
          : { user: { select: USER_FIELDS }, post: { select: ['id', 'documentId', 'title', 'status', 'anonymous'] } },
    })) as Row[];
  };

  const service = {
    /**
     * How much waits for a moderator (the admin's home page): posts and comments of the queue's `pending` kind
     * (text or images in review) and the reports nobody has settled. Indexes: community_posts_queue_idx and
     * community_comments_queue_idx (status, ...) for the pending rows, community_posts_media_queue_idx
     * (media_check, status, created_at) for the images in review, community_reports_open_idx (resolved).
     */
    async waiting(now = new Date()): Promise<{ posts: number; comments: number; openReports: number }> {
      const [posts, comments, openReports] = await Promise.all([
        strapi.db.query(UID_OF.post).count({ where: { $or: queueWhere('post', 'pending', now) } }),
        strapi.db.query(UID_OF.comment).count({ where: { $or: queueWhere('comment', 'pending', now) } }),
        strapi.db.query(UIDS.report).count({ where: { resolved: false } }),
      ]);
      return { posts: Number(posts), comments: Number(comments), openReports: Number(openReports) };
    },

    /** Items waiting for a person, oldest first, with their authors' real identities and the reports on them. */
    async queue(query: QueueQuery, now = new Date()): Promise<{ items: QueueItem[]; next: string | null }> {
      const cursor = query.cursor ? decodeQueueCursor(query.cursor) : null;
      if (query.cursor && !cursor) throw new ValidationError('cursor is not one this server issued', { field: 'cursor' });
      const types: ModeratedType[] = query.targetType ? [query.targetType] : ['comment', 'post'];
      const pages = await Promise.all(
        types.map(async (type) =>
          (await fetchQueueRows(type, query, cursor, now)).map((row) => ({ row, type, id: Number(row.id), createdAt: iso(row.createdAt) })),
        ),
      );
      const { items, next } = mergeQueuePages(pages, query.limit);

      const authorIds = [...new Set(items.map(({ row }) => (row.user as Row | null)?.id as number | undefined).filter((id): id is number => Boolean(id)))];
      const [mutes, reports] = await Promise.all([
        authorIds.length === 0
          ? []
          : ((await strapi.db.query(UIDS.mute).findMany({
              where: { user: { id: { $in: authorIds } }, until: { $gt: now }, liftedAt: { $null: true } },
              populate: { user: { select: ['id'] } },
            })) as Row[]),
        items.length === 0
          ? []
          : ((await strapi.db.query(UIDS.report).findMany({
              where: {
                resolved: false,
                $or: types.map((type) => ({ targetType: type, targetId: { $in: items.filter((item) => item.type === type).map((item) => item.id).concat(0) } })),
              },
              orderBy: { id: 'asc' },
              populate: { user: { select: ['id', 'nickname', 'createdAt'] } },
            })) as Row[]),
      ]);
      const mutedUntil = new Map<number, string>();
      for (const mute of mutes) {
        const userId = Number((mute.user as Row).id);
        const until = iso(mute.until);
        if ((mutedUntil.get(userId) ?? '') < until) mutedUntil.set(userId, until);
      }

      return {
        next,
        items: items.map(({ row, type, id, createdAt }) => {
          const user = row.user as Row | null;
          const authorId = user ? Number(user.id) : -1;
          const mine = reports.filter((report) => report.targetType === type && Number(report.targetId) === id);
          const counting = countingReporters(
            mine.filter((report) => report.user).map((report) => ({ reporterId: Number((report.user as Row).id), reporterCreatedAt: iso((report.user as Row).createdAt) })),
            authorId,
            now,
            rule(),
          );
          const post = row.post as Row | null;
          const board = row.board as Row | null;
          return {
            type,
            id,
            createdAt,
            documentId: String(row.documentId),
            status: row.status as ModeratedStatus,
            hiddenReason: (row.hiddenReason as string | null) ?? null,
            reasons: reasonsFor(type, row, now),
            textCheck: (row.textCheck as string | null) ?? null,
            mediaCheck: (row.mediaCheck as string | null) ?? null,
            title: (row.title as string | null) ?? null,
            content: String(row.content ?? ''),
            images: ((row.images as Row[] | null) ?? []).map((image) => ({
              url: String(image.url),
              name: (image.name as string | null) ?? null,
              width: (image.width as number | null) ?? null,
              height: (image.height as number | null) ?? null,
            })),
            board: board ? { slug: String(board.slug), name: String(board.name) } : null,
            post: post ? { id: Number(post.id), documentId: String(post.documentId), title: (post.title as string | null) ?? null, status: String(post.status) } : null,
            anonymous: Boolean(row.anonymous),
            pinned: Boolean(row.pinned),
            commentsLocked: Boolean(row.commentsLocked),
            moderationNote: (row.moderationNote as string | null) ?? null,
            author: user
              ? {
                  id: authorId,
                  documentId: String(user.documentId),
                  username: (user.username as string | null) ?? null,
                  nickname: (user.nickname as string | null) ?? null,
                  avatar: (user.avatar as string | null) ?? null,
                  createdAt: user.createdAt ? iso(user.createdAt) : null,
                  blocked: Boolean(user.blocked),
                  mutedUntil: mutedUntil.get(authorId) ?? null,
                }
              : null,
            reports: {
              total: mine.length,
              counted: counting.size,
              items: mine.map((report) => {
                const reporter = report.user as Row | null;
                return {
                  id: Number(report.id),
                  reason: String(report.reason),
                  note: (report.note as string | null) ?? null,
                  reporter: reporter ? { id: Number(reporter.id), nickname: (reporter.nickname as string | null) ?? null } : null,
                  counted: reporter ? counting.has(Number(reporter.id)) : false,
                  createdAt: iso(report.createdAt),
                };
              }),
            },
          };
        }),
      };
    },

    /** A moderator's decision on a post or comment (409 when the status table does not allow it). */
    async decide(type: ModeratedType, documentId: string, input: DecisionInput, moderator: Moderator) {
      const what = type === 'post' ? 'Post' : 'Comment';
      const applied = await strapi.db.transaction(async ({ trx }) => {
        const id = await lockRow(trx, type, { document_id: documentId });
        const item = id ? await loadItem(type, id) : null;
        if (!item) throw new NotFoundError(`${what} not found`);
        const queued = item.status === 'published' && (Number(item.reportCount) > 0 || item.mediaCheck === 'review' || item.mediaCheck === 'pending');
        const verdict = decide(
          type,
          { status: item.status as ModeratedStatus, pinned: Boolean(item.pinned), commentsLocked: Boolean(item.commentsLocked), queued },
          input.action,
          input.note,
        );
        if ('problem' in verdict) {
          if (verdict.reason === 'note_required') throw new ValidationError(verdict.problem, { reason: verdict.reason, field: 'note' });
          if (verdict.reason === 'not_applicable') throw new ValidationError(verdict.problem, { reason: verdict.reason, field: 'action' });
          throw conflictError(verdict.problem, { reason: verdict.reason, status: item.status });
        }
        // A decision on the item's status (or keeping it as it is) settles the reports on it; pinning or locking does not.
        const settles = verdict.change.status !== undefined || verdict.change.reviewed === true;
        return apply(
          trx,
          type,
          item,
          { ...verdict.change, hiddenReason: 'moderator', note: input.note ?? null, resolve: settles },
          { source: 'moderator', moderator, action: input.action, note: input.note ?? null },
        );
      });
      // Keeping a published item as it is changes nothing the author sees: nothing to tell.
      if (applied.from !== applied.to) await tellAuthor(applied, authorMessage(type, input.action as Action, input.note));
      // A comment published for the first time is news for the post's author and the one it answers.
      if (type === 'comment' && applied.from === 'pending' && applied.to === 'published') await getService(strapi, 'comments').announce(applied.id);
      const item = (await strapi.db.query(UID_OF[type]).findOne({ where: { id: applied.id } })) as Row;
      return {
        type,
        id: applied.id,
        documentId: applied.documentId,
        status: item.status as ModeratedStatus,
        pinned: Boolean(item.pinned),
        commentsLocked: Boolean(item.commentsLocked),
        hiddenReason: (item.hiddenReason as string | null) ?? null,
      };
    },

    /**
     * Hide a published (or still pending) item without a moderator: enough reports, or WeChat judged an
     * image risky. Takes the row lock itself; returns false when the item was not in a state to hide.
     */
    async hideAutomatically(
      type: ModeratedType,
      id: number,
      cause: { hiddenReason: 'reports' | 'media'; source: DecisionSource; note: string; message: string },
      within?: (trx: Knex.Transaction, item: Row) => Promise<boolean>,
    ): Promise<boolean> {
      const applied = await strapi.db.transaction(async ({ trx }) => {
        if (!(await lockRow(trx, type, { id }))) return null;
        const item = await loadItem(type, id);
        if (!item) return null;
        if (within && !(await within(trx, item))) return null;
        if (item.status !== 'published' && item.status !== 'pending') return null;
        return apply(
          trx,
          type,
          item,
          { status: 'hidden', hiddenReason: cause.hiddenReason, note: cause.note, ...(item.pinned ? { pinned: false } : {}) },
          { source: cause.source, action: 'hide', note: cause.note },
        );
      });
      if (!applied) return false;
      await tellAuthor(applied, { kind: 'hidden', text: cause.message });
      return true;
    },
  };
  return service;
};

export type ModerationService = ReturnType<typeof moderationService>;
export default moderationService;
