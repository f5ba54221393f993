import { DELETED_TEXT, threadsOf, type CommentRow } from '../threads';

const row = (id: number, parentId: number | null, authorName: string, extra: Partial<CommentRow> = {}): CommentRow => ({
  id,
  parentId,
  authorName,
  content: `comment ${id}`,
  deleted: false,
  createdAt: `2026-12-04T00:00:${String(id).padStart(2, '0')}.000Z`,
  ...extra,
});

describe('comment threads', () => {
  it('hang every reply under its root, oldest first, and say whom a reply to a reply answers', () => {
    const threads = threadsOf([row(1, null, '小明'), row(2, 1, '小红'), row(3, 2, '小刚'), row(4, null, '小李'), row(5, 1, '小明')]);
    expect(threads.map((t) => [t.id, t.replies.map((r) => [r.id, r.replyTo])])).toEqual([
      [1, [[2, null], [3, '回复 @小红'], [5, null]]],
      [4, []],
    ]);
  });

  it('keep a deleted comment that has replies as 该评论已删除, and drop one without replies', () => {
    const threads = threadsOf([row(1, null, '小明', { deleted: true }), row(2, 1, '小红'), row(3, null, '小李', { deleted: true }), row(4, 2, '小刚', { deleted: true })]);
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ id: 1, content: DELETED_TEXT, authorName: null, deleted: true });
    expect(threads[0].replies.map((r) => r.id)).toEqual([2]);
  });

  it('drop a deleted comment whose replies were all deleted too', () => {
    const threads = threadsOf([row(1, null, '小明', { deleted: true }), row(2, 1, '小红', { deleted: true }), row(3, 2, '小刚', { deleted: true }), row(4, null, '小李')]);
    expect(threads.map((t) => [t.id, t.replies.length])).toEqual([[4, 0]]);
  });

  it('name a deleted parent as deleted in a reply', () => {
    const threads = threadsOf([row(1, null, '小明'), row(2, 1, '小红', { deleted: true }), row(3, 2, '小刚')]);
    expect(threads[0].replies.map((r) => r.replyTo)).toEqual([null, `回复 @${DELETED_TEXT}`]);
  });
});
