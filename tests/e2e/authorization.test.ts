import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * DESIGN invariant 5: a user reads and changes only their own records, whatever id, filter or populate
 * they send; the server sets the owner. Checked for every user-owned type.
 */
let alice: TestUser;
let bob: TestUser;

type Owned = {
  plural: string;
  /** documentId of one record Alice owns */
  aliceId: string;
  /** a valid update body, to prove Bob's update is refused for ownership, not for bad input */
  update?: Record<string, unknown>;
};

const owned: Owned[] = [];

const createAs = async (user: TestUser, plural: string, data: Record<string, unknown>) => {
  const res = await http().post(`/api/${plural}`).set(user.auth).send({ data });
  expect(res.status).toBe(201);
  return res.body.data as { documentId: string; id: number } & Record<string, unknown>;
};

beforeAll(async () => {
  await setupStrapi();
  alice = await createUser({ nickname: 'Alice' });
  bob = await createUser({ nickname: 'Bob' });

  const habit = await createAs(alice, 'habits', { title: 'Read 20 pages', frequencyType: 'daily' });
  const checkIn = await createAs(alice, 'check-ins', { habit: habit.documentId, note: 'alice private note' });
  const diary = await createAs(alice, 'diaries', { content: 'alice diary text', mood: 'happy' });
  const task = await createAs(alice, 'tasks', { title: 'alice task' });
  // Orders are the mall's (GET /api/orders/{orderNo}): their owner scoping is tested in tests/e2e/mall-orders.test.ts.
  owned.push(
    { plural: 'habits', aliceId: habit.documentId, update: { title: 'hijacked' } },
    { plural: 'check-ins', aliceId: checkIn.documentId, update: { note: 'hijacked' } },
    { plural: 'diaries', aliceId: diary.documentId, update: { content: 'hijacked' } },
    { plural: 'tasks', aliceId: task.documentId, update: { title: 'hijacked' } },
  );
});

afterAll(teardownStrapi);

describe('owner scoping of user-owned records', () => {
  it("lets the owner read each of their records", async () => {
    for (const { plural, aliceId } of owned) {
      const res = await http().get(`/api/${plural}/${aliceId}`).set(alice.auth);
      expect({ plural, status: res.status }).toEqual({ plural, status: 200 });
      expect(res.body.data.documentId).toBe(aliceId);
    }
  });

  it("answers 404 when another user reads, updates or deletes someone else's record", async () => {
    for (const { plural, aliceId, update } of owned) {
      const read = await http().get(`/api/${plural}/${aliceId}`).set(bob.auth);
      expect({ plural, read: read.status }).toEqual({ plural, read: 404 });
      expect(read.body).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });

      const put = await http().put(`/api/${plural}/${aliceId}`).set(bob.auth).send({ data: update ?? { remark: 'x' } });
      expect({ plural, put: put.status }).toEqual({ plural, put: 404 });

      const del = await http().delete(`/api/${plural}/${aliceId}`).set(bob.auth);
      expect({ plural, del: del.status }).toEqual({ plural, del: 404 });
    }
    // And nothing changed: Alice still sees her records as they were.
    const habit = await http().get(`/api/habits/${owned[0].aliceId}`).set(alice.auth).expect(200);
    expect(habit.body.data.title).toBe('Read 20 pages');
  });

  it('never lists, filters or populates into another user\'s records', async () => {
    for (const { plural, aliceId } of owned) {
      const queries = [
        '',
        `?filters[documentId][$eq]=${aliceId}`,
        `?filters[$or][0][documentId][$eq]=${aliceId}&filters[$or][1][id][$gt]=0`,
        '?populate=*',
        '?pagination[pageSize]=100&sort=id:desc',
      ];
      for (const query of queries) {
        const res = await http().get(`/api/${plural}${query}`).set(bob.auth);
        expect({ plural, query, status: res.status }).toEqual({ plural, query, status: 200 });
        const ids = (res.body.data as Array<{ documentId: string }>).map((r) => r.documentId);
        expect({ plural, query, leaked: ids.includes(aliceId) }).toEqual({ plural, query, leaked: false });
      }
    }
  });

  it('refuses filters on the owner field instead of honouring them', async () => {
    const res = await http().get(`/api/habits?filters[user][id][$eq]=${alice.id}`).set(bob.auth);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
  });

  it("does not reveal another user's habit through a populated check-in", async () => {
    const bobHabit = await createAs(bob, 'habits', { title: 'Bob runs' });
    await createAs(bob, 'check-ins', { habit: bobHabit.documentId });
    const res = await http().get('/api/check-ins?populate[habit]=true').set(bob.auth).expect(200);
    const habitTitles = (res.body.data as Array<{ habit: { title: string } | null }>).map((c) => c.habit?.title);
    expect(habitTitles).toEqual(['Bob runs']);
  });

  it('sets the owner from the token and ignores a client-sent owner', async () => {
    const created = await createAs(bob, 'habits', { title: 'Bob tries to plant this on Alice', user: alice.id });
    const aliceSees = await http().get(`/api/habits/${created.documentId}`).set(alice.auth);
    expect(aliceSees.status).toBe(404);
    const bobSees = await http().get(`/api/habits/${created.documentId}`).set(bob.auth);
    expect(bobSees.status).toBe(200);
    const row = await getStrapi().db.connection('habits').where({ document_id: created.documentId }).first('user_id');
    expect(row.user_id).toBe(bob.id);
  });

  it("refuses a check-in on another user's habit", async () => {
    const aliceHabit = owned[0].aliceId;
    const res = await http().post('/api/check-ins').set(bob.auth).send({ data: { habit: aliceHabit } });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/habit .* not found among your/);
    const count = await getStrapi().db.connection('check_ins').where({ user_id: bob.id }).count<{ n: number }[]>({ n: '*' });
    expect(Number(count[0].n)).toBe(1);
  });

  it('refuses anonymous access to every owned type', async () => {
    for (const { plural, aliceId } of owned) {
      const list = await http().get(`/api/${plural}`);
      const one = await http().get(`/api/${plural}/${aliceId}`);
      expect([401, 403]).toContain(list.status);
      expect([401, 403]).toContain(one.status);
      const create = await http().post(`/api/${plural}`).send({ data: { title: 'anon' } });
      expect([401, 403]).toContain(create.status);
      expect(create.body.data).toBeNull();
    }
  });

  it('rejects a forged or expired token with 401', async () => {
    const forged = await http().get('/api/habits').set({ Authorization: `Bearer ${alice.jwt}x` });
    expect(forged.status).toBe(401);
    const expired = getStrapi()
      .plugin('users-permissions')
      .service('jwt')
      .issue({ id: alice.id }, { expiresIn: '-10s' });
    const res = await http().get('/api/habits').set({ Authorization: `Bearer ${expired}` });
    expect(res.status).toBe(401);
  });
});

describe('the public catalogue', () => {
  it('is readable anonymously but not writable by users', async () => {
    await http().get('/api/habit-templates').expect(200);
    await http().get('/api/prizes').expect(200);
    const res = await http().post('/api/prizes').set(alice.auth).send({ data: { name: 'free money', weight: 100, stock: -1 } });
    expect(res.status).toBe(403);
  });

  it('hides inactive records', async () => {
    const prize = await getStrapi()
      .documents('api::prize.prize')
      .create({ data: { name: 'retired prize', weight: 1, stock: 5, active: false } } as never);
    const list = await http().get('/api/prizes?pagination[pageSize]=100').expect(200);
    expect(list.body.data.map((p: { name: string }) => p.name)).not.toContain('retired prize');
    await http().get(`/api/prizes/${(prize as { documentId: string }).documentId}`).expect(404);
  });

  it("shows a user their own profile without private fields", async () => {
    const res = await http().get('/api/users/me').set(alice.auth).expect(200);
    // Alice checked in once and wrote her first diary of the day in beforeAll: 10 + 10 points.
    expect(res.body).toMatchObject({ id: alice.id, nickname: 'Alice', timezone: 'Asia/Shanghai', makeupCards: 3, pointsBalance: 20 });
    expect(res.body).not.toHaveProperty('openid');
    expect(res.body).not.toHaveProperty('password');
  });

  it('does not let users list other users', async () => {
    const res = await http().get('/api/users').set(alice.auth);
    expect(res.status).toBe(403);
  });
});
