import crypto from 'node:crypto';
import { gamification } from '../../src/plugins/gamification/public';
import { checkIn, newHabit } from '../helpers/habits';
import { saveRules } from '../helpers/settings';
import { getStrapi, http, setupStrapi, teardownStrapi, usingPostgres } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * A relapse and the check-ins of quit habits (gamification settings quitRelapseRule, default
 * dayNotCheckedIn): the relapse day cannot be checked in, and a check-in already made that day is undone
 * in the relapse's transaction, its points reversed through the ledger.
 */
const setNow = (instant: string | null) => gamification(getStrapi(), 'clock').setNow(instant);
const key = () => `k-${crypto.randomBytes(8).toString('hex')}`;
const rules = async (data: Record<string, unknown>) => {
  await saveRules(data);
  gamification(getStrapi(), 'settings').invalidate();
};
const relapse = (user: TestUser, body: Record<string, unknown> = {}) => http().post('/api/quit/relapses').set(user.auth).send({ count: 1, idempotencyKey: key(), ...body });
const balance = async (user: TestUser) => (await http().get('/api/me').set(user.auth).expect(200)).body.data.pointsBalance as number;

const smoker = async () => {
  const user = await createUser({ timezone: 'Asia/Shanghai' });
  await http().put('/api/quit/profile').set(user.auth).send({ quitAt: '2026-11-01T00:00:00Z', cigarettesPerDay: 10, pricePerPack: 20, cigarettesPerPack: 20, reasons: [] }).expect(200);
  return { user, quitHabit: await newHabit(user, { title: '戒烟', kind: 'quit' }), runHabit: await newHabit(user, { title: 'Run' }) };
};

beforeAll(async () => {
  await setupStrapi();
  await rules({ quitRelapseRule: 'dayNotCheckedIn', pointsPerCheckIn: 10 });
});
afterEach(() => setNow(null));
afterAll(async () => {
  await rules({ quitRelapseRule: 'dayNotCheckedIn' });
  await teardownStrapi();
});

describe('by default, a relapse day of a quit habit is not checked in', () => {
  it('undoes the quit habit’s check-in of that day, with its points, and leaves other habits alone', async () => {
    const { user, quitHabit, runHabit } = await smoker();
    setNow('2026-11-10T04:00:00Z'); // 12:00 in Shanghai
    const quitCheckIn = (await checkIn(user, quitHabit).expect(201)).body.data.documentId;
    await checkIn(user, runHabit).expect(201);
    expect(await balance(user)).toBe(20);

    const k = key();
    const res = await relapse(user, { idempotencyKey: k }).expect(201);
    expect(res.body.meta.undoneCheckIns).toEqual([{ checkIn: quitCheckIn, habit: quitHabit, pointsReversed: 10, pointsNotReversed: 0 }]);
    expect(await balance(user)).toBe(10);
    const left = await getStrapi().db.connection('check_ins').where({ user_id: user.id }).select('document_id');
    expect(left).toHaveLength(1);
    expect(left[0].document_id).not.toBe(quitCheckIn);

    // A retry answers the first answer and undoes nothing more.
    expect((await relapse(user, { idempotencyKey: k }).expect(201)).body).toEqual(res.body);
    expect(await balance(user)).toBe(10);

    const refused = await checkIn(user, quitHabit).expect(409);
    expect(refused.body.error.details).toEqual({ reason: 'relapse_day', localDate: '2026-11-10' });
    // The next local day is a new day.
    setNow('2026-11-10T17:00:00Z'); // 01:00 on the 11th in Shanghai
    await checkIn(user, quitHabit).expect(201);
  });

  it('uses the local day of the relapse: a relapse at 23:30 in Shanghai blocks that day, not the UTC one', async () => {
    const { user, quitHabit } = await smoker();
    setNow('2026-11-12T16:10:00Z'); // 00:10 on the 13th in Shanghai
    await relapse(user, { at: '2026-11-12T15:30:00Z' }).expect(201); // 23:30 on the 12th
    await checkIn(user, quitHabit).expect(201);
    const list = (await http().get('/api/quit/relapses').set(user.auth).expect(200)).body.data;
    expect(list[0].localDate).toBe('2026-11-12');
  });
});

describe('a past relapse day', () => {
  it('cannot be made up either, while the day before it can', async () => {
    const { user, quitHabit } = await smoker();
    await getStrapi().db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { makeupCards: 3 } });
    setNow('2026-11-10T04:00:00Z');
    await relapse(user, { at: '2026-11-09T04:00:00Z' }).expect(201);
    const makeup = (date: string) => http().post('/api/check-ins/makeup').set(user.auth).send({ data: { habit: quitHabit, date } });
    expect((await makeup('2026-11-09').expect(409)).body.error.details).toEqual({ reason: 'relapse_day', localDate: '2026-11-09' });
    await makeup('2026-11-08').expect(201);
  });
});

describe('a check-in and a relapse of the same day sent at once', () => {
  it('end with the day not checked in, whichever comes first', async () => {
    for (let round = 0; round < (usingPostgres() ? 4 : 2); round += 1) {
      const { user, quitHabit } = await smoker();
      setNow('2026-11-10T04:00:00Z');
      const [checked, relapsed] = await Promise.all([checkIn(user, quitHabit), relapse(user)]);
      expect(relapsed.status).toBe(201);
      // Serialized on the user's row: either the check-in came first and was undone, or it was refused.
      if (checked.status === 201) expect(relapsed.body.meta.undoneCheckIns).toHaveLength(1);
      else expect(checked.body.error.details.reason).toBe('relapse_day');
      expect(await getStrapi().db.connection('check_ins').where({ user_id: user.id }).count('* as n').then((r) => Number(r[0].n))).toBe(0);
      expect(await balance(user)).toBe(0);
    }
  });
});

describe('with quitRelapseRule keepCheckIn', () => {
  afterAll(async () => {
    await rules({ quitRelapseRule: 'dayNotCheckedIn' });
  });

  it('keeps the check-in and allows checking in', async () => {
    await rules({ quitRelapseRule: 'keepCheckIn' });
    const { user, quitHabit } = await smoker();
    setNow('2026-11-10T04:00:00Z');
    await relapse(user).expect(201);
    await checkIn(user, quitHabit).expect(201);
    expect((await relapse(user).expect(201)).body.meta.undoneCheckIns).toEqual([]);
    expect(await balance(user)).toBe(10);
  });
});

describe('concurrent retries of one relapse', () => {
  it('record it once and undo the check-in once', async () => {
    await rules({ quitRelapseRule: 'dayNotCheckedIn' });
    const { user, quitHabit } = await smoker();
    setNow('2026-11-10T04:00:00Z');
    await checkIn(user, quitHabit).expect(201);
    const k = key();
    const answers = await Promise.all(Array.from({ length: usingPostgres() ? 6 : 3 }, () => relapse(user, { idempotencyKey: k })));
    for (const res of answers) expect(res.status).toBe(201);
    expect(new Set(answers.map((res) => res.body.data.documentId)).size).toBe(1);
    expect((await http().get('/api/quit/relapses').set(user.auth).expect(200)).body.data).toHaveLength(1);
    expect(await balance(user)).toBe(0);
  });
});
