import type { Core } from '@strapi/strapi';
import { isUniqueViolation } from '../../../../../utils/db-errors';
import { UIDS } from '../content-types';
import type { MarkReadInput, NotificationsQuery } from '../validation/requests';
import { afterCursor, isoOf, orderOf, pageOf, readCursor } from '../utils/keyset-where';

/**
 * What the community tells its users (notification list with an unread count). Other services call
 * `notify` after their own write commits; a failed notification is logged, never fails the write.
 * Every read and write here is scoped to the recipient: the caller's id comes from the session, never
 * from the request.
 */
export type NotificationKind = 'approved' | 'rejected' | 'hidden' | 'liked' | 'replied' | 'commented' | 'muted';

export type NewNotification = {
  kind: NotificationKind;
  text: string;
  actorName?: string | null;
  /** What the notification is about (a user-made challenge: its moderation result). */
  targetType?: 'post' | 'comment' | 'challenge' | null;
  targetDocumentId?: string | null;
  postDocumentId?: string | null;
};

type NotificationRow = {
  id: number;
  documentId: string;
  kind: NotificationKind;
  text: string;
  actorName: string | null;
  targetType: 'post' | 'comment' | null;
  targetDocumentId: string | null;
  postDocumentId: string | null;
  readAt: unknown;
  createdAt: unknown;
};

const FIELDS = ['id', 'documentId', 'kind', 'text', 'actorName', 'targetType', 'targetDocumentId', 'postDocumentId', 'readAt', 'createdAt'];

const view = (row: NotificationRow) => ({
  documentId: row.documentId,
  kind: row.kind,
  text: row.text,
  actorName: row.actorName ?? null,
  targetType: row.targetType ?? null,
  targetDocumentId: row.targetDocumentId ?? null,
  postDocumentId: row.postDocumentId ?? null,
  read: row.readAt !== null && row.readAt !== undefined,
  createdAt: isoOf(row.createdAt),
});

export type NotificationView = ReturnType<typeof view>;

const notificationsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Like `notify`, but at most once per (recipient, `dedupeKey`), however often the cause repeats (a like
   * taken back and given again). The database's unique key decides between concurrent callers.
   */
  async notifyOnce(userId: number, dedupeKey: string, notification: NewNotification): Promise<void> {
    try {
      const known = await strapi.db.query(UIDS.notification).findOne({ where: { user: { id: userId }, dedupeKey }, select: ['id'] });
      if (known) return;
      await strapi.db.query(UIDS.notification).create({
        data: {
          user: userId,
          dedupeKey,
          kind: notification.kind,
          text: notification.text.slice(0, 500),
          actorName: notification.actorName ?? null,
          targetType: notification.targetType ?? null,
          targetDocumentId: notification.targetDocumentId ?? null,
          postDocumentId: notification.postDocumentId ?? null,
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) return;
      strapi.log.error(`[community] notification for user ${userId} not stored: ${error instanceof Error ? error.message : String(error)}`);
    }
  },

  /** The caller's notifications, newest first, a page at a time, with the unread count. */
  async list(userId: number, query: NotificationsQuery) {
    const cursor = readCursor(query.cursor, 'newest');
    const rows = (await strapi.db.query(UIDS.notification).findMany({
      where: { $and: [{ user: { id: userId } }, afterCursor(cursor)] },
      orderBy: orderOf('newest'),
      limit: query.limit + 1,
      select: FIELDS,
    })) as NotificationRow[];
    const { page, next } = pageOf(rows, query.limit, 'newest');
    return { data: page.map(view), meta: { cursor: { next }, unread: await this.unreadCount(userId) } };
  },

  async unreadCount(userId: number): Promise<number> {
    return strapi.db.query(UIDS.notification).count({ where: { user: { id: userId }, readAt: { $null: true } } });
  },

  /** Mark the caller's own notifications read: those in `ids` (others' ids change nothing), or all. The unread count after. */
  async markRead(userId: number, input: MarkReadInput): Promise<number> {
    const where: Record<string, unknown> = { user: { id: userId }, readAt: { $null: true } };
    if (input.ids) where.documentId = { $in: input.ids };
    // The Query Engine's updateMany cannot filter through a relation: find the caller's rows first, then mark them by id.
    const mine = await strapi.db.query(UIDS.notification).findMany({ where, select: ['id'] });
    const ids = mine.map((row: { id: number }) => row.id);
    for (let start = 0; start < ids.length; start += 500) {
      await strapi.db.query(UIDS.notification).updateMany({ where: { id: { $in: ids.slice(start, start + 500) } }, data: { readAt: new Date() } });
    }
    return this.unreadCount(userId);
  },

  async notify(userId: number, notification: NewNotification): Promise<void> {
    try {
      await strapi.db.query(UIDS.notification).create({
        data: {
          user: userId,
          kind: notification.kind,
          text: notification.text.slice(0, 500),
          actorName: notification.actorName ?? null,
          targetType: notification.targetType ?? null,
          targetDocumentId: notification.targetDocumentId ?? null,
          postDocumentId: notification.postDocumentId ?? null,
        },
      });
    } catch (error) {
      strapi.log.error(`[community] notification for user ${userId} not stored: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
});

export type NotificationsService = ReturnType<typeof notificationsService>;
export default notificationsService;
