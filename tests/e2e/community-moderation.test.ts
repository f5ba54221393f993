import crypto from 'node:crypto';
import { getService } from '../../src/plugins/community/server/src/utils/get-service';
import { isPostgres } from '../../src/utils/dialect';
import { ageAccount, createBoard, createComment, createImageFile, createPost, type TestBoard, type TestItem } from '../helpers/community';
import { getStrapi, http } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { fakeWeChat, setupWeChat, teardownWeChat } from '../helpers/wechat';

/**
 * The moderators' queue, end to end through the admin API, as an admin user whose only role is the
 * 审核员 Moderator role the app creates at boot (src/bootstrap/admin-roles.ts): what waits (text WeChat wants reviewed or could not check,
 * items hidden by reports or by the image check) oldest first with the real authors and the reports;
 * decisions along the status table (409 otherwise) that notify the author and are kept in an audit trail
 * the database will not let anyone edit; mutes. The role can do nothing else.
 */
let board: TestBoard;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  await setupWeChat();
  board = await createBoard();
  // Worker databases outlive a run (and other files leave items waiting): start from an empty queue.
  const knex = getStrapi().db.connection;
  await knex('community_posts').where((q) => q.whereIn('status', ['pending', 'hidden']).orWhere('report_count', '>', 0).orWhereIn('media_check', ['pending', 'review'])).update({ status: 'deleted' });
  await knex('community_comments').where((q) => q.whereIn('status', ['pending', 'hidden']).orWhere('report_count', '>', 0)).update({ status: 'deleted' });
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await teardownWeChat();
});

type Auth = { Authorization: string };
const PASSWORD = 'Moder4torPass';

/** An admin user with `roleId`, signed in through POST /admin/login. */
const adminWith = async (roleId: number, firstname = 'Mo') => {
  const strapi = getStrapi();
  const email = `moderator-${crypto.randomBytes(4).toString('hex')}@example.com`;
  const admin = await strapi.service('admin::user').create({ email, firstname, lastname: 'Derator', password: PASSWORD, isActive: true, roles: [roleId] });
  // Other files count admins (the first-admin bootstrap): leave none behind.
  cleanups.push(() => strapi.db.query('admin::user').delete({ where: { id: admin.id } }));
  const login = await http().post('/admin/login').send({ email, password: PASSWORD }).expect(200);
  return { id: admin.id as number, auth: { Authorization: `Bearer ${login.body.data.token ?? login.body.data.accessToken}` } as Auth };
};
const moderatorRole = async () => (await getStrapi().db.query('admin::role').findOne({ where: { code: 'community-moderator' }, populate: ['permissions'] })) as { id: number; name: string; permissions: Array<{ action: string }> };
let moderatorSession: Awaited<ReturnType<typeof adminWith>> | null = null;
const moderator = async () => (moderatorSession ??= await adminWith((await moderatorRole()).id));

const queue = async (auth: Auth, query: Record<string, string | number> = {}) => (await http().get('/community/moderation/queue').query({ limit: 50, ...query }).set(auth).expect(200)).body;
const decide = (auth: Auth, type: 'post' | 'comment', item: TestItem, body: Record<string, unknown>) =>
  http().post(`/community/moderation/${type}s/${item.documentId}/decision`).set(auth).send(body);
const notificationsOf = (user: { id: number }) =>
  getStrapi().db.query('plugin::community.notification').findMany({ where: { user: { id: user.id } }, orderBy: { id: 'asc' } }) as Promise<Array<{ kind: string; text: string }>>;
const postRow = (item: TestItem) => getStrapi().db.query('plugin::community.post').findOne({ where: { id: item.id } });
const commentRow = (item: TestItem) => getStrapi().db.query('plugin::community.comment').findOne({ where: { id: item.id } });
const inQueue = (body: { data: Array<{ type: string; id: number }> }, type: string, item: TestItem) => body.data.find((entry) => entry.type === type && entry.id === item.id);

describe('the Moderator role', () => {
  it('exists once, with the moderate permission and the users’ read only, beside the admin’s own roles', async () => {
    expect(await getStrapi().db.query('admin::role').count({ where: { code: 'community-moderator' } })).toBe(1);
    // Made after the Super Admin role on a fresh database (the admin makes its roles only when there are none).
    expect(await getStrapi().service('admin::role').getSuperAdmin()).toMatchObject({ code: 'strapi-super-admin' });
    // The app's table of job roles (src/bootstrap/admin-roles.ts, tests/e2e/admin-roles.test.ts): the queue, and users read-only.
    const permissions = (await moderatorRole()).permissions as Array<{ action: string; subject: string | null }>;
    expect(permissions.map((permission) => `${permission.action} ${permission.subject ?? ''}`.trim()).sort()).toEqual([
      'plugin::community.moderate',
      'plugin::content-manager.explorer.read plugin::users-permissions.user',
    ]);
  });

  it('cannot touch anything else: the content manager, users-permissions settings, roles, other plugins', async () => {
    const { auth } = await moderator();
    await http().post('/content-manager/collection-types/api::habit.habit').set(auth).send({ title: 'x' }).expect(403);
    await http().get('/content-manager/collection-types/api::habit.habit').set(auth).expect(403);
    await http().put('/content-manager/collection-types/plugin::community.post/whatever').set(auth).send({ status: 'published' }).expect(403);
    await http().get('/users-permissions/roles').set(auth).expect(403);
    await http().put('/users-permissions/advanced').set(auth).send({ allow_register: true }).expect(403);
    await http().get('/admin/roles').set(auth).expect(403);
    await http().get('/admin/users').set(auth).expect(403);
    await http().get('/leaderboard/overview').set(auth).expect(403);
  });

  it('is needed for the moderation API: other admins get 403, app users and strangers 401', async () => {
    const strapi = getStrapi();
    const role = await strapi.service('admin::role').create({ name: `Reader ${crypto.randomBytes(3).toString('hex')}`, description: 'no moderation' });
    cleanups.push(() => strapi.db.query('admin::role').delete({ where: { id: role.id } }));
    await strapi.service('admin::role').assignPermissions(role.id, [{ action: 'plugin::leaderboard.read', subject: null, properties: {}, conditions: [] }]);
    const other = await adminWith(role.id);
    await http().get('/community/moderation/queue').set(other.auth).expect(403);
    await http().post('/community/moderation/mutes').set(other.auth).send({ userId: 1, days: 1, note: 'x' }).expect(403);
    const user = await createUser();
    await http().get('/community/moderation/queue').set(user.auth).expect(401);
    await http().get('/community/moderation/decisions').expect(401);
  });
});

describe('the queue', () => {
  it('holds what WeChat wants reviewed or could not check, and items hidden by reports or images, oldest first, with the real author', async () => {
    const { auth } = await moderator();
    const author = await createUser({ nickname: '真名作者' });
    // WeChat down: the gate says `unavailable` and the post waits (what the posting route stores).
    fakeWeChat().failNext('msg_sec_check', -1, 2);
    const verdict = await getService(getStrapi(), 'gate').checkText(author.id, 3, { content: '今天跑步五公里' });
    expect(verdict).toBe('unavailable');
    const base = Date.now() - 60_000;
    const at = (seconds: number) => new Date(base + seconds * 1000);
    const unchecked = await createPost(author, board, { status: 'pending', textCheck: verdict, createdAt: at(1) });
    const review = await createPost(author, board, { status: 'pending', textCheck: 'review', anonymous: true, title: '<b>匿名</b>', createdAt: at(2) });
    const published = await createPost(author, board, { createdAt: at(0) });
    const pendingComment = await createComment(author, published, { status: 'pending', textCheck: 'review' });
    await getStrapi().db.query('plugin::community.comment').update({ where: { id: pendingComment.id }, data: { createdAt: at(3) } });
    const image = await createImageFile('risky-media-x');
    const byMedia = await createPost(author, board, { status: 'hidden', hiddenReason: 'media', imageFileIds: [image], createdAt: at(4) });
    const byReports = await createPost(author, board, { createdAt: at(5) });
    // A new account reports first (it does not count), then three established ones (the third hides the post).
    const reporters = await Promise.all([createUser({ nickname: '新用户' }), createUser({ nickname: '举报者甲' }), createUser(), createUser()]);
    for (const reporter of reporters.slice(1)) await ageAccount(reporter, 10);
    for (const reporter of reporters) {
      await http().post('/api/community/reports').set(reporter.auth).send({ targetType: 'post', targetDocumentId: byReports.documentId, reason: 'spam', note: '广告链接' }).expect(200);
    }

    const body = await queue(auth);
    const ours = body.data.filter((entry: { author: { id: number } | null }) => entry.author?.id === author.id);
    expect(ours.map((entry: { type: string; id: number }) => `${entry.type}:${entry.id}`)).toEqual([
      `post:${unchecked.id}`,
      `post:${review.id}`,
      `comment:${pendingComment.id}`,
      `post:${byMedia.id}`,
      `post:${byReports.id}`,
    ]);
    expect(inQueue(body, 'post', unchecked)).toMatchObject({ status: 'pending', reasons: ['text_unchecked'] });
    // Moderators see who wrote an anonymous post; its text is returned as written (the page shows it as text).
    expect(inQueue(body, 'post', review)).toMatchObject({
      reasons: ['text_review'],
      anonymous: true,
      title: '<b>匿名</b>',
      author: { id: author.id, documentId: author.documentId, nickname: '真名作者', mutedUntil: null },
    });
    expect(inQueue(body, 'comment', pendingComment)).toMatchObject({ post: { documentId: published.documentId } });
    expect(inQueue(body, 'post', byMedia)).toMatchObject({ reasons: ['hidden_by_media'], images: [expect.objectContaining({ url: expect.stringMatching(/^\/uploads\/risky-media-x/) })] });
    const reported = inQueue(body, 'post', byReports) as unknown as { status: string; reasons: string[]; reports: { total: number; counted: number; items: Array<Record<string, unknown>> } };
    expect(reported).toMatchObject({ status: 'hidden', reasons: ['hidden_by_reports'], reports: { total: 4, counted: 3 } });
    expect(reported.reports.items[0]).toMatchObject({ reporter: { id: reporters[0].id, nickname: '新用户' }, counted: false });
    expect(reported.reports.items[1]).toMatchObject({ reason: 'spam', note: '广告链接', reporter: { id: reporters[1].id, nickname: '举报者甲' }, counted: true });

    // Tabs: pending and reported.
    const pendingTab = await queue(auth, { kind: 'pending' });
    expect(inQueue(pendingTab, 'post', review)).toBeDefined();
    expect(inQueue(pendingTab, 'post', byReports)).toBeUndefined();
    const reportedTab = await queue(auth, { kind: 'reported', targetType: 'post' });
    expect(inQueue(reportedTab, 'post', byReports)).toBeDefined();
    expect(inQueue(reportedTab, 'post', review)).toBeUndefined();
  });

  it('pages with a cursor, every item once, and refuses a cursor it did not issue', async () => {
    const { auth } = await moderator();
    const author = await createUser();
    for (let i = 0; i < 5; i += 1) await createPost(author, board, { status: 'pending' });
    const all = (await queue(auth)).data.map((entry: { type: string; id: number }) => `${entry.type}:${entry.id}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Array<{ type: string; id: number }>; meta: { cursor: { next: string | null } } } = await queue(auth, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data.map((entry) => `${entry.type}:${entry.id}`));
      cursor = page.meta.cursor.next;
    } while (cursor);
    expect(seen).toEqual(all);
    await http().get('/community/moderation/queue').query({ cursor: 'bogus' }).set(auth).expect(400);
    await http().get('/community/moderation/queue').query({ kind: 'everything' }).set(auth).expect(400);
  });
});

describe('decisions', () => {
  it('approve publishes a queued post and tells the author; reject needs a note and says why', async () => {
    const moderatorSession = await moderator();
    const { auth } = moderatorSession;
    const author = await createUser();
    const first = await createPost(author, board, { status: 'pending', textCheck: 'unavailable' });
    const second = await createPost(author, board, { status: 'pending', textCheck: 'review' });

    const approved = await decide(auth, 'post', first, { action: 'approve' }).expect(200);
    expect(approved.body.data).toMatchObject({ type: 'post', documentId: first.documentId, status: 'published' });
    expect(await postRow(first)).toMatchObject({ status: 'published', listedAt: expect.anything() });
    expect(inQueue(await queue(auth), 'post', first)).toBeUndefined();

    await decide(auth, 'post', second, { action: 'reject' }).expect(400);
    await decide(auth, 'post', second, { action: 'reject', note: '含有广告' }).expect(200);
    expect(await postRow(second)).toMatchObject({ status: 'rejected', moderationNote: '含有广告' });

    expect((await notificationsOf(author)).map((n) => [n.kind, n.text])).toEqual([
      ['approved', '你的帖子已通过审核'],
      ['rejected', '你的帖子未通过审核：含有广告'],
    ]);
    const trail = (await http().get('/community/moderation/decisions').set(auth).expect(200)).body.data;
    expect(trail.slice(0, 2)).toEqual([
      expect.objectContaining({ source: 'moderator', moderatorId: moderatorSession.id, moderatorName: 'Mo Derator', targetType: 'post', targetId: second.id, action: 'reject', fromStatus: 'pending', toStatus: 'rejected', note: '含有广告' }),
      expect.objectContaining({ targetId: first.id, action: 'approve', fromStatus: 'pending', toStatus: 'published' }),
    ]);
    // A page at a time, newest first.
    const page = (await http().get('/community/moderation/decisions').query({ limit: 1 }).set(auth).expect(200)).body;
    expect(page.data).toEqual([expect.objectContaining({ id: trail[0].id })]);
    const older = (await http().get('/community/moderation/decisions').query({ limit: 1, before: page.meta.cursor.next }).set(auth).expect(200)).body;
    expect(older.data).toEqual([expect.objectContaining({ id: trail[1].id })]);
    await http().get('/community/moderation/decisions').query({ before: 'x' }).set(auth).expect(400);
  });

  it('refuses moves the status table does not have with 409, bad input with 400, an unknown item with 404', async () => {
    const { auth } = await moderator();
    const author = await createUser();
    const published = await createPost(author, board);
    const before = await getStrapi().db.query('plugin::community.decision').count();
    expect((await decide(auth, 'post', published, { action: 'approve' }).expect(409)).body.error.details).toMatchObject({ reason: 'impossible_transition', status: 'published' });
    await decide(auth, 'post', published, { action: 'unpin' }).expect(409);
    await decide(auth, 'post', published, { action: 'promote' }).expect(400);
    await decide(auth, 'post', published, { action: 'hide', extra: true }).expect(400);
    await decide(auth, 'post', { id: 0, documentId: 'nosuchpost0001' }, { action: 'hide' }).expect(404);
    const comment = await createComment(author, published);
    await decide(auth, 'comment', comment, { action: 'pin' }).expect(400);
    expect(await getStrapi().db.query('plugin::community.decision').count()).toBe(before);
  });

  it('hides, pins and locks a post, restores an item hidden by reports and settles its reports', async () => {
    const { auth } = await moderator();
    const author = await createUser();
    const post = await createPost(author, board);
    await decide(auth, 'post', post, { action: 'pin' }).expect(200);
    await decide(auth, 'post', post, { action: 'lock', note: '争吵' }).expect(200);
    expect(await postRow(post)).toMatchObject({ pinned: true, commentsLocked: true, status: 'published' });
    await decide(auth, 'post', post, { action: 'hide', note: '引战' }).expect(200);
    expect(await postRow(post)).toMatchObject({ status: 'hidden', hiddenReason: 'moderator', pinned: false, moderationNote: '引战' });
    await decide(auth, 'post', post, { action: 'restore' }).expect(200);
    expect(await postRow(post)).toMatchObject({ status: 'published', hiddenReason: null });

    const reported = await createPost(author, board);
    for (let i = 0; i < 3; i += 1) {
      const reader = await createUser();
      await ageAccount(reader, 5);
      await http().post('/api/community/reports').set(reader.auth).send({ targetType: 'post', targetDocumentId: reported.documentId, reason: 'abuse' }).expect(200);
    }
    expect(await postRow(reported)).toMatchObject({ status: 'hidden', hiddenReason: 'reports' });
    await decide(auth, 'post', reported, { action: 'approve', note: '误报' }).expect(200);
    expect(await postRow(reported)).toMatchObject({ status: 'published', reportCount: 0 });
    expect(await getStrapi().db.query('plugin::community.report').count({ where: { targetType: 'post', targetId: reported.id, resolved: false } })).toBe(0);
    expect(inQueue(await queue(auth), 'post', reported)).toBeUndefined();
  });

  it('keeps a reported item a moderator looked at: its reports are settled, nothing else changes', async () => {
    const { auth } = await moderator();
    const author = await createUser();
    const post = await createPost(author, board);
    const reader = await createUser();
    await http().post('/api/community/reports').set(reader.auth).send({ targetType: 'post', targetDocumentId: post.documentId, reason: 'other' }).expect(200);
    expect(inQueue(await queue(auth, { kind: 'reported' }), 'post', post)).toMatchObject({ status: 'published', reasons: ['reported'] });
    await decide(auth, 'post', post, { action: 'approve' }).expect(200);
    expect(await postRow(post)).toMatchObject({ status: 'published', reportCount: 0 });
    expect(inQueue(await queue(auth), 'post', post)).toBeUndefined();
    expect(await notificationsOf(author)).toEqual([]);
    // Once kept, approving again is not a move the table has.
    await decide(auth, 'post', post, { action: 'approve' }).expect(409);
  });

  it('takes one decision when moderators decide the same item at once; the others get 409', async () => {
    const { auth } = await moderator();
    const second = await adminWith((await moderatorRole()).id, 'Second');
    const author = await createUser();
    const post = await createPost(author, board, { status: 'pending' });
    const post2 = await createPost(author, board);
    const thread = await createComment(author, post2);
    await getStrapi().db.connection('community_posts').where({ id: post2.id }).update({ comment_count: 1 });
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => decide(i % 2 ? second.auth : auth, 'post', post, i % 3 === 0 ? { action: 'reject', note: '重复' } : { action: 'approve' })),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await getStrapi().db.query('plugin::community.decision').count({ where: { targetType: 'post', targetId: post.id } })).toBe(1);
    expect(await notificationsOf(author)).toHaveLength(1);
    // Hiding one published comment at once from many tabs moves the counter once.
    const hides = await Promise.all(Array.from({ length: 5 }, () => decide(auth, 'comment', thread, { action: 'hide', note: '刷屏' })));
    expect(hides.map((res) => res.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await postRow(post2)).toMatchObject({ commentCount: 0 });
  });

  it('moves a comment in and out of its post’s comment count and its thread’s replies', async () => {
    const { auth } = await moderator();
    const author = await createUser();
    const post = await createPost(author, board);
    const thread = await createComment(author, post);
    await getStrapi().db.connection('community_posts').where({ id: post.id }).update({ comment_count: 1 });
    const reply = await createComment(author, post, { status: 'pending', thread: thread.id });
    await decide(auth, 'comment', reply, { action: 'approve' }).expect(200);
    expect(await postRow(post)).toMatchObject({ commentCount: 2 });
    expect(await commentRow(thread)).toMatchObject({ replyCount: 1 });
    await decide(auth, 'comment', reply, { action: 'hide', note: '辱骂' }).expect(200);
    expect(await postRow(post)).toMatchObject({ commentCount: 1 });
    expect(await commentRow(thread)).toMatchObject({ replyCount: 0 });
    await decide(auth, 'comment', reply, { action: 'delete' }).expect(200);
    expect(await postRow(post)).toMatchObject({ commentCount: 1 });
    expect((await notificationsOf(author)).map((n) => n.text)).toEqual(['你的评论已通过审核', '你的评论已被隐藏：辱骂', '你的评论已被删除：违反社区规范']);
  });
});

describe('an approved comment', () => {
  it('is announced to the post’s author like any new comment, once approved', async () => {
    const { auth } = await moderator();
    const [author, commenter] = [await createUser(), await createUser({ nickname: '路人' })];
    const post = await createPost(author, board);
    const comment = await createComment(commenter, post, { status: 'pending', textCheck: 'review', content: '写得好' });
    expect(await notificationsOf(author)).toEqual([]);
    await decide(auth, 'comment', comment, { action: 'approve' }).expect(200);
    expect(await notificationsOf(author)).toEqual([expect.objectContaining({ kind: 'commented', postDocumentId: post.documentId })]);
    expect(await notificationsOf(commenter)).toEqual([expect.objectContaining({ kind: 'approved', text: '你的评论已通过审核' })]);
  });
});

describe('mutes', () => {
  it('mutes a user for N days (their writes are 403 with the end), tells them, shows it in the queue, and lifts it', async () => {
    const { auth } = await moderator();
    const user = await createUser();
    const post = await createPost(await createUser(), board);
    const pending = await createPost(user, board, { status: 'pending' });
    const muted = await http().post('/community/moderation/mutes').set(auth).send({ userId: user.id, days: 3, note: '刷屏' }).expect(201);
    const until = muted.body.data.until as string;
    expect(new Date(until).getTime() - Date.now()).toBeGreaterThan(3 * 86_400_000 - 60_000);
    const refused = await http().post('/api/community/reports').set(user.auth).send({ targetType: 'post', targetDocumentId: post.documentId, reason: 'spam' }).expect(403);
    expect(refused.body.error.details).toEqual({ reason: 'muted', until });
    expect(inQueue(await queue(auth), 'post', pending)).toMatchObject({ author: { mutedUntil: until } });
    expect((await notificationsOf(user)).at(-1)).toMatchObject({ kind: 'muted', text: expect.stringMatching(/^你已被禁言至 .+：刷屏$/) });
    expect((await http().get('/community/moderation/mutes').set(auth).expect(200)).body.data).toContainEqual(expect.objectContaining({ id: muted.body.data.id, userId: user.id }));

    await http().delete(`/community/moderation/mutes/${muted.body.data.id}`).set(auth).expect(200);
    await http().delete(`/community/moderation/mutes/${muted.body.data.id}`).set(auth).expect(409);
    await http().post('/api/community/reports').set(user.auth).send({ targetType: 'post', targetDocumentId: post.documentId, reason: 'spam' }).expect(200);
    const trail = (await http().get('/community/moderation/decisions').query({ targetType: 'user', targetId: user.id }).set(auth).expect(200)).body.data;
    expect(trail.map((d: { action: string }) => d.action)).toEqual(['unmute', 'mute']);
  });

  it('refuses a mute without a reason, of nobody, or for too long', async () => {
    const { auth } = await moderator();
    const user = await createUser();
    await http().post('/community/moderation/mutes').set(auth).send({ userId: user.id, days: 3 }).expect(400);
    await http().post('/community/moderation/mutes').set(auth).send({ userId: user.id, days: 0, note: 'x' }).expect(400);
    await http().post('/community/moderation/mutes').set(auth).send({ userId: 987654321, days: 1, note: 'x' }).expect(404);
    await http().delete('/community/moderation/mutes/987654321').set(auth).expect(404);
  });
});

describe('the audit trail', () => {
  it('cannot be edited or erased, even with SQL', async () => {
    const knex = getStrapi().db.connection;
    const decision = await getService(getStrapi(), 'decisions').record({ source: 'system', targetType: 'post', targetId: 1, action: 'hide', note: 'audit' });
    await expect(knex('community_decisions').where({ id: decision.id }).update({ note: 'rewritten' })).rejects.toThrow(/append_only/);
    await expect(knex('community_decisions').where({ id: decision.id }).del()).rejects.toThrow(/append_only/);
    await expect(getStrapi().db.query('plugin::community.decision').update({ where: { id: decision.id }, data: { action: 'approve' } })).rejects.toThrow(/append_only/);
    await expect(getStrapi().db.query('plugin::community.decision').deleteMany({ where: { id: decision.id } })).rejects.toThrow(/append_only/);
    if (isPostgres(knex)) await expect(knex.raw('TRUNCATE community_decisions')).rejects.toThrow(/append_only/);
    expect(await getStrapi().db.query('plugin::community.decision').findOne({ where: { id: decision.id } })).toMatchObject({ note: 'audit', action: 'hide' });
  });

  it('is not offered for editing in the content manager', async () => {
    expect(getStrapi().contentType('plugin::community.decision').pluginOptions).toMatchObject({ 'content-manager': { visible: false } });
    const superAdmin = await adminWith((await getStrapi().service('admin::role').getSuperAdmin()).id);
    const decision = await getService(getStrapi(), 'decisions').record({ source: 'system', targetType: 'post', targetId: 1, action: 'hide', note: 'cm' });
    const row = await getStrapi().db.query('plugin::community.decision').findOne({ where: { id: decision.id } });
    const base = '/content-manager/collection-types/plugin::community.decision';
    // Not even a super admin: the content manager grants no action on a type it does not show.
    await http().put(`${base}/${row.documentId}`).set(superAdmin.auth).send({ note: 'edited' }).expect(403);
    await http().delete(`${base}/${row.documentId}`).set(superAdmin.auth).expect(403);
    await http().post(base).set(superAdmin.auth).send({ source: 'moderator', targetType: 'post', targetId: 1, action: 'approve' }).expect(403);
    expect(await getStrapi().db.query('plugin::community.decision').findOne({ where: { id: decision.id } })).toMatchObject({ note: 'cm' });
  });
});

export type { TestUser };
