/**
 * Two-level comment threads (issue 13, seed 004): a comment on a post is a root; a reply to a root or to
 * another reply hangs under the root, and a reply to a reply says "回复 @name". A deleted comment that has
 * replies stays in place as "该评论已删除" (its replies keep their context); one without replies goes.
 */
export const DELETED_TEXT = '该评论已删除';
export const ANONYMOUS_NAME = '匿名用户';

export type CommentRow = {
  id: number;
  /** The comment replied to, or null for a root. */
  parentId: number | null;
  authorName: string;
  content: string;
  deleted: boolean;
  createdAt: string;
};

export type CommentView = {
  id: number;
  rootId: number;
  authorName: string | null;
  content: string;
  deleted: boolean;
  /** "回复 @name" when this replies to a reply (not to the root itself). */
  replyTo: string | null;
  createdAt: string;
};

export type Thread = CommentView & { replies: CommentView[] };

/** Roots in the given order, each with its replies oldest first; a deleted comment is kept as a tombstone only while something under it is shown. */
export const threadsOf = (rows: readonly CommentRow[]): Thread[] => {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const rootOf = (row: CommentRow): CommentRow => {
    let current = row;
    const seen = new Set<number>();
    while (current.parentId !== null && byId.has(current.parentId) && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.parentId)!;
    }
    return current;
  };
  // A comment is shown when it stands (not deleted) or when something under it is shown.
  const children = new Map<number, CommentRow[]>();
  for (const row of rows) if (row.parentId !== null) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const shown = new Map<number, boolean>();
  const isShown = (row: CommentRow, path = new Set<number>()): boolean => {
    const known = shown.get(row.id);
    if (known !== undefined) return known;
    if (path.has(row.id)) return !row.deleted;
    path.add(row.id);
    const answer = !row.deleted || (children.get(row.id) ?? []).some((child) => isShown(child, path));
    shown.set(row.id, answer);
    return answer;
  };
  const view = (row: CommentRow, root: CommentRow): CommentView => {
    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    return {
      id: row.id,
      rootId: root.id,
      authorName: row.deleted ? null : row.authorName,
      content: row.deleted ? DELETED_TEXT : row.content,
      deleted: row.deleted,
      replyTo: parent && parent.id !== root.id ? `回复 @${parent.deleted ? DELETED_TEXT : parent.authorName}` : null,
      createdAt: row.createdAt,
    };
  };
  const threads = new Map<number, Thread>();
  for (const row of rows) {
    if (row.parentId !== null || !isShown(row)) continue;
    threads.set(row.id, { ...view(row, row), replies: [] });
  }
  const replies = rows
    .filter((row) => row.parentId !== null)
    .sort((a, b) => (a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1));
  for (const row of replies) {
    if (!isShown(row)) continue;
    const root = rootOf(row);
    threads.get(root.id)?.replies.push(view(row, root));
  }
  return [...threads.values()];
};
