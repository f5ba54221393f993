import { removeAdmins, superAdmin, type TestAdmin } from '../helpers/admin';
import { adminHolding, removeRoles, RUN } from '../helpers/dashboard';
import { http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser } from '../helpers/users';

/**
 * The admin page 兑换码 Redeem codes (issue 19): it generates a batch (the codes handed out once) and lists the
 * earlier batches, never with their codes, both for admins with "Generate redeem codes" only.
 */
const GENERATE = { action: 'plugin::gamification.redeem-batches.create' };
const generate = (admin: TestAdmin, body: Record<string, unknown>) => http().post('/gamification/redeem-batches').set(admin.auth).send(body);
const list = (admin: TestAdmin, query = '') => http().get(`/gamification/redeem-batches${query}`).set(admin.auth);

let boss: TestAdmin;

beforeAll(async () => {
  await setupStrapi();
  boss = await superAdmin();
});
afterAll(async () => {
  await removeAdmins();
  await removeRoles();
  await teardownStrapi();
});

describe('the batch list', () => {
  it('lists the batches newest first with what their codes give and how often they were used, never the codes', async () => {
    const first = (
      await generate(boss, { name: `补签卡 ${RUN}`, kind: 'makeupCards', amount: 2, maxUses: 3, count: 4, validUntil: '2040-01-01T00:00:00+08:00', format: 'json' }).expect(200)
    ).body.data;
    expect(first.codes).toHaveLength(4);
    const csv = await generate(boss, { name: `积分 ${RUN}`, kind: 'points', amount: 50, maxUses: 1, count: 2 }).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const csvCodes = csv.text.trim().split('\n').slice(1).map((line) => line.split(',')[0]);
    expect(csvCodes).toHaveLength(2);

    const user = await createUser();
    await http().post('/api/redeem-codes/redeem').set(user.auth).send({ code: first.codes[0] }).expect(200);

    const answer = await list(boss).expect(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const [newest, older] = answer.body.data;
    expect(newest).toMatchObject({ name: `积分 ${RUN}`, kind: 'points', amount: 50, maxUses: 1, count: 2, uses: 0, validFrom: null, validUntil: null });
    expect(older).toEqual({
      documentId: first.batch.documentId,
      name: `补签卡 ${RUN}`,
      kind: 'makeupCards',
      amount: 2,
      maxUses: 3,
      count: 4,
      validFrom: null,
      validUntil: '2039-12-31T16:00:00.000Z',
      createdAt: expect.any(String),
      uses: 1,
    });
    for (const code of [...first.codes, ...csvCodes]) {
      expect(answer.text).not.toContain(code);
      expect(answer.text).not.toContain(code.replace(/-/g, ''));
    }
    expect(answer.body.meta.pagination).toMatchObject({ page: 1, pageSize: 20 });
    expect(answer.body.meta.pagination.total).toBeGreaterThanOrEqual(2);
  });

  it('pages through the batches and refuses a page it cannot serve', async () => {
    const all = (await list(boss, '?pageSize=2').expect(200)).body;
    const second = (await list(boss, '?page=2&pageSize=1').expect(200)).body;
    expect(second.data[0].documentId).toBe(all.data[1].documentId);
    expect(second.meta.pagination).toMatchObject({ page: 2, pageSize: 1, total: all.meta.pagination.total, pageCount: all.meta.pagination.total });
    await list(boss, '?pageSize=0').expect(400);
    await list(boss, '?pageSize=101').expect(400);
    await list(boss, '?codes=true').expect(400);
  });

  it('is only for admins who may generate codes', async () => {
    const other = await adminHolding([{ action: 'plugin::dashboard.activity' }]);
    await list(other).expect(403);
    await generate(other, { name: 'x', kind: 'points', amount: 1, maxUses: 1, count: 1 }).expect(403);
    const generator = await adminHolding([GENERATE]);
    await list(generator).expect(200);
  });
});
