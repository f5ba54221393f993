import crypto from 'node:crypto';
import { gamification } from '../../src/plugins/gamification/public';
import { quit } from '../../src/plugins/quit/public';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/** The quit programme over HTTP: the profile, relapses (idempotent, honest), the report and its milestones. */
const setNow = (instant: string | null) => gamification(getStrapi(), 'clock').setNow(instant);
const key = () => `k-${crypto.randomBytes(8).toString('hex')}`;

const profile = { cigarettesPerDay: 20, pricePerPack: 25.5, cigarettesPerPack: 20, reasons: ['健康', '家人'] };
const putProfile = (user: TestUser, body: Record<string, unknown>) => http().put('/api/quit/profile').set(user.auth).send(body);
const relapse = (user: TestUser, body: Record<string, unknown>) => http().post('/api/quit/relapses').set(user.auth).send(body);
const report = async (user: TestUser) => (await http().get('/api/quit/report').set(user.auth).expect(200)).body.data;

beforeAll(async () => {
  await setupStrapi();
});
afterEach(() => setNow(null));
afterAll(async () => {
  await teardownStrapi();
});

describe('the quit profile', () => {
  it('is empty until set, then reads a local quit time in the user’s timezone', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    const empty = (await http().get('/api/quit/profile').set(user.auth).expect(200)).body.data;
    expect(empty).toEqual({ quitAt: null, cigarettesPerDay: null, pricePerPack: null, cigarettesPerPack: null, reasons: [], timezone: 'Asia/Shanghai' });

    const saved = (await putProfile(user, { ...profile, quitAt: '2026-11-01T08:00' }).expect(200)).body.data;
    expect(saved).toEqual({ ...profile, quitAt: '2026-11-01T00:00:00.000Z', timezone: 'Asia/Shanghai' });

    const withOffset = (await putProfile(user, { ...profile, quitAt: '2026-11-01T08:00:00-05:00' }).expect(200)).body.data;
    expect(withOffset.quitAt).toBe('2026-11-01T13:00:00.000Z');
  });

  it('keeps the smoking numbers in one place: the user’s smokingSettings the habit stats read', async () => {
    const user = await createUser();
    await putProfile(user, { ...profile, quitAt: '2026-11-01T08:00' }).expect(200);
    const row = await getStrapi().db.query('plugin::users-permissions.user').findOne({ where: { id: user.id }, select: ['smokingSettings'] });
    const stored = typeof row.smokingSettings === 'string' ? JSON.parse(row.smokingSettings) : row.smokingSettings;
    expect(stored).toEqual({ cigarettesPerDay: 20, pricePerPack: 25.5, cigarettesPerPack: 20 });
  });

  it('refuses bad input with a 400 in the envelope', async () => {
    const user = await createUser();
    for (const body of [
      { ...profile, quitAt: 'yesterday' },
      { ...profile, quitAt: '2026-02-30T08:00' },
      { ...profile, quitAt: null, pricePerPack: 25.555 },
      { ...profile, quitAt: null, cigarettesPerPack: 0 },
      { ...profile, quitAt: null, owner: 1 },
    ]) {
      const res = await putProfile(user, body).expect(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    }
  });

  it('is the caller’s own: another user sees only theirs', async () => {
    const [a, b] = [await createUser(), await createUser()];
    await putProfile(a, { ...profile, quitAt: '2026-11-01T08:00' }).expect(200);
    expect((await http().get('/api/quit/profile').set(b.auth).expect(200)).body.data.quitAt).toBeNull();
    await http().get('/api/quit/profile').expect(401);
  });
});

describe('relapses', () => {
  it('need a quit date, and may be neither in the future nor before it', async () => {
    const user = await createUser();
    setNow('2026-11-10T00:00:00Z');
    expect((await relapse(user, { count: 1, idempotencyKey: key() }).expect(409)).body.error.details.reason).toBe('no_quit_date');
    await putProfile(user, { ...profile, quitAt: '2026-11-01T00:00:00Z' }).expect(200);
    expect((await relapse(user, { count: 1, at: '2026-11-11T00:00:00Z', idempotencyKey: key() }).expect(400)).body.error.details.reason).toBe('future');
    expect((await relapse(user, { count: 1, at: '2026-10-31T00:00:00Z', idempotencyKey: key() }).expect(400)).body.error.details.reason).toBe('before_quit_date');
    await relapse(user, { count: 0, idempotencyKey: key() }).expect(400);
    await relapse(user, { count: 1 }).expect(400);
  });

  it('are recorded once per idempotency key, and a key reused for another body is a 422', async () => {
    const user = await createUser();
    setNow('2026-11-10T00:00:00Z');
    await putProfile(user, { ...profile, quitAt: '2026-11-01T00:00:00Z' }).expect(200);
    const k = key();
    const first = (await relapse(user, { count: 2, note: '聚会', idempotencyKey: k }).expect(201)).body.data;
    expect(first).toMatchObject({ count: 2, note: '聚会', at: '2026-11-10T00:00:00.000Z', localDate: '2026-11-10' });
    const again = (await relapse(user, { count: 2, note: '聚会', idempotencyKey: k }).expect(201)).body.data;
    expect(again).toEqual(first);
    await http().post('/api/quit/relapses').set(user.auth).set('Idempotency-Key', k).send({ count: 2, note: '聚会' }).expect(201);
    expect((await relapse(user, { count: 3, idempotencyKey: k }).expect(422)).body.error.details.reason).toBe('idempotency_key_reused');
    const list = (await http().get('/api/quit/relapses').set(user.auth).expect(200)).body.data;
    expect(list).toEqual([first]);
  });

  it('are listed to their owner only', async () => {
    const [a, b] = [await createUser(), await createUser()];
    setNow('2026-11-10T00:00:00Z');
    await putProfile(a, { ...profile, quitAt: '2026-11-01T00:00:00Z' }).expect(200);
    await relapse(a, { count: 1, idempotencyKey: key() }).expect(201);
    expect((await http().get('/api/quit/relapses').set(b.auth).expect(200)).body.data).toEqual([]);
    expect((await http().get('/api/quit/relapses').set(a.auth).expect(200)).body.data).toHaveLength(1);
  });
});

describe('the quit report', () => {
  it('dates each milestone from the quit time, and restarts them at the last relapse', async () => {
    const user = await createUser();
    const quitAt = '2026-11-01T00:00:00.000Z';
    await putProfile(user, { ...profile, quitAt }).expect(200);

    setNow('2026-11-01T13:00:00Z');
    const first = await report(user);
    expect(first).toMatchObject({ quitAt, smokeFreeSince: quitAt, minutesSmokeFree: 13 * 60, daysSmokeFree: 0, relapses: 0 });
    const byTitle = (r: { milestones: Array<{ title: string }> }, title: string) => r.milestones.find((m) => m.title === title);
    expect(byTitle(first, '心率和血压下降至正常水平')).toMatchObject({ achieved: true, achievedAt: '2026-11-01T00:20:00.000Z', remainingMinutes: 0 });
    expect(byTitle(first, '血液中一氧化碳浓度恢复正常')).toMatchObject({ achieved: true, achievedAt: '2026-11-01T12:00:00.000Z' });
    expect(byTitle(first, '肺功能开始改善')).toMatchObject({ achieved: false, achievedAt: null, remainingMinutes: 14 * 24 * 60 - 13 * 60 });

    setNow('2026-11-11T00:00:00Z');
    const tenDays = await report(user);
    // 10 days × 20 cigarettes = 200 = 10 packs × 25.50 yuan.
    expect(tenDays.savings).toEqual({ cigarettesAvoided: 200, moneySaved: 255, equivalent: { name: '啤酒', count: 2, unit: '箱' } });

    await relapse(user, { count: 1, at: '2026-11-10T18:00:00Z', idempotencyKey: key() }).expect(201);
    const after = await report(user);
    expect(after).toMatchObject({ smokeFreeSince: '2026-11-10T18:00:00.000Z', minutesSmokeFree: 6 * 60, daysSmokeFree: 0, relapses: 1, savings: { cigarettesAvoided: 0, moneySaved: 0 } });
    expect(byTitle(after, '心率和血压下降至正常水平')).toMatchObject({ achieved: true, achievedAt: '2026-11-10T18:20:00.000Z' });
    expect(byTitle(after, '血液中一氧化碳浓度恢复正常')).toMatchObject({ achieved: false, remainingMinutes: 6 * 60 });
  });

  it('has nothing achieved before a quit time is set, and the milestones are seeded once', async () => {
    const user = await createUser();
    const empty = await report(user);
    expect(empty).toMatchObject({ quitAt: null, smokeFreeSince: null, minutesSmokeFree: 0, savings: null });
    expect(empty.milestones.every((m: { achieved: boolean; remainingMinutes: unknown }) => !m.achieved && m.remainingMinutes === null)).toBe(true);
    await quit(getStrapi(), 'report').seedMilestones();
    const titles = (await getStrapi().db.query('plugin::quit.milestone').findMany({ select: ['title'] })).map((m: { title: string }) => m.title);
    expect(titles.filter((t: string) => t === '肺功能开始改善')).toHaveLength(1);
    expect(titles.length).toBeGreaterThanOrEqual(6);
  });

  it('lists the milestones for editors in the content manager, with Chinese labels, in their order', async () => {
    const strapi = getStrapi();
    const contentType = strapi.contentType('plugin::quit.milestone' as never);
    const config = await strapi.plugin('content-manager').service('content-types').findConfiguration(contentType);
    expect(config.settings).toMatchObject({ mainField: 'title', defaultSortBy: 'sort', defaultSortOrder: 'ASC' });
    expect(config.metadatas.afterMinutes.edit.label).toBe('达成时间（分钟）After minutes');
    expect(config.metadatas.title.edit.label).toBe('标题 Title');
  });

  it('gives the AI coach its context', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await putProfile(user, { ...profile, quitAt: '2026-11-01T00:00:00Z' }).expect(200);
    setNow('2026-11-11T00:00:00Z');
    await relapse(user, { count: 1, at: '2026-11-08T00:00:00Z', idempotencyKey: key() }).expect(201);
    await relapse(user, { count: 1, at: '2026-11-02T00:00:00Z', idempotencyKey: key() }).expect(201);
    for (const trigger of ['stress', 'stress', 'social']) {
      await http().post('/api/cravings').set(user.auth).send({ intensity: 4, trigger, resisted: true, idempotencyKey: key() }).expect(201);
    }
    const context = await quit(getStrapi(), 'report').contextFor(user.id);
    expect(context).toEqual({
      smokeFreeSince: '2026-11-08T00:00:00.000Z',
      daysSmokeFree: 3,
      cravings7d: { count: 3, meanIntensity: 4, topTriggers: ['stress', 'social'] },
      relapses7d: 1,
    });
  });
});
