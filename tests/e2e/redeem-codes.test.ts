import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import type { BatchInput } from '../../src/plugins/gamification/server/src/services/redeem-codes';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/** Redeem codes over HTTP: hashed, case-insensitive, atomic against max uses, once per user, not guessable. */
const codes = () => getService(getStrapi(), 'redeemCodes');
const ledger = () => getService(getStrapi(), 'ledger');
const DAY = 86_400_000;

const batch = async (input: Partial<BatchInput> = {}) =>
  (await codes().createBatch({ name: 'test batch', kind: 'points', amount: 100, maxUses: 1, count: 1, ...input })).codes;
const redeem = (user: TestUser, code: string) => http().post('/api/redeem-codes/redeem').set(user.auth).send({ code });

beforeAll(async () => {
  await setupStrapi();
});
const afterAllCleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of afterAllCleanups) await cleanup();
  await teardownStrapi();
});

describe('a batch', () => {
  it('hands out its codes once and stores only their hashes', async () => {
    const plain = await batch({ count: 20 });
    expect(new Set(plain).size).toBe(20);
    for (const code of plain) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const stored = await getStrapi().db.connection('redeem_codes').select('code_hash');
    const hashes = stored.map((row: { code_hash: string }) => row.code_hash).join(' ');
    for (const code of plain) {
      expect(hashes).not.toContain(code);
      expect(hashes).not.toContain(code.replace(/-/g, ''));
    }
  });
});

describe('redeeming', () => {
  it('gives what the code gives, typed in any case and spacing, and shows in the history', async () => {
    const user = await createUser();
    const [points] = await batch({ kind: 'points', amount: 100 });
    const res = await redeem(user, ` ${points.toLowerCase().replace(/-/g, ' ')} `).expect(200);
    expect(res.body.data).toMatchObject({ kind: 'points', amount: 100, result: { points: 100, balance: 100 } });
    expect(await ledger().ledgerSum(user.id)).toBe(100);

    const [vip] = await batch({ kind: 'vipDays', amount: 30 });
    const before = Date.now();
    const membership = (await redeem(user, vip).expect(200)).body.data.result;
    expect(membership).toMatchObject({ before: 'free', after: 'vip' });
    expect(new Date(membership.expiresAt).getTime()).toBeGreaterThanOrEqual(before + 30 * DAY - 1000);
    expect((await http().get('/api/me').set(user.auth).expect(200)).body.data.membershipTier).toBe('vip');

    const [cards] = await batch({ kind: 'makeupCards', amount: 2 });
    await redeem(user, cards).expect(200);
    expect((await http().get('/api/me').set(user.auth).expect(200)).body.data.makeupCards).toBe(5);

    const history = await http().get('/api/redeem-codes/history').set(user.auth).expect(200);
    expect(history.body.data.map((r: { kind: string }) => r.kind)).toEqual(['makeupCards', 'vipDays', 'points']);
    expect(history.body.meta.pagination.total).toBe(3);

    // One kind at a time, paginated within that kind.
    const vipOnly = await http().get('/api/redeem-codes/history?kind=vipDays').set(user.auth).expect(200);
    expect(vipOnly.body.data.map((r: { kind: string; amount: number }) => [r.kind, r.amount])).toEqual([['vipDays', 30]]);
    expect(vipOnly.body.meta.pagination).toEqual({ page: 1, pageSize: 20, pageCount: 1, total: 1 });
    const noAi = await http().get('/api/redeem-codes/history?kind=aiDays&page=1&pageSize=5').set(user.auth).expect(200);
    expect(noAi.body.data).toEqual([]);
    expect(noAi.body.meta.pagination.total).toBe(0);
    // Only the kinds codes have, named exactly.
    for (const kind of ['vip', 'POINTS', 'makeupCard', '']) {
      const bad = await http().get(`/api/redeem-codes/history?kind=${kind}`).set(user.auth);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/kind is vipDays, aiDays, makeupCards, points/);
    }
  });

  it('says clearly why a code does not work', async () => {
    const user = await createUser();
    const other = await createUser();
    const [expired] = await batch({ validUntil: new Date(Date.now() - DAY) });
    const [early] = await batch({ validFrom: new Date(Date.now() + DAY) });
    const [once] = await batch({ maxUses: 1 });
    const [twice] = await batch({ maxUses: 2 });
    expect((await redeem(user, expired).expect(400)).body.error.details.reason).toBe('expired');
    expect((await redeem(user, early).expect(400)).body.error.details.reason).toBe('not_yet_valid');
    await redeem(other, once).expect(200);
    expect((await redeem(user, once).expect(409)).body.error.details.reason).toBe('used_up');
    await redeem(user, twice).expect(200);
    const again = await redeem(user, twice).expect(409);
    expect(again.body.error).toMatchObject({ message: 'You have already used this code', details: { reason: 'already_used' } });
    await http().post('/api/redeem-codes/redeem').set(user.auth).send({ code: 123 }).expect(400);
  });
});

describe('under concurrency', () => {
  it('a code with 5 uses redeemed by 50 users at once gives exactly 5', async () => {
    const users = await Promise.all(Array.from({ length: 50 }, () => createUser()));
    const [code] = await batch({ maxUses: 5, amount: 10 });
    const answers = await Promise.all(users.map((user) => redeem(user, code)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.details.reason === 'used_up')).toBe(true);
    const [row] = await getStrapi().db.connection('redeem_codes').orderBy('id', 'desc').limit(1).select('uses');
    expect(Number(row.uses)).toBe(5);
  });

  it('one user redeeming one code 20 times at once gets it once', async () => {
    const user = await createUser();
    const [code] = await batch({ maxUses: 100, amount: 10 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => redeem(user, code)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.details.reason === 'already_used')).toBe(true);
    expect((await ledger().balance(user.id)).balance).toBe(10);
  });
});

describe('the admin API', () => {
  it('lets an admin generate a batch as a CSV download, once; users and anonymous callers are refused', async () => {
    const strapi = getStrapi();
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    const email = `codes-${Date.now()}@example.com`;
    const admin = await strapi.service('admin::user').create({ email, firstname: 'Code', lastname: 'Maker', password: 'Str0ngEnough', isActive: true, roles: [superAdmin.id] });
    // Other files count admins (the first-admin bootstrap): leave none behind.
    // (Strapi's own delete refuses to remove the last super admin; the test's admin goes directly.)
    afterAllCleanups.push(() => strapi.db.query('admin::user').delete({ where: { id: admin.id } }));
    const login = await http().post('/admin/login').send({ email, password: 'Str0ngEnough' }).expect(200);
    const token = login.body.data.token ?? login.body.data.accessToken;

    const res = await http()
      .post('/gamification/redeem-batches')
      .set({ Authorization: `Bearer ${token}` })
      .send({ name: 'Spring campaign', kind: 'vipDays', amount: 30, maxUses: 1, count: 3, validUntil: '2027-03-01T00:00:00Z' })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="redeem-codes-/);
    const [header, ...rows] = res.text.trim().split('\n');
    expect(header).toBe('code,kind,amount,max_uses,valid_from,valid_until');
    expect(rows).toHaveLength(3);
    const user = await createUser();
    const code = rows[0].split(',')[0];
    expect((await redeem(user, code).expect(200)).body.data.result).toMatchObject({ after: 'vip' });

    await http().post('/gamification/redeem-batches').set({ Authorization: `Bearer ${token}` }).send({ name: 'x', kind: 'gold', amount: 1, maxUses: 1, count: 1 }).expect(400);
    await http().post('/gamification/redeem-batches').set(user.auth).send({ name: 'x', kind: 'points', amount: 1, maxUses: 1, count: 1 }).expect(401);
    await http().post('/gamification/redeem-batches').send({ name: 'x', kind: 'points', amount: 1, maxUses: 1, count: 1 }).expect(401);
  });
});

describe('guessing', () => {
  // Last in this file: the per-IP budget it spends is shared by every request from this test client.
  it('is stopped after 5 unknown codes in 10 minutes, even for a real code, with Retry-After', async () => {
    const user = await createUser();
    const [real] = await batch();
    // The only unknown codes this file sends: the budget is fresh here.
    expect((await redeem(user, 'NOT-A-CODE').expect(404)).body.error).toMatchObject({ message: expect.stringMatching(/does not exist/), details: { reason: 'unknown' } });
    for (let i = 0; i < 4; i += 1) await redeem(user, `ZZZZ-ZZZZ-ZZZ${'2345'[i]}`).expect(404);
    const blocked = await redeem(user, real).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.error.name).toBe('RateLimitError');
    // The budget is per IP too: another user from the same address is stopped as well.
    const neighbour = await createUser();
    await redeem(neighbour, real).expect(429);
  });
});
