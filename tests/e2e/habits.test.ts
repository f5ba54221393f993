import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/** Habits: from scratch or from a template, coherent schedules, archive / restore, and their stats. */
const clock = () => getService(getStrapi(), 'clock');
let user: TestUser;
let templateId: string;

const create = (data: Record<string, unknown>, as: TestUser = user) => http().post('/api/habits').set(as.auth).send({ data });

beforeAll(async () => {
  await setupStrapi();
  user = await createUser();
  const template = (await getStrapi()
    .documents('api::habit-template.habit-template')
    .create({
      data: { title: '冥想', category: 'mind', kind: 'build', frequencyType: 'weekdays', weekdays: [1, 3, 5], goalType: 'duration', goalValue: 10, goalUnit: '分钟', reminderTimes: ['07:30'], active: true },
    } as never)) as { documentId: string };
  templateId = template.documentId;
});
afterEach(() => clock().setNow(null));
afterAll(teardownStrapi);

describe('creating habits', () => {
  it('copies a template, letting the user override any field', async () => {
    const res = await create({ template: templateId, title: 'Morning meditation' }).expect(201);
    expect(res.body.data).toMatchObject({
      title: 'Morning meditation',
      category: 'mind',
      frequencyType: 'weekdays',
      weekdays: [1, 3, 5],
      goalValue: 10,
      reminderTimes: ['07:30'],
      reminderEnabled: true,
    });
  });

  it('starts today in the user\'s timezone unless told otherwise', async () => {
    clock().setNow('2026-05-01T17:00:00Z'); // 01:00 on 2 May in Shanghai
    const res = await create({ title: 'Water' }).expect(201);
    expect(res.body.data.startDate).toBe('2026-05-02');
  });

  it('refuses an inactive template', async () => {
    const retired = (await getStrapi()
      .documents('api::habit-template.habit-template')
      .create({ data: { title: 'Retired', category: 'life', active: false } } as never)) as { documentId: string };
    expect((await create({ template: retired.documentId })).status).toBe(404);
  });

  it.each([
    ['N times a week without N', { frequencyType: 'timesPerWeek' }, 'timesPerWeek'],
    ['weekdays without days', { frequencyType: 'weekdays', weekdays: [] }, 'weekdays'],
    ['a weekday listed twice', { frequencyType: 'weekdays', weekdays: [1, 1] }, 'weekdays'],
    ['every N days without N', { frequencyType: 'everyNDays' }, 'intervalDays'],
    ['an end before the start', { startDate: '2026-05-10', endDate: '2026-05-01' }, 'endDate'],
    ['a reminder at 25:00', { reminderTimes: ['25:00'] }, 'reminderTimes'],
  ])('refuses %s with 400 naming the field', async (_name, data, field) => {
    const res = await create({ title: 'Bad', ...data });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });

  it('refuses an update that breaks the schedule', async () => {
    const habit = (await create({ title: 'Gym', frequencyType: 'timesPerWeek', timesPerWeek: 3 }).expect(201)).body.data.documentId;
    const res = await http().put(`/api/habits/${habit}`).set(user.auth).send({ data: { timesPerWeek: null } });
    expect(res.status).toBe(400);
    await http().put(`/api/habits/${habit}`).set(user.auth).send({ data: { timesPerWeek: 4 } }).expect(200);
  });
});

describe('archiving', () => {
  it('archives and restores, for the owner only', async () => {
    const habit = (await create({ title: 'Piano' }).expect(201)).body.data.documentId;
    const archived = await http().post(`/api/habits/${habit}/archive`).set(user.auth).expect(200);
    expect(archived.body.data).toMatchObject({ archived: true, archivedAt: expect.any(String) });
    const other = await createUser();
    expect((await http().post(`/api/habits/${habit}/restore`).set(other.auth)).status).toBe(404);
    const restored = await http().post(`/api/habits/${habit}/restore`).set(user.auth).expect(200);
    expect(restored.body.data).toMatchObject({ archived: false, archivedAt: null });
  });
});

describe('stats', () => {
  it('give a habit its streaks, completion, strength, heatmap and best runs', async () => {
    const habit = (await create({ title: 'Read', startDate: '2026-03-01' }).expect(201)).body.data.documentId;
    for (const day of ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-05', '2026-03-06']) {
      clock().setNow(`${day}T04:00:00Z`);
      await http().post('/api/check-ins').set(user.auth).send({ data: { habit } }).expect(201);
    }
    clock().setNow('2026-03-06T10:00:00Z');
    const res = await http().get(`/api/habits/${habit}/stats`).set(user.auth).expect(200);
    const stats = res.body.data;
    expect(stats.streak).toEqual({ current: 2, longest: 3, unit: 'days' });
    expect(stats.completionRate).toBeCloseTo(5 / 6, 4);
    expect(stats.totalCheckIns).toBe(5);
    expect(stats.heatmap).toHaveLength(365);
    expect(stats.heatmap.at(-1)).toEqual({ date: '2026-03-06', count: 1 });
    expect(stats.strength.current).toBeGreaterThan(0);
    expect(stats.strength.current).toBeLessThan(1);
    expect(stats.bestStreaks[0]).toEqual({ start: '2026-03-01', end: '2026-03-03', days: 3 });
    expect(stats.quit).toBeNull();
    expect((await http().get(`/api/habits/${habit}/stats`).set((await createUser()).auth)).status).toBe(404);
  });

  it('give a quit habit money saved, cigarettes avoided, an equivalent and health milestones', async () => {
    const quitter = await createUser();
    await getStrapi()
      .db.query('plugin::users-permissions.user')
      .update({ where: { id: quitter.id }, data: { smokingSettings: { cigarettesPerDay: 20, pricePerPack: 25, cigarettesPerPack: 20 } } });
    const habit = (await create({ title: '戒烟', kind: 'quit', startDate: '2026-04-01' }, quitter).expect(201)).body.data.documentId;
    for (let day = 1; day <= 3; day += 1) {
      clock().setNow(`2026-04-0${day}T04:00:00Z`);
      await http().post('/api/check-ins').set(quitter.auth).send({ data: { habit } }).expect(201);
    }
    const { quit } = (await http().get(`/api/habits/${habit}/stats`).set(quitter.auth).expect(200)).body.data;
    expect(quit).toMatchObject({ daysSmokeFree: 3, cigarettesAvoided: 60, moneySaved: 75, equivalent: { name: '电影票', count: 1, unit: '张' } });
    expect(quit.milestones.filter((m: { achieved: boolean }) => m.achieved).map((m: { afterHours: number }) => m.afterHours)).toEqual([1 / 3, 12]);
  });

  it('give the user totals, their run of days, rank tier, last 7 days and completion', async () => {
    const member = await createUser();
    const a = (await create({ title: 'A', startDate: '2026-02-01' }, member).expect(201)).body.data.documentId;
    const b = (await create({ title: 'B', startDate: '2026-02-01' }, member).expect(201)).body.data.documentId;
    for (const day of ['2026-02-01', '2026-02-02', '2026-02-03']) {
      clock().setNow(`${day}T04:00:00Z`);
      await http().post('/api/check-ins').set(member.auth).send({ data: { habit: a } }).expect(201);
    }
    await http().post('/api/check-ins').set(member.auth).send({ data: { habit: b } }).expect(201);
    const stats = (await http().get('/api/me/stats').set(member.auth).expect(200)).body.data;
    expect(stats).toMatchObject({ localDate: '2026-02-03', totalDays: 3, totalCheckIns: 4, consecutiveDays: 3, longestStreakDays: 3, rank: { key: 'bronze', stars: 3 } });
    expect(stats.last7Days.map((d: { count: number }) => d.count)).toEqual([0, 0, 0, 0, 1, 1, 2]);
    expect(stats.completionRate).toBeCloseTo((1 + 1 / 3) / 2, 4);
  });
});
