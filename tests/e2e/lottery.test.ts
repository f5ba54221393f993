import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { saveRules } from '../helpers/settings';
import { createUser, type TestUser } from '../helpers/users';

/**
 * The lottery over HTTP (on PostgreSQL under test:services): spends through the ledger, never
 * oversells a prize, never lets a user draw more than their points or the daily cap allow.
 */
const ledger = () => getService(getStrapi(), 'ledger');
const prizes = () => getStrapi().documents('api::prize.prize');
const credit = (user: TestUser, amount: number) =>
  ledger().withUserLock(user.id, (trx) => ledger().apply(trx, user.id, [{ amount, reason: 'test-credit' }], new Date()));
const draw = (user: TestUser, key?: string) => {
  const request = http().post('/api/lottery/draw').set(user.auth);
  return key ? request.send({ data: { idempotencyKey: key } }) : request.send({});
};

const created: string[] = [];
let parked: string[] = [];
const prize = async (data: Record<string, unknown>) => {
  const made = (await prizes().create({ data: { kind: 'virtual', active: true, ...data } } as never)) as { documentId: string };
  created.push(made.documentId);
  return made.documentId;
};
const stockOf = async (documentId: string) => ((await prizes().findOne({ documentId } as never)) as { stock: number }).stock;

beforeAll(async () => {
  await setupStrapi();
  // Only this file's prizes are drawable while it runs (other files' prizes are parked, then restored).
  const active: Array<{ id: number }> = await getStrapi().db.connection('prizes').where({ active: true }).select('id');
  parked = active.map((p) => String(p.id));
  await getStrapi().db.connection('prizes').whereIn('id', parked).update({ active: false });
});
afterEach(async () => {
  for (const documentId of created.splice(0)) await prizes().delete({ documentId } as never);
  await saveRules({ drawCost: 20, drawsPerDay: 5, noPrizeWeight: 0 });
});
afterAll(async () => {
  await getStrapi().db.connection('prizes').whereIn('id', parked).update({ active: true });
  await teardownStrapi();
});

describe('the prize list', () => {
  it('shows active prizes with their stock, the cost and the draws left today', async () => {
    const user = await createUser();
    await prize({ name: 'Sticker', weight: 3, stock: -1, sortOrder: 1 });
    await prize({ name: 'Cup', weight: 1, stock: 2, sortOrder: 2 });
    await prize({ name: 'Retired', weight: 1, stock: 5, active: false });
    const res = await http().get('/api/lottery/prizes').set(user.auth).expect(200);
    expect(res.body.data.map((p: { name: string; stock: number }) => [p.name, p.stock])).toEqual([['Sticker', -1], ['Cup', 2]]);
    expect(res.body.meta).toEqual({ cost: 20, drawsPerDay: 5, drawsLeftToday: 5, noPrize: '谢谢参与' });
    // Signed-in users may read it: without a token the answer is "sign in" (401).
    await http().get('/api/lottery/prizes').expect(401);
  });
});

describe('a draw', () => {
  it('spends the cost through the ledger, records the draw and pays a points prize', async () => {
    const user = await createUser();
    await credit(user, 20);
    await prize({ name: '50 points', kind: 'points', amount: 50, weight: 1, stock: -1 });
    const res = await draw(user).expect(201);
    expect(res.body.data).toMatchObject({ isWinner: true, prizeName: '50 points', cost: 20, prize: { kind: 'points', amount: 50 } });
    expect(res.body.meta).toEqual({ balance: 50, drawsLeftToday: 4 });
    const records = await http().get('/api/lottery/records').set(user.auth).expect(200);
    expect(records.body.data).toHaveLength(1);
    expect(records.body.data[0]).toMatchObject({ documentId: res.body.data.documentId, isWinner: true, prizeName: '50 points', cost: 20 });
    expect(records.body.meta.pagination.total).toBe(1);
    const { balance } = await ledger().balance(user.id);
    expect(balance).toBe(await ledger().ledgerSum(user.id));
  });

  it('says "谢谢参与" when nothing is left to win, and adds makeup cards when they are the prize', async () => {
    const user = await createUser();
    await credit(user, 40);
    const cards = await prize({ name: 'Makeup card', kind: 'makeupCard', amount: 2, weight: 1, stock: 1 });
    const first = await draw(user).expect(201);
    expect(first.body.data.prize.documentId).toBe(cards);
    const account = await getStrapi().db.connection('up_users').where({ id: user.id }).first('makeup_cards');
    expect(Number(account.makeup_cards)).toBe(5);
    const second = await draw(user).expect(201);
    expect(second.body.data).toMatchObject({ isWinner: false, prize: null, prizeName: '谢谢参与' });
    expect(await stockOf(cards)).toBe(0);
  });

  it('adds VIP days when they are the prize', async () => {
    const user = await createUser();
    await credit(user, 20);
    await prize({ name: '7 VIP days', kind: 'vipDays', amount: 7, weight: 1, stock: -1 });
    const res = await draw(user).expect(201);
    expect(res.body.meta.membership).toMatchObject({ before: 'free', after: 'vip' });
    expect((await http().get('/api/me').set(user.auth).expect(200)).body.data.membershipTier).toBe('vip');
  });

  it('is refused with 积分不足 when the points are short, and after the daily cap', async () => {
    const user = await createUser();
    await prize({ name: 'Sticker', weight: 1, stock: -1 });
    const short = await draw(user).expect(400);
    expect(short.body.error.message).toMatch(/积分不足/);
    await credit(user, 200);
    for (let i = 0; i < 5; i += 1) await draw(user).expect(201);
    const capped = await draw(user).expect(400);
    expect(capped.body.error.details.reason).toBe('daily_limit');
    expect((await ledger().balance(user.id)).balance).toBe(100);
  });

  it('answers retries of one idempotency key with the first answer, drawing once', async () => {
    const user = await createUser();
    await credit(user, 100);
    await prize({ name: 'Sticker', weight: 1, stock: -1 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => draw(user, 'draw-key-0001')));
    for (const answer of answers) {
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual(answers[0].body);
    }
    const viaHeader = await http().post('/api/lottery/draw').set(user.auth).set('Idempotency-Key', 'draw-key-0001').send({});
    expect(viaHeader.body).toEqual(answers[0].body);
    expect((await http().get('/api/lottery/records').set(user.auth).expect(200)).body.meta.pagination.total).toBe(1);
    expect((await ledger().balance(user.id)).balance).toBe(80);
  });

  it('answers a bad body with 400', async () => {
    const user = await createUser();
    for (const body of [{ data: { idempotencyKey: 'x' } }, { data: { prize: 'mine' } }, { cheat: true }]) {
      expect((await http().post('/api/lottery/draw').set(user.auth).send(body).expect(400)).body.error.name).toBe('ValidationError');
    }
  });
});

describe('under concurrency', () => {
  it('1,000 draws at once never oversell a prize of stock 10, and every draw is one ledger entry', async () => {
    await saveRules({ drawsPerDay: 20 });
    const users = await Promise.all(Array.from({ length: 50 }, () => createUser()));
    for (const user of users) await credit(user, 400);
    const scarce = await prize({ name: 'Bike', weight: 1000, stock: 10 });
    await prize({ name: 'Sticker', weight: 1, stock: -1 });

    const answers = await Promise.all(users.flatMap((user) => Array.from({ length: 20 }, () => draw(user))));
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    expect(answers.filter((a) => a.body.data.prize?.documentId === scarce)).toHaveLength(10);
    expect(await stockOf(scarce)).toBe(0);
    for (const user of users) {
      const { balance } = await ledger().balance(user.id);
      expect({ user: user.id, balance }).toEqual({ user: user.id, balance: 0 });
      expect(await ledger().ledgerSum(user.id)).toBe(0);
    }
    const spends = await getStrapi().db.connection('points_ledger').whereIn('user_id', users.map((u) => u.id)).andWhere({ reason: 'lottery' }).count({ n: '*' });
    expect(Number(spends[0].n)).toBe(1000);
  });

  it('a user with points for 3 draws firing 20 at once gets exactly 3', async () => {
    const user = await createUser();
    await credit(user, 60);
    await prize({ name: 'Sticker', weight: 1, stock: -1 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => draw(user)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 400).every((a) => /积分不足/.test(a.body.error.message))).toBe(true);
    expect((await ledger().balance(user.id)).balance).toBe(0);
    expect(await ledger().ledgerSum(user.id)).toBe(0);
  });
});
