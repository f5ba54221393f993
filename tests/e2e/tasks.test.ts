import crypto from 'node:crypto';
import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/** Daily tasks over HTTP: made lazily per local day from the editors' templates, paid once. */
const clock = () => getService(getStrapi(), 'clock');
const ledger = () => getService(getStrapi(), 'ledger');
const templates = () => getStrapi().documents('api::task-template.task-template');

const run = crypto.randomBytes(3).toString('hex');
const made: string[] = [];
const template = async (data: Record<string, unknown>) => {
  const created = await templates().create({ data: { category: 'daily', active: true, ...data, title: `${data.title} ${run}` } } as never);
  made.push(created.documentId);
};

const day = (user: TestUser, date?: string) => http().get(`/api/tasks${date ? `?date=${date}` : ''}`).set(user.auth);
type Task = { documentId: string; title: string; points: number; isSystem: boolean; localDate: string };
const ours = (list: Task[]): Task[] => list.filter((task) => task.title.endsWith(run));
const complete = (user: TestUser, id: string) => http().post(`/api/tasks/${id}/complete`).set(user.auth);

// 2026-11-23 is a Monday, 2026-11-24 a Tuesday (noon in Shanghai).
const MONDAY = '2026-11-23T04:00:00Z';
const TUESDAY = '2026-11-24T04:00:00Z';

beforeAll(async () => {
  await setupStrapi();
  await template({ title: 'Read 10 pages', points: 10, sortOrder: 1 });
  await template({ title: 'Monday run', points: 20, weekdays: [1], sortOrder: 2 });
  await template({ title: 'Retired', points: 99, active: false });
});
afterEach(() => clock().setNow(null));
afterAll(async () => {
  for (const documentId of made) await templates().delete({ documentId } as never);
  await teardownStrapi();
});

describe("a day's tasks", () => {
  it("are made from the active templates for that weekday on the first read of today", async () => {
    const user = await createUser();
    clock().setNow(MONDAY);
    const monday = ours((await day(user).expect(200)).body.data);
    expect(monday.map((t) => [t.title.replace(` ${run}`, ''), t.points, t.isSystem, t.localDate])).toEqual([
      ['Read 10 pages', 10, true, '2026-11-23'],
      ['Monday run', 20, true, '2026-11-23'],
    ]);
    clock().setNow(TUESDAY);
    expect(ours((await day(user).expect(200)).body.data).map((t) => t.title)).toEqual([`Read 10 pages ${run}`]);
    // Monday is still there as it was; a day never opened is not made afterwards; the future has none.
    expect(ours((await day(user, '2026-11-23').expect(200)).body.data)).toHaveLength(2);
    expect(ours((await day(user, '2026-11-22').expect(200)).body.data)).toHaveLength(0);
    expect((await day(user, '2026-11-25').expect(400)).body.error.details.field).toBe('date');
  });

  it('are made once however many first reads race', async () => {
    const user = await createUser();
    clock().setNow(MONDAY);
    const answers = await Promise.all(Array.from({ length: 20 }, () => day(user)));
    for (const answer of answers) expect(answer.status).toBe(200);
    const rows = await getStrapi().db.connection('tasks').where({ user_id: user.id, is_system: true }).select('title');
    expect(rows.filter((r: { title: string }) => r.title.endsWith(run))).toHaveLength(2);
    const ids = new Set(answers.flatMap((a) => ours(a.body.data).map((t) => t.documentId)));
    expect(ids.size).toBe(2);
  });
});

describe('completing a task', () => {
  it('pays its points once, even to concurrent calls', async () => {
    const user = await createUser();
    clock().setNow(MONDAY);
    const [read, runTask] = ours((await day(user).expect(200)).body.data);
    const first = await complete(user, read.documentId).expect(200);
    expect(first.body.data.completed).toBe(true);
    expect(first.body.meta.points).toEqual({ awarded: 10, balance: 10 });
    const again = await complete(user, read.documentId).expect(409);
    expect(again.body.error.details.task.documentId).toBe(read.documentId);

    const racing = await Promise.all(Array.from({ length: 20 }, () => complete(user, runTask.documentId)));
    const statuses = racing.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const entries = (await ledger().records(user.id, 1, 100)).data.filter((e) => e.sourceType === 'task');
    expect(entries.map((e) => e.amount).sort()).toEqual([10, 20]);
    const { balance } = await ledger().balance(user.id);
    expect(balance).toBe(30);
    expect(balance).toBe(await ledger().ledgerSum(user.id));
  });

  it("refuses another day's task, and another user's", async () => {
    const user = await createUser();
    const other = await createUser();
    clock().setNow(MONDAY);
    const [read] = ours((await day(user).expect(200)).body.data);
    await complete(other, read.documentId).expect(404);
    clock().setNow(TUESDAY);
    const late = await complete(user, read.documentId).expect(400);
    expect(late.body.error.details.reason).toBe('not_today');
    expect((await ledger().balance(user.id)).balance).toBe(0);
  });
});

describe("a user's own tasks", () => {
  it('are for today, earn no points unless editors allow it, and cannot set their own points', async () => {
    const user = await createUser();
    clock().setNow(MONDAY);
    await http().post('/api/tasks').set(user.auth).send({ data: { title: 'Water plants', points: 500 } }).expect(400);
    const own = await http().post('/api/tasks').set(user.auth).send({ data: { title: 'Water plants' } }).expect(201);
    expect(own.body.data).toMatchObject({ localDate: '2026-11-23', points: 0, isSystem: false, completed: false });
    const done = await complete(user, own.body.data.documentId).expect(200);
    expect(done.body.meta.points.awarded).toBe(0);
    expect((await ledger().records(user.id, 1, 100)).data).toHaveLength(0);
  });

  it('can be deleted until completed; the app\'s daily tasks cannot', async () => {
    const user = await createUser();
    clock().setNow(MONDAY);
    const [read] = ours((await day(user).expect(200)).body.data);
    expect((await http().delete(`/api/tasks/${read.documentId}`).set(user.auth).expect(400)).body.error.details.reason).toBe('system_task');
    const own = (await http().post('/api/tasks').set(user.auth).send({ data: { title: 'Tidy desk' } }).expect(201)).body.data;
    await complete(user, own.documentId).expect(200);
    expect((await http().delete(`/api/tasks/${own.documentId}`).set(user.auth).expect(400)).body.error.details.reason).toBe('completed');
    const spare = (await http().post('/api/tasks').set(user.auth).send({ data: { title: 'Spare' } }).expect(201)).body.data;
    await http().delete(`/api/tasks/${spare.documentId}`).set(user.auth).expect(204);
  });

  it('are at most 10 a day, even when created at once', async () => {
    const user = await createUser();
    clock().setNow(MONDAY);
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => http().post('/api/tasks').set(user.auth).send({ data: { title: `mine ${i}` } })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 400).every((a) => a.body.error.details.reason === 'daily_limit')).toBe(true);
    expect(Number((await getStrapi().db.connection('tasks').where({ user_id: user.id, is_system: false }).count({ n: '*' }))[0].n)).toBe(10);
  });
});
