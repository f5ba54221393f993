import net from 'node:net';
import { getStrapi, http, usingPostgres } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { createBoard, type TestBoard } from '../helpers/community';
import { checkIn, newHabit } from '../helpers/habits';
import { setupWeChat, teardownWeChat } from '../helpers/wechat';
import { GIF, insertPost, PNG, uploadImage, writePost } from '../helpers/community-posts';
import { COMMUNITY_BOARDS, COMMUNITY_POSTS, seedCommunityDemo } from '../../database/seeds/community-demo';

/**
 * Posts over HTTP (issue 13): WeChat's text check decides publish / queue / refuse, images are the
 * uploader's own and used once, links are the author's own and read when shown, readers see published
 * posts only, an anonymous author stays anonymous, views are counted without writing the post per view.
 */
const IMAGE_MAX_BYTES = 4096;
const IMAGES_PER_WINDOW = 12;

beforeAll(async () => {
  await setupWeChat({ COMMUNITY_IMAGE_MAX_BYTES: String(IMAGE_MAX_BYTES), COMMUNITY_IMAGES_PER_WINDOW: String(IMAGES_PER_WINDOW) });
});
afterAll(teardownWeChat);

const postsOf = async (user: { id: number }) => getStrapi().db.query('plugin::community.post').count({ where: { user: { id: user.id } } });
const feedOf = async (board: TestBoard, viewer?: TestUser) =>
  (await http().get(`/api/community/boards/${board.slug}/posts`).set(viewer?.auth ?? {}).expect(200)).body as {
    data: Array<{ documentId: string }>;
    meta: { pinned: Array<{ documentId: string }> };
  };

/** A port nothing listens on: WeChat "down". */
const closedPort = async (): Promise<number> => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

describe('writing a post: WeChat’s text check decides', () => {
  let board: TestBoard;
  beforeAll(async () => {
    board = await createBoard();
  });

  it('publishes at once when WeChat passes the text, with the author’s snapshot', async () => {
    const author = await createUser({ nickname: '跑步的小林' });
    const res = await writePost(author, { board: board.slug, title: '第一天', content: '今天跑了五公里' }).expect(201);
    expect(res.body.meta).toEqual({ moderation: 'published' });
    expect(res.body.data).toMatchObject({
      title: '第一天',
      content: '今天跑了五公里',
      status: 'published',
      mine: true,
      board: { slug: board.slug, name: board.name },
      author: { documentId: author.documentId, nickname: '跑步的小林', anonymous: false },
      likeCount: 0,
      commentCount: 0,
      images: [],
      link: null,
    });
    expect((await feedOf(board)).data.map((post) => post.documentId)).toContain(res.body.data.documentId);
  });

  it('keeps a post WeChat wants reviewed for a moderator: pending, shown to its author only', async () => {
    const author = await createUser();
    const reader = await createUser();
    const res = await writePost(author, { board: board.slug, content: '这条内容待审一下' }).expect(201);
    expect(res.body.meta).toEqual({ moderation: 'pending' });
    expect(res.body.data.status).toBe('pending');
    const stored = await getStrapi().db.query('plugin::community.post').findOne({ where: { documentId: res.body.data.documentId } });
    expect(stored).toMatchObject({ status: 'pending', textCheck: 'review', listedAt: null });
    await http().get(`/api/community/posts/${res.body.data.documentId}`).set(reader.auth).expect(404);
    expect((await feedOf(board)).data.map((post) => post.documentId)).not.toContain(res.body.data.documentId);
  });

  it('refuses risky text with 400 内容含有违规信息 and stores nothing', async () => {
    const author = await createUser();
    const res = await writePost(author, { board: board.slug, title: '周末', content: '一起来赌博吧' }).expect(400);
    expect(res.body.error.message).toBe('内容含有违规信息');
    expect(res.body.error.details).toMatchObject({ reason: 'content_risky', field: 'content' });
    const titled = await writePost(author, { board: board.slug, title: 'forbidden words', content: '正文没问题' }).expect(400);
    expect(titled.body.error.details).toMatchObject({ reason: 'content_risky', field: 'title' });
    expect(await postsOf(author)).toBe(0);
  });

  it('queues the post when WeChat cannot be reached: never lost, never published unchecked', async () => {
    const author = await createUser();
    const wechat = getStrapi().config.get('plugin::wechat') as { apiBase: string };
    const apiBase = wechat.apiBase;
    getStrapi().config.set('plugin::wechat.apiBase', `http://127.0.0.1:${await closedPort()}`);
    let res;
    try {
      res = await writePost(author, { board: board.slug, content: '微信暂时连不上' }).expect(201);
    } finally {
      getStrapi().config.set('plugin::wechat.apiBase', apiBase);
    }
    expect(res.body.meta).toEqual({ moderation: 'pending' });
    const stored = await getStrapi().db.query('plugin::community.post').findOne({ where: { documentId: res.body.data.documentId } });
    expect(stored).toMatchObject({ status: 'pending', textCheck: 'unavailable' });
    expect((await feedOf(board)).data.map((post) => post.documentId)).not.toContain(res.body.data.documentId);
  });

  it('refuses unknown boards (404), closed boards (403) and bad input (400)', async () => {
    const author = await createUser();
    await writePost(author, { board: 'no-such-board', content: 'hi' }).expect(404);
    const closed = await createBoard({ active: false });
    expect((await writePost(author, { board: closed.slug, content: 'hi' }).expect(403)).body.error.details).toEqual({ reason: 'board_inactive' });
    const official = await createBoard({ postPermission: 'editors' });
    expect((await writePost(author, { board: official.slug, content: 'hi' }).expect(403)).body.error.details).toEqual({ reason: 'editors_only' });
    await writePost(author, { board: board.slug, content: '   ' }).expect(400);
    await writePost(author, { board: board.slug, content: 'x'.repeat(2001) }).expect(400);
    await writePost(author, { board: board.slug, content: 'hi', user: 1 }).expect(400);
    await http().post('/api/community/posts').send({ board: board.slug, content: 'hi' }).expect(401);
    expect(await postsOf(author)).toBe(0);
  });

  it('limits posts per user: 429 with Retry-After', async () => {
    const author = await createUser();
    for (let i = 0; i < 10; i += 1) await writePost(author, { board: board.slug, content: `第 ${i} 条` }).expect(201);
    const refused = await writePost(author, { board: board.slug, content: '再来一条' }).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(await postsOf(author)).toBe(10);
  });
});

describe('images', () => {
  let board: TestBoard;
  beforeAll(async () => {
    board = await createBoard();
  });

  it('stores an uploaded image for its uploader, and a post then shows it', async () => {
    const author = await createUser();
    const png = await uploadImage(author).expect(201);
    expect(png.body.data).toMatchObject({ width: 8, height: 8 });
    expect(png.body.data.url).toMatch(/^http:\/\/.+\/uploads\/.+\.png$/);
    const gif = await uploadImage(author, GIF, 'anim.gif', 'image/gif').expect(201);
    const events: unknown[] = [];
    const listener = async (event: unknown) => {
      events.push(event);
    };
    getStrapi().eventHub.on('community.post.created', listener);
    try {
      const res = await writePost(author, { board: board.slug, content: '看图', images: [gif.body.data.documentId, png.body.data.documentId] }).expect(201);
      expect(res.body.data.images.map((image: { documentId: string }) => image.documentId)).toEqual([gif.body.data.documentId, png.body.data.documentId]);
      const post = await getStrapi().db.query('plugin::community.post').findOne({ where: { documentId: res.body.data.documentId }, populate: ['images'] });
      expect(post.mediaCheck).toBe('pending');
      expect(events).toEqual([
        { postId: post.id, documentId: post.documentId, userId: author.id, imageFileIds: (post.images as Array<{ id: number }>).map((file) => file.id) },
      ]);
      const reader = await createUser();
      const read = await http().get(`/api/community/posts/${post.documentId}`).set(reader.auth).expect(200);
      expect(read.body.data.images).toEqual(res.body.data.images);
    } finally {
      getStrapi().eventHub.removeListener('community.post.created', listener);
    }
  });

  it('reads the type from the bytes: a text file called .png is refused, a PNG called .jpg is a PNG', async () => {
    const author = await createUser();
    const fake = await uploadImage(author, Buffer.from('just some text, not an image'), 'photo.png', 'image/png').expect(400);
    expect(fake.body.error.details).toMatchObject({ reason: 'unsupported_type' });
    const renamed = await uploadImage(author, PNG, 'photo.jpg', 'image/jpeg').expect(201);
    expect(renamed.body.data.url).toMatch(/\.png$/);
    await http().post('/api/community/images').set(author.auth).send({}).expect(400);
    await http().post('/api/community/images').attach('file', PNG, { filename: 'a.png', contentType: 'image/png' }).expect(401);
  });

  it(`refuses an image over the size limit (${IMAGE_MAX_BYTES} bytes here)`, async () => {
    const author = await createUser();
    const big = Buffer.concat([PNG, Buffer.alloc(IMAGE_MAX_BYTES)]);
    const res = await uploadImage(author, big).expect(400);
    expect(res.body.error.details).toMatchObject({ reason: 'too_large' });
  });

  it('uses an image once, and only the uploader’s own', async () => {
    const author = await createUser();
    const other = await createUser();
    const image = (await uploadImage(author).expect(201)).body.data.documentId as string;
    expect((await writePost(other, { board: board.slug, content: '偷图', images: [image] }).expect(400)).body.error.details).toMatchObject({ reason: 'image_unusable' });
    await writePost(author, { board: board.slug, content: '第一次', images: [image] }).expect(201);
    expect((await writePost(author, { board: board.slug, content: '第二次', images: [image] }).expect(400)).body.error.details).toMatchObject({ reason: 'image_unusable' });
    await writePost(author, { board: board.slug, content: '两张一样', images: [image, image] }).expect(400);
    expect(await postsOf(other)).toBe(0);
    expect(await postsOf(author)).toBe(1);
  });

  it('gives an image to one post only when two posts claim it at once', async () => {
    const author = await createUser();
    const image = (await uploadImage(author).expect(201)).body.data.documentId as string;
    const answers = await Promise.all([1, 2, 3].map((n) => writePost(author, { board: board.slug, content: `同一张图 ${n}`, images: [image] })));
    expect(answers.map((res) => res.status).sort()).toEqual([201, 400, 400]);
    expect(await postsOf(author)).toBe(1);
    const record = await getStrapi().db.query('plugin::community.image').findOne({ where: { documentId: image }, populate: ['post'] });
    expect(record.post.documentId).toBe(answers.find((res) => res.status === 201)?.body.data.documentId);
  });

  it('limits uploads per user: 429 with Retry-After', async () => {
    const author = await createUser();
    for (let i = 0; i < IMAGES_PER_WINDOW; i += 1) await uploadImage(author).expect(201);
    const refused = await uploadImage(author).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('links to a check-in, a habit or a challenge', () => {
  let board: TestBoard;
  beforeAll(async () => {
    board = await createBoard({ kind: 'habitFeed' });
  });

  it('shows a shared habit’s streak as it is when read, and a check-in’s day', async () => {
    const author = await createUser();
    const habit = await newHabit(author, { title: '晨跑' });
    const made = (await checkIn(author, habit).expect(201)).body.data as { documentId: string; localDate: string };
    const shared = await writePost(author, { board: board.slug, content: '打卡', link: { kind: 'habit', documentId: habit } }).expect(201);
    expect(shared.body.data.link).toEqual({ kind: 'habit', documentId: habit, title: '晨跑', localDate: null, currentStreak: 1, longestStreak: 1, totalCheckIns: 1 });
    const day = await writePost(author, { board: board.slug, content: '今天的打卡', link: { kind: 'checkIn', documentId: made.documentId } }).expect(201);
    expect(day.body.data.link).toMatchObject({ kind: 'checkIn', documentId: made.documentId, title: '晨跑', localDate: made.localDate, totalCheckIns: 1 });

    // Read at render time: the check-in taken back, the habit shows zero and the check-in link is gone.
    await http().delete(`/api/check-ins/${made.documentId}`).set(author.auth).expect(204);
    const reader = await createUser();
    expect((await http().get(`/api/community/posts/${day.body.data.documentId}`).set(reader.auth).expect(200)).body.data.link).toBeNull();
    expect((await http().get(`/api/community/posts/${shared.body.data.documentId}`).set(reader.auth).expect(200)).body.data.link).toMatchObject({
      totalCheckIns: 0,
    });
  });

  it('links a challenge anyone can see; another user’s habit or check-in, or a missing challenge, is 404', async () => {
    const author = await createUser();
    const stranger = await createUser();
    const challenge = await getStrapi()
      .documents('api::challenge.challenge')
      .create({ data: { title: '21 天早起', startDate: '2026-01-01', endDate: '2026-12-31', targetDays: 21, rewardPoints: 0, isOfficial: true, active: true } } as never);
    const res = await writePost(author, { board: board.slug, content: '一起来', link: { kind: 'challenge', documentId: challenge.documentId } }).expect(201);
    expect(res.body.data.link).toMatchObject({ kind: 'challenge', title: '21 天早起', currentStreak: null });
    const theirs = await newHabit(stranger);
    const theirCheckIn = (await checkIn(stranger, theirs).expect(201)).body.data.documentId as string;
    await writePost(author, { board: board.slug, content: '借用', link: { kind: 'habit', documentId: theirs } }).expect(404);
    await writePost(author, { board: board.slug, content: '借用', link: { kind: 'checkIn', documentId: theirCheckIn } }).expect(404);
    await writePost(author, { board: board.slug, content: '借用', link: { kind: 'challenge', documentId: 'nosuchchallenge00' } }).expect(404);
    await writePost(author, { board: board.slug, content: '借用', link: { kind: 'diary', documentId: theirs } }).expect(400);
    expect(await postsOf(author)).toBe(1);
  });
});

describe('who sees a post', () => {
  let board: TestBoard;
  let author: TestUser;
  let reader: TestUser;
  beforeAll(async () => {
    board = await createBoard();
    author = await createUser();
    reader = await createUser();
  });

  it.each(['pending', 'hidden', 'rejected'] as const)('a %s post is 404 to readers and not in feeds; its author sees it with its status and note', async (status) => {
    const post = await insertPost(author, board, { status, moderationNote: `note for ${status}`, listedAt: status === 'hidden' ? new Date() : null });
    for (const viewer of [reader, undefined]) {
      await http().get(`/api/community/posts/${post.documentId}`).set(viewer?.auth ?? {}).expect(404);
      const feed = await feedOf(board, viewer);
      expect(feed.data.map((p) => p.documentId)).not.toContain(post.documentId);
    }
    await http().put(`/api/community/users/${author.documentId}/follow`).set(reader.auth).expect(200);
    const following = await http().get('/api/community/feed/following').set(reader.auth).expect(200);
    expect(following.body.data.map((p: { documentId: string }) => p.documentId)).not.toContain(post.documentId);

    const own = await http().get(`/api/community/posts/${post.documentId}`).set(author.auth).expect(200);
    expect(own.body.data).toMatchObject({ status, moderationNote: `note for ${status}`, mine: true });
    const mine = await http().get('/api/community/me/posts').query({ status }).set(author.auth).expect(200);
    expect(mine.body.data.map((p: { documentId: string }) => p.documentId)).toContain(post.documentId);
    expect(mine.body.data.every((p: { status: string }) => p.status === status)).toBe(true);
  });

  it('a deleted post is 404 to everyone, its author too, and gone from their list', async () => {
    const res = await writePost(author, { board: board.slug, content: '删掉我' }).expect(201);
    const documentId = res.body.data.documentId as string;
    await http().delete(`/api/community/posts/${documentId}`).set(reader.auth).expect(404);
    await http().get(`/api/community/posts/${documentId}`).set(reader.auth).expect(200);
    await http().delete(`/api/community/posts/${documentId}`).set(author.auth).expect(204);
    await http().delete(`/api/community/posts/${documentId}`).set(author.auth).expect(404);
    for (const viewer of [reader, author]) await http().get(`/api/community/posts/${documentId}`).set(viewer.auth).expect(404);
    const mine = await http().get('/api/community/me/posts').set(author.auth).expect(200);
    expect(mine.body.data.map((p: { documentId: string }) => p.documentId)).not.toContain(documentId);
    expect((await feedOf(board)).data.map((p) => p.documentId)).not.toContain(documentId);
  });

  it('a post on a closed board is 404 to readers, still there for its author', async () => {
    const closing = await createBoard();
    const post = await insertPost(author, closing);
    await http().get(`/api/community/posts/${post.documentId}`).set(reader.auth).expect(200);
    await getStrapi().db.query('plugin::community.board').update({ where: { id: closing.id }, data: { active: false } });
    await http().get(`/api/community/posts/${post.documentId}`).set(reader.auth).expect(404);
    await http().get(`/api/community/boards/${closing.slug}/posts`).expect(404);
    await http().get(`/api/community/posts/${post.documentId}`).set(author.auth).expect(200);
  });

  it('a moderator’s note is for the author only', async () => {
    const post = await insertPost(author, board, { moderationNote: '已编辑标题' });
    expect((await http().get(`/api/community/posts/${post.documentId}`).set(reader.auth).expect(200)).body.data.moderationNote).toBeNull();
    expect((await http().get(`/api/community/posts/${post.documentId}`).set(author.auth).expect(200)).body.data.moderationNote).toBe('已编辑标题');
  });

  it('answers 400 for a malformed documentId and 404 for an unknown one', async () => {
    await http().get('/api/community/posts/NOT_AN_ID').expect(400);
    await http().get('/api/community/posts/nosuchpost000000').expect(404);
  });
});

describe('anonymous posts', () => {
  it('show 匿名用户 to every reader, and the author their own identity; no answer to a reader carries who wrote it', async () => {
    const board = await createBoard();
    const nickname = `匿名作者-${Date.now()}`;
    const author = await createUser({ nickname });
    const avatar = `https://thirdwx.qlogo.cn/mmopen/anon-${Date.now()}.png`;
    await getStrapi().db.query('plugin::users-permissions.user').update({ where: { id: author.id }, data: { avatar } });
    const reader = await createUser();
    const created = await writePost(author, { board: board.slug, title: '说点心里话', content: '不想署名', anonymous: true }).expect(201);
    expect(created.body.data.author).toEqual({ documentId: author.documentId, nickname, avatar, anonymous: true });
    const documentId = created.body.data.documentId as string;
    // The reader follows the author (from an earlier, signed post): the anonymous one must not show up there.
    await writePost(author, { board: board.slug, content: '署名的帖子' }).expect(201);
    await http().put(`/api/community/users/${author.documentId}/follow`).set(reader.auth).expect(200);

    const answers = [
      await http().get(`/api/community/posts/${documentId}`).set(reader.auth).expect(200),
      await http().get(`/api/community/posts/${documentId}`).expect(200),
      await http().get(`/api/community/boards/${board.slug}/posts`).set(reader.auth).expect(200),
      await http().get(`/api/community/boards/${board.slug}/posts?sort=hot`).expect(200),
    ];
    for (const res of answers) {
      const post = ((Array.isArray(res.body.data) ? res.body.data : [res.body.data]) as Array<{ documentId: string; author: unknown }>).find(
        (p) => p.documentId === documentId,
      );
      expect(post?.author).toEqual({ documentId: null, nickname: '匿名用户', avatar: null, anonymous: true });
    }
    const following = await http().get('/api/community/feed/following').set(reader.auth).expect(200);
    expect(following.body.data.map((p: { documentId: string }) => p.documentId)).not.toContain(documentId);
    // The whole text of each reader's answer about the anonymous post: no name, picture, documentId or id.
    for (const res of answers.slice(0, 2)) {
      const text = res.text;
      expect(text).not.toContain(nickname);
      expect(text).not.toContain(avatar);
      expect(text).not.toContain(author.documentId);
      expect(text).not.toContain(author.openid);
      expect(text).not.toMatch(new RegExp(`"(user|userId|user_id|authorId|id)"\\s*:\\s*${author.id}\\b`));
    }
    const own = await http().get(`/api/community/posts/${documentId}`).set(author.auth).expect(200);
    expect(own.body.data.author).toEqual({ documentId: author.documentId, nickname, avatar, anonymous: true });
  });
});

describe('following', () => {
  it('is idempotent both ways, refuses following oneself (400) and unknown people (404)', async () => {
    const me = await createUser();
    const them = await createUser();
    for (let i = 0; i < 2; i += 1) {
      expect((await http().put(`/api/community/users/${them.documentId}/follow`).set(me.auth).expect(200)).body).toEqual({ data: { following: true }, meta: {} });
    }
    expect(await getStrapi().db.query('plugin::community.follow').count({ where: { user: { id: me.id }, followee: { id: them.id } } })).toBe(1);
    for (let i = 0; i < 2; i += 1) {
      expect((await http().delete(`/api/community/users/${them.documentId}/follow`).set(me.auth).expect(200)).body).toEqual({ data: { following: false }, meta: {} });
    }
    expect(await getStrapi().db.query('plugin::community.follow').count({ where: { user: { id: me.id } } })).toBe(0);
    expect((await http().put(`/api/community/users/${me.documentId}/follow`).set(me.auth).expect(400)).body.error.details).toEqual({ reason: 'self_follow' });
    await http().put('/api/community/users/nosuchuser000000/follow').set(me.auth).expect(404);
    await http().put(`/api/community/users/${them.documentId}/follow`).expect(401);
  });

  it('keeps one row when the same follow arrives many times at once', async () => {
    const me = await createUser();
    const them = await createUser();
    const answers = await Promise.all(Array.from({ length: 10 }, () => http().put(`/api/community/users/${them.documentId}/follow`).set(me.auth)));
    expect(answers.map((res) => res.status)).toEqual(Array(10).fill(200));
    expect(await getStrapi().db.query('plugin::community.follow').count({ where: { user: { id: me.id }, followee: { id: them.id } } })).toBe(1);
  });
});

describe('view counts', () => {
  it('counts readers’ views in the store and adds them to the post when flushed, not on every read', async () => {
    const board = await createBoard();
    const author = await createUser();
    const post = await insertPost(author, board);
    const readers = await Promise.all([createUser(), createUser()]);
    for (const reader of [...readers, ...readers]) await http().get(`/api/community/posts/${post.documentId}`).set(reader.auth).expect(200);
    const third = await http().get(`/api/community/posts/${post.documentId}`).expect(200);
    expect(third.body.data.viewCount).toBe(5);
    // The author's own reads do not count.
    await http().get(`/api/community/posts/${post.documentId}`).set(author.auth).expect(200);

    const row = () => getStrapi().db.query('plugin::community.post').findOne({ where: { id: post.id }, select: ['viewCount'] });
    expect((await row()).viewCount).toBe(0);
    const views = getStrapi().plugin('community').service('views') as { flushViews(): Promise<number> };
    expect(await views.flushViews()).toBeGreaterThanOrEqual(5);
    expect((await row()).viewCount).toBe(5);
    expect(await views.flushViews()).toBe(0);
    expect((await http().get(`/api/community/posts/${post.documentId}`).expect(200)).body.data.viewCount).toBe(6);
    await views.flushViews();
    expect((await row()).viewCount).toBe(6);
  });

  it('counts concurrent views exactly', async () => {
    const board = await createBoard();
    const post = await insertPost(await createUser(), board);
    const views = getStrapi().plugin('community').service('views') as { flushViews(): Promise<number> };
    await views.flushViews();
    await Promise.all(Array.from({ length: 40 }, () => http().get(`/api/community/posts/${post.documentId}`).expect(200)));
    await views.flushViews();
    expect((await getStrapi().db.query('plugin::community.post').findOne({ where: { id: post.id }, select: ['viewCount'] })).viewCount).toBe(40);
  });
});

describe('the habit feed board', () => {
  it('exists after boot, and making sure of it again (even many times at once) adds no second one', async () => {
    const posts = getStrapi().plugin('community').service('posts') as { ensureHabitFeedBoard(): Promise<void> };
    await Promise.all(Array.from({ length: usingPostgres() ? 8 : 3 }, () => posts.ensureHabitFeedBoard()));
    const boards = await getStrapi().db.query('plugin::community.board').findMany({ where: { slug: 'habit-feed' } });
    expect(boards).toHaveLength(1);
    expect(boards[0]).toMatchObject({ kind: 'habitFeed', name: '习惯打卡' });
    const listed = await http().get('/api/community/boards').expect(200);
    expect(listed.body.data.map((b: { slug: string }) => b.slug)).toContain('habit-feed');
  });
});

describe('the demo community', () => {
  it('lays out seed 004’s forum and seed 001’s habit feed once, however often the seed runs', async () => {
    await seedCommunityDemo(getStrapi());
    await seedCommunityDemo(getStrapi());
    for (const board of COMMUNITY_BOARDS) {
      expect(await getStrapi().db.query('plugin::community.board').count({ where: { slug: board.slug } })).toBe(1);
    }
    for (const post of COMMUNITY_POSTS) {
      expect(await getStrapi().db.query('plugin::community.post').count({ where: { title: post.title } })).toBe(1);
    }
    const campus = await http().get('/api/community/boards/campus-life/posts').expect(200);
    const anonymous = campus.body.data.find((post: { title: string }) => post.title === '宿舍楼晚上太吵怎么办');
    expect(anonymous.author).toEqual({ documentId: null, nickname: '匿名用户', avatar: null, anonymous: true });
    const announcements = await http().get('/api/community/boards/announcements/posts').expect(200);
    expect(announcements.body.meta.pinned.map((post: { title: string }) => post.title)).toContain('社区公约（请先读我）');
    const habitFeed = await http().get('/api/community/boards/habit-feed/posts?sort=hot').expect(200);
    expect(habitFeed.body.data.map((post: { title: string }) => post.title)).toEqual(expect.arrayContaining(['早起第 30 天', '戒烟第 7 天打卡']));
  });
});
