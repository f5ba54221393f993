import { getService } from '../../src/plugins/community/server/src/utils/get-service';
import { createBoard, createPublishedPost, type TestBoard } from '../helpers/community';
import { getStrapi, http } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { setupWeChat, teardownWeChat } from '../helpers/wechat';

/**
 * Notifications (issue 13): what the community tells a user (approved / rejected and why, likes, replies,
 * comments), newest first a page at a time, with an unread count; each user reads and marks only their own.
 */
let board: TestBoard;

beforeAll(async () => {
  await setupWeChat();
  board = await createBoard();
});
afterAll(teardownWeChat);

type Notification = { documentId: string; kind: string; text: string; read: boolean; createdAt: string };

const notifications = () => getService(getStrapi(), 'notifications');
const list = (user: TestUser, query: Record<string, string | number> = {}) => http().get('/api/community/notifications').query(query).set(user.auth);
const unread = async (user: TestUser) => (await http().get('/api/community/notifications/unread-count').set(user.auth).expect(200)).body.data.unread as number;
const markRead = (user: TestUser, body: Record<string, unknown> = {}) => http().post('/api/community/notifications/read').set(user.auth).send(body);

/** `n` notifications for `user`, oldest first. */
const notifyTimes = async (user: TestUser, n: number, prefix = 'n') => {
  for (let i = 0; i < n; i += 1) await notifications().notify(user.id, { kind: 'approved', text: `${prefix} ${i}`, targetType: 'post', targetDocumentId: null });
};

const allPages = async (user: TestUser, limit: number) => {
  const seen: Notification[] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string | number> = cursor ? { limit, cursor } : { limit };
    const res: { body: { data: Notification[]; meta: { cursor: { next: string | null }; unread: number } } } = await list(user, query).expect(200);
    seen.push(...res.body.data);
    cursor = res.body.meta.cursor.next;
  } while (cursor);
  return seen;
};

describe('the notification list', () => {
  it('lists the caller’s notifications newest first, each once across pages, with the unread count', async () => {
    const user = await createUser();
    await notifyTimes(user, 7);
    const first = await list(user, { limit: 3 }).expect(200);
    expect(first.body.meta).toMatchObject({ unread: 7 });
    expect(first.body.data.map((n: Notification) => n.text)).toEqual(['n 6', 'n 5', 'n 4']);
    expect(first.body.data[0]).toMatchObject({ kind: 'approved', read: false, actorName: null, targetType: 'post', targetDocumentId: null, postDocumentId: null });
    const all = await allPages(user, 3);
    expect(all.map((n) => n.text)).toEqual(['n 6', 'n 5', 'n 4', 'n 3', 'n 2', 'n 1', 'n 0']);
  });

  it('shows nobody another user’s notifications', async () => {
    const [ann, bob] = [await createUser(), await createUser()];
    await notifyTimes(ann, 2, 'for ann');
    expect((await list(bob).expect(200)).body).toEqual({ data: [], meta: { cursor: { next: null }, unread: 0 } });
    expect(await unread(bob)).toBe(0);
  });

  it('tells an author of a reply, a comment and a like as they happen', async () => {
    const [ann, bob] = [await createUser({ nickname: 'Ann' }), await createUser({ nickname: 'Bob' })];
    const post = await createPublishedPost(ann, board);
    const root = (await http().post(`/api/community/posts/${post.documentId}/comments`).set(ann.auth).send({ content: '沙发' }).expect(201)).body.data;
    await http().post(`/api/community/posts/${post.documentId}/comments`).set(bob.auth).send({ content: '板凳', replyTo: root.documentId }).expect(201);
    await http().put(`/api/community/posts/${post.documentId}/like`).set(bob.auth).expect(200);
    const told = (await list(ann).expect(200)).body.data as Array<Notification & { actorName: string }>;
    expect(told.map((n) => [n.kind, n.actorName])).toEqual([['liked', 'Bob'], ['replied', 'Bob']]);
    expect(await unread(ann)).toBe(2);
  });
});

describe('marking read', () => {
  it('marks the given notifications read, then all of them, and the unread count follows', async () => {
    const user = await createUser();
    await notifyTimes(user, 4);
    const all = (await list(user).expect(200)).body.data as Notification[];
    const res = await markRead(user, { ids: [all[0].documentId, all[1].documentId] }).expect(200);
    expect(res.body).toEqual({ data: { unread: 2 }, meta: {} });
    expect(((await list(user).expect(200)).body.data as Notification[]).map((n) => n.read)).toEqual([true, true, false, false]);
    // Marking again changes nothing.
    expect((await markRead(user, { ids: [all[0].documentId] }).expect(200)).body.data.unread).toBe(2);
    expect((await markRead(user).expect(200)).body.data.unread).toBe(0);
    expect(await unread(user)).toBe(0);
  });

  it('marks only the caller’s own: another user’s ids change nothing', async () => {
    const [ann, bob] = [await createUser(), await createUser()];
    await notifyTimes(ann, 2);
    const annIds = ((await list(ann).expect(200)).body.data as Notification[]).map((n) => n.documentId);
    expect((await markRead(bob, { ids: annIds }).expect(200)).body.data.unread).toBe(0);
    await markRead(bob).expect(200);
    expect(await unread(ann)).toBe(2);
  });

  it('answers bad input with 400 and guests with 401', async () => {
    const user = await createUser();
    for (const body of [{ ids: [] }, { ids: ['NOT AN ID'] }, { ids: 'abc' }, { all: true }, { ids: Array.from({ length: 101 }, () => 'aaaaaaaaaaaaaaaaaaaaaaaa') }]) {
      expect((await markRead(user, body).expect(400)).body.error.name).toBe('ValidationError');
    }
    await list(user, { cursor: 'not-a-cursor!' }).expect(400);
    await list(user, { limit: 0 }).expect(400);
    await list(user, { page: 2 }).expect(400);
    // A comments cursor (oldest order) is not a notifications cursor.
    const oldest = Buffer.from(JSON.stringify({ order: 'oldest', createdAt: new Date().toISOString(), id: 1 })).toString('base64url');
    await list(user, { cursor: oldest }).expect(400);
    await http().get('/api/community/notifications').expect(401);
    await http().get('/api/community/notifications/unread-count').expect(401);
    await http().post('/api/community/notifications/read').send({}).expect(401);
  });
});

describe('notifyOnce', () => {
  it('stores one notification per recipient and key, even when called concurrently', async () => {
    const user = await createUser();
    await Promise.all(Array.from({ length: 10 }, () => notifications().notifyOnce(user.id, 'test:once', { kind: 'liked', text: '赞' })));
    expect(await unread(user)).toBe(1);
  });
});
