import { getService } from '../../src/plugins/community/server/src/utils/get-service';
import { ageAccount, createBoard, createComment, createPost, type TestBoard } from '../helpers/community';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * Reports (举报): a reader reports what readers may see, once per item; reports from accounts at least a
 * day old count, the author's own never; at three the item is hidden pending review, with a decision by
 * `reports` in the audit trail and a notification to the author.
 */
let board: TestBoard;

beforeAll(async () => {
  // Three reports per user per window, so the budget can be shown running out.
  await setupStrapi({ COMMUNITY_REPORTS_PER_WINDOW: '3', COMMUNITY_REPORT_THRESHOLD: '3', COMMUNITY_REPORT_MIN_ACCOUNT_AGE_HOURS: '24' });
  board = await createBoard();
});
afterAll(teardownStrapi);

const report = (user: TestUser | null, body: Record<string, unknown>) => {
  const req = http().post('/api/community/reports');
  return user ? req.set(user.auth).send(body) : req.send(body);
};
const oldUser = async () => {
  const user = await createUser();
  await ageAccount(user, 30);
  return user;
};
const postRow = (id: number) => getStrapi().db.query('plugin::community.post').findOne({ where: { id } });
const decisionsOn = (type: 'post' | 'comment', id: number) =>
  getStrapi().db.query('plugin::community.decision').findMany({ where: { targetType: type, targetId: id }, orderBy: { id: 'asc' } });
const notificationsOf = (user: { id: number }) =>
  getStrapi().db.query('plugin::community.notification').findMany({ where: { user: { id: user.id } }, orderBy: { id: 'asc' } });

describe('reporting a post or a comment', () => {
  it('takes one report per user per item: reporting again answers the same and changes nothing', async () => {
    const author = await createUser();
    const post = await createPost(author, board);
    const reader = await oldUser();
    const body = { targetType: 'post', targetDocumentId: post.documentId, reason: 'spam', note: '广告' };
    expect((await report(reader, body).expect(200)).body).toEqual({ data: { reported: true }, meta: {} });
    await report(reader, { ...body, reason: 'abuse' }).expect(200);
    const rows = await getStrapi().db.query('plugin::community.report').findMany({ where: { targetType: 'post', targetId: post.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reason: 'spam', note: '广告', counted: true, resolved: false });
    expect(await postRow(post.id)).toMatchObject({ status: 'published', reportCount: 1 });
  });

  it('answers 404 for what readers may not see, 400 for a bad report and 401 without a token', async () => {
    const author = await createUser();
    const reader = await oldUser();
    const pending = await createPost(author, board, { status: 'pending' });
    const hidden = await createPost(author, board, { status: 'hidden', hiddenReason: 'moderator' });
    const onPending = await createComment(author, pending);
    const published = await createPost(author, board);
    const hiddenComment = await createComment(author, published, { status: 'hidden' });
    for (const [targetType, item] of [['post', pending], ['post', hidden], ['comment', onPending], ['comment', hiddenComment]] as const) {
      await report(reader, { targetType, targetDocumentId: item.documentId, reason: 'spam' }).expect(404);
    }
    await report(reader, { targetType: 'post', targetDocumentId: 'nosuchdocument1', reason: 'spam' }).expect(404);
    // A comment's documentId is not a post's.
    await report(reader, { targetType: 'post', targetDocumentId: hiddenComment.documentId, reason: 'spam' }).expect(404);
    await report(reader, { targetType: 'post', targetDocumentId: published.documentId, reason: 'boring' }).expect(400);
    await report(reader, { targetType: 'post', targetDocumentId: published.documentId, reason: 'spam', extra: 1 }).expect(400);
    await report(reader, { targetType: 'user', targetDocumentId: published.documentId, reason: 'spam' }).expect(400);
    await report(null, { targetType: 'post', targetDocumentId: published.documentId, reason: 'spam' }).expect(401);
    expect(await getStrapi().db.query('plugin::community.report').count({ where: { user: { id: reader.id } } })).toBe(0);
  });

  it('does not count reports from accounts younger than a day, nor the author’s own', async () => {
    const author = await createUser();
    await ageAccount(author, 100);
    const post = await createPost(author, board);
    const young = await Promise.all([createUser(), createUser(), createUser()]);
    for (const user of young) await report(user, { targetType: 'post', targetDocumentId: post.documentId, reason: 'abuse' }).expect(200);
    await report(author, { targetType: 'post', targetDocumentId: post.documentId, reason: 'abuse' }).expect(200);
    expect(await postRow(post.id)).toMatchObject({ status: 'published', reportCount: 4 });
    expect(await getStrapi().db.query('plugin::community.report').count({ where: { targetType: 'post', targetId: post.id, counted: true } })).toBe(0);
    expect(await decisionsOn('post', post.id)).toEqual([]);
  });

  it('hides a post at three reports from established accounts, pending review, with a decision and a word to the author', async () => {
    const author = await createUser();
    const post = await createPost(author, board);
    const readers = [await oldUser(), await oldUser(), await oldUser()];
    await report(readers[0], { targetType: 'post', targetDocumentId: post.documentId, reason: 'porn' }).expect(200);
    await report(readers[1], { targetType: 'post', targetDocumentId: post.documentId, reason: 'porn' }).expect(200);
    expect(await postRow(post.id)).toMatchObject({ status: 'published' });
    await report(readers[2], { targetType: 'post', targetDocumentId: post.documentId, reason: 'other', note: '不适' }).expect(200);
    expect(await postRow(post.id)).toMatchObject({ status: 'hidden', hiddenReason: 'reports', reportCount: 3 });
    expect(await decisionsOn('post', post.id)).toEqual([
      expect.objectContaining({ source: 'reports', action: 'hide', fromStatus: 'published', toStatus: 'hidden', moderatorId: null }),
    ]);
    expect(await notificationsOf(author)).toEqual([expect.objectContaining({ kind: 'hidden', targetType: 'post', targetDocumentId: post.documentId, text: expect.stringContaining('举报') })]);
    // Hidden, it is no longer there to report.
    await report(await oldUser(), { targetType: 'post', targetDocumentId: post.documentId, reason: 'spam' }).expect(404);
  });

  it('hides a comment the same way and takes it out of its post’s comment count and its thread’s replies', async () => {
    const author = await createUser();
    const post = await createPost(author, board);
    const thread = await createComment(author, post);
    const reply = await createComment(author, post, { thread: thread.id });
    await getStrapi().db.connection('community_posts').where({ id: post.id }).update({ comment_count: 2 });
    await getStrapi().db.connection('community_comments').where({ id: thread.id }).update({ reply_count: 1 });
    for (let i = 0; i < 3; i += 1) await report(await oldUser(), { targetType: 'comment', targetDocumentId: reply.documentId, reason: 'abuse' }).expect(200);
    expect(await getStrapi().db.query('plugin::community.comment').findOne({ where: { id: reply.id } })).toMatchObject({ status: 'hidden', hiddenReason: 'reports' });
    expect(await postRow(post.id)).toMatchObject({ commentCount: 1 });
    expect(await getStrapi().db.query('plugin::community.comment').findOne({ where: { id: thread.id } })).toMatchObject({ replyCount: 0 });
    expect(await decisionsOn('comment', reply.id)).toEqual([expect.objectContaining({ source: 'reports', action: 'hide' })]);
  });

  it('hides an item once when established accounts report it at the same moment', async () => {
    const author = await createUser();
    const post = await createPost(author, board);
    const readers = await Promise.all(Array.from({ length: 8 }, () => oldUser()));
    const answers = await Promise.all(readers.map((reader) => report(reader, { targetType: 'post', targetDocumentId: post.documentId, reason: 'spam' })));
    // Each report is taken (200) or, once the post is hidden by the others, the post is gone for readers (404).
    expect(answers.every((res) => res.status === 200 || res.status === 404)).toBe(true);
    expect(answers.filter((res) => res.status === 200).length).toBeGreaterThanOrEqual(3);
    expect(await postRow(post.id)).toMatchObject({ status: 'hidden', hiddenReason: 'reports' });
    expect(await decisionsOn('post', post.id)).toHaveLength(1);
    expect((await notificationsOf(author)).filter((n: { kind: string }) => n.kind === 'hidden')).toHaveLength(1);
  });

  it('limits how often one user reports (429 with Retry-After)', async () => {
    const author = await createUser();
    const reader = await oldUser();
    const posts = await Promise.all(Array.from({ length: 4 }, () => createPost(author, board)));
    for (const post of posts.slice(0, 3)) await report(reader, { targetType: 'post', targetDocumentId: post.documentId, reason: 'spam' }).expect(200);
    const limited = await report(reader, { targetType: 'post', targetDocumentId: posts[3].documentId, reason: 'spam' }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('a muted user', () => {
  it('cannot report: 403 with the end of the mute, and the gate says the same to every write', async () => {
    const author = await createUser();
    const post = await createPost(author, board);
    const muted = await oldUser();
    const until = new Date(Date.now() + 3 * 86_400_000);
    await getStrapi().db.query('plugin::community.mute').create({ data: { user: muted.id, until, reason: 'spam', moderatorId: 1 } });
    const res = await report(muted, { targetType: 'post', targetDocumentId: post.documentId, reason: 'spam' }).expect(403);
    expect(res.body.error.details).toEqual({ reason: 'muted', until: until.toISOString() });
    await expect(getService(getStrapi(), 'gate').assertNotMuted(muted.id)).rejects.toMatchObject({ status: 403, details: { reason: 'muted', until: until.toISOString() } });
    expect(await getStrapi().db.query('plugin::community.report').count({ where: { user: { id: muted.id } } })).toBe(0);
  });
});
