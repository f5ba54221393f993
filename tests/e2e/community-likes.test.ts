import { reconcileCountersJob } from '../../src/plugins/community/server/src/bootstrap';
import { communityConfig, getService } from '../../src/plugins/community/server/src/utils/get-service';
import { runLocked } from '../../src/services/jobs';
import { createBoard, createPublishedPost, type TestBoard, type TestPost } from '../helpers/community';
import { getStrapi, http } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { setupWeChat, teardownWeChat } from '../helpers/wechat';

/**
 * Likes (issue 13, DESIGN invariant 9): PUT likes and DELETE takes it back, both idempotent; one like per
 * user per target; the count answered is the count committed, and after any burst it equals the rows.
 * The bursts are real concurrent requests (on PostgreSQL under `npm run test:services`).
 */
let board: TestBoard;

beforeAll(async () => {
  await setupWeChat();
  board = await createBoard();
});
afterAll(teardownWeChat);

type Target = 'posts' | 'comments';
const like = (user: TestUser, target: Target, documentId: string) => http().put(`/api/community/${target}/${documentId}/like`).set(user.auth);
const unlike = (user: TestUser, target: Target, documentId: string) => http().delete(`/api/community/${target}/${documentId}/like`).set(user.auth);

const rowsOf = (targetType: 'post' | 'comment', targetId: number) =>
  getStrapi().db.query('plugin::community.like').count({ where: { targetType, targetId } });
const storedCount = async (uid: 'plugin::community.post' | 'plugin::community.comment', id: number) =>
  Number((await getStrapi().db.query(uid).findOne({ where: { id }, select: ['likeCount'] })).likeCount);

const users = (n: number) => Promise.all(Array.from({ length: n }, () => createUser()));

const newComment = async (author: TestUser, post: TestPost) => {
  const res = await http().post(`/api/community/posts/${post.documentId}/comments`).set(author.auth).send({ content: '可以点赞的评论' }).expect(201);
  const row = await getStrapi().db.query('plugin::community.comment').findOne({ where: { documentId: res.body.data.documentId }, select: ['id'] });
  return { id: row.id as number, documentId: res.body.data.documentId as string };
};

describe('liking and unliking', () => {
  it('likes once however often PUT is repeated, and unlikes once however often DELETE is', async () => {
    const [author, fan] = await users(2);
    const post = await createPublishedPost(author, board);
    expect((await like(fan, 'posts', post.documentId).expect(200)).body).toEqual({ data: { liked: true, likeCount: 1 }, meta: {} });
    expect((await like(fan, 'posts', post.documentId).expect(200)).body.data).toEqual({ liked: true, likeCount: 1 });
    expect(await rowsOf('post', post.id)).toBe(1);
    expect((await unlike(fan, 'posts', post.documentId).expect(200)).body.data).toEqual({ liked: false, likeCount: 0 });
    expect((await unlike(fan, 'posts', post.documentId).expect(200)).body.data).toEqual({ liked: false, likeCount: 0 });
    expect(await rowsOf('post', post.id)).toBe(0);
    expect(await storedCount('plugin::community.post', post.id)).toBe(0);
  });

  it('likes comments the same way, and shows the reader which comments they like', async () => {
    const [author, fan] = await users(2);
    const post = await createPublishedPost(author, board);
    const comment = await newComment(author, post);
    expect((await like(fan, 'comments', comment.documentId).expect(200)).body.data).toEqual({ liked: true, likeCount: 1 });
    const [thread] = (await http().get(`/api/community/posts/${post.documentId}/comments`).set(fan.auth).expect(200)).body.data;
    expect(thread).toMatchObject({ documentId: comment.documentId, likeCount: 1, liked: true });
    const [asAuthor] = (await http().get(`/api/community/posts/${post.documentId}/comments`).set(author.auth).expect(200)).body.data;
    expect(asAuthor).toMatchObject({ likeCount: 1, liked: false });
    expect((await unlike(fan, 'comments', comment.documentId).expect(200)).body.data).toEqual({ liked: false, likeCount: 0 });
    expect(await storedCount('plugin::community.comment', comment.id)).toBe(0);
  });

  it('tells the author of the first like only, never of their own, however often it is taken back and given again', async () => {
    const [author, fan] = await users(2);
    const post = await createPublishedPost(author, board);
    for (let i = 0; i < 3; i += 1) {
      await like(fan, 'posts', post.documentId).expect(200);
      await unlike(fan, 'posts', post.documentId).expect(200);
    }
    await like(author, 'posts', post.documentId).expect(200);
    const told = (await http().get('/api/community/notifications').set(author.auth).expect(200)).body.data;
    expect(told).toEqual([expect.objectContaining({ kind: 'liked', targetType: 'post', targetDocumentId: post.documentId, postDocumentId: post.documentId })]);
  });

  it('answers 404 for a post or comment readers may not see, and 401 to a guest', async () => {
    const [author, fan] = await users(2);
    for (const status of ['pending', 'hidden', 'rejected', 'deleted'] as const) {
      const post = await createPublishedPost(author, board, { status });
      await like(fan, 'posts', post.documentId).expect(404);
      await unlike(fan, 'posts', post.documentId).expect(404);
      expect(await rowsOf('post', post.id)).toBe(0);
    }
    // A published comment on a post since hidden.
    const post = await createPublishedPost(author, board);
    const comment = await newComment(author, post);
    await getStrapi().db.query('plugin::community.post').update({ where: { id: post.id }, data: { status: 'hidden' } });
    await like(fan, 'comments', comment.documentId).expect(404);
    await like(fan, 'posts', 'aaaaaaaaaaaaaaaaaaaaaaaa').expect(404);
    await like(fan, 'posts', 'NOT-AN-ID').expect(400);
    await http().put(`/api/community/posts/${post.documentId}/like`).expect(401);
  });
});

describe('counts under bursts (DESIGN invariant 9)', () => {
  it('counts 200 concurrent likes by 200 users as 200, with 200 rows', async () => {
    const author = await createUser();
    const likers = await users(200);
    const post = await createPublishedPost(author, board);
    const answers = await Promise.all(likers.map((user) => like(user, 'posts', post.documentId)));
    expect(answers.map((res) => res.status)).toEqual(likers.map(() => 200));
    // Each answer is the count its own transaction committed: all different, 1 to 200.
    expect(answers.map((res) => res.body.data.likeCount).sort((a, b) => a - b)).toEqual(likers.map((_, i) => i + 1));
    expect(await rowsOf('post', post.id)).toBe(200);
    expect(await storedCount('plugin::community.post', post.id)).toBe(200);
  });

  it('counts 50 concurrent likes by one user as 1', async () => {
    const [author, fan] = await users(2);
    const post = await createPublishedPost(author, board);
    const comment = await newComment(author, post);
    const answers = await Promise.all(Array.from({ length: 50 }, () => like(fan, 'comments', comment.documentId)));
    expect(new Set(answers.map((res) => res.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((res) => JSON.stringify(res.body.data)))).toEqual(new Set([JSON.stringify({ liked: true, likeCount: 1 })]));
    expect(await rowsOf('comment', comment.id)).toBe(1);
    expect(await storedCount('plugin::community.comment', comment.id)).toBe(1);
    const told = (await http().get('/api/community/notifications').set(author.auth).expect(200)).body.data;
    expect(told.filter((n: { kind: string }) => n.kind === 'liked')).toHaveLength(1);
  });

  it('ends interleaved like and unlike races by many users with the count equal to the rows', async () => {
    const author = await createUser();
    const racers = await users(40);
    const post = await createPublishedPost(author, board);
    const requests = racers.flatMap((user, i) =>
      Array.from({ length: 6 }, (_, j) => ((i + j) % 2 === 0 ? like(user, 'posts', post.documentId) : unlike(user, 'posts', post.documentId))),
    );
    const answers = await Promise.all(requests);
    expect(new Set(answers.map((res) => res.status))).toEqual(new Set([200]));
    const rows = await rowsOf('post', post.id);
    expect(await storedCount('plugin::community.post', post.id)).toBe(rows);
    // And a last like by each settles it at everyone.
    await Promise.all(racers.map((user) => like(user, 'posts', post.documentId).expect(200)));
    expect(await rowsOf('post', post.id)).toBe(40);
    expect(await storedCount('plugin::community.post', post.id)).toBe(40);
  });
});

describe('the reconciling job', () => {
  it('recounts likes, comments and replies from their rows and repairs counters set wrong by hand', async () => {
    const [author, fan] = await users(2);
    const post = await createPublishedPost(author, board);
    const root = await newComment(author, post);
    await http().post(`/api/community/posts/${post.documentId}/comments`).set(fan.auth).send({ content: '回复', replyTo: root.documentId }).expect(201);
    await like(fan, 'posts', post.documentId).expect(200);
    await like(fan, 'comments', root.documentId).expect(200);

    const knex = getStrapi().db.connection;
    await knex('community_posts').where({ id: post.id }).update({ like_count: 17, comment_count: 0 });
    await knex('community_comments').where({ id: root.id }).update({ like_count: 0, reply_count: 9 });

    const report = await getService(getStrapi(), 'counters').reconcile();
    // This post's and comment's counters at least; other files' posts, stored with made-up counts in a worker
    // database that outlives the run, are repaired too.
    for (const repaired of [report.postLikes, report.commentLikes, report.postComments, report.threadReplies]) expect(repaired).toBeGreaterThanOrEqual(1);
    expect(await knex('community_posts').where({ id: post.id }).first('like_count', 'comment_count')).toEqual({ like_count: 1, comment_count: 2 });
    expect(await knex('community_comments').where({ id: root.id }).first('like_count', 'reply_count')).toEqual({ like_count: 1, reply_count: 1 });
    // Nothing left to repair.
    expect(await getService(getStrapi(), 'counters').reconcile()).toEqual({ postLikes: 0, commentLikes: 0, postComments: 0, threadReplies: 0 });
  });

  it('runs on the configured schedule behind a lock, so one instance at a time repairs', async () => {
    const job = reconcileCountersJob(getStrapi());
    expect(job.cron).toBe(communityConfig(getStrapi()).reconcileCron);
    const [author] = await users(1);
    const post = await createPublishedPost(author, board);
    await getStrapi().db.connection('community_posts').where({ id: post.id }).update({ like_count: 5 });
    const [first, second] = await Promise.all([runLocked(getStrapi(), job.name, job.lockSeconds, job.run), runLocked(getStrapi(), job.name, job.lockSeconds, job.run)]);
    expect([first.ran, second.ran].sort()).toEqual([false, true]);
    expect(await storedCount('plugin::community.post', post.id)).toBe(0);
  });
});
