import { gamification } from '../../src/plugins/gamification/public';
import { removeAdmins, superAdmin, type TestAdmin } from '../helpers/admin';
import { createBoard, createComment, createPost } from '../helpers/community';
import { setPost } from '../helpers/community-posts';
import { adminHolding, insertMerchant, insertOrder, insertPrize, insertReport, insertSend, removeRoles, widget } from '../helpers/dashboard';
import { checkIn, newHabit } from '../helpers/habits';
import { getStrapi, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * The admin's home page (issue 19): each widget's route answers the numbers of the seeded rows, in the
 * platform's default timezone (Asia/Shanghai), and only to admins holding the widget's permission. The worker's
 * database outlives a run, so each count is compared with the same route's answer before the rows were made.
 */
const setNow = (instant: string | null) => gamification(getStrapi(), 'clock').setNow(instant);
const ledger = () => gamification(getStrapi(), 'ledger');
const credit = (user: TestUser, amount: number, at: string) =>
  ledger().withUserLock(user.id, (sql) => ledger().apply(sql, user.id, [{ amount, reason: amount > 0 ? 'test-credit' : 'test-spend' }], new Date(at)));

const WIDGETS = ['activity', 'points', 'lottery-stock', 'moderation', 'orders', 'reminders'];
const PERMISSIONS = {
  activity: { action: 'plugin::dashboard.activity' },
  prizes: { action: 'plugin::content-manager.explorer.update', subject: 'api::prize.prize' },
  readPrizes: { action: 'plugin::content-manager.explorer.read', subject: 'api::prize.prize' },
  moderate: { action: 'plugin::community.moderate' },
  orders: { action: 'plugin::mall.orders' },
  reminders: { action: 'plugin::reminders.read' },
};

let boss: TestAdmin;
let parkedPrizes: number[] = [];

beforeAll(async () => {
  await setupStrapi();
  boss = await superAdmin();
  // Only this file's prizes are active while it runs (other files' are parked, then restored).
  parkedPrizes = (await getStrapi().db.connection('prizes').where({ active: true }).select('id')).map((row: { id: number }) => row.id);
  await getStrapi().db.connection('prizes').whereIn('id', parkedPrizes).update({ active: false });
});
afterEach(() => setNow(null));
afterAll(async () => {
  await getStrapi().db.connection('prizes').whereIn('id', parkedPrizes).update({ active: true });
  await removeAdmins();
  await removeRoles();
  await teardownStrapi();
});

describe("today's check-ins and active users", () => {
  it('counts the check-ins and the distinct users of the local day in Asia/Shanghai, turning at its midnight', async () => {
    const reading = async () => (await widget(boss, 'activity').expect(200)).body.data;
    // 00:30 on Wednesday 2033-06-15 in Shanghai (16:30 UTC on the 14th): today is the 15th there.
    setNow('2033-06-14T16:30:00Z');
    const before = await reading();
    expect(before).toMatchObject({ timezone: 'Asia/Shanghai', today: { date: '2033-06-15' }, yesterday: { date: '2033-06-14' } });

    const [ana, bo] = [await createUser(), await createUser()];
    const [run, read] = [await newHabit(ana), await newHabit(ana, { title: 'Read' })];
    const walk = await newHabit(bo, { title: 'Walk' });
    // 23:59 on the 14th in Shanghai: yesterday's check-in, although it is the same UTC day as the ones below.
    setNow('2033-06-14T15:59:00Z');
    await checkIn(ana, run).expect(201);
    // 00:01 on the 15th: today's.
    setNow('2033-06-14T16:01:00Z');
    await checkIn(ana, run).expect(201);
    await checkIn(ana, read).expect(201);
    await checkIn(bo, walk).expect(201);

    setNow('2033-06-14T16:30:00Z');
    const after = await reading();
    expect(after.today.checkIns - before.today.checkIns).toBe(3);
    expect(after.today.activeUsers - before.today.activeUsers).toBe(2);
    expect(after.yesterday.checkIns - before.yesterday.checkIns).toBe(1);
    expect(after.yesterday.activeUsers - before.yesterday.activeUsers).toBe(1);
  });
});

describe('points issued and spent this week', () => {
  it('sums the ledger from Monday 00:00 in Asia/Shanghai up to now, credits apart from debits', async () => {
    const reading = async () => (await widget(boss, 'points').expect(200)).body.data;
    // Wednesday 2033-06-22, 12:00 in Shanghai: the week began on Monday the 20th at 00:00 there (16:00 UTC on the 19th).
    setNow('2033-06-22T04:00:00Z');
    const before = await reading();
    expect(before).toMatchObject({ timezone: 'Asia/Shanghai', weekStart: '2033-06-20', from: '2033-06-19T16:00:00.000Z', until: '2033-06-22T04:00:00.000Z' });

    const user = await createUser();
    await credit(user, 1000, '2033-06-19T15:59:59Z'); // Sunday 23:59:59 in Shanghai: last week
    await credit(user, 500, '2033-06-19T16:00:00Z'); // Monday 00:00:00: this week
    await credit(user, -120, '2033-06-21T02:00:00Z');
    await credit(user, 7, '2033-06-22T03:59:00Z');
    await credit(user, 9, '2033-06-22T05:00:00Z'); // after "now"

    const after = await reading();
    expect(after.issued - before.issued).toBe(507);
    expect(after.spent - before.spent).toBe(120);
    expect(after.net - before.net).toBe(387);
    expect(after.entries - before.entries).toBe(3);
  });
});

describe('lottery prizes running low', () => {
  it('lists the active limited prizes at or below the threshold, emptiest first', async () => {
    await insertPrize('空了 Empty', 0);
    await insertPrize('三个 Three', 3);
    await insertPrize('十个 Ten', 10);
    await insertPrize('十一个 Eleven', 11);
    await insertPrize('不限 Unlimited', -1);
    await insertPrize('停用 Retired', 1, false);

    const byDefault = (await widget(boss, 'lottery-stock').expect(200)).body.data;
    expect(byDefault.threshold).toBe(10);
    expect(byDefault.total).toBe(3);
    expect(byDefault.prizes.map((p: { name: string; stock: number }) => [p.name.split(' ')[0], p.stock])).toEqual([['空了', 0], ['三个', 3], ['十个', 10]]);

    const stricter = (await widget(boss, 'lottery-stock?threshold=3').expect(200)).body.data;
    expect(stricter).toMatchObject({ threshold: 3, total: 2 });
    const bad = await widget(boss, 'lottery-stock?threshold=few').expect(400);
    expect(bad.body.error.message).toMatch(/threshold/);
  });
});

describe('pending moderation', () => {
  it('counts the posts and comments in review and the reports nobody settled', async () => {
    const reading = async () => (await widget(boss, 'moderation').expect(200)).body.data;
    const before = await reading();
    const [author, reporter] = [await createUser(), await createUser()];
    const board = await createBoard();
    await createPost(author, board, { status: 'pending' });
    await createPost(author, board, { status: 'pending' });
    const published = await createPost(author, board);
    const imagesInReview = await createPost(author, board);
    await setPost(imagesInReview, { mediaCheck: 'review' });
    await createPost(author, board, { status: 'rejected' });
    await createComment(author, published, { status: 'pending' });
    await createComment(author, published);
    await insertReport(reporter.id, published.id);
    await insertReport(author.id, imagesInReview.id);
    await insertReport(reporter.id, imagesInReview.id, true);

    const after = await reading();
    expect(after.posts - before.posts).toBe(3);
    expect(after.comments - before.comments).toBe(1);
    expect(after.openReports - before.openReports).toBe(2);
  });
});

describe('orders waiting', () => {
  it('counts unpaid, paid-not-shipped and refund-requested orders; a shop admin only their own shops’', async () => {
    const reading = async (admin: TestAdmin) => (await widget(admin, 'orders').expect(200)).body.data;
    const before = await reading(boss);
    const shopAdmin = await adminHolding([PERMISSIONS.orders]);
    const shop = await insertMerchant([shopAdmin.id]);
    const otherShop = await insertMerchant([]);
    await insertOrder('pending_payment', { merchantId: shop.id });
    await insertOrder('pending_payment', { merchantId: otherShop.id });
    await insertOrder('paid', { merchantId: shop.id });
    await insertOrder('paid', { merchantId: otherShop.id });
    await insertOrder('paid');
    await insertOrder('refund_requested', { merchantId: otherShop.id });
    await insertOrder('shipped', { merchantId: shop.id });
    await insertOrder('cancelled', { merchantId: shop.id });

    const after = await reading(boss);
    expect(after.scope).toBe('all');
    expect(after.unpaid - before.unpaid).toBe(2);
    expect(after.toShip - before.toShip).toBe(3);
    expect(after.refundRequested - before.refundRequested).toBe(1);
    expect(await reading(shopAdmin)).toEqual({ scope: 'ownShops', unpaid: 1, toShip: 1, refundRequested: 0 });
  });
});

describe('reminder failures', () => {
  it('counts the sends due in the last 24 hours that failed, were refused or interrupted', async () => {
    const now = '2033-07-01T12:00:00Z';
    const ago = (hours: number) => new Date(Date.parse(now) - hours * 3_600_000);
    setNow(now);
    const reading = async () => (await widget(boss, 'reminders').expect(200)).body.data;
    const before = await reading();
    expect(before).toMatchObject({ since: '2033-06-30T12:00:00.000Z', until: '2033-07-01T12:00:00.000Z' });
    const user = await createUser();
    await insertSend(user.id, 'failed', ago(1));
    await insertSend(user.id, 'failed', ago(23.9));
    await insertSend(user.id, 'refused', ago(2));
    await insertSend(user.id, 'interrupted', ago(3));
    await insertSend(user.id, 'sent', ago(1));
    await insertSend(user.id, 'noCredit', ago(1));
    await insertSend(user.id, 'failed', ago(25)); // before the window
    await insertSend(user.id, 'failed', ago(-1)); // not due yet

    const after = await reading();
    expect(after.failed - before.failed).toBe(2);
    expect(after.refused - before.refused).toBe(1);
    expect(after.interrupted - before.interrupted).toBe(1);
    expect(after.total - before.total).toBe(6);
  });
});

describe('who sees which widget', () => {
  const statuses = async (admin: TestAdmin) => {
    const answers: Record<string, number> = {};
    for (const path of WIDGETS) answers[path] = (await widget(admin, path)).status;
    return answers;
  };

  it('answers each widget to the admins holding its permission and 403 to the others', async () => {
    expect(await statuses(boss)).toEqual({ activity: 200, points: 200, 'lottery-stock': 200, moderation: 200, orders: 200, reminders: 200 });
    expect(await statuses(await adminHolding([PERMISSIONS.activity]))).toEqual({ activity: 200, points: 200, 'lottery-stock': 403, moderation: 403, orders: 403, reminders: 403 });
    expect(await statuses(await adminHolding([PERMISSIONS.prizes]))).toEqual({ activity: 403, points: 403, 'lottery-stock': 200, moderation: 403, orders: 403, reminders: 403 });
    // Reading prizes is not enough: the widget is for those who can restock them.
    expect((await statuses(await adminHolding([PERMISSIONS.readPrizes])))['lottery-stock']).toBe(403);
    expect(await statuses(await adminHolding([PERMISSIONS.moderate]))).toEqual({ activity: 403, points: 403, 'lottery-stock': 403, moderation: 200, orders: 403, reminders: 403 });
    expect(await statuses(await adminHolding([PERMISSIONS.orders]))).toEqual({ activity: 403, points: 403, 'lottery-stock': 403, moderation: 403, orders: 200, reminders: 403 });
    expect(await statuses(await adminHolding([PERMISSIONS.reminders]))).toEqual({ activity: 403, points: 403, 'lottery-stock': 403, moderation: 403, orders: 403, reminders: 200 });
  });

  it('refuses the widgets without an admin token', async () => {
    for (const path of WIDGETS) expect((await widget({ auth: { Authorization: '' } }, path)).status).toBe(401);
  });
});
