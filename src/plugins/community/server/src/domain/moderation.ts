import { z } from 'zod';

/**
 * What a moderator's decision does to a post or comment (issue 13). The statuses are those of the
 * content types; `deleted` is final. Impossible moves are refused (the controller answers 409), so the
 * audit trail only ever holds decisions that changed something.
 *
 * | action  | from                 | to        | notes                                  |
 * |---------|----------------------|-----------|----------------------------------------|
 * | approve | pending, hidden      | published | a queued or hidden item passes review  |
 * | approve | published, in the queue | (same) | its reports / image doubts are cleared |
 * | reject  | pending, hidden      | rejected  | needs a note: the author is told why   |
 * | hide    | published            | hidden    |                                        |
 * | restore | hidden, rejected     | published | a decision taken back                  |
 * | delete  | anything but deleted | deleted   |                                        |
 * | pin / unpin, lock / unlock | a post, not deleted | (same) | pin needs it published     |
 */
export type ModeratedStatus = 'pending' | 'published' | 'rejected' | 'hidden' | 'deleted';
export type ModeratedType = 'post' | 'comment';
export type Action = 'approve' | 'reject' | 'hide' | 'restore' | 'pin' | 'unpin' | 'lock' | 'unlock' | 'delete';

/** `queued`: a published item in the queue anyway (open reports, an image WeChat wants looked at). */
export type ModeratedItem = { status: ModeratedStatus; pinned?: boolean; commentsLocked?: boolean; queued?: boolean };

/** `reviewed`: a moderator looked at a published item in the queue and keeps it (its doubts are cleared). */
export type Change = { status?: ModeratedStatus; pinned?: boolean; commentsLocked?: boolean; reviewed?: boolean };

export type Refusal = { problem: string; reason: 'not_applicable' | 'impossible_transition' | 'note_required' };

const STATUS_MOVES: Partial<Record<Action, { from: ModeratedStatus[]; to: ModeratedStatus }>> = {
  approve: { from: ['pending', 'hidden'], to: 'published' },
  reject: { from: ['pending', 'hidden'], to: 'rejected' },
  hide: { from: ['published'], to: 'hidden' },
  restore: { from: ['hidden', 'rejected'], to: 'published' },
  delete: { from: ['pending', 'published', 'rejected', 'hidden'], to: 'deleted' },
};

const FLAGS: Partial<Record<Action, { flag: 'pinned' | 'commentsLocked'; value: boolean; label: string }>> = {
  pin: { flag: 'pinned', value: true, label: 'pinned' },
  unpin: { flag: 'pinned', value: false, label: 'not pinned' },
  lock: { flag: 'commentsLocked', value: true, label: 'locked for comments' },
  unlock: { flag: 'commentsLocked', value: false, label: 'open for comments' },
};

/** The change `action` makes to `item`, or why it cannot be made. */
export const decide = (type: ModeratedType, item: ModeratedItem, action: Action, note?: string | null): { change: Change } | Refusal => {
  const move = STATUS_MOVES[action];
  if (action === 'approve' && item.status === 'published' && item.queued) return { change: { reviewed: true } };
  if (move) {
    if (!move.from.includes(item.status)) {
      return { reason: 'impossible_transition', problem: `A ${item.status} ${type} cannot be ${pastTense[action]} (only a ${move.from.join(' or ')} one)` };
    }
    if (action === 'reject' && !note) return { reason: 'note_required', problem: 'Say why in the note: the author is told' };
    // A pinned post that leaves the feed is unpinned, or it would come back pinned on a later restore.
    return { change: move.to === 'published' || !item.pinned ? { status: move.to } : { status: move.to, pinned: false } };
  }
  const flag = FLAGS[action];
  if (!flag) return { reason: 'not_applicable', problem: `Unknown action ${action}` };
  if (type !== 'post') return { reason: 'not_applicable', problem: `Only posts can be ${pastTense[action]}` };
  if (item.status === 'deleted') return { reason: 'impossible_transition', problem: `A deleted post cannot be ${pastTense[action]}` };
  if (action === 'pin' && item.status !== 'published') return { reason: 'impossible_transition', problem: `Only a published post can be pinned (this one is ${item.status})` };
  if (Boolean(item[flag.flag]) === flag.value) return { reason: 'impossible_transition', problem: `The post is already ${flag.label}` };
  return { change: { [flag.flag]: flag.value } };
};

const pastTense: Record<Action, string> = {
  approve: 'approved',
  reject: 'rejected',
  hide: 'hidden',
  restore: 'restored',
  delete: 'deleted',
  pin: 'pinned',
  unpin: 'unpinned',
  lock: 'locked',
  unlock: 'unlocked',
};

/** What the author is told about a decision on their post or comment (null: nothing to tell). */
export const authorMessage = (
  type: ModeratedType,
  action: Action,
  note?: string | null,
): { kind: 'approved' | 'rejected' | 'hidden'; text: string } | null => {
  const what = type === 'post' ? '帖子' : '评论';
  const why = note ? `：${note}` : '';
  switch (action) {
    case 'approve':
      return { kind: 'approved', text: `你的${what}已通过审核` };
    case 'restore':
      return { kind: 'approved', text: `你的${what}已恢复显示` };
    case 'reject':
      return { kind: 'rejected', text: `你的${what}未通过审核${why}` };
    case 'hide':
      return { kind: 'hidden', text: `你的${what}已被隐藏${why || '：违反社区规范'}` };
    case 'delete':
      return { kind: 'hidden', text: `你的${what}已被删除${why || '：违反社区规范'}` };
    default:
      return null;
  }
};

/**
 * The moderators' queue is one list over posts and comments, oldest first: ordered by (createdAt, type,
 * id), with comments before posts at the same instant. The cursor is the last item's key (base64url JSON).
 */
const queueCursorSchema = z.object({ createdAt: z.string().datetime(), type: z.enum(['comment', 'post']), id: z.number().int().positive() }).strict();
export type QueueKey = z.infer<typeof queueCursorSchema>;

export const encodeQueueCursor = (key: QueueKey): string => Buffer.from(JSON.stringify(queueCursorSchema.parse(key)), 'utf8').toString('base64url');

export const decodeQueueCursor = (text: string): QueueKey | null => {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(text)) return null;
  try {
    const parsed = queueCursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

export const compareQueueKeys = (a: QueueKey, b: QueueKey): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.type !== b.type ? (a.type < b.type ? -1 : 1) : a.id - b.id;

/** Two pages (each oldest first, each already after the cursor) merged into the first `limit` items, and the next cursor. */
export const mergeQueuePages = <T extends QueueKey>(pages: T[][], limit: number): { items: T[]; next: string | null } => {
  const all = pages.flat().sort(compareQueueKeys);
  const items = all.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: all.length > limit && last ? encodeQueueCursor({ createdAt: last.createdAt, type: last.type, id: last.id }) : null };
};
