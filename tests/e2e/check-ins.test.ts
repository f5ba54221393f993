import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { checkIn, newHabit } from '../helpers/habits';
import { saveRules } from '../helpers/settings';

/** Check-ins through HTTP: right to the day in the user's timezone, with points that never lie. */
const clock = () => getService(getStrapi(), 'clock');
const ledger = () => getService(getStrapi(), 'ledger');


const makeup = (user: TestUser, habit: string, date: string) => http().post('/api/check-ins/makeup').set(user.auth).send({ data: { habit, date } });

/** Noon in Shanghai on a local day: a safe instant to stand on. */
const shanghaiNoon = (day: string) => `${day}T04:00:00Z`;

const expectBalanceMatchesLedger = async (user: TestUser) => {
  const { balance } = await ledger().balance(user.id);
  expect(balance).toBe(await ledger().ledgerSum(user.id));
  expect(balance).toBeGreaterThanOrEqual(0);
};

beforeAll(async () => {
  await setupStrapi();
});
afterEach(() => clock().setNow(null));
afterAll(teardownStrapi);

describe("the user's local day", () => {
  it('puts 23:59 and 00:01 Shanghai time (15:59 / 16:01 UTC) on different days', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow('2026-03-01T15:59:00Z');
    const late = await checkIn(user, habit).expect(201);
    expect(late.body.data.localDate).toBe('2026-03-01');
    clock().setNow('2026-03-01T16:01:00Z');
    const early = await checkIn(user, habit).expect(201);
    expect(early.body.data.localDate).toBe('2026-03-02');
    expect(early.body.meta.streak).toEqual({ current: 2, longest: 2, unit: 'days' });
  });

  it('follows a New York user across the spring DST change', async () => {
    const user = await createUser({ timezone: 'America/New_York' });
    const habit = await newHabit(user);
    // 23:30 local on 7 March (EST, UTC-5) and on 8 March (EDT, UTC-4).
    clock().setNow('2026-03-08T04:30:00Z');
    expect((await checkIn(user, habit).expect(201)).body.data.localDate).toBe('2026-03-07');
    clock().setNow('2026-03-09T03:30:00Z');
    const next = await checkIn(user, habit).expect(201);
    expect(next.body.data.localDate).toBe('2026-03-08');
    expect(next.body.meta.streak.current).toBe(2);
  });

  it('respects a custom day-start hour', async () => {
    const user = await createUser({ dayStartHour: 4 });
    const habit = await newHabit(user);
    // 02:30 on 6 March in Shanghai still belongs to 5 March for a day that starts at 04:00.
    clock().setNow('2026-03-05T18:30:00Z');
    expect((await checkIn(user, habit).expect(201)).body.data.localDate).toBe('2026-03-05');
    clock().setNow('2026-03-05T20:30:00Z');
    expect((await checkIn(user, habit).expect(201)).body.data.localDate).toBe('2026-03-06');
  });

  it('keeps the streak of a user who changes timezone', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-04-01'));
    await checkIn(user, habit).expect(201);
    await getStrapi().db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { timezone: 'Europe/London' } });
    // The next evening in London (UTC+1 in April) is 2 April there.
    clock().setNow('2026-04-02T20:00:00Z');
    const res = await checkIn(user, habit).expect(201);
    expect(res.body.data.localDate).toBe('2026-04-02');
    expect(res.body.meta.streak.current).toBe(2);
    expect(res.body.meta.user.consecutiveDays).toBe(2);
  });
});

describe('one check-in per habit per day', () => {
  it('answers a second check-in the same local day with 409 and the existing record', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-05-10'));
    const first = await checkIn(user, habit, { mood: 4, note: 'felt good' }).expect(201);
    expect(first.body.meta.points).toMatchObject({ awarded: 10, balance: 10 });
    const second = await checkIn(user, habit, { mood: 1 });
    expect(second.status).toBe(409);
    expect(second.body.error.details.checkIn).toMatchObject({ documentId: first.body.data.documentId, mood: 4, note: 'felt good' });
    await expectBalanceMatchesLedger(user);
    expect((await ledger().balance(user.id)).balance).toBe(10);
  });

  it('returns the first answer unchanged to a retry with the same idempotency key', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-05-11'));
    const first = await checkIn(user, habit, { idempotencyKey: 'offline-queue-0001' }).expect(201);
    clock().setNow(shanghaiNoon('2026-05-12')); // even a day later
    const retry = await checkIn(user, habit, { idempotencyKey: 'offline-queue-0001' });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const viaHeader = await http().post('/api/check-ins').set(user.auth).set('Idempotency-Key', 'offline-queue-0001').send({ data: { habit } });
    expect(viaHeader.body).toEqual(first.body);
    expect((await ledger().records(user.id, 1, 10)).pagination.total).toBe(1);
    // A header that disagrees with the body, or is no key at all, is refused.
    const differing = await http().post('/api/check-ins').set(user.auth).set('Idempotency-Key', 'offline-queue-0002').send({ data: { habit, idempotencyKey: 'offline-queue-0001' } });
    expect(differing.status).toBe(400);
    expect(differing.body.error.details.field).toBe('idempotencyKey');
    expect((await http().post('/api/check-ins').set(user.auth).set('Idempotency-Key', 'abc').send({ data: { habit } })).status).toBe(400);
  });

  it('refuses a habit that is archived, not started or ended', async () => {
    const user = await createUser();
    clock().setNow(shanghaiNoon('2026-05-13'));
    const archived = await newHabit(user, { archived: true });
    expect((await checkIn(user, archived)).status).toBe(400);
    const future = await newHabit(user, { startDate: '2026-06-01' });
    expect((await checkIn(user, future)).body.error.message).toMatch(/starts on 2026-06-01/);
    const ended = await newHabit(user, { endDate: '2026-05-01' });
    expect((await checkIn(user, ended)).body.error.message).toMatch(/ended on 2026-05-01/);
  });

  it.each([
    ['no habit', { habit: undefined }],
    ['a mood of 6', { mood: 6 }],
    // A past or future localDate is answered by what it means (tests/e2e/check-in-replays.test.ts).
    ['a localDate that is no date', { localDate: '2026-02-30' }],
    ['a short idempotency key', { idempotencyKey: 'abc' }],
    ['a note of 1001 characters', { note: 'x'.repeat(1001) }],
  ])('refuses %s with 400', async (_name, extra) => {
    const user = await createUser();
    const habit = await newHabit(user);
    const res = await http().post('/api/check-ins').set(user.auth).send({ data: { habit, ...extra } });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
  });
});

describe('points, streaks and makeup cards', () => {
  it('adds 50 at a 7-day streak and gives a makeup card for 7 consecutive days', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    let last = null as null | { body: { meta: { points: { awarded: number; balance: number }; user: { makeupCards: number; makeupCardsEarned: number; rank: { name: string; stars: number } } } } };
    for (let day = 1; day <= 7; day += 1) {
      clock().setNow(shanghaiNoon(`2026-06-0${day}`));
      last = await checkIn(user, habit).expect(201);
    }
    expect(last!.body.meta.points.awarded).toBe(60);
    expect(last!.body.meta.points.balance).toBe(6 * 10 + 60);
    expect(last!.body.meta.user).toMatchObject({ makeupCards: 4, makeupCardsEarned: 1, rank: { name: '倔强青铜', stars: 7 } });
    await expectBalanceMatchesLedger(user);
  });

  it("undoes today's check-in by reversing its points through the ledger", async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-06-10'));
    const created = await checkIn(user, habit).expect(201);
    await http().delete(`/api/check-ins/${created.body.data.documentId}`).set(user.auth).expect(204);
    const { data } = await ledger().records(user.id, 1, 10);
    expect(data.map((e) => [e.amount, e.reason])).toEqual([
      [-10, 'check-in-reversal'],
      [10, 'check-in'],
    ]);
    await expectBalanceMatchesLedger(user);
    expect((await ledger().balance(user.id)).balance).toBe(0);
    // And today can be checked in again.
    await checkIn(user, habit).expect(201);
  });

  it("keeps past days as they are, and refuses to undo a check-in whose points were spent", async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-06-11'));
    const yesterday = await checkIn(user, habit).expect(201);
    clock().setNow(shanghaiNoon('2026-06-12'));
    expect((await http().delete(`/api/check-ins/${yesterday.body.data.documentId}`).set(user.auth)).status).toBe(400);
    const today = await checkIn(user, habit).expect(201);
    // The user spends 15 of the 20 points (e.g. a lottery draw), leaving 5.
    await ledger().withUserLock(user.id, (trx) => ledger().apply(trx, user.id, [{ amount: -15, reason: 'test-spend' }], new Date()));
    const refused = await http().delete(`/api/check-ins/${today.body.data.documentId}`).set(user.auth);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/already spent/);
    await expectBalanceMatchesLedger(user);
  });

  it('serves the balance and the ledger, newest first, paginated', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    for (const day of ['2026-07-01', '2026-07-02', '2026-07-03']) {
      clock().setNow(shanghaiNoon(day));
      await checkIn(user, habit).expect(201);
    }
    const balance = await http().get('/api/points/balance').set(user.auth).expect(200);
    expect(balance.body.data).toEqual({ balance: 30, earned: 30, spent: 0 });
    const page = await http().get('/api/points/records?page=1&pageSize=2').set(user.auth).expect(200);
    expect(page.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    expect(page.body.data[0].balanceAfter).toBe(30);
    expect((await http().get('/api/points/records?pageSize=500').set(user.auth)).status).toBe(400);
  });
});

describe('makeup check-ins', () => {
  it('spend a card on a missed day and mend the streak', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-08-01'));
    await checkIn(user, habit).expect(201);
    clock().setNow(shanghaiNoon('2026-08-03'));
    expect((await checkIn(user, habit).expect(201)).body.meta.streak.current).toBe(1);
    const mended = await makeup(user, habit, '2026-08-02');
    expect(mended.status).toBe(201);
    expect(mended.body.data).toMatchObject({ localDate: '2026-08-02', isMakeup: true, madeUpOn: '2026-08-03', pointsAwarded: 0 });
    expect(mended.body.meta.streak.current).toBe(3);
    expect(mended.body.meta.user).toMatchObject({ makeupCards: 2, consecutiveDays: 3, totalDays: 3 });
  });

  it.each([
    ['a future day', '2026-08-25', /past days/],
    ['today', '2026-08-20', /past days/],
    ['a day more than 7 days back', '2026-08-12', /last 7 days/],
    ['a day before the habit started', '2026-08-14', /started on 2026-08-15/],
  ])('refuse %s', async (_name, date, message) => {
    const user = await createUser();
    const habit = await newHabit(user, { startDate: '2026-08-15' });
    clock().setNow(shanghaiNoon('2026-08-20'));
    const res = await makeup(user, habit, date);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('refuse a day already checked in (409), a third makeup the same day, and a user with no cards', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-09-10'));
    await checkIn(user, habit).expect(201);
    clock().setNow(shanghaiNoon('2026-09-11'));
    expect((await makeup(user, habit, '2026-09-10')).status).toBe(409);
    await makeup(user, habit, '2026-09-09').expect(201);
    await makeup(user, habit, '2026-09-08').expect(201);
    const third = await makeup(user, habit, '2026-09-07');
    expect(third.status).toBe(400);
    expect(third.body.error.message).toMatch(/At most 2 makeups a day/);
    clock().setNow(shanghaiNoon('2026-09-12'));
    await makeup(user, habit, '2026-09-07').expect(201);
    const empty = await makeup(user, habit, '2026-09-06');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/No makeup cards/);
    expect(empty.body.error.details.reason).toBe('no_cards');
  });

  it('refuse a malformed date', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    for (const date of ['2026-02-30', '26-01-01', 'yesterday']) expect((await makeup(user, habit, date)).status).toBe(400);
  });
});

describe('today and the calendar', () => {
  it("list today's check-ins with each habit's state, and a month of days", async () => {
    const user = await createUser();
    const read = await newHabit(user, { title: 'Read' });
    await newHabit(user, { title: 'Stretch' });
    const archived = await newHabit(user, { title: 'Old habit' });
    clock().setNow(shanghaiNoon('2026-10-30'));
    await checkIn(user, read).expect(201);
    clock().setNow(shanghaiNoon('2026-10-31'));
    const made = await checkIn(user, read, { note: '十页' }).expect(201);
    await checkIn(user, archived).expect(201);
    await http().post(`/api/habits/${archived}/archive`).set(user.auth).expect(200);
    const today = await http().get('/api/check-ins/today').set(user.auth).expect(200);
    expect(today.body.meta.localDate).toBe('2026-10-31');
    // Today's check-ins of the active habits only, each with its habit; yesterday's is not among them.
    expect(today.body.data).toEqual([
      {
        ...made.body.data,
        habit: { documentId: read, title: 'Read' },
      },
    ]);
    expect(today.body.meta.habits.map((h: { title: string; checkedIn: boolean }) => [h.title, h.checkedIn])).toEqual([
      ['Read', true],
      ['Stretch', false],
    ]);
    const calendar = await http().get('/api/check-ins/calendar?month=2026-10').set(user.auth).expect(200);
    expect(calendar.body.meta).toMatchObject({ month: '2026-10', from: '2026-10-01', to: '2026-10-31' });
    expect(calendar.body.meta.makeup).toMatchObject({ windowDays: 7, perDay: 2, cardsLeft: 3, earliestDate: '2026-10-24', latestDate: '2026-10-30' });
    expect(calendar.body.data.map((d: { date: string }) => d.date)).toEqual(['2026-10-30', '2026-10-31']);
    expect((await http().get('/api/check-ins/calendar?month=2026-13').set(user.auth)).status).toBe(400);
  });

  it("show each habit's streak from its stored counters, and the user's balance, cards and progress", async () => {
    const user = await createUser();
    const read = await newHabit(user, { title: 'Read' });
    const gym = await newHabit(user, { title: 'Gym', frequencyType: 'timesPerWeek', timesPerWeek: 2 });
    const home = async () => (await http().get('/api/check-ins/today').set(user.auth).expect(200)).body.meta;
    const streaks = async () => (await home()).habits.map((h: { title: string; streak: unknown }) => [h.title, h.streak]);
    for (const day of ['2026-11-02', '2026-11-03']) {
      clock().setNow(shanghaiNoon(day));
      await checkIn(user, read).expect(201);
    }
    clock().setNow(shanghaiNoon('2026-11-04'));
    // Wednesday, nothing done yet: yesterday's run still stands.
    const before = await home();
    expect(before.habits).toEqual([
      { documentId: read, title: 'Read', kind: 'build', checkedIn: false, streak: { current: 2, longest: 2, unit: 'days' } },
      { documentId: gym, title: 'Gym', kind: 'build', checkedIn: false, streak: { current: 0, longest: 0, unit: 'weeks' } },
    ]);
    expect(before.progress).toEqual({ done: 0, total: 2 });
    expect(before.user).toEqual({ pointsBalance: 20, makeupCards: 3 });
    await checkIn(user, read).expect(201);
    await checkIn(user, gym).expect(201);
    const after = await home();
    expect(after.progress).toEqual({ done: 2, total: 2 });
    expect(after.user).toEqual({ pointsBalance: 40, makeupCards: 3 });
    // One gym visit of two is not a week yet.
    expect(after.habits.map((h: { streak: unknown }) => h.streak)).toEqual([
      { current: 3, longest: 3, unit: 'days' },
      { current: 0, longest: 0, unit: 'weeks' },
    ]);
    clock().setNow(shanghaiNoon('2026-11-05'));
    await checkIn(user, gym).expect(201);
    expect(await streaks()).toEqual([
      ['Read', { current: 3, longest: 3, unit: 'days' }],
      ['Gym', { current: 1, longest: 1, unit: 'weeks' }],
    ]);
    // Saturday: Thursday and Friday were missed, the reading run is over; the gym week stands until next Sunday.
    clock().setNow(shanghaiNoon('2026-11-07'));
    expect(await streaks()).toEqual([
      ['Read', { current: 0, longest: 3, unit: 'days' }],
      ['Gym', { current: 1, longest: 1, unit: 'weeks' }],
    ]);
    clock().setNow(shanghaiNoon('2026-11-15'));
    expect((await streaks())[1]).toEqual(['Gym', { current: 1, longest: 1, unit: 'weeks' }]);
    clock().setNow(shanghaiNoon('2026-11-16'));
    expect((await streaks())[1]).toEqual(['Gym', { current: 0, longest: 1, unit: 'weeks' }]);
  });

  it('keep the stored streak right through an undo, a makeup, a new schedule and a habit whose streak was never stored', async () => {
    const user = await createUser();
    const habit = await newHabit(user, { title: 'Walk' });
    const streak = async () => (await http().get('/api/check-ins/today').set(user.auth).expect(200)).body.meta.habits[0].streak;
    for (const day of ['2026-11-20', '2026-11-22']) {
      clock().setNow(shanghaiNoon(day));
      await checkIn(user, habit).expect(201);
    }
    clock().setNow(shanghaiNoon('2026-11-23'));
    const today = await checkIn(user, habit).expect(201);
    expect(await streak()).toEqual({ current: 2, longest: 2, unit: 'days' });
    await http().delete(`/api/check-ins/${today.body.data.documentId}`).set(user.auth).expect(204);
    expect(await streak()).toEqual({ current: 1, longest: 1, unit: 'days' });
    await http().post('/api/check-ins/makeup').set(user.auth).send({ data: { habit, date: '2026-11-21' } }).expect(201);
    expect(await streak()).toEqual({ current: 3, longest: 3, unit: 'days' });
    // Every other day from now on: the same days are counted again under the new schedule.
    await http().put(`/api/habits/${habit}`).set(user.auth).send({ data: { frequencyType: 'everyNDays', intervalDays: 2 } }).expect(200);
    expect(await streak()).toEqual({ current: 2, longest: 2, unit: 'periods' });
    // A habit written by SQL (an import, an old row): counted from its history once, then stored.
    await getStrapi().db.connection('habits').where({ document_id: habit }).update({ streak_current: null, streak_longest: null, streak_holds_through: null });
    expect(await streak()).toEqual({ current: 2, longest: 2, unit: 'periods' });
    const [row] = await getStrapi().db.connection('habits').where({ document_id: habit }).select('streak_longest');
    expect(Number(row.streak_longest)).toBe(2);
    // Clients cannot write it.
    expect((await http().put(`/api/habits/${habit}`).set(user.auth).send({ data: { streakCurrent: 100 } })).status).toBe(400);
  });

  it('publish the makeup rules in force and where the user stands today', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-12-10'));
    await http().post('/api/check-ins/makeup').set(user.auth).send({ data: { habit, date: '2026-12-08' } }).expect(201);
    const rules = await http().get('/api/check-ins/makeup/rules').set(user.auth).expect(200);
    expect(rules.body.data).toEqual({
      windowDays: 7,
      earliestDate: '2026-12-03',
      latestDate: '2026-12-09',
      perDay: 2,
      usedToday: 1,
      leftToday: 1,
      cardsLeft: 2,
      cardCost: 1,
      awardsPoints: false,
      earning: { everyConsecutiveDays: 7, startingCards: 3, otherSources: ['lottery', 'redeem-code'] },
      localDate: '2026-12-10',
    });
    // They are the editors' rules: a change shows at once.
    await saveRules({ makeupWindowDays: 3, makeupsPerDay: 1, makeupCardEvery: 5 });
    try {
      const changed = await http().get('/api/check-ins/makeup/rules').set(user.auth).expect(200);
      expect(changed.body.data).toMatchObject({ windowDays: 3, earliestDate: '2026-12-07', perDay: 1, leftToday: 0, earning: { everyConsecutiveDays: 5 } });
    } finally {
      await saveRules({ makeupWindowDays: 7, makeupsPerDay: 2, makeupCardEvery: 7 });
    }
    await http().get('/api/check-ins/makeup/rules').expect(401);
  });

  it("let the owner edit a check-in's note and mood, and nothing else", async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    const created = await checkIn(user, habit).expect(201);
    const edited = await http().put(`/api/check-ins/${created.body.data.documentId}`).set(user.auth).send({ data: { note: 'edited', mood: 3 } });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ note: 'edited', mood: 3 });
    const cheat = await http().put(`/api/check-ins/${created.body.data.documentId}`).set(user.auth).send({ data: { pointsAwarded: 1000 } });
    expect(cheat.status).toBe(400);
  });
});

describe('admin point grants', () => {
  it('write a ledger entry, refuse to overdraw, and cannot be changed afterwards', async () => {
    const user = await createUser();
    const grants = getStrapi().documents('plugin::gamification.points-grant' as never);
    const grant = (await grants.create({ data: { user: user.id, amount: 100, reason: 'Compensation for an outage' } } as never)) as unknown as {
      documentId: string;
      ledgerEntryId: number;
    };
    expect(grant.ledgerEntryId).toEqual(expect.any(Number));
    await expect(grants.create({ data: { user: user.id, amount: -500, reason: 'Too much' } } as never)).rejects.toThrow(/积分不足/);
    // A grant the content type refuses after the entry was written leaves no entry behind.
    const entriesBefore = (await ledger().records(user.id, 1, 100)).pagination.total;
    await expect(grants.create({ data: { user: user.id, amount: 7, reason: 'x'.repeat(300) } } as never)).rejects.toThrow();
    expect((await ledger().records(user.id, 1, 100)).pagination.total).toBe(entriesBefore);
    await grants.create({ data: { user: user.id, amount: -30, reason: 'Abuse' } } as never);
    expect((await ledger().balance(user.id)).balance).toBe(70);
    await expect(grants.update({ documentId: grant.documentId, data: { amount: 1000 } } as never)).rejects.toThrow(/reverse grant/);
    await expect(grants.delete({ documentId: grant.documentId } as never)).rejects.toThrow(/reverse grant/);
    await expectBalanceMatchesLedger(user);
  });
});

describe('who may check in (the check-in route authenticates by itself, for speed)', () => {
  it('refuses a missing, forged or expired access token with 401', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    expect((await http().post('/api/check-ins').send({ data: { habit } })).status).toBe(401);
    const forged = await http().post('/api/check-ins').set({ Authorization: `Bearer ${user.jwt}x` }).send({ data: { habit } });
    expect(forged.status).toBe(401);
    const expired = getStrapi().plugin('users-permissions').service('jwt').issue({ id: user.id }, { expiresIn: '-10s' });
    expect((await http().post('/api/check-ins').set({ Authorization: `Bearer ${expired}` }).send({ data: { habit } })).status).toBe(401);
    expect(await ledger().ledgerSum(user.id)).toBe(0);
  });

  it('refuses blocked and deleted accounts at once, writing nothing', async () => {
    const users = getStrapi().db.query('plugin::users-permissions.user');
    const blocked = await createUser();
    const blockedHabit = await newHabit(blocked);
    await users.update({ where: { id: blocked.id }, data: { blocked: true } });
    expect((await checkIn(blocked, blockedHabit)).status).toBe(401);

    const deleted = await createUser();
    const deletedHabit = await newHabit(deleted);
    await users.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    expect((await checkIn(deleted, deletedHabit)).status).toBe(401);

    const knex = getStrapi().db.connection;
    expect(await knex('check_ins').whereIn('user_id', [blocked.id, deleted.id]).first()).toBeUndefined();
  });

  it('follows the role permission: removed, check-ins stop at the next request (403, like every route); restored, they resume', async () => {
    const strapi = getStrapi();
    const user = await createUser();
    const [habit, another] = [await newHabit(user), await newHabit(user)];
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const permissions = strapi.db.query('plugin::users-permissions.permission');
    try {
      expect((await checkIn(user, habit)).status).toBe(201); // the role's ability is cached now
      await permissions.deleteMany({ where: { action: 'api::check-in.check-in.create', role: role.id } });
      expect((await checkIn(user, another)).status).toBe(403);
    } finally {
      const { syncRolePermissions } = await import('../../src/bootstrap/permissions');
      await syncRolePermissions(strapi);
    }
    expect((await checkIn(user, another)).status).toBe(201);
  });
});

describe('rules editors change in the admin', () => {
  it('apply to the very next check-in', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    await getService(getStrapi(), 'settings').get(); // a cached copy exists before the edit
    await saveRules({ pointsPerCheckIn: 25 });
    try {
      clock().setNow(shanghaiNoon('2026-11-05'));
      expect((await checkIn(user, habit).expect(201)).body.meta.points.awarded).toBe(25);
    } finally {
      await saveRules({ pointsPerCheckIn: 10 });
    }
  });
});

describe('the points ledger', () => {
  it('has no API route and no editing screen', async () => {
    const user = await createUser();
    for (const path of ['/api/points-entries', '/api/points-ledger', '/api/gamification/points-entries']) {
      expect((await http().get(path).set(user.auth)).status).toBe(404);
    }
    const contentType = getStrapi().contentType('plugin::gamification.points-entry' as never) as { pluginOptions: Record<string, { visible: boolean }> };
    expect(contentType.pluginOptions['content-manager'].visible).toBe(false);
  });
});
