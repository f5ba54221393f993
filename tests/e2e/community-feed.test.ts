import { getStrapi, http } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { createBoard, type TestBoard } from '../helpers/community';
import { setupWeChat, teardownWeChat } from '../helpers/wechat';
import { insertPost, pageThrough, type StoredPost } from '../helpers/community-posts';
import { decodeCursor, encodeCursor } from '../../src/plugins/community/server/src/domain/cursor';
import { hotScore } from '../../src/plugins/community/server/src/domain/hot';
import { hotPageQuery } from '../../src/plugins/community/server/src/services/feed';

/**
 * The feeds (issue 13): keyset pages that stay right while posts are written during paging (each post
 * once, none skipped), newest and hot (the SQL score is domain/hot.ts's), pinned posts apart, the
 * following feed and the author's own list.
 */
beforeAll(async () => {
  await setupWeChat();
});
afterAll(teardownWeChat);

const HOUR = 3_600_000;
type Laid = StoredPost & { listedAt: Date; likeCount: number; commentCount: number };

/** `count` published posts with ages and counts spread out, some sharing a listing instant (ties on the time). */
const layOut = async (board: TestBoard, author: TestUser, count: number): Promise<Laid[]> => {
  const now = Date.now();
  const posts: Laid[] = [];
  for (let i = 0; i < count; i += 1) {
    const listedAt = new Date(now - Math.floor(i / 3) * 1.5 * HOUR - 60_000);
    const likeCount = (i * 7) % 11;
    const commentCount = (i * 5) % 4;
    posts.push({ ...(await insertPost(author, board, { listedAt, likeCount, commentCount })), listedAt, likeCount, commentCount });
  }
  return posts;
};

describe('a board’s newest feed', () => {
  it('returns every post exactly once, newest first, while new posts are written between pages', async () => {
    const board = await createBoard();
    const author = await createUser();
    const laid = await layOut(board, author, 23);
    const expected = [...laid].sort((a, b) => b.listedAt.getTime() - a.listedAt.getTime() || b.id - a.id).map((post) => post.documentId);
    const written: string[] = [];
    const { documentIds, pages } = await pageThrough(`/api/community/boards/${board.slug}/posts?sort=newest`, {
      limit: 5,
      between: async () => {
        for (let i = 0; i < 2; i += 1) written.push((await insertPost(author, board)).documentId);
      },
    });
    expect(pages.length).toBe(5);
    expect(documentIds).toEqual(expected);
    // Written after the first page: newer than everything paged, so the next first page starts with them.
    const fresh = await http().get(`/api/community/boards/${board.slug}/posts`).query({ limit: 50 }).expect(200);
    expect(fresh.body.data.slice(0, written.length).map((post: { documentId: string }) => post.documentId)).toEqual([...written].reverse());
    expect(fresh.body.meta.cursor.next).toBeNull();
  });

  it('shows each post’s author snapshot and counts, and whether the caller liked it', async () => {
    const board = await createBoard();
    const author = await createUser();
    const reader = await createUser();
    const post = await insertPost(author, board, { likeCount: 3, commentCount: 2, authorNickname: '小红' });
    await getStrapi().db.query('plugin::community.like').create({ data: { user: reader.id, targetType: 'post', targetId: post.id } });
    const asReader = await http().get(`/api/community/boards/${board.slug}/posts`).set(reader.auth).expect(200);
    expect(asReader.body.data[0]).toMatchObject({
      documentId: post.documentId,
      author: { documentId: author.documentId, nickname: '小红', avatar: null, anonymous: false },
      likeCount: 3,
      commentCount: 2,
      liked: true,
      mine: false,
      status: 'published',
      moderationNote: null,
    });
    expect((await http().get(`/api/community/boards/${board.slug}/posts`).expect(200)).body.data[0].liked).toBe(false);
    expect((await http().get(`/api/community/boards/${board.slug}/posts`).set(author.auth).expect(200)).body.data[0]).toMatchObject({ liked: false, mine: true });
  });
});

describe('a board’s hot feed', () => {
  it('orders by domain/hot.ts’s score at the first page’s instant, each post once while posts are written between pages', async () => {
    const board = await createBoard();
    const author = await createUser();
    const laid = await layOut(board, author, 22);
    const { documentIds, pages } = await pageThrough(`/api/community/boards/${board.slug}/posts?sort=hot`, {
      limit: 4,
      between: async () => {
        await insertPost(author, board, { likeCount: 50 });
      },
    });
    expect(pages.length).toBe(6);
    const first = decodeCursor(pages[0].body.meta.cursor.next as string, 'hot');
    if (!('cursor' in first) || first.cursor.order !== 'hot') throw new Error('the first page’s cursor is not a hot cursor');
    const asOf = new Date(first.cursor.asOf);
    // Every later page carries the same instant: the scores do not drift while the reader pages.
    for (const page of pages.slice(0, -1)) {
      const next = decodeCursor(page.body.meta.cursor.next as string, 'hot');
      expect('cursor' in next && next.cursor.order === 'hot' && next.cursor.asOf).toBe(first.cursor.asOf);
    }
    const score = (post: Laid) => hotScore({ likeCount: post.likeCount, commentCount: post.commentCount, createdAt: post.listedAt }, asOf);
    // SQL and JS may differ in the last bit of a power; equal inputs give equal scores, ties go by id.
    const near = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
    const expected = [...laid].sort((a, b) => (near(score(a), score(b)) ? b.id - a.id : score(b) - score(a))).map((post) => post.documentId);
    expect(documentIds).toEqual(expected);
    expect(new Set(documentIds).size).toBe(laid.length);
  });

  it('puts likes and comments above age, and age above nothing', async () => {
    const board = await createBoard();
    const author = await createUser();
    const old = await insertPost(author, board, { listedAt: new Date(Date.now() - 48 * HOUR), likeCount: 5 });
    const popular = await insertPost(author, board, { listedAt: new Date(Date.now() - 3 * HOUR), likeCount: 10, commentCount: 5 });
    const quiet = await insertPost(author, board, { listedAt: new Date(Date.now() - 3 * HOUR) });
    const fresh = await insertPost(author, board);
    const hot = await http().get(`/api/community/boards/${board.slug}/posts?sort=hot`).expect(200);
    expect(hot.body.data.map((post: { documentId: string }) => post.documentId)).toEqual([popular, fresh, quiet, old].map((post) => post.documentId));
  });
});

describe('pinned posts', () => {
  it('come in meta.pinned on the first page only, and never in the pages', async () => {
    const board = await createBoard();
    const author = await createUser();
    const pinned = await insertPost(author, board, { pinned: true, listedAt: new Date(Date.now() - 10 * HOUR) });
    await layOut(board, author, 7);
    for (const sort of ['newest', 'hot']) {
      const { pages, documentIds } = await pageThrough(`/api/community/boards/${board.slug}/posts?sort=${sort}`, { limit: 3 });
      expect(pages[0].body.meta.pinned.map((post: { documentId: string; pinned: boolean }) => [post.documentId, post.pinned])).toEqual([[pinned.documentId, true]]);
      for (const page of pages.slice(1)) expect(page.body.meta.pinned).toEqual([]);
      expect(documentIds).not.toContain(pinned.documentId);
      expect(documentIds).toHaveLength(7);
    }
  });
});

describe('bad feed requests', () => {
  it('refuse cursors the server did not make, or made for another order, and bad limits or sorts (400)', async () => {
    const board = await createBoard();
    const author = await createUser();
    await layOut(board, author, 4);
    const feed = `/api/community/boards/${board.slug}/posts`;
    const hotCursor = (await http().get(feed).query({ sort: 'hot', limit: 2 }).expect(200)).body.meta.cursor.next as string;
    const forged = Buffer.from(JSON.stringify({ order: 'newest', createdAt: 'yesterday', id: 1 })).toString('base64url');
    for (const query of [
      { cursor: 'not a cursor!' },
      { cursor: 'bm90IGpzb24' },
      { cursor: forged },
      { cursor: hotCursor, sort: 'newest' },
      { cursor: encodeCursor({ order: 'oldest', createdAt: new Date().toISOString(), id: 3 }) },
      { cursor: 'a'.repeat(600) },
      { limit: 0 },
      { limit: 51 },
      { limit: 'many' },
      { sort: 'top' },
      { page: 2 },
    ]) {
      const res = await http().get(feed).query(query).expect(400);
      expect(res.body.error.name).toBe('ValidationError');
    }
    await http().get(feed).query({ cursor: hotCursor, sort: 'hot' }).expect(200);
    await http().get('/api/community/boards/no-such-board/posts').expect(404);
    await http().get('/api/community/boards/Bad_Slug/posts').expect(400);
  });
});

describe('the following feed', () => {
  it('lists the published, signed posts of the people the caller follows, newest first, a page at a time', async () => {
    const board = await createBoard();
    const reader = await createUser();
    const [followed, other] = await Promise.all([createUser(), createUser()]);
    const theirs: StoredPost[] = [];
    for (let i = 0; i < 7; i += 1) theirs.push(await insertPost(followed, board, { listedAt: new Date(Date.now() - (10 - i) * 60_000) }));
    await insertPost(followed, board, { anonymous: true });
    await insertPost(followed, board, { status: 'pending' });
    await insertPost(other, board);
    expect((await http().get('/api/community/feed/following').set(reader.auth).expect(200)).body.data).toEqual([]);
    await http().put(`/api/community/users/${followed.documentId}/follow`).set(reader.auth).expect(200);
    const { documentIds, pages } = await pageThrough('/api/community/feed/following', { auth: reader.auth, limit: 3 });
    expect(documentIds).toEqual([...theirs].reverse().map((post) => post.documentId));
    expect(pages.every((page) => page.body.meta.pinned.length === 0)).toBe(true);
    await http().delete(`/api/community/users/${followed.documentId}/follow`).set(reader.auth).expect(200);
    expect((await http().get('/api/community/feed/following').set(reader.auth).expect(200)).body.data).toEqual([]);
    await http().get('/api/community/feed/following').expect(401);
    await http().get('/api/community/feed/following').query({ sort: 'hot' }).set(reader.auth).expect(400);
  });
});

describe('my posts', () => {
  it('lists the caller’s posts in every status but deleted, newest first, with the moderator’s note, filterable by status', async () => {
    const board = await createBoard();
    const me = await createUser();
    const someoneElse = await createUser();
    const made: Array<StoredPost & { status: string }> = [];
    for (const status of ['published', 'pending', 'rejected', 'hidden', 'published', 'deleted'] as const) {
      made.push({ ...(await insertPost(me, board, { status, moderationNote: status === 'rejected' ? '含广告' : undefined })), status });
    }
    await insertPost(someoneElse, board);
    const { documentIds } = await pageThrough('/api/community/me/posts', { auth: me.auth, limit: 2 });
    expect(documentIds).toEqual(made.filter((post) => post.status !== 'deleted').reverse().map((post) => post.documentId));
    const rejected = await http().get('/api/community/me/posts').query({ status: 'rejected' }).set(me.auth).expect(200);
    expect(rejected.body.data).toHaveLength(1);
    expect(rejected.body.data[0]).toMatchObject({ status: 'rejected', moderationNote: '含广告', mine: true });
    await http().get('/api/community/me/posts').query({ status: 'deleted' }).set(me.auth).expect(400);
    await http().get('/api/community/me/posts').expect(401);
  });
});

describe('the hot page’s bar', () => {
  it('ranks exactly like scoring every post, old posts with many likes included, with a small recent window', async () => {
    const board = await createBoard();
    const author = await createUser();
    const laid = await layOut(board, author, 30);
    // Far older than the window, but liked enough to beat most of the recent posts.
    for (const [hours, likeCount, commentCount] of [[200, 4000, 100], [90, 900, 0], [400, 3, 1]] as const) {
      const listedAt = new Date(Date.now() - hours * HOUR);
      laid.push({ ...(await insertPost(author, board, { listedAt, likeCount, commentCount })), listedAt, likeCount, commentCount });
    }
    const asOf = new Date();
    const score = (post: Laid) => hotScore({ likeCount: post.likeCount, commentCount: post.commentCount, createdAt: post.listedAt }, asOf);
    const near = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
    const expected = [...laid].sort((a, b) => (near(score(a), score(b)) ? b.id - a.id : score(b) - score(a))).map((post) => post.id);
    for (const window of [3, 8, 500]) {
      const seen: number[] = [];
      let cursor: { score: number; id: number } | null = null;
      for (let page = 0; page < 20; page += 1) {
        const rows = (await hotPageQuery(getStrapi().db.connection, board.id, asOf, cursor, 4 + 1, window)) as Array<{ id: number; score: number }>;
        const shown = rows.slice(0, 4);
        seen.push(...shown.map((row) => Number(row.id)));
        if (rows.length <= 4) break;
        const last = shown[shown.length - 1];
        cursor = { score: Number(last.score), id: Number(last.id) };
      }
      expect(seen).toEqual(expected);
    }
  });
});
