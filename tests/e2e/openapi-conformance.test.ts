import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { getStrapi, http } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { createBoard as createCommunityBoard } from '../helpers/community';
import { insertPost, PNG, uploadImage, writePost } from '../helpers/community-posts';
import { checkIn, newHabit } from '../helpers/habits';
import { rebuild, setCounters } from '../helpers/leaderboard';
import { login, setupWeChat, signIn, teardownWeChat } from '../helpers/wechat';
import { answerChecker, loadDocument } from '../helpers/openapi';
import { documentedRoutes } from '../../src/openapi';
import { ageAccount, createBoard, createPost, createPublishedPost } from '../helpers/community';
import { pushSignature } from '../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { createChallenge, createTemplate } from '../helpers/challenges';
import { makeVip, checkInsGiving } from '../helpers/challenges-finish';
import { ADDRESS as MALL_ADDRESS, addressNotifications, makeMerchant, makeShopProduct, placeAndPrepay, wxPayEnvFor } from '../helpers/mall-orders';
import { startFakeWxPayServer, type FakeWxPay } from '../../src/plugins/mall/server/src/fake/fake-wxpay-server';

/**
 * The API document tells the truth: every route the plugins and src/api document is called here at
 * least once with a success and once with an error, and each real answer must be a status the document
 * lists for the operation, with a body its schema accepts. The answer schemas are strict, so a field
 * added to or renamed in an answer fails here until its zod schema says so (and `npm run openapi` is run).
 */
let check: ReturnType<typeof answerChecker>;
/** `METHOD path` -> the statuses seen, to prove every documented route was called both ways. */
const seen = new Map<string, Set<number>>();
const expectDocumented: ReturnType<typeof answerChecker> = (method, path, res) => {
  check(method, path, res);
  const key = `${method.toUpperCase()} ${path}`;
  seen.set(key, (seen.get(key) ?? new Set()).add(res.status));
};

/** Errors no test can provoke on a healthy app: /api/ready's 503 needs an unreachable database. */
const UNPROVOKED_ERRORS = new Set(['GET /api/ready']);

const clock = () => getService(getStrapi(), 'clock');
const ledger = () => getService(getStrapi(), 'ledger');
const credit = (user: { id: number }, amount: number) =>
  ledger().withUserLock(user.id, (sql) => ledger().apply(sql, user.id, [{ amount, reason: 'test-credit' }], new Date()));
const shanghaiNoon = (day: string) => `${day}T04:00:00Z`;

let wxpay: FakeWxPay;
beforeAll(async () => {
  wxpay = await startFakeWxPayServer({ appId: 'wx1234567890abcdef' });
  await setupWeChat(wxPayEnvFor(wxpay));
  addressNotifications();
  check = answerChecker(await loadDocument());
});
afterEach(() => clock().setNow(null));
afterAll(async () => {
  await teardownWeChat();
  await wxpay.close();
});

describe('wechat sign-in and the account', () => {
  it('POST /api/wechat/login', async () => {
    const { res } = await login('ann');
    expect(res.status).toBe(200);
    expectDocumented('post', '/api/wechat/login', res);
    expectDocumented('post', '/api/wechat/login', await http().post('/api/wechat/login').send({ code: '' }).expect(400));
  });

  it('POST /api/wechat/phone', async () => {
    const ann = await signIn('ann');
    expectDocumented('post', '/api/wechat/phone', await http().post('/api/wechat/phone').set(ann.auth).send({ code: 'phone-ok.1' }).expect(200));
    expectDocumented('post', '/api/wechat/phone', await http().post('/api/wechat/phone').set(ann.auth).send({}).expect(400));
  });

  it('POST /api/auth/refresh and /api/auth/logout', async () => {
    const ann = await signIn('ann');
    const refreshed = await http().post('/api/auth/refresh').send({ refreshToken: ann.refreshToken }).expect(200);
    expectDocumented('post', '/api/auth/refresh', refreshed);
    // A retry whose answer was lost gets the same pair; an unknown token is a 401 with its reason.
    const retried = await http().post('/api/auth/refresh').send({ refreshToken: ann.refreshToken }).expect(200);
    expect(retried.body.data).toEqual(refreshed.body.data);
    expectDocumented('post', '/api/auth/refresh', retried);
    expectDocumented('post', '/api/auth/refresh', await http().post('/api/auth/refresh').send({ refreshToken: 'rt_not-a-real-token-at-all' }).expect(401));
    const fresh = await signIn('ann');
    expectDocumented('post', '/api/auth/logout', await http().post('/api/auth/logout').send({ refreshToken: fresh.refreshToken }).expect(200));
    expectDocumented('post', '/api/auth/logout', await http().post('/api/auth/logout').send({}).expect(400));
  });

  it('GET, PUT and DELETE /api/me, GET /api/me/export', async () => {
    const bob = await signIn('bob');
    expectDocumented('get', '/api/me', await http().get('/api/me').set(bob.auth).expect(200));
    expectDocumented('get', '/api/me', await http().get('/api/me').expect(401));
    const settings = { cigarettesPerDay: 10, pricePerPack: 25.5, cigarettesPerPack: 20 };
    const changed = await http().put('/api/me').set(bob.auth).send({ timezone: 'Asia/Tokyo', province: '广东省', smokingSettings: settings }).expect(200);
    expectDocumented('put', '/api/me', changed);
    expectDocumented('put', '/api/me', await http().put('/api/me').set(bob.auth).send({ timezone: 'Mars/Olympus' }).expect(400));
    const habit = (await http().post('/api/habits').set(bob.auth).send({ data: { title: 'Read' } }).expect(201)).body.data.documentId as string;
    await http().post('/api/check-ins').set(bob.auth).send({ data: { habit } }).expect(201);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWMwXlWOFTEMLQkAJbdVAbuCg2sAAAAASUVORK5CYII=', 'base64');
    expectDocumented('post', '/api/me/avatar', await http().post('/api/me/avatar').set(bob.auth).attach('file', png, { filename: 'me.png', contentType: 'image/png' }).expect(200));
    expectDocumented('post', '/api/me/avatar', await http().post('/api/me/avatar').set(bob.auth).attach('file', Buffer.from('GIF89a'), { filename: 'me.gif', contentType: 'image/gif' }).expect(400));
    expectDocumented('get', '/api/me/export', await http().get('/api/me/export').set(bob.auth).expect(200));
    expectDocumented('get', '/api/me/export', await http().get('/api/me/export').expect(401));
    expectDocumented('delete', '/api/me', await http().delete('/api/me').set(bob.auth).expect(200));
    expectDocumented('delete', '/api/me', await http().delete('/api/me').set(bob.auth).expect(401));
  });
});

describe('check-ins', () => {
  it('POST /api/check-ins, then the same day again (409)', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    expectDocumented('post', '/api/check-ins', await checkIn(user, habit, { note: 'done', mood: 4, images: ['https://example.com/a.png'] }).expect(201));
    expectDocumented('post', '/api/check-ins', await checkIn(user, habit).expect(409));
    expectDocumented('post', '/api/check-ins', await checkIn(user, 'not a document id').expect(400));
    // An offline replay of a passed day, and an idempotency key reused for another habit.
    const other = await newHabit(user, { title: 'Other' });
    expectDocumented('post', '/api/check-ins', await checkIn(user, other, { localDate: '2026-01-02' }).expect(409));
    await checkIn(user, other, { idempotencyKey: 'conformance-key-1' }).expect(201);
    expectDocumented('post', '/api/check-ins', await checkIn(user, habit, { idempotencyKey: 'conformance-key-1' }).expect(422));
  });

  it('DELETE /api/check-ins/{id}', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    const made = (await checkIn(user, habit).expect(201)).body.data.documentId as string;
    expectDocumented('delete', '/api/check-ins/{id}', await http().delete(`/api/check-ins/${made}`).set(user.auth).expect(204));
    expectDocumented('delete', '/api/check-ins/{id}', await http().delete(`/api/check-ins/${made}`).set(user.auth).expect(404));
  });

  it('GET /api/check-ins/today and /api/check-ins/calendar', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    await newHabit(user, { title: 'Quit', kind: 'quit' });
    await checkIn(user, habit).expect(201);
    expectDocumented('get', '/api/check-ins/today', await http().get('/api/check-ins/today').set(user.auth).expect(200));
    expectDocumented('get', '/api/check-ins/today', await http().get('/api/check-ins/today').expect(401));
    const month = clock().localDay({ timezone: 'Asia/Shanghai', dayStartHour: 0 }).slice(0, 7);
    expectDocumented('get', '/api/check-ins/calendar', await http().get(`/api/check-ins/calendar?month=${month}`).set(user.auth).expect(200));
    expectDocumented('get', '/api/check-ins/calendar', await http().get('/api/check-ins/calendar?month=2026-13').set(user.auth).expect(400));
  });

  it('POST /api/check-ins with the local day it was tapped (an offline replay)', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-08-05'));
    expectDocumented('post', '/api/check-ins', await checkIn(user, habit, { localDate: '2026-08-05' }).expect(201));
    expectDocumented('post', '/api/check-ins', await checkIn(user, habit, { localDate: '2026-08-04' }).expect(409));
    expectDocumented('post', '/api/check-ins', await checkIn(user, habit, { localDate: '2026-08-06' }).expect(400));
  });

  it('GET /api/check-ins/makeup/rules', async () => {
    const user = await createUser();
    expectDocumented('get', '/api/check-ins/makeup/rules', await http().get('/api/check-ins/makeup/rules').set(user.auth).expect(200));
    expectDocumented('get', '/api/check-ins/makeup/rules', await http().get('/api/check-ins/makeup/rules').expect(401));
  });

  it('POST /api/check-ins/makeup', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-08-01'));
    await checkIn(user, habit).expect(201);
    clock().setNow(shanghaiNoon('2026-08-03'));
    const makeup = (date: string) => http().post('/api/check-ins/makeup').set(user.auth).send({ data: { habit, date } });
    expectDocumented('post', '/api/check-ins/makeup', await makeup('2026-08-02').expect(201));
    expectDocumented('post', '/api/check-ins/makeup', await makeup('2026-08-01').expect(409));
    expectDocumented('post', '/api/check-ins/makeup', await makeup('2026-08-03').expect(400));
  });
});

describe('habits and tasks', () => {
  it('POST /api/habits/{id}/archive and /restore, GET /api/habits/{id}/stats', async () => {
    const user = await createUser();
    await getStrapi()
      .db.query('plugin::users-permissions.user')
      .update({ where: { id: user.id }, data: { smokingSettings: { cigarettesPerDay: 20, pricePerPack: 25, cigarettesPerPack: 20 } } });
    const habit = await newHabit(user, { kind: 'quit' });
    const build = await newHabit(user, { frequencyType: 'weekdays', weekdays: [1, 3, 5] });
    await checkIn(user, habit).expect(201);
    expectDocumented('post', '/api/habits/{id}/archive', await http().post(`/api/habits/${build}/archive`).set(user.auth).expect(200));
    expectDocumented('post', '/api/habits/{id}/restore', await http().post(`/api/habits/${build}/restore`).set(user.auth).expect(200));
    expectDocumented('post', '/api/habits/{id}/archive', await http().post('/api/habits/nosuchhabit00/archive').set(user.auth).expect(404));
    expectDocumented('post', '/api/habits/{id}/restore', await http().post('/api/habits/nosuchhabit00/restore').set(user.auth).expect(404));
    expectDocumented('get', '/api/habits/{id}/stats', await http().get(`/api/habits/${habit}/stats`).set(user.auth).expect(200));
    expectDocumented('get', '/api/habits/{id}/stats', await http().get(`/api/habits/${build}/stats`).set(user.auth).expect(200));
    expectDocumented('get', '/api/habits/{id}/stats', await http().get('/api/habits/nosuchhabit00/stats').set(user.auth).expect(404));
  });

  it('GET /api/tasks?date=, POST /api/tasks/{id}/complete, DELETE /api/tasks/{id}', async () => {
    const user = await createUser();
    expectDocumented('get', '/api/tasks', await http().get('/api/tasks').set(user.auth).expect(200));
    expectDocumented('get', '/api/tasks', await http().get('/api/tasks?date=2999-01-01').set(user.auth).expect(400));
    const task = async () => (await http().post('/api/tasks').set(user.auth).send({ data: { title: 'Tidy up' } }).expect(201)).body.data.documentId as string;
    const done = await task();
    expectDocumented('post', '/api/tasks/{id}/complete', await http().post(`/api/tasks/${done}/complete`).set(user.auth).expect(200));
    expectDocumented('post', '/api/tasks/{id}/complete', await http().post(`/api/tasks/${done}/complete`).set(user.auth).expect(409));
    expectDocumented('delete', '/api/tasks/{id}', await http().delete(`/api/tasks/${await task()}`).set(user.auth).expect(204));
    expectDocumented('delete', '/api/tasks/{id}', await http().delete(`/api/tasks/${done}`).set(user.auth).expect(400));
  });

  it('POST /api/diaries: a second diary on one date names the first', async () => {
    const user = await createUser();
    const write = () => http().post('/api/diaries').set(user.auth).send({ data: { content: 'A good day', isDraft: false } });
    const first = await write().expect(201);
    expectDocumented('post', '/api/diaries', first);
    const second = await write().expect(409);
    expectDocumented('post', '/api/diaries', second);
    expect(second.body.error.details.diary.documentId).toBe(first.body.data.documentId);
    expectDocumented('post', '/api/diaries', await http().post('/api/diaries').set(user.auth).send({ data: { localDate: '2999-01-01' } }).expect(400));
  });

  it('GET /api/diaries?month=', async () => {
    const user = await createUser();
    await http().post('/api/diaries').set(user.auth).send({ data: { content: 'A good day', isDraft: false } }).expect(201);
    const month = clock().localDay({ timezone: 'Asia/Shanghai', dayStartHour: 0 }).slice(0, 7);
    expectDocumented('get', '/api/diaries', await http().get(`/api/diaries?month=${month}`).set(user.auth).expect(200));
    expectDocumented('get', '/api/diaries', await http().get('/api/diaries?month=May').set(user.auth).expect(400));
  });
});

describe('points, stats, lottery and redeem codes', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await createUser();
    await checkIn(user, await newHabit(user)).expect(201);
  });

  it('GET /api/points/balance and /api/points/records', async () => {
    expectDocumented('get', '/api/points/balance', await http().get('/api/points/balance').set(user.auth).expect(200));
    expectDocumented('get', '/api/points/balance', await http().get('/api/points/balance').expect(401));
    expectDocumented('get', '/api/points/records', await http().get('/api/points/records?page=1&pageSize=5').set(user.auth).expect(200));
    expectDocumented('get', '/api/points/records', await http().get('/api/points/records?pageSize=1000').set(user.auth).expect(400));
  });

  it('GET /api/me/stats', async () => {
    expectDocumented('get', '/api/me/stats', await http().get('/api/me/stats').set(user.auth).expect(200));
    expectDocumented('get', '/api/me/stats', await http().get('/api/me/stats').expect(401));
  });

  it('GET /api/lottery/prizes, POST /api/lottery/draw, GET /api/lottery/records', async () => {
    const prizes = getStrapi().documents('api::prize.prize');
    // Only this test's prize is on offer while it runs (other files leave theirs), then they come back.
    const parked = (await getStrapi().db.connection('prizes').where({ active: true }).select('id')).map((row: { id: number }) => row.id);
    await getStrapi().db.connection('prizes').whereIn('id', parked).update({ active: false });
    const prize = (await prizes.create({ data: { name: 'Ten points', kind: 'points', amount: 10, weight: 1, stock: -1, active: true } } as never)) as {
      documentId: string;
    };
    try {
      expectDocumented('get', '/api/lottery/prizes', await http().get('/api/lottery/prizes').set(user.auth).expect(200));
      expectDocumented('get', '/api/lottery/prizes', await http().get('/api/lottery/prizes').expect(401));
      const poor = await createUser();
      expectDocumented('post', '/api/lottery/draw', await http().post('/api/lottery/draw').set(poor.auth).send({}).expect(400));
      await credit(user, 100);
      expectDocumented('post', '/api/lottery/draw', await http().post('/api/lottery/draw').set(user.auth).send({ data: { idempotencyKey: 'conformance-draw-1' } }).expect(201));
      // A key already spent on a check-in cannot name a draw.
      await checkIn(user, await newHabit(user, { title: 'Stretch' }), { idempotencyKey: 'conformance-shared-key' }).expect(201);
      expectDocumented('post', '/api/lottery/draw', await http().post('/api/lottery/draw').set(user.auth).send({ data: { idempotencyKey: 'conformance-shared-key' } }).expect(422));
      expectDocumented('get', '/api/lottery/records', await http().get('/api/lottery/records').set(user.auth).expect(200));
      expectDocumented('get', '/api/lottery/records', await http().get('/api/lottery/records?page=0').set(user.auth).expect(400));
    } finally {
      await prizes.delete({ documentId: prize.documentId } as never);
      await getStrapi().db.connection('prizes').whereIn('id', parked).update({ active: true });
    }
  });

  it('POST /api/redeem-codes/redeem and GET /api/redeem-codes/history', async () => {
    const codes = getService(getStrapi(), 'redeemCodes');
    const [points] = (await codes.createBatch({ name: 'conformance', kind: 'points', amount: 50, maxUses: 1, count: 1 })).codes;
    const [cards] = (await codes.createBatch({ name: 'conformance', kind: 'makeupCards', amount: 2, maxUses: 1, count: 1 })).codes;
    const [vip] = (await codes.createBatch({ name: 'conformance', kind: 'vipDays', amount: 7, maxUses: 5, count: 1 })).codes;
    const redeem = (code: string) => http().post('/api/redeem-codes/redeem').set(user.auth).send({ code });
    for (const code of [points, cards, vip]) expectDocumented('post', '/api/redeem-codes/redeem', await redeem(code).expect(200));
    expectDocumented('post', '/api/redeem-codes/redeem', await redeem(points).expect(409));
    expectDocumented('post', '/api/redeem-codes/redeem', await redeem('NOPE-NOPE-NOPE').expect(404));
    expectDocumented('get', '/api/redeem-codes/history', await http().get('/api/redeem-codes/history').set(user.auth).expect(200));
    expectDocumented('get', '/api/redeem-codes/history', await http().get('/api/redeem-codes/history?kind=points').set(user.auth).expect(200));
    expectDocumented('get', '/api/redeem-codes/history', await http().get('/api/redeem-codes/history?kind=gold').set(user.auth).expect(400));
    expectDocumented('get', '/api/redeem-codes/history', await http().get('/api/redeem-codes/history?extra=1').set(user.auth).expect(400));
  });
});

describe('leaderboards', () => {
  it('GET /api/leaderboards/{metric} and /api/leaderboards/{metric}/me', async () => {
    const user = await createUser();
    const region = `测试省${Date.now()}`;
    await setCounters(user, { province: region, total_check_in_days: 3, days_reached_at: new Date('2026-11-01T00:00:00Z') });
    await rebuild();
    const query = { scope: 'province', region };
    expectDocumented('get', '/api/leaderboards/{metric}', await http().get('/api/leaderboards/total-days').query(query).set(user.auth).expect(200));
    expectDocumented('get', '/api/leaderboards/{metric}', await http().get('/api/leaderboards/total-days').set(user.auth).expect(403));
    expectDocumented('get', '/api/leaderboards/{metric}/me', await http().get('/api/leaderboards/total-days/me').query(query).set(user.auth).expect(200));
    const stranger = await createUser();
    expectDocumented('get', '/api/leaderboards/{metric}/me', await http().get('/api/leaderboards/points-earned/me').query(query).set(stranger.auth).expect(200));
    expectDocumented('get', '/api/leaderboards/{metric}/me', await http().get('/api/leaderboards/height/me').query(query).set(user.auth).expect(400));
  });
});

describe('community comments, likes and notifications', () => {
  it('GET and POST /api/community/posts/{documentId}/comments, GET /api/community/comments/{documentId}/replies, DELETE /api/community/comments/{documentId}', async () => {
    const [ann, bob] = [await createUser(), await createUser()];
    const post = await createPublishedPost(ann, await createBoard());
    const comments = `/api/community/posts/${post.documentId}/comments`;
    const created = await http().post(comments).set(bob.auth).send({ content: '沙发' }).expect(201);
    expectDocumented('post', '/api/community/posts/{documentId}/comments', created);
    const root = created.body.data.documentId as string;
    expectDocumented('post', '/api/community/posts/{documentId}/comments', await http().post(comments).set(ann.auth).send({ content: '回复', replyTo: root }).expect(201));
    expectDocumented('post', '/api/community/posts/{documentId}/comments', await http().post(comments).set(ann.auth).send({ content: '' }).expect(400));
    expectDocumented('post', '/api/community/posts/{documentId}/comments', await http().post(comments).set(ann.auth).send({ content: '赌博' }).expect(400));
    expectDocumented('post', '/api/community/posts/{documentId}/comments', await http().post(comments).send({ content: '游客' }).expect(401));
    expectDocumented('get', '/api/community/posts/{documentId}/comments', await http().get(comments).set(bob.auth).expect(200));
    expectDocumented('get', '/api/community/posts/{documentId}/comments', await http().get(comments).query({ cursor: 'nope!' }).expect(400));
    expectDocumented('get', '/api/community/posts/{documentId}/comments', await http().get('/api/community/posts/aaaaaaaaaaaaaaaaaaaaaaaa/comments').expect(404));
    expectDocumented('get', '/api/community/comments/{documentId}/replies', await http().get(`/api/community/comments/${root}/replies`).expect(200));
    expectDocumented('get', '/api/community/comments/{documentId}/replies', await http().get('/api/community/comments/aaaaaaaaaaaaaaaaaaaaaaaa/replies').expect(404));
    expectDocumented('delete', '/api/community/comments/{documentId}', await http().delete(`/api/community/comments/${root}`).set(ann.auth).expect(404));
    expectDocumented('delete', '/api/community/comments/{documentId}', await http().delete(`/api/community/comments/${root}`).set(bob.auth).expect(204));
    // The deleted comment stays for its reply, as 该评论已删除 without an author.
    const tombstone = await http().get(comments).expect(200);
    expect(tombstone.body.data[0]).toMatchObject({ documentId: root, author: null, deleted: true });
    expectDocumented('get', '/api/community/posts/{documentId}/comments', tombstone);
    // A locked post answers 403 with its reason.
    const locked = await createPublishedPost(ann, await createBoard(), { commentsLocked: true });
    expectDocumented('post', '/api/community/posts/{documentId}/comments', await http().post(`/api/community/posts/${locked.documentId}/comments`).set(bob.auth).send({ content: '锁了' }).expect(403));
  });

  it('PUT and DELETE /api/community/posts/{documentId}/like and /api/community/comments/{documentId}/like', async () => {
    const [ann, bob] = [await createUser(), await createUser()];
    const post = await createPublishedPost(ann, await createBoard());
    const comment = (await http().post(`/api/community/posts/${post.documentId}/comments`).set(ann.auth).send({ content: '点赞我' }).expect(201)).body.data.documentId as string;
    for (const [target, documentId] of [['posts', post.documentId], ['comments', comment]] as const) {
      const path = `/api/community/${target}/{documentId}/like`;
      expectDocumented('put', path, await http().put(`/api/community/${target}/${documentId}/like`).set(bob.auth).expect(200));
      expectDocumented('put', path, await http().put(`/api/community/${target}/aaaaaaaaaaaaaaaaaaaaaaaa/like`).set(bob.auth).expect(404));
      expectDocumented('delete', path, await http().delete(`/api/community/${target}/${documentId}/like`).set(bob.auth).expect(200));
      expectDocumented('delete', path, await http().delete(`/api/community/${target}/${documentId}/like`).expect(401));
    }
  });

  it('GET /api/community/notifications, /unread-count and POST /api/community/notifications/read', async () => {
    const [ann, bob] = [await createUser(), await createUser()];
    const post = await createPublishedPost(ann, await createBoard());
    await http().put(`/api/community/posts/${post.documentId}/like`).set(bob.auth).expect(200);
    expectDocumented('get', '/api/community/notifications', await http().get('/api/community/notifications').set(ann.auth).expect(200));
    expectDocumented('get', '/api/community/notifications', await http().get('/api/community/notifications').query({ cursor: 'nope!' }).set(ann.auth).expect(400));
    expectDocumented('get', '/api/community/notifications/unread-count', await http().get('/api/community/notifications/unread-count').set(ann.auth).expect(200));
    expectDocumented('get', '/api/community/notifications/unread-count', await http().get('/api/community/notifications/unread-count').expect(401));
    expectDocumented('post', '/api/community/notifications/read', await http().post('/api/community/notifications/read').set(ann.auth).send({}).expect(200));
    expectDocumented('post', '/api/community/notifications/read', await http().post('/api/community/notifications/read').set(ann.auth).send({ ids: [] }).expect(400));
  });
});

describe('community posts and feeds', () => {
  it('GET /api/community/boards, GET /api/community/boards/{slug}/posts', async () => {
    const board = await createCommunityBoard();
    const author = await createUser();
    await insertPost(author, board, { pinned: true });
    for (let i = 0; i < 3; i += 1) await insertPost(author, board, { anonymous: i === 1, likeCount: i });
    expectDocumented('get', '/api/community/boards', await http().get('/api/community/boards').set(author.auth).expect(200));
    const feed = `/api/community/boards/${board.slug}/posts`;
    const first = await http().get(feed).query({ sort: 'hot', limit: 2 }).set(author.auth).expect(200);
    expectDocumented('get', '/api/community/boards/{slug}/posts', first);
    expectDocumented('get', '/api/community/boards/{slug}/posts', await http().get(feed).query({ sort: 'hot', cursor: first.body.meta.cursor.next }).expect(200));
    expectDocumented('get', '/api/community/boards/{slug}/posts', await http().get(feed).query({ cursor: first.body.meta.cursor.next }).expect(400));
    expectDocumented('get', '/api/community/boards/{slug}/posts', await http().get('/api/community/boards/no-such-board/posts').expect(404));
  });

  it('POST /api/community/images, POST /api/community/posts', async () => {
    const board = await createCommunityBoard();
    const author = await createUser();
    const image = await uploadImage(author, PNG).expect(201);
    expectDocumented('post', '/api/community/images', image);
    expectDocumented('post', '/api/community/images', await uploadImage(author, Buffer.from('plain text'), 'a.png').expect(400));
    expectDocumented('post', '/api/community/images', await http().post('/api/community/images').attach('file', PNG, { filename: 'a.png', contentType: 'image/png' }).expect(401));
    const body = { board: board.slug, title: '标题', content: '正文', images: [image.body.data.documentId], anonymous: true };
    expectDocumented('post', '/api/community/posts', await writePost(author, body).expect(201));
    expectDocumented('post', '/api/community/posts', await writePost(author, { board: board.slug, content: '这条待审' }).expect(201));
    expectDocumented('post', '/api/community/posts', await writePost(author, { board: board.slug, content: '赌博' }).expect(400));
    expectDocumented('post', '/api/community/posts', await writePost(author, { board: 'no-such-board', content: '正文' }).expect(404));
    expectDocumented('post', '/api/community/posts', await writePost(author, { board: (await createCommunityBoard({ active: false })).slug, content: '正文' }).expect(403));
    const muted = await createUser();
    await getStrapi().db.query('plugin::community.mute').create({ data: { user: muted.id, until: new Date(Date.now() + 86_400_000), reason: 'conformance' } });
    expectDocumented('post', '/api/community/posts', await writePost(muted, { board: board.slug, content: '正文' }).expect(403));
    expectDocumented('post', '/api/community/posts', await http().post('/api/community/posts').send(body).expect(401));
  });

  it('GET and DELETE /api/community/posts/{documentId}', async () => {
    const board = await createCommunityBoard();
    const author = await createUser();
    const post = await insertPost(author, board, { moderationNote: '已置顶' });
    const path = `/api/community/posts/${post.documentId}`;
    expectDocumented('get', '/api/community/posts/{documentId}', await http().get(path).expect(200));
    expectDocumented('get', '/api/community/posts/{documentId}', await http().get(path).set(author.auth).expect(200));
    expectDocumented('get', '/api/community/posts/{documentId}', await http().get('/api/community/posts/BAD').expect(400));
    expectDocumented('delete', '/api/community/posts/{documentId}', await http().delete(path).set((await createUser()).auth).expect(404));
    expectDocumented('delete', '/api/community/posts/{documentId}', await http().delete(path).set(author.auth).expect(204));
    expectDocumented('get', '/api/community/posts/{documentId}', await http().get(path).expect(404));
  });

  it('PUT and DELETE /api/community/users/{documentId}/follow, GET /api/community/feed/following, GET /api/community/me/posts', async () => {
    const board = await createCommunityBoard();
    const [me, them] = [await createUser(), await createUser()];
    await insertPost(them, board);
    await insertPost(me, board, { status: 'rejected', moderationNote: '含广告' });
    const follow = (documentId: string) => http().put(`/api/community/users/${documentId}/follow`).set(me.auth);
    expectDocumented('put', '/api/community/users/{documentId}/follow', await follow(them.documentId).expect(200));
    expectDocumented('put', '/api/community/users/{documentId}/follow', await follow(me.documentId).expect(400));
    expectDocumented('put', '/api/community/users/{documentId}/follow', await follow('nosuchuser0000').expect(404));
    expectDocumented('get', '/api/community/feed/following', await http().get('/api/community/feed/following').set(me.auth).expect(200));
    expectDocumented('get', '/api/community/feed/following', await http().get('/api/community/feed/following').query({ limit: 0 }).set(me.auth).expect(400));
    expectDocumented('get', '/api/community/feed/following', await http().get('/api/community/feed/following').expect(401));
    expectDocumented('delete', '/api/community/users/{documentId}/follow', await http().delete(`/api/community/users/${them.documentId}/follow`).set(me.auth).expect(200));
    expectDocumented('delete', '/api/community/users/{documentId}/follow', await http().delete('/api/community/users/nosuchuser0000/follow').set(me.auth).expect(404));
    expectDocumented('get', '/api/community/me/posts', await http().get('/api/community/me/posts').set(me.auth).expect(200));
    expectDocumented('get', '/api/community/me/posts', await http().get('/api/community/me/posts').query({ status: 'gone' }).set(me.auth).expect(400));
    expectDocumented('get', '/api/community/me/posts', await http().get('/api/community/me/posts').expect(401));
  });
});

describe('operations', () => {
  it('GET /api/health and /api/ready', async () => {
    expectDocumented('get', '/api/health', await http().get('/api/health').expect(200));
    expectDocumented('get', '/api/ready', await http().get('/api/ready').expect(200));
  });
});

describe('community moderation', () => {
  it('POST /api/community/reports', async () => {
    const board = await createBoard();
    const post = await createPost(await createUser(), board);
    const reader = await createUser();
    await ageAccount(reader, 30);
    const report = (body: Record<string, unknown>) => http().post('/api/community/reports').set(reader.auth).send(body);
    expectDocumented('post', '/api/community/reports', await report({ targetType: 'post', targetDocumentId: post.documentId, reason: 'spam' }).expect(200));
    expectDocumented('post', '/api/community/reports', await report({ targetType: 'post', targetDocumentId: post.documentId, reason: 'spam' }).expect(200));
    expectDocumented('post', '/api/community/reports', await report({ targetType: 'post', targetDocumentId: 'nosuchpost0001', reason: 'spam' }).expect(404));
    expectDocumented('post', '/api/community/reports', await report({ targetType: 'post', reason: 'spam' }).expect(400));
    expectDocumented('post', '/api/community/reports', await http().post('/api/community/reports').send({}).expect(401));
    const muted = await createUser();
    await getStrapi().db.query('plugin::community.mute').create({ data: { user: muted.id, until: new Date(Date.now() + 86_400_000), reason: 'conformance' } });
    expectDocumented('post', '/api/community/reports', await http().post('/api/community/reports').set(muted.auth).send({ targetType: 'post', targetDocumentId: post.documentId, reason: 'spam' }).expect(403));
  });

  it('GET and POST /api/wechat/push', async () => {
    const signed = (token: string) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      return { timestamp, nonce: '4242', signature: pushSignature(token, timestamp, '4242') };
    };
    expectDocumented('get', '/api/wechat/push', await http().get('/api/wechat/push').query({ ...signed('x'), echostr: 'e' }).expect(503));
    getStrapi().config.set('plugin::wechat.pushToken', 'conformance1');
    try {
      expectDocumented('get', '/api/wechat/push', await http().get('/api/wechat/push').query({ ...signed('conformance1'), echostr: '12345' }).expect(200));
      expectDocumented('get', '/api/wechat/push', await http().get('/api/wechat/push').query({ ...signed('wrong'), echostr: '12345' }).expect(403));
      const event = { ToUserName: 'gh_x', FromUserName: 'o_x', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', appid: 'wx', trace_id: 'unknown-trace', version: 2, errcode: 0, result: { suggest: 'pass', label: 100 } };
      expectDocumented('post', '/api/wechat/push', await http().post('/api/wechat/push').query(signed('conformance1')).send({ ...event, appid: getStrapi().config.get('plugin::wechat.appId') }).expect(200));
      expectDocumented('post', '/api/wechat/push', await http().post('/api/wechat/push').query(signed('wrong')).send(event).expect(403));
      expectDocumented('post', '/api/wechat/push', await http().post('/api/wechat/push').query(signed('conformance1')).send({ Event: 'wxa_media_check' }).expect(400));
    } finally {
      getStrapi().config.set('plugin::wechat.pushToken', '');
    }
  });
});

describe('challenges (core)', () => {
  it('GET /api/challenges, GET /api/challenges/{documentId}, GET /api/me/challenges', async () => {
    clock().setNow('2026-02-20T04:00:00Z');
    const template = await createTemplate();
    const challenge = await createChallenge({ habitTemplate: template.id, entryCost: 5, rewardPoints: 10, badge: '早起之星' });
    const ann = await createUser();
    await credit(ann, 5);
    await http().post(`/api/challenges/${challenge.documentId}/join`).set(ann.auth).send({}).expect(200);
    expectDocumented('get', '/api/challenges', await http().get('/api/challenges').expect(200));
    expectDocumented('get', '/api/challenges', await http().get('/api/challenges').set(ann.auth).query({ limit: 1 }).expect(200));
    expectDocumented('get', '/api/challenges', await http().get('/api/challenges').query({ cursor: 'nope' }).expect(400));
    expectDocumented('get', '/api/challenges/{documentId}', await http().get(`/api/challenges/${challenge.documentId}`).set(ann.auth).expect(200));
    expectDocumented('get', '/api/challenges/{documentId}', await http().get(`/api/challenges/${challenge.documentId}`).expect(200));
    expectDocumented('get', '/api/challenges/{documentId}', await http().get('/api/challenges/aaaaaaaaaaaaaaaaaaaaaaaa').expect(404));
    expectDocumented('get', '/api/me/challenges', await http().get('/api/me/challenges').set(ann.auth).expect(200));
    expectDocumented('get', '/api/me/challenges', await http().get('/api/me/challenges?status=ended').set(ann.auth).expect(200));
    expectDocumented('get', '/api/me/challenges', await http().get('/api/me/challenges').expect(401));
  });

  it('POST /api/challenges/{documentId}/join and /leave', async () => {
    clock().setNow('2026-02-20T04:00:00Z');
    const template = await createTemplate();
    const paid = await createChallenge({ habitTemplate: template.id, entryCost: 20, maxParticipants: 1 });
    const vip = await createChallenge({ habitTemplate: template.id, visibility: 'vip' });
    const bob = await createUser();
    const poor = await createUser();
    const join = (user: { auth: Record<string, string> }, documentId: string, body: object = {}) =>
      http().post(`/api/challenges/${documentId}/join`).set(user.auth).send(body);
    const path = '/api/challenges/{documentId}/join';
    expectDocumented('post', path, await join(poor, paid.documentId).expect(400));
    expectDocumented('post', path, await join(poor, paid.documentId, { habit: 'x' }).expect(400));
    await credit(bob, 20);
    expectDocumented('post', path, await join(bob, paid.documentId).expect(200));
    expectDocumented('post', path, await join(bob, paid.documentId).expect(200));
    await credit(poor, 20);
    expectDocumented('post', path, await join(poor, paid.documentId).expect(409));
    expectDocumented('post', path, await join(poor, vip.documentId).expect(403));
    expectDocumented('post', path, await join(poor, 'aaaaaaaaaaaaaaaaaaaaaaaa').expect(404));
    expectDocumented('post', path, await http().post(`/api/challenges/${paid.documentId}/join`).send({}).expect(401));
    const leave = '/api/challenges/{documentId}/leave';
    expectDocumented('post', leave, await http().post(`/api/challenges/${paid.documentId}/leave`).set(bob.auth).expect(200));
    expectDocumented('post', leave, await http().post(`/api/challenges/${paid.documentId}/leave`).set(bob.auth).expect(409));
    expectDocumented('post', leave, await http().post(`/api/challenges/${paid.documentId}/leave`).expect(401));
  });
});

describe('challenges: user-made, join by code, badges', () => {
  it('POST /api/challenges, POST /api/challenges/join-by-code, GET /api/me/badges', async () => {
    clock().setNow(shanghaiNoon('2026-02-20'));
    const template = await createTemplate();
    const vip = await makeVip(await createUser());
    const body = { title: '朋友早起', habitTemplate: template.documentId, startDate: '2026-03-01', endDate: '2026-03-21', rule: 'daysOf', targetDays: 14, entryCost: 5 };
    const made = await http().post('/api/challenges').set(vip.auth).send(body).expect(201);
    expectDocumented('post', '/api/challenges', made);
    expectDocumented('post', '/api/challenges', await http().post('/api/challenges').set(vip.auth).send({ ...body, startDate: '2026-01-01' }).expect(400));
    expectDocumented('post', '/api/challenges', await http().post('/api/challenges').set((await createUser()).auth).send(body).expect(403));
    expectDocumented('post', '/api/challenges', await http().post('/api/challenges').send(body).expect(401));

    const friend = await createUser();
    await credit(friend, 5);
    expectDocumented('post', '/api/challenges/join-by-code', await http().post('/api/challenges/join-by-code').set(friend.auth).send({ code: made.body.data.inviteCode }).expect(200));
    expectDocumented('post', '/api/challenges/join-by-code', await http().post('/api/challenges/join-by-code').set(friend.auth).send({ code: 'ZZZZZZZZ' }).expect(404));
    expectDocumented('post', '/api/challenges/join-by-code', await http().post('/api/challenges/join-by-code').set((await createUser()).auth).send({ code: made.body.data.inviteCode }).expect(400));
    expectDocumented('post', '/api/challenges/join-by-code', await http().post('/api/challenges/join-by-code').set(friend.auth).send({}).expect(400));

    const official = await createChallenge({ habitTemplate: template.id, badge: '早起达人' });
    await http().post(`/api/challenges/${official.documentId}/join`).set(friend.auth).send({}).expect(200);
    await checkInsGiving(official, friend, { daysDone: 14, progressAt: '2026-03-15T00:00:00Z', reachedAt: '2026-03-15T00:00:00Z' });
    await getStrapi().plugin('challenges').service('finish').finishDue(new Date('2026-03-22T00:00:00Z'));
    const badges = await http().get('/api/me/badges').set(friend.auth).expect(200);
    expect(badges.body.data).toHaveLength(1);
    expectDocumented('get', '/api/me/badges', badges);
    expectDocumented('get', '/api/me/badges', await http().get('/api/me/badges').expect(401));
  });
});

describe('challenges (progress)', () => {
  it('GET /api/challenges/{documentId}/board and /board/me', async () => {
    clock().setNow('2026-02-20T04:00:00Z');
    const template = await createTemplate();
    const challenge = await createChallenge({ habitTemplate: template.id });
    const ann = await createUser();
    const stranger = await createUser();
    await http().post(`/api/challenges/${challenge.documentId}/join`).set(ann.auth).send({}).expect(200);
    const board = '/api/challenges/{documentId}/board';
    expectDocumented('get', board, await http().get(`/api/challenges/${challenge.documentId}/board`).expect(200));
    expectDocumented('get', board, await http().get(`/api/challenges/${challenge.documentId}/board`).set(ann.auth).query({ limit: 5 }).expect(200));
    expectDocumented('get', board, await http().get(`/api/challenges/${challenge.documentId}/board`).query({ limit: 'many' }).expect(400));
    expectDocumented('get', board, await http().get('/api/challenges/aaaaaaaaaaaaaaaaaaaaaaaa/board').expect(404));
    const me = '/api/challenges/{documentId}/board/me';
    expectDocumented('get', me, await http().get(`/api/challenges/${challenge.documentId}/board/me`).set(ann.auth).expect(200));
    expectDocumented('get', me, await http().get(`/api/challenges/${challenge.documentId}/board/me`).set(stranger.auth).expect(200));
    expectDocumented('get', me, await http().get('/api/challenges/aaaaaaaaaaaaaaaaaaaaaaaa/board/me').set(ann.auth).expect(404));
    expectDocumented('get', me, await http().get(`/api/challenges/${challenge.documentId}/board/me`).expect(401));
  });
});

describe('mall orders', () => {
  it('POST and GET /api/orders, GET /api/orders/{orderNo}, cancel, confirm, refund and its withdrawal', async () => {
    const ann = await createUser();
    await credit(ann, 1000);
    const { skus } = await makeShopProduct({ skus: [{ pointsPrice: 100, price: 990, stock: 20 }] });
    const item = [{ sku: skus[0].documentId, quantity: 1 }];
    const placed = await http().post('/api/orders').set(ann.auth).send({ items: item, payWith: 'points', address: MALL_ADDRESS, idempotencyKey: `conf-${Date.now()}` }).expect(201);
    expectDocumented('post', '/api/orders', placed);
    expectDocumented('post', '/api/orders', await http().post('/api/orders').set(ann.auth).send({ items: item, payWith: 'wechat', address: MALL_ADDRESS }).expect(201));
    expectDocumented('post', '/api/orders', await http().post('/api/orders').set(ann.auth).send({ items: [] }).expect(400));
    expectDocumented('post', '/api/orders', await http().post('/api/orders').set(ann.auth).send({ items: [{ sku: skus[0].documentId, quantity: 99 }], payWith: 'points', address: MALL_ADDRESS }).expect(409));
    expectDocumented('post', '/api/orders', await http().post('/api/orders').send({}).expect(401));
    expectDocumented('get', '/api/orders', await http().get('/api/orders').set(ann.auth).query({ status: 'paid' }).expect(200));
    expectDocumented('get', '/api/orders', await http().get('/api/orders').set(ann.auth).query({ status: 'lost' }).expect(400));
    const orderNo = placed.body.data.orderNo as string;
    const one = '/api/orders/{orderNo}';
    expectDocumented('get', one, await http().get(`/api/orders/${orderNo}`).set(ann.auth).expect(200));
    expectDocumented('get', one, await http().get('/api/orders/00000000000000000AAAAAAAAAAAA').set(ann.auth).expect(404));

    const unpaid = await http().post('/api/orders').set(ann.auth).send({ items: item, payWith: 'wechat', address: MALL_ADDRESS }).expect(201);
    const cancel = '/api/orders/{orderNo}/cancel';
    expectDocumented('post', cancel, await http().post(`/api/orders/${unpaid.body.data.orderNo}/cancel`).set(ann.auth).send({ reason: '不要了' }).expect(200));
    expectDocumented('post', cancel, await http().post(`/api/orders/${orderNo}/cancel`).set(ann.auth).send({}).expect(409));

    const refund = '/api/orders/{orderNo}/refund';
    expectDocumented('post', refund, await http().post(`/api/orders/${orderNo}/refund`).set(ann.auth).send({}).expect(400));
    expectDocumented('post', refund, await http().post(`/api/orders/${orderNo}/refund`).set(ann.auth).send({ reason: '买错了' }).expect(200));
    const withdraw = '/api/orders/{orderNo}/refund/withdraw';
    expectDocumented('post', withdraw, await http().post(`/api/orders/${orderNo}/refund/withdraw`).set(ann.auth).send({}).expect(200));
    expectDocumented('post', withdraw, await http().post(`/api/orders/${orderNo}/refund/withdraw`).set(ann.auth).send({}).expect(409));

    await getStrapi().db.connection('orders').where({ order_no: orderNo }).update({ status: 'shipped' });
    const confirm = '/api/orders/{orderNo}/confirm';
    expectDocumented('post', confirm, await http().post(`/api/orders/${orderNo}/confirm`).set(ann.auth).send({}).expect(200));
    expectDocumented('post', confirm, await http().post(`/api/orders/${orderNo}/confirm`).set(ann.auth).send({}).expect(409));
  });
});

describe('mall catalogue and WeChat Pay', () => {
  it('GET /api/mall/categories, /api/mall/products and /api/mall/products/{documentId}', async () => {
    expectDocumented('get', '/api/mall/categories', await http().get('/api/mall/categories').expect(200));
    const shop = await makeMerchant();
    const { product } = await makeShopProduct({ merchantId: shop.id, skus: [{ spec: '蓝色', price: 990, pointsPrice: 100, stock: 3 }] });
    expectDocumented('get', '/api/mall/products', await http().get('/api/mall/products').query({ merchant: shop.documentId, sort: 'price_asc' }).expect(200));
    expectDocumented('get', '/api/mall/products', await http().get('/api/mall/products').query({ sort: 'cheapest' }).expect(400));
    const one = '/api/mall/products/{documentId}';
    expectDocumented('get', one, await http().get(`/api/mall/products/${product.documentId}`).expect(200));
    expectDocumented('get', one, await http().get('/api/mall/products/aaaaaaaaaaaaaaaaaaaaaaaa').expect(404));
    expectDocumented('get', one, await http().get('/api/mall/products/NOT-AN-ID').expect(400));
  });

  it('POST /api/mall/listings/images, /api/mall/listings, /off-shelf and GET /api/me/listings', async () => {
    const seller = await createUser();
    const images = '/api/mall/listings/images';
    const image = await http().post(images).set(seller.auth).attach('file', PNG, { filename: 'a.png', contentType: 'image/png' }).expect(201);
    expectDocumented('post', images, image);
    expectDocumented('post', images, await http().post(images).set(seller.auth).attach('file', Buffer.from('plain text'), { filename: 'a.png', contentType: 'image/png' }).expect(400));
    expectDocumented('post', images, await http().post(images).attach('file', PNG, { filename: 'a.png', contentType: 'image/png' }).expect(401));
    const created = await http().post('/api/mall/listings').set(seller.auth).send({ name: '二手自行车', description: '能骑', price: 15000, images: [image.body.data.id] }).expect(201);
    expectDocumented('post', '/api/mall/listings', created);
    expectDocumented('post', '/api/mall/listings', await http().post('/api/mall/listings').set(seller.auth).send({ name: '', price: 0 }).expect(400));
    expectDocumented('post', '/api/mall/listings', await http().post('/api/mall/listings').send({ name: '自行车', price: 100 }).expect(401));
    expectDocumented('get', '/api/me/listings', await http().get('/api/me/listings').set(seller.auth).expect(200));
    expectDocumented('get', '/api/me/listings', await http().get('/api/me/listings').expect(401));
    const offShelf = '/api/mall/listings/{documentId}/off-shelf';
    expectDocumented('post', offShelf, await http().post(`/api/mall/listings/${created.body.data.documentId}/off-shelf`).set(seller.auth).send({}).expect(200));
    expectDocumented('post', offShelf, await http().post('/api/mall/listings/aaaaaaaaaaaaaaaaaaaaaaaa/off-shelf').set(seller.auth).send({}).expect(404));
    expectDocumented('post', offShelf, await http().post('/api/mall/listings/NOT-AN-ID/off-shelf').set(seller.auth).send({}).expect(400));
  });

  it('POST /api/orders/{orderNo}/pay, /fake-pay and WeChat Pay’s notifications', async () => {
    const ann = await createUser();
    const { skus } = await makeShopProduct({ skus: [{ price: 990, stock: 5 }] });
    const pay = '/api/orders/{orderNo}/pay';
    const { orderNo, placed } = await placeAndPrepay(ann, skus[0].documentId);
    expectDocumented('post', pay, await http().post(`/api/orders/${orderNo}/pay`).set(ann.auth).send({}).expect(200));
    expectDocumented('post', '/api/orders', placed);
    // The notification route: a true one (204) and one whose signature is not WeChat Pay's (401).
    const notify = '/api/mall/wxpay/notify';
    const statuses = await wxpay.pay(orderNo);
    expect(statuses).toEqual([204]);
    expectDocumented('post', notify, { status: 204, body: {}, headers: {} } as never);
    expectDocumented('post', notify, await http().post('/api/mall/wxpay/notify').send({ id: 'x' }).expect(401));
    expectDocumented('post', pay, await http().post(`/api/orders/${orderNo}/pay`).set(ann.auth).send({}).expect(409));
    // Refund through WeChat Pay: its notification answered 204; an unsigned one 401.
    await http().post(`/api/orders/${orderNo}/refund`).set(ann.auth).send({ reason: '不要了' }).expect(200);
    await getStrapi().plugin('mall').service('refunds').decide(orderNo, 'approve', { type: 'operator', id: 1, name: 'conformance' }, null);
    await wxpay.settled();
    expect(wxpay.deliveries.filter((d) => d.kind === 'refund' && d.outTradeNo === orderNo).map((d) => d.status)).toEqual([204]);
    expectDocumented('post', '/api/mall/wxpay/refund-notify', { status: 204, body: {}, headers: {} } as never);
    expectDocumented('post', '/api/mall/wxpay/refund-notify', await http().post('/api/mall/wxpay/refund-notify').send({}).expect(401));

    // fake-pay: 404 unless the server runs the fake WeChat Pay's buyer (WECHAT_MODE=fake); here it is lent one.
    const fakePay = '/api/orders/{orderNo}/fake-pay';
    const second = await placeAndPrepay(ann, skus[0].documentId);
    expectDocumented('post', fakePay, await http().post(`/api/orders/${second.orderNo}/fake-pay`).set(ann.auth).send({}).expect(404));
    const payments = getStrapi().plugin('mall').service('payments');
    payments.use(payments.client(), { payAndWait: async (no: string) => { await wxpay.pay(no); } }, wxpay);
    try {
      expectDocumented('post', fakePay, await http().post(`/api/orders/${second.orderNo}/fake-pay`).set(ann.auth).send({}).expect(200));
    } finally {
      payments.use(payments.client());
    }
  });
});

describe('quit smoking', () => {
  it('GET/PUT /api/quit/profile, POST/GET /api/quit/relapses, GET /api/quit/report, POST/GET /api/cravings, GET /api/cravings/stats', async () => {
    const smoker = await createUser();
    const key = () => `conf-${Math.random().toString(36).slice(2, 12)}`;
    expectDocumented('get', '/api/quit/profile', await http().get('/api/quit/profile').set(smoker.auth).expect(200));
    expectDocumented('get', '/api/quit/profile', await http().get('/api/quit/profile').expect(401));
    expectDocumented('post', '/api/quit/relapses', await http().post('/api/quit/relapses').set(smoker.auth).send({ count: 1, idempotencyKey: key() }).expect(409));
    const profileBody = { quitAt: '2026-01-01T08:00', cigarettesPerDay: 10, pricePerPack: 18.5, cigarettesPerPack: 20, reasons: ['健康'] };
    expectDocumented('put', '/api/quit/profile', await http().put('/api/quit/profile').set(smoker.auth).send(profileBody).expect(200));
    expectDocumented('put', '/api/quit/profile', await http().put('/api/quit/profile').set(smoker.auth).send({ ...profileBody, pricePerPack: -1 }).expect(400));
    expectDocumented('post', '/api/quit/relapses', await http().post('/api/quit/relapses').set(smoker.auth).send({ count: 1, idempotencyKey: key() }).expect(201));
    expectDocumented('post', '/api/quit/relapses', await http().post('/api/quit/relapses').set(smoker.auth).send({ count: 0, idempotencyKey: key() }).expect(400));
    // A quit habit cannot be checked in on a relapse day (the check-in's documented 409).
    const quitHabit = await newHabit(smoker, { title: '戒烟', kind: 'quit' });
    expectDocumented('post', '/api/check-ins', await checkIn(smoker, quitHabit).expect(409));
    expectDocumented('get', '/api/quit/relapses', await http().get('/api/quit/relapses').set(smoker.auth).expect(200));
    expectDocumented('get', '/api/quit/relapses', await http().get('/api/quit/relapses').set(smoker.auth).query({ limit: 0 }).expect(400));
    expectDocumented('get', '/api/quit/report', await http().get('/api/quit/report').set(smoker.auth).expect(200));
    expectDocumented('get', '/api/quit/report', await http().get('/api/quit/report').expect(401));
    const craving = await http().post('/api/cravings').set(smoker.auth).send({ intensity: 3, trigger: 'stress', resisted: true, idempotencyKey: key() }).expect(201);
    expectDocumented('post', '/api/cravings', craving);
    expectDocumented('post', '/api/cravings', await http().post('/api/cravings').set(smoker.auth).send({ intensity: 9, trigger: 'stress', resisted: true, idempotencyKey: key() }).expect(400));
    const day = craving.body.data.localDate;
    expectDocumented('get', '/api/cravings', await http().get('/api/cravings').set(smoker.auth).query({ startDate: day, endDate: day }).expect(200));
    expectDocumented('get', '/api/cravings', await http().get('/api/cravings').set(smoker.auth).query({ startDate: day }).expect(400));
    expectDocumented('get', '/api/cravings/stats', await http().get('/api/cravings/stats').set(smoker.auth).query({ days: 7 }).expect(200));
    expectDocumented('get', '/api/cravings/stats', await http().get('/api/cravings/stats').set(smoker.auth).query({ days: 91 }).expect(400));
  });
});

describe('the AI coach', () => {
  it('POST /api/ai/chat, GET /api/ai/quota, GET /api/ai/conversations, GET /api/ai/conversations/{id}/messages, DELETE /api/ai/conversations/{id}', async () => {
    const member = await createUser();
    await getStrapi().db.connection('up_users').where({ id: member.id }).update({ membership_tier: 'ai', membership_expires_at: new Date(Date.now() + 30 * 86_400_000) });
    const answer = await http().post('/api/ai/chat').set(member.auth).send({ message: '我好想抽烟', idempotencyKey: `conf-${Math.random().toString(36).slice(2, 12)}` }).expect(200);
    expectDocumented('post', '/api/ai/chat', answer);
    expectDocumented('post', '/api/ai/chat', await http().post('/api/ai/chat').set(member.auth).send({ message: '' }).expect(400));
    expectDocumented('post', '/api/ai/chat', await http().post('/api/ai/chat').set(member.auth).send({ message: 'hi', conversationId: 'nope' }).expect(404));
    expectDocumented('get', '/api/ai/quota', await http().get('/api/ai/quota').set(member.auth).expect(200));
    expectDocumented('get', '/api/ai/quota', await http().get('/api/ai/quota').expect(401));
    expectDocumented('get', '/api/ai/conversations', await http().get('/api/ai/conversations').set(member.auth).expect(200));
    expectDocumented('get', '/api/ai/conversations', await http().get('/api/ai/conversations').set(member.auth).query({ pageSize: 51 }).expect(400));
    const id = answer.body.data.conversationId;
    expectDocumented('get', '/api/ai/conversations/{id}/messages', await http().get(`/api/ai/conversations/${id}/messages`).set(member.auth).expect(200));
    expectDocumented('get', '/api/ai/conversations/{id}/messages', await http().get('/api/ai/conversations/nope/messages').set(member.auth).expect(404));
    expectDocumented('delete', '/api/ai/conversations/{id}', await http().delete(`/api/ai/conversations/${id}`).set(member.auth).expect(204));
    expectDocumented('delete', '/api/ai/conversations/{id}', await http().delete(`/api/ai/conversations/${id}`).set(member.auth).expect(404));
  });
});

describe('reminders', () => {
  it('GET/POST /api/reminders/subscriptions, GET/PUT /api/reminders/settings', async () => {
    const templateId = `conf-${Math.random().toString(36).slice(2, 12)}`;
    await (getStrapi().documents('plugin::reminders.template' as never) as unknown as { create(p: object): Promise<unknown> }).create({
      data: { title: '打卡提醒', templateId, kind: 'habitReminder', longTerm: false, active: true, fields: { thing1: '{habit}' } },
    });
    const user = await createUser();
    expectDocumented('get', '/api/reminders/subscriptions', await http().get('/api/reminders/subscriptions').set(user.auth).expect(200));
    expectDocumented('get', '/api/reminders/subscriptions', await http().get('/api/reminders/subscriptions').expect(401));
    expectDocumented('post', '/api/reminders/subscriptions', await http().post('/api/reminders/subscriptions').set(user.auth).send({ templateIds: [templateId], results: { [templateId]: 'accept' } }).expect(200));
    expectDocumented('post', '/api/reminders/subscriptions', await http().post('/api/reminders/subscriptions').set(user.auth).send({ templateIds: ['nope'], results: { nope: 'accept' } }).expect(400));
    expectDocumented('get', '/api/reminders/settings', await http().get('/api/reminders/settings').set(user.auth).expect(200));
    expectDocumented('get', '/api/reminders/settings', await http().get('/api/reminders/settings').expect(401));
    expectDocumented('put', '/api/reminders/settings', await http().put('/api/reminders/settings').set(user.auth).send({ quietStart: '22:00', quietEnd: '07:00', streakRiskHour: 21 }).expect(200));
    expectDocumented('put', '/api/reminders/settings', await http().put('/api/reminders/settings').set(user.auth).send({ quietStart: '22:00' }).expect(400));
  });
});

describe('this file', () => {
  it('called every route the plugins and src/api document, with a success and an error', () => {
    const uncovered = documentedRoutes(getStrapi())
      .map((route) => ({ route, key: `${route.method.toUpperCase()} /api${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}` }))
      .filter(({ route, key }) => {
        const statuses = [...(seen.get(key) ?? [])];
        const succeeded = statuses.some((status) => status < 300);
        const failed = route.errors.length === 0 || UNPROVOKED_ERRORS.has(key) || statuses.some((status) => status >= 400);
        return !succeeded || !failed;
      })
      .map(({ key }) => `${key} (seen: ${[...(seen.get(key) ?? [])].join(', ') || 'never'})`);
    expect(uncovered).toEqual([]);
  });
});
