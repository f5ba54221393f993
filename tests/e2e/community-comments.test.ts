import { getService } from '../../src/plugins/community/server/src/utils/get-service';
import { createBoard, createPublishedPost, type TestBoard, type TestPost } from '../helpers/community';
import { getStrapi, http } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { fakeWeChat, setupWeChat, teardownWeChat } from '../helpers/wechat';

/**
 * Comments (issue 13): two-level threads with 回复 @name, newest or oldest first a page at a time,
 * 该评论已删除 in place of a deleted comment with replies, WeChat's check on every text, the post's and
 * thread's counters kept with every change, and nothing a reader may not see.
 */
let board: TestBoard;

beforeAll(async () => {
  await setupWeChat();
  board = await createBoard();
});
afterAll(teardownWeChat);

type Comment = {
  documentId: string;
  content: string;
  author: { documentId: string | null; nickname: string; avatar: string | null; anonymous: boolean } | null;
  replyToName: string | null;
  threadDocumentId: string | null;
  likeCount: number;
  liked: boolean;
  mine: boolean;
  deleted: boolean;
  status: string;
};
type Thread = Comment & { replies: Comment[]; replyCount: number };

const comment = (user: TestUser, post: TestPost, content: string, replyTo?: string) =>
  http().post(`/api/community/posts/${post.documentId}/comments`).set(user.auth).send(replyTo ? { content, replyTo } : { content });

const write = async (user: TestUser, post: TestPost, content: string, replyTo?: string): Promise<Comment> =>
  (await comment(user, post, content, replyTo).expect(201)).body.data;

const threads = (post: TestPost, viewer?: TestUser, query: Record<string, string | number> = {}) => {
  const req = http().get(`/api/community/posts/${post.documentId}/comments`).query(query);
  return viewer ? req.set(viewer.auth) : req;
};

const replies = (thread: string, viewer?: TestUser, query: Record<string, string | number> = {}) => {
  const req = http().get(`/api/community/comments/${thread}/replies`).query(query);
  return viewer ? req.set(viewer.auth) : req;
};

/** The counters as stored. */
const countsOf = async (post: TestPost) => {
  const row = await getStrapi().db.query('plugin::community.post').findOne({ where: { id: post.id }, select: ['commentCount'] });
  return Number(row.commentCount);
};
const replyCountOf = async (documentId: string) =>
  Number((await getStrapi().db.query('plugin::community.comment').findOne({ where: { documentId }, select: ['replyCount'] })).replyCount);

/** WeChat cannot be reached for the next check: the comment waits for a moderator. */
const wechatDownOnce = () => fakeWeChat().failNext('msg_sec_check', -1, 2);

const notificationsOf = async (user: TestUser) => (await http().get('/api/community/notifications').set(user.auth).expect(200)).body.data as Array<{ kind: string; text: string; actorName: string | null; targetDocumentId: string | null; postDocumentId: string | null }>;

describe('writing a comment', () => {
  it('publishes a comment WeChat passes, counts it on the post and tells the post’s author', async () => {
    const [author, reader] = [await createUser({ nickname: '楼主' }), await createUser({ nickname: '小红' })];
    const post = await createPublishedPost(author, board);
    const res = await comment(reader, post, '写得好').expect(201);
    expect(res.body.meta).toEqual({ moderation: 'published' });
    expect(res.body.data).toMatchObject({ content: '写得好', status: 'published', mine: true, deleted: false, threadDocumentId: null, replyToName: null, likeCount: 0 });
    expect(res.body.data.author).toEqual({ documentId: reader.documentId, nickname: '小红', avatar: null, anonymous: false });
    expect(await countsOf(post)).toBe(1);
    const told = await notificationsOf(author);
    expect(told).toEqual([expect.objectContaining({ kind: 'commented', actorName: '小红', targetDocumentId: res.body.data.documentId, postDocumentId: post.documentId })]);
    expect(told[0].text).toContain('写得好');
    // Nobody is told of their own comment.
    await write(author, post, '谢谢');
    expect(await notificationsOf(author)).toHaveLength(1);
  });

  it('refuses risky text with 400 内容含有违规信息 and stores nothing', async () => {
    const user = await createUser();
    const post = await createPublishedPost(user, board);
    const res = await comment(user, post, '来赌博吧').expect(400);
    expect(res.body.error).toMatchObject({ message: '内容含有违规信息', details: { reason: 'content_risky', field: 'content' } });
    expect(await getStrapi().db.query('plugin::community.comment').count({ where: { post: { id: post.id } } })).toBe(0);
    expect(await countsOf(post)).toBe(0);
  });

  it('keeps a comment WeChat could not check pending: its author sees it with its status, readers do not, nothing is counted', async () => {
    const [author, writer, reader] = [await createUser(), await createUser(), await createUser()];
    const post = await createPublishedPost(author, board);
    wechatDownOnce();
    const res = await comment(writer, post, '等一等').expect(201);
    expect(res.body.meta).toEqual({ moderation: 'pending' });
    expect(res.body.data.status).toBe('pending');
    expect(await countsOf(post)).toBe(0);
    const own = (await threads(post, writer).expect(200)).body.data as Thread[];
    expect(own.map((t) => [t.documentId, t.status])).toEqual([[res.body.data.documentId, 'pending']]);
    expect((await threads(post, reader).expect(200)).body.data).toEqual([]);
    expect((await threads(post).expect(200)).body.data).toEqual([]);
    // Nobody can reply to it or open its replies but its author.
    await comment(reader, post, '回复', res.body.data.documentId).expect(404);
    await replies(res.body.data.documentId, reader).expect(404);
    await replies(res.body.data.documentId, writer).expect(200);
    expect(await notificationsOf(author)).toEqual([]);
  });

  it('counts a pending comment when a moderator publishes it, and tells the authors then', async () => {
    const [author, writer] = [await createUser(), await createUser({ nickname: '晚到' })];
    const post = await createPublishedPost(author, board);
    wechatDownOnce();
    const pending = await write(writer, post, '审核后可见');
    const row = await getStrapi().db.query('plugin::community.comment').findOne({ where: { documentId: pending.documentId }, select: ['id'] });
    const comments = getService(getStrapi(), 'comments');
    expect(await comments.changeStatus(row.id, 'published')).toEqual({ from: 'pending', to: 'published' });
    expect(await countsOf(post)).toBe(1);
    expect((await threads(post).expect(200)).body.data.map((t: Thread) => t.documentId)).toEqual([pending.documentId]);
    expect(await notificationsOf(author)).toEqual([expect.objectContaining({ kind: 'commented', actorName: '晚到' })]);
    // Hidden by a moderator: out of the count and out of readers' sight; its author still sees it, as hidden.
    await comments.changeStatus(row.id, 'hidden', { hiddenReason: 'moderator' });
    expect(await countsOf(post)).toBe(0);
    expect((await threads(post).expect(200)).body.data).toEqual([]);
    expect((await threads(post, writer).expect(200)).body.data.map((t: Thread) => t.status)).toEqual(['hidden']);
  });

  it('keeps the counters with a status a moderator wrote by other means, through onStatusChange', async () => {
    const [author, writer] = [await createUser(), await createUser()];
    const post = await createPublishedPost(author, board);
    const root = await write(author, post, '楼');
    wechatDownOnce();
    const reply = await write(writer, post, '待审回复', root.documentId);
    const row = await getStrapi().db.query('plugin::community.comment').findOne({ where: { documentId: reply.documentId }, select: ['id'] });
    await getStrapi().db.query('plugin::community.comment').update({ where: { id: row.id }, data: { status: 'published' } });
    await getService(getStrapi(), 'comments').onStatusChange(row.id, 'pending', 'published');
    expect(await countsOf(post)).toBe(2);
    expect(await replyCountOf(root.documentId)).toBe(1);
    expect((await replies(root.documentId).expect(200)).body.data.map((r: Comment) => r.documentId)).toEqual([reply.documentId]);
  });

  it('refuses comments on a post whose comments are locked (403 comments_locked)', async () => {
    const user = await createUser();
    const post = await createPublishedPost(user, board, { commentsLocked: true });
    const res = await comment(user, post, '还能评论吗').expect(403);
    expect(res.body.error.details).toEqual({ reason: 'comments_locked' });
  });

  it('refuses a muted user’s comment with 403 and the end of the mute, and stores nothing', async () => {
    const [author, muted] = [await createUser(), await createUser()];
    const post = await createPublishedPost(author, board);
    const until = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    await getStrapi().db.query('plugin::community.mute').create({ data: { user: muted.id, until, reason: 'spam' } });
    const res = await comment(muted, post, '我被禁言了吗').expect(403);
    expect(res.body.error.details).toEqual({ reason: 'muted', until: until.toISOString() });
    expect(await countsOf(post)).toBe(0);
    expect((await threads(post, muted).expect(200)).body.data).toEqual([]);
  });

  it('keeps HTML as the plain text it is: stored and answered as written, neither stripped nor rendered', async () => {
    const user = await createUser();
    const post = await createPublishedPost(user, board);
    const text = '<b>粗体</b> <script>alert(1)</script> &amp; <img src=x onerror=alert(1)>';
    expect((await write(user, post, text)).content).toBe(text);
    expect((await threads(post).expect(200)).body.data[0].content).toBe(text);
  });

  it('answers bad input with 400: empty or blank text, too long, control characters, unknown fields, a bad id', async () => {
    const user = await createUser();
    const post = await createPublishedPost(user, board);
    for (const body of [{}, { content: '' }, { content: '   \n ' }, { content: '长'.repeat(501) }, { content: 'a\u0007b' }, { content: 'ok', extra: 1 }, { content: 42 }, { content: 'ok', replyTo: 'NOT AN ID' }]) {
      const res = await http().post(`/api/community/posts/${post.documentId}/comments`).set(user.auth).send(body).expect(400);
      expect(res.body.error.name).toBe('ValidationError');
    }
    await http().post('/api/community/posts/not-a-document-id!/comments').set(user.auth).send({ content: 'ok' }).expect(400);
    expect((await write(user, post, '长'.repeat(500))).content).toHaveLength(500);
    expect((await write(user, post, '  前后空白会去掉  ')).content).toBe('前后空白会去掉');
  });

  it('needs a signed-in user to write', async () => {
    const user = await createUser();
    const post = await createPublishedPost(user, board);
    const res = await http().post(`/api/community/posts/${post.documentId}/comments`).send({ content: '匿名游客' });
    expect(res.status).toBe(401);
    expect(await countsOf(post)).toBe(0);
  });
});

describe('threads and replies', () => {
  it('hangs a reply under its thread, and a reply to a reply says 回复 @name and keeps the thread', async () => {
    const [ann, bob, cat] = [await createUser({ nickname: 'Ann' }), await createUser({ nickname: 'Bob' }), await createUser({ nickname: 'Cat' })];
    const post = await createPublishedPost(ann, board);
    const root = await write(bob, post, '第一条');
    const reply = await write(cat, post, '回复第一条', root.documentId);
    expect(reply).toMatchObject({ threadDocumentId: root.documentId, replyToName: null });
    const nested = await write(ann, post, '回复 Cat', reply.documentId);
    expect(nested).toMatchObject({ threadDocumentId: root.documentId, replyToName: 'Cat' });
    expect(await countsOf(post)).toBe(3);
    expect(await replyCountOf(root.documentId)).toBe(2);

    const [thread] = (await threads(post).expect(200)).body.data as Thread[];
    expect(thread).toMatchObject({ documentId: root.documentId, replyCount: 2, threadDocumentId: null });
    expect(thread.replies.map((r) => [r.content, r.replyToName])).toEqual([['回复第一条', null], ['回复 Cat', 'Cat']]);

    // Bob hears of the reply to his comment, Cat of the reply to hers; Ann wrote one of them and is told of the others.
    expect((await notificationsOf(bob)).map((n) => [n.kind, n.actorName])).toEqual([['replied', 'Cat']]);
    expect((await notificationsOf(cat)).map((n) => [n.kind, n.actorName])).toEqual([['replied', 'Ann']]);
    expect((await notificationsOf(ann)).map((n) => [n.kind, n.actorName])).toEqual([['commented', 'Cat'], ['commented', 'Bob']]);
  });

  it('refuses a reply to a comment of another post (404)', async () => {
    const user = await createUser();
    const [one, two] = [await createPublishedPost(user, board), await createPublishedPost(user, board)];
    const root = await write(user, one, '在第一帖');
    await comment(user, two, '跨帖回复', root.documentId).expect(404);
  });

  it('pages through threads newest first and oldest first, each thread exactly once, with the first three replies oldest first', async () => {
    const user = await createUser();
    const post = await createPublishedPost(user, board);
    const written: string[] = [];
    for (let i = 0; i < 7; i += 1) written.push((await write(user, post, `thread ${i}`)).documentId);
    for (let i = 0; i < 5; i += 1) await write(user, post, `reply ${i}`, written[6]);

    for (const order of ['newest', 'oldest'] as const) {
      const seen: Thread[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: Record<string, string | number> = cursor ? { order, limit: 3, cursor } : { order, limit: 3 };
        const res: { body: { data: Thread[]; meta: { cursor: { next: string | null } } } } = await threads(post, undefined, query).expect(200);
        seen.push(...res.body.data);
        cursor = res.body.meta.cursor.next;
        pages += 1;
        // A comment written while paging lands where the order puts it, never twice and never shifting the rest.
        if (pages === 1) written.push((await write(user, post, `late ${order}`)).documentId);
      } while (cursor);
      const ids = seen.map((t) => t.documentId);
      expect(new Set(ids).size).toBe(ids.length);
      const expected = order === 'oldest' ? written : [...written.slice(0, 7)].reverse();
      expect(ids).toEqual(expected);
      const busy = seen.find((t) => t.documentId === written[6])!;
      expect(busy.replyCount).toBe(5);
      expect(busy.replies.map((r) => r.content)).toEqual(['reply 0', 'reply 1', 'reply 2']);
    }
  });

  it('pages through a thread’s replies oldest first, each once', async () => {
    const [ann, bob] = [await createUser(), await createUser()];
    const post = await createPublishedPost(ann, board);
    const root = await write(ann, post, '楼');
    const written: string[] = [];
    for (let i = 0; i < 8; i += 1) written.push((await write(i % 2 ? ann : bob, post, `第 ${i} 条`, i > 3 ? written[i - 1] : root.documentId)).documentId);
    const seen: Comment[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = cursor ? { limit: 3, cursor } : { limit: 3 };
      const res: { body: { data: Comment[]; meta: { cursor: { next: string | null } } } } = await replies(root.documentId, undefined, query).expect(200);
      seen.push(...res.body.data);
      cursor = res.body.meta.cursor.next;
    } while (cursor);
    expect(seen.map((r) => r.documentId)).toEqual(written);
    expect(seen.every((r) => r.threadDocumentId === root.documentId)).toBe(true);
    // A reply is not a thread: its replies are under the thread.
    await replies(written[0]).expect(404);
  });

  it('answers a cursor it did not issue, or one made for the other order, with 400', async () => {
    const user = await createUser();
    const post = await createPublishedPost(user, board);
    for (let i = 0; i < 3; i += 1) await write(user, post, `c${i}`);
    const newest = (await threads(post, undefined, { limit: 1 }).expect(200)).body.meta.cursor.next as string;
    expect(typeof newest).toBe('string');
    await threads(post, undefined, { order: 'oldest', cursor: newest }).expect(400);
    for (const cursor of ['garbage!', Buffer.from('{"order":"newest"}').toString('base64url'), 'x'.repeat(600)]) {
      expect((await threads(post, undefined, { cursor }).expect(400)).body.error.name).toBe('ValidationError');
    }
    await threads(post, undefined, { order: 'sideways' }).expect(400);
    await threads(post, undefined, { limit: 0 }).expect(400);
    await threads(post, undefined, { limit: 51 }).expect(400);
    await replies('not a id', undefined).expect(400);
  });
});

describe('counts under bursts (DESIGN invariant 9)', () => {
  it('counts 40 concurrent comments and replies by 40 users, and concurrent deletes, exactly', async () => {
    const author = await createUser();
    const writers = await Promise.all(Array.from({ length: 40 }, () => createUser()));
    const post = await createPublishedPost(author, board);
    const root = await write(author, post, '楼');
    const answers = await Promise.all(writers.map((user, i) => comment(user, post, `第 ${i} 条`, i % 2 === 0 ? root.documentId : undefined)));
    expect(answers.map((res) => res.status)).toEqual(writers.map(() => 201));
    expect(await countsOf(post)).toBe(41);
    expect(await replyCountOf(root.documentId)).toBe(20);
    // Half of them take theirs back at once, while the other half like the thread.
    await Promise.all(
      writers.map((user, i) =>
        i < 20 ? http().delete(`/api/community/comments/${answers[i].body.data.documentId}`).set(user.auth).expect(204) : http().put(`/api/community/comments/${root.documentId}/like`).set(user.auth).expect(200),
      ),
    );
    expect(await countsOf(post)).toBe(21);
    expect(await replyCountOf(root.documentId)).toBe(10);
    const published = await getStrapi().db.query('plugin::community.comment').count({ where: { post: { id: post.id }, status: 'published' } });
    expect(published).toBe(21);
  });
});

describe('deleting a comment', () => {
  it('leaves 该评论已删除 in place of a thread with replies, and removes one without', async () => {
    const [ann, bob] = [await createUser(), await createUser()];
    const post = await createPublishedPost(ann, board);
    const kept = await write(ann, post, '有回复');
    const reply = await write(bob, post, '回复', kept.documentId);
    const gone = await write(ann, post, '没回复');
    expect(await countsOf(post)).toBe(3);

    await http().delete(`/api/community/comments/${kept.documentId}`).set(ann.auth).expect(204);
    await http().delete(`/api/community/comments/${gone.documentId}`).set(ann.auth).expect(204);
    expect(await countsOf(post)).toBe(1);

    const list = (await threads(post, ann).expect(200)).body.data as Thread[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ documentId: kept.documentId, content: '该评论已删除', author: null, deleted: true, mine: false, replyCount: 1 });
    expect(list[0].replies.map((r) => r.documentId)).toEqual([reply.documentId]);

    // Its last reply gone, the tombstone goes too.
    await http().delete(`/api/community/comments/${reply.documentId}`).set(bob.auth).expect(204);
    expect((await threads(post).expect(200)).body.data).toEqual([]);
    expect(await countsOf(post)).toBe(0);
    expect(await replyCountOf(kept.documentId)).toBe(0);
  });

  it('keeps a deleted reply as 该评论已删除 while a reply answers it, and names it so', async () => {
    const [ann, bob, cat] = [await createUser(), await createUser({ nickname: 'Bob' }), await createUser()];
    const post = await createPublishedPost(ann, board);
    const root = await write(ann, post, '楼');
    const middle = await write(bob, post, '中间', root.documentId);
    const answer = await write(cat, post, '回复 Bob', middle.documentId);
    await http().delete(`/api/community/comments/${middle.documentId}`).set(bob.auth).expect(204);
    const shown = (await replies(root.documentId).expect(200)).body.data as Comment[];
    expect(shown.map((r) => [r.documentId, r.content, r.deleted, r.replyToName])).toEqual([
      [middle.documentId, '该评论已删除', true, null],
      [answer.documentId, '回复 Bob', false, '该评论已删除'],
    ]);
    expect(await replyCountOf(root.documentId)).toBe(1);
  });

  it('lets only the author delete: anyone else gets 404, and a deleted comment cannot be deleted, liked or answered again', async () => {
    const [ann, bob] = [await createUser(), await createUser()];
    const post = await createPublishedPost(ann, board);
    const mine = await write(ann, post, '我的');
    await http().delete(`/api/community/comments/${mine.documentId}`).set(bob.auth).expect(404);
    expect(await countsOf(post)).toBe(1);
    await http().delete(`/api/community/comments/${mine.documentId}`).set(ann.auth).expect(204);
    await http().delete(`/api/community/comments/${mine.documentId}`).set(ann.auth).expect(404);
    await http().put(`/api/community/comments/${mine.documentId}/like`).set(bob.auth).expect(404);
    await comment(bob, post, '回复已删', mine.documentId).expect(404);
    await http().delete('/api/community/comments/BAD').set(ann.auth).expect(400);
  });
});

describe('who sees what', () => {
  it('answers 404 for the comments of a post readers may not see, and lets nobody comment there', async () => {
    const [author, reader] = [await createUser(), await createUser()];
    for (const status of ['pending', 'hidden', 'rejected', 'deleted'] as const) {
      const post = await createPublishedPost(author, board, { status });
      await threads(post, reader).expect(404);
      await threads(post).expect(404);
      await comment(reader, post, '看不到').expect(404);
      await comment(author, post, '自己的也不行').expect(404);
    }
    // The author still reads the comments of their own hidden post.
    const hidden = await createPublishedPost(author, board);
    await write(reader, hidden, '在隐藏之前');
    await getStrapi().db.query('plugin::community.post').update({ where: { id: hidden.id }, data: { status: 'hidden' } });
    expect((await threads(hidden, author).expect(200)).body.data).toHaveLength(1);
    await threads(hidden, reader).expect(404);
    await http().get('/api/community/posts/aaaaaaaaaaaaaaaaaaaaaaaa/comments').expect(404);
  });

  it('shows readers neither another user’s pending or hidden comment nor its replies', async () => {
    const [ann, bob, reader] = [await createUser(), await createUser(), await createUser()];
    const post = await createPublishedPost(ann, board);
    const root = await write(ann, post, '楼');
    const hiddenReply = await write(bob, post, '将被隐藏', root.documentId);
    wechatDownOnce();
    const pendingReply = await write(bob, post, '待审', root.documentId);
    const row = await getStrapi().db.query('plugin::community.comment').findOne({ where: { documentId: hiddenReply.documentId }, select: ['id'] });
    await getService(getStrapi(), 'comments').changeStatus(row.id, 'hidden', { hiddenReason: 'reports' });

    const forReader = (await replies(root.documentId, reader).expect(200)).body.data as Comment[];
    expect(forReader).toEqual([]);
    const [thread] = (await threads(post, reader).expect(200)).body.data as Thread[];
    expect(thread).toMatchObject({ replyCount: 0, replies: [] });
    const forBob = (await replies(root.documentId, bob).expect(200)).body.data as Comment[];
    expect(forBob.map((r) => [r.documentId, r.status, r.mine])).toEqual([
      [hiddenReply.documentId, 'hidden', true],
      [pendingReply.documentId, 'pending', true],
    ]);
    await http().put(`/api/community/comments/${hiddenReply.documentId}/like`).set(reader.auth).expect(404);
  });

  it('never shows an anonymous post’s author behind their comments there, except to themselves', async () => {
    const [op, reader] = [await createUser({ nickname: '真名楼主' }), await createUser({ nickname: '读者' })];
    const post = await createPublishedPost(op, board, { anonymous: true });
    const root = await write(reader, post, '问一下');
    const answer = await write(op, post, '楼主回复', root.documentId);
    const followUp = await write(reader, post, '追问', answer.documentId);
    expect(followUp.replyToName).toBe('匿名用户');

    for (const res of [await threads(post, reader).expect(200), await threads(post).expect(200), await replies(root.documentId, reader).expect(200)]) {
      expect(res.text).not.toContain('真名楼主');
      expect(res.text).not.toContain(op.documentId);
    }
    const [thread] = (await threads(post).expect(200)).body.data as Thread[];
    expect(thread.replies[0].author).toEqual({ documentId: null, nickname: '匿名用户', avatar: null, anonymous: true });
    expect((await notificationsOf(reader)).map((n) => [n.kind, n.actorName])).toEqual([['replied', '匿名用户']]);
    expect(JSON.stringify(await notificationsOf(reader))).not.toContain('真名楼主');

    const [own] = (await threads(post, op).expect(200)).body.data as Thread[];
    expect(own.replies[0]).toMatchObject({ mine: true, author: { documentId: op.documentId, nickname: '真名楼主', anonymous: true } });
  });
});
