import type { Core } from '@strapi/strapi';
import { UIDS } from '../content-types';

/**
 * What the community tells its users (notification list with an unread count). Other services call
 * `notify` after their own write commits; a failed notification is logged, never fails the write.
 */
export type NotificationKind = 'approved' | 'rejected' | 'hidden' | 'liked' | 'replied' | 'commented' | 'muted';

export type NewNotification = {
  kind: NotificationKind;
  text: string;
  actorName?: string | null;
  targetType?: 'post' | 'comment' | null;
  targetDocumentId?: string | null;
  postDocumentId?: string | null;
};

const notificationsService = ({ strapi }: { strapi: Core.Strapi }) => ({
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
