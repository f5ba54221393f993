import crypto from 'node:crypto';
import { gamification } from '../../src/plugins/gamification/public';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * Cravings over HTTP: each keeps its local day and hour in the user's timezone at the time it was logged
 * (Shanghai and New York, near local midnight and across New York's DST change), and the patterns count them so.
 */
const setNow = (instant: string | null) => gamification(getStrapi(), 'clock').setNow(instant);
const key = () => `k-${crypto.randomBytes(8).toString('hex')}`;
const log = (user: TestUser, body: Record<string, unknown>) =>
  http().post('/api/cravings').set(user.auth).send({ intensity: 3, trigger: 'stress', resisted: true, idempotencyKey: key(), ...body });

beforeAll(async () => {
  await setupStrapi();
});
afterEach(() => setNow(null));
afterAll(async () => {
  await teardownStrapi();
});

describe('a craving’s local day and hour', () => {
  it('are Shanghai’s for a Shanghai user, near local midnight too', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    setNow('2026-12-01T00:00:00Z');
    // 15:50 UTC is 23:50 in Shanghai; 16:10 UTC is 00:10 the next day there.
    const late = (await log(user, { at: '2026-11-30T15:50:00Z' }).expect(201)).body.data;
    expect(late).toMatchObject({ localDate: '2026-11-30', localHour: 23, timezone: 'Asia/Shanghai', at: '2026-11-30T15:50:00.000Z' });
    const early = (await log(user, { at: '2026-11-30T16:10:00Z' }).expect(201)).body.data;
    expect(early).toMatchObject({ localDate: '2026-12-01', localHour: 0 });
    // A local date-time is read in the user's timezone.
    expect((await log(user, { at: '2026-11-30T07:30' }).expect(201)).body.data).toMatchObject({ at: '2026-11-29T23:30:00.000Z', localDate: '2026-11-30', localHour: 7 });
  });

  it('are New York’s for a New York user, across the DST change of 2026-03-08', async () => {
    const user = await createUser({ timezone: 'America/New_York' });
    setNow('2026-03-09T12:00:00Z');
    // 06:30 UTC = 01:30 EST; 07:30 UTC = 03:30 EDT (02:00-03:00 does not exist that night).
    expect((await log(user, { at: '2026-03-08T06:30:00Z' }).expect(201)).body.data).toMatchObject({ localDate: '2026-03-08', localHour: 1 });
    expect((await log(user, { at: '2026-03-08T07:30:00Z' }).expect(201)).body.data).toMatchObject({ localDate: '2026-03-08', localHour: 3 });
    // 03:50 UTC on the 9th is 23:50 EDT on the 8th.
    expect((await log(user, { at: '2026-03-09T03:50:00Z', intensity: 5, trigger: 'social', resisted: false }).expect(201)).body.data).toMatchObject({ localDate: '2026-03-08', localHour: 23 });
    await log(user, { at: '2026-03-05T12:00:00Z', intensity: 1, trigger: 'habit' }).expect(201);

    const stats = (await http().get('/api/cravings/stats?days=7').set(user.auth).expect(200)).body.data;
    expect(stats.startDate).toBe('2026-03-03');
    expect(stats.endDate).toBe('2026-03-09');
    expect(stats.days).toHaveLength(7);
    expect(stats.days.find((d: { date: string }) => d.date === '2026-03-08')).toEqual({ date: '2026-03-08', count: 3, meanIntensity: 3.67 });
    expect(stats.days.find((d: { date: string }) => d.date === '2026-03-04')).toEqual({ date: '2026-03-04', count: 0, meanIntensity: 0 });
    expect(stats.hours).toHaveLength(24);
    expect(stats.hours[1] + stats.hours[3] + stats.hours[23] + stats.hours[7]).toBe(4);
    expect(stats.hours[2]).toBe(0);
    expect(stats).toMatchObject({ count: 4, meanIntensity: 3, resistedRate: 0.75, peakHours: [1, 3, 7] });
    expect(stats.triggers[0]).toEqual({ trigger: 'stress', count: 2, share: 0.5 });
  });

  it('stay those of the timezone they were logged in after the user moves', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    setNow('2026-12-01T00:00:00Z');
    await log(user, { at: '2026-11-30T15:50:00Z' }).expect(201);
    await getStrapi().db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { timezone: 'America/New_York' } });
    const list = (await http().get('/api/cravings?startDate=2026-11-30&endDate=2026-11-30').set(user.auth).expect(200)).body;
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ localDate: '2026-11-30', localHour: 23, timezone: 'Asia/Shanghai' });
    expect(list.meta).toMatchObject({ total: 1, truncated: false, meanIntensity: 3, peakHours: [23] });
  });
});

describe('the craving routes', () => {
  it('log once per idempotency key', async () => {
    const user = await createUser();
    const k = key();
    const first = (await log(user, { idempotencyKey: k }).expect(201)).body.data;
    const again = (await log(user, { idempotencyKey: k }).expect(201)).body.data;
    expect(again).toEqual(first);
    const today = first.localDate;
    expect((await http().get(`/api/cravings?startDate=${today}&endDate=${today}`).set(user.auth).expect(200)).body.data).toHaveLength(1);
  });

  it('show each user only their own cravings', async () => {
    const [a, b] = [await createUser(), await createUser()];
    setNow('2026-12-01T00:00:00Z');
    await log(a, {}).expect(201);
    const range = '/api/cravings?startDate=2026-11-01&endDate=2026-12-01';
    expect((await http().get(range).set(b.auth).expect(200)).body.data).toEqual([]);
    expect((await http().get(range).set(a.auth).expect(200)).body.data).toHaveLength(1);
    expect((await http().get('/api/cravings/stats?days=7').set(b.auth).expect(200)).body.data.count).toBe(0);
  });

  it('refuse bad input with a 400 in the envelope', async () => {
    const user = await createUser();
    setNow('2026-12-01T00:00:00Z');
    const bad = [
      log(user, { intensity: 6 }),
      log(user, { intensity: 0 }),
      log(user, { trigger: 'boredom' }),
      log(user, { resisted: 'yes' }),
      log(user, { at: '2026-12-02T00:00:00Z' }),
      log(user, { idempotencyKey: undefined }),
      http().get('/api/cravings/stats?days=0').set(user.auth),
      http().get('/api/cravings/stats?days=91').set(user.auth),
      http().get('/api/cravings?startDate=2026-12-01&endDate=2026-11-01').set(user.auth),
      http().get('/api/cravings?startDate=2025-01-01&endDate=2026-11-01').set(user.auth),
      http().get('/api/cravings').set(user.auth),
    ];
    for (const res of await Promise.all(bad)) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    }
  });
});
