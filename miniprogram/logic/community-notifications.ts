/**
 * The community's notifications (审核结果 of posts, comments and user-made challenges, likes, replies, comments, mutes): rows with their icon and
 * time, the unread badge, and what reading one changes.
 */
import type { CommunityNotification, NotificationKind } from '../api/paths';
import { timeAgo } from './community';
import { updateItems, type CursorList } from './community-list';

export type { CommunityNotification };

const ICONS: Record<NotificationKind, string> = {
  approved: '✓',
  rejected: '✕',
  hidden: '!',
  liked: '♥',
  replied: '↩',
  commented: '✎',
  muted: '⊘',
};

export type NotificationRow = {
  documentId: string;
  kind: NotificationKind;
  icon: string;
  text: string;
  actor: string;
  time: string;
  read: boolean;
  /** The post to open on tap ('' when there is none, e.g. a mute). */
  postDocumentId: string;
  /** The challenge to open on tap (a user-made challenge's review result), else ''. */
  challengeDocumentId: string;
};

export const notificationRow = (notification: CommunityNotification, now: Date): NotificationRow => ({
  documentId: notification.documentId,
  kind: notification.kind,
  icon: ICONS[notification.kind],
  text: notification.text,
  actor: notification.actorName ?? '',
  time: timeAgo(notification.createdAt, now),
  read: notification.read,
  postDocumentId: notification.postDocumentId ?? '',
  challengeDocumentId: notification.targetType === 'challenge' ? (notification.targetDocumentId ?? '') : '',
});

/** Where a tap on a notification goes ('' for nowhere). */
export const notificationTarget = (row: Pick<NotificationRow, 'postDocumentId' | 'challengeDocumentId'>): string =>
  row.challengeDocumentId
    ? `/pages/challenge/index?id=${row.challengeDocumentId}`
    : row.postDocumentId
      ? `/pages/community-post/index?id=${row.postDocumentId}`
      : '';

/** The badge: '' for none, 99+ past 99. */
export const badgeText = (unread: number): string => (unread <= 0 ? '' : unread > 99 ? '99+' : String(unread));

export const markedRead = (list: CursorList<CommunityNotification>, ids: readonly string[] | 'all'): CursorList<CommunityNotification> =>
  ids === 'all'
    ? { ...list, items: list.items.map((item) => ({ ...item, read: true })) }
    : ids.reduce((shown, id) => updateItems(shown, id, (item) => ({ ...item, read: true })), list);
