import { authorMessage, compareQueueKeys, decide, decodeQueueCursor, encodeQueueCursor, mergeQueuePages, type QueueKey } from '../moderation';

describe('a moderator’s decision', () => {
  it('publishes a pending post on approval and rejects it only with a reason', () => {
    expect(decide('post', { status: 'pending' }, 'approve')).toEqual({ change: { status: 'published' } });
    expect(decide('post', { status: 'pending' }, 'reject')).toMatchObject({ reason: 'note_required' });
    expect(decide('post', { status: 'pending' }, 'reject', '广告')).toEqual({ change: { status: 'rejected' } });
  });

  it('refuses moves the status table does not have', () => {
    expect(decide('post', { status: 'published' }, 'approve')).toMatchObject({ reason: 'impossible_transition' });
    expect(decide('post', { status: 'pending' }, 'hide')).toMatchObject({ reason: 'impossible_transition' });
    expect(decide('comment', { status: 'deleted' }, 'restore')).toMatchObject({ reason: 'impossible_transition' });
    expect(decide('post', { status: 'deleted' }, 'delete')).toMatchObject({ reason: 'impossible_transition' });
  });

  it('takes an item hidden by reports or by the image check back into the feed, or rejects it', () => {
    expect(decide('post', { status: 'hidden' }, 'approve')).toEqual({ change: { status: 'published' } });
    expect(decide('comment', { status: 'hidden' }, 'reject', 'abuse')).toEqual({ change: { status: 'rejected' } });
    expect(decide('post', { status: 'rejected' }, 'restore')).toEqual({ change: { status: 'published' } });
  });

  it('keeps a published item a moderator looked at (reported, or an image in doubt), and only then', () => {
    expect(decide('post', { status: 'published', queued: true }, 'approve')).toEqual({ change: { reviewed: true } });
    expect(decide('comment', { status: 'published', queued: false }, 'approve')).toMatchObject({ reason: 'impossible_transition' });
  });

  it('unpins a pinned post that leaves the feed', () => {
    expect(decide('post', { status: 'published', pinned: true }, 'hide')).toEqual({ change: { status: 'hidden', pinned: false } });
  });

  it('pins and locks posts only, once, and pins only published ones', () => {
    expect(decide('post', { status: 'published', pinned: false }, 'pin')).toEqual({ change: { pinned: true } });
    expect(decide('post', { status: 'published', pinned: true }, 'pin')).toMatchObject({ reason: 'impossible_transition' });
    expect(decide('post', { status: 'pending' }, 'pin')).toMatchObject({ reason: 'impossible_transition' });
    expect(decide('post', { status: 'hidden', commentsLocked: false }, 'lock')).toEqual({ change: { commentsLocked: true } });
    expect(decide('post', { status: 'published', commentsLocked: false }, 'unlock')).toMatchObject({ reason: 'impossible_transition' });
    expect(decide('comment', { status: 'published' }, 'pin')).toMatchObject({ reason: 'not_applicable' });
  });
});

describe('what the author is told', () => {
  it('says approved, or not approved and why', () => {
    expect(authorMessage('post', 'approve')).toEqual({ kind: 'approved', text: '你的帖子已通过审核' });
    expect(authorMessage('post', 'reject', '含有广告')).toEqual({ kind: 'rejected', text: '你的帖子未通过审核：含有广告' });
    expect(authorMessage('comment', 'hide')).toEqual({ kind: 'hidden', text: '你的评论已被隐藏：违反社区规范' });
    expect(authorMessage('post', 'pin')).toBeNull();
  });
});

describe('the queue order', () => {
  const at = (createdAt: string, type: 'post' | 'comment', id: number): QueueKey => ({ createdAt, type, id });

  it('is oldest first, comments before posts at one instant, then by id', () => {
    const keys = [at('2026-12-04T10:00:00.000Z', 'post', 1), at('2026-12-04T09:00:00.000Z', 'post', 9), at('2026-12-04T10:00:00.000Z', 'comment', 5), at('2026-12-04T10:00:00.000Z', 'post', 0 + 2)];
    expect([...keys].sort(compareQueueKeys).map((k) => `${k.type}${k.id}`)).toEqual(['post9', 'comment5', 'post1', 'post2']);
  });

  it('merges the two tables’ pages and continues after the last item shown', () => {
    const posts = [at('2026-12-04T01:00:00.000Z', 'post', 1), at('2026-12-04T03:00:00.000Z', 'post', 2)];
    const comments = [at('2026-12-04T02:00:00.000Z', 'comment', 7), at('2026-12-04T04:00:00.000Z', 'comment', 8)];
    const page = mergeQueuePages([posts, comments], 2);
    expect(page.items.map((k) => k.id)).toEqual([1, 7]);
    expect(decodeQueueCursor(page.next as string)).toEqual(comments[0]);
    expect(mergeQueuePages([posts, comments], 4).next).toBeNull();
  });

  it('refuses a cursor it did not issue', () => {
    expect(decodeQueueCursor('not a cursor')).toBeNull();
    expect(decodeQueueCursor(Buffer.from('{"id":1}').toString('base64url'))).toBeNull();
    expect(decodeQueueCursor(encodeQueueCursor(at('2026-12-04T01:00:00.000Z', 'post', 3)))).toEqual(at('2026-12-04T01:00:00.000Z', 'post', 3));
  });
});
