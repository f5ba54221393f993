/**
 * What the moderation admin API answers (server/src/services/{moderation,decisions,mutes}.ts) and the
 * words the page uses for it. Text from users is only ever rendered as React text (escaped), never as HTML.
 */
export type QueueReason = 'text_review' | 'text_unchecked' | 'media_review' | 'media_unjudged' | 'hidden_by_reports' | 'hidden_by_media' | 'reported';
export type ItemType = 'post' | 'comment';
export type Status = 'pending' | 'published' | 'rejected' | 'hidden' | 'deleted';
export type Action = 'approve' | 'reject' | 'hide' | 'restore' | 'pin' | 'unpin' | 'lock' | 'unlock' | 'delete';

export type QueueItem = {
  type: ItemType;
  id: number;
  documentId: string;
  createdAt: string;
  status: Status;
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
  author: {
    id: number;
    documentId: string;
    username: string | null;
    nickname: string | null;
    avatar: string | null;
    createdAt: string | null;
    blocked: boolean;
    mutedUntil: string | null;
  } | null;
  reports: {
    total: number;
    counted: number;
    items: Array<{ id: number; reason: string; note: string | null; reporter: { id: number; nickname: string | null } | null; counted: boolean; createdAt: string }>;
  };
};

export type QueuePage = { data: QueueItem[]; meta: { cursor: { next: string | null } } };

export type Decision = {
  id: number;
  source: 'moderator' | 'wechat' | 'reports' | 'system';
  moderatorId: number | null;
  moderatorName: string | null;
  targetType: 'post' | 'comment' | 'user';
  targetId: number;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  createdAt: string;
};

export type DecisionPage = { data: Decision[]; meta: { cursor: { next: number | null } } };

export type Mute = { id: number; userId: number; nickname: string | null; until: string; reason: string | null; moderatorId: number | null; liftedAt: string | null; createdAt: string };

export const REASON_LABELS: Record<QueueReason, string> = {
  text_review: 'WeChat wants a review (微信建议人工审核)',
  text_unchecked: 'Not checked: WeChat was unreachable (未经微信检测)',
  media_review: 'Image needs a look (图片待人工审核)',
  media_unjudged: 'Image verdict overdue (图片检测超时)',
  hidden_by_reports: 'Hidden by reports (举报隐藏)',
  hidden_by_media: 'Hidden: risky image (图片违规隐藏)',
  reported: 'Reported (被举报)',
};

export const REPORT_REASON_LABELS: Record<string, string> = {
  spam: '垃圾广告 spam',
  abuse: '辱骂攻击 abuse',
  porn: '色情低俗 porn',
  politics: '政治敏感 politics',
  fraud: '诈骗 fraud',
  other: '其他 other',
};

export const STATUS_LABELS: Record<Status, string> = {
  pending: 'Pending 待审核',
  published: 'Published 已发布',
  rejected: 'Rejected 未通过',
  hidden: 'Hidden 已隐藏',
  deleted: 'Deleted 已删除',
};

export const ACTION_LABELS: Record<string, string> = {
  approve: 'Approve 通过',
  reject: 'Reject 驳回',
  hide: 'Hide 隐藏',
  restore: 'Restore 恢复',
  pin: 'Pin 置顶',
  unpin: 'Unpin 取消置顶',
  lock: 'Lock comments 锁定评论',
  unlock: 'Unlock comments 解锁评论',
  delete: 'Delete 删除',
  mute: 'Mute 禁言',
  unmute: 'Unmute 解除禁言',
};

export const SOURCE_LABELS: Record<Decision['source'], string> = {
  moderator: 'Moderator 管理员',
  wechat: 'WeChat 微信检测',
  reports: 'Reports 举报',
  system: 'System 系统',
};

/** The actions that make sense for an item in this state (the server refuses the rest with 409 anyway). */
export const actionsFor = (item: Pick<QueueItem, 'type' | 'status' | 'pinned' | 'commentsLocked' | 'reasons'>): Action[] => {
  const actions: Action[] = [];
  if (item.status === 'pending' || item.status === 'hidden') actions.push('approve', 'reject');
  // A published item in the queue (reported, an image in doubt): approve keeps it and clears the doubts.
  if (item.status === 'published' && item.reasons.length > 0) actions.push('approve');
  if (item.status === 'published') actions.push('hide');
  if (item.status === 'rejected') actions.push('restore');
  if (item.type === 'post' && item.status === 'published') actions.push(item.pinned ? 'unpin' : 'pin');
  if (item.type === 'post' && item.status !== 'deleted') actions.push(item.commentsLocked ? 'unlock' : 'lock');
  if (item.status !== 'deleted') actions.push('delete');
  return actions;
};

/** Actions that ask for a note first (reject needs one: the author is told why). */
export const NOTE_ACTIONS: ReadonlySet<Action> = new Set(['reject', 'hide', 'delete']);

export const formatInstant = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
};

/** "3 天" for an account's age (reports from accounts younger than a day do not count). */
export const accountAge = (createdAt: string | null, now = Date.now()): string => {
  if (!createdAt) return '—';
  const hours = (now - new Date(createdAt).getTime()) / 3_600_000;
  return hours < 24 ? `${Math.max(0, Math.floor(hours))} h` : `${Math.floor(hours / 24)} 天`;
};

/** One line for an error of the admin fetch client (its FetchError has `status` and the server's `message`). */
export const describeError = (error: unknown): string => {
  const { status, message } = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown; message?: unknown };
  const text = typeof message === 'string' && message ? message : 'Unknown error';
  switch (status) {
    case 401:
      return 'Your session has expired; sign in again (登录已过期).';
    case 403:
      return 'You do not have the moderation permission (无审核权限).';
    case 409:
      return `Already changed by someone else: ${text} (已被他人处理，请刷新)`;
    default:
      return text;
  }
};
