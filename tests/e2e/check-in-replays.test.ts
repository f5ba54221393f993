import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { checkIn, newHabit } from '../helpers/habits';

/**
 * What an offline queue replaying check-ins later can rely on: a check-in names the day the user tapped
 * (`localDate`); the server checks in only on that day, says so when the day is over (with what a makeup
 * could still do), and an idempotency key stands for one request only.
 */
const clock = () => getService(getStrapi(), 'clock');

/** Noon in Shanghai on a local day. */
const shanghaiNoon = (day: string) => `${day}T04:00:00Z`;

const checkInRows = async (user: TestUser) =>
  (await getStrapi().db.connection('check_ins').where({ user_id: user.id }).select('local_date')).length;
const balanceOf = async (user: TestUser) => (await getService(getStrapi(), 'ledger').balance(user.id)).balance;

beforeAll(async () => {
  await setupStrapi();
});
afterEach(() => clock().setNow(null));
afterAll(teardownStrapi);

describe('a check-in that names its local day', () => {
  it('checks in as usual when the day is the user’s local today (timezone and day start included)', async () => {
    const user = await createUser({ timezone: 'America/New_York', dayStartHour: 4 });
    const habit = await newHabit(user);
    // 02:30 on 12 May in New York still belongs to 11 May for a day that starts at 04:00.
    clock().setNow('2026-05-12T06:30:00Z');
    const res = await checkIn(user, habit, { localDate: '2026-05-11' }).expect(201);
    expect(res.body.data.localDate).toBe('2026-05-11');
    expect(res.body.meta.points.awarded).toBe(10);
  });

  it('never moves a passed day onto today: 409 day_passed with the date, the makeup window and the cards left', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-05-20'));
    const res = await checkIn(user, habit, { localDate: '2026-05-18', note: 'tapped offline' });
    expect(res.status).toBe(409);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 409, name: 'ConflictError' });
    expect(res.body.error.message).toMatch(/2026-05-18 is over/);
    expect(res.body.error.details).toEqual({
      reason: 'day_passed',
      date: '2026-05-18',
      today: '2026-05-20',
      habit: { documentId: habit, title: 'Run' },
      makeup: {
        possible: true,
        blockedBy: null,
        withinWindow: true,
        lastDay: '2026-05-25',
        windowDays: 7,
        cardsLeft: 3,
        makeupsPerDay: 2,
        makeupsLeftToday: 2,
      },
    });
    // Nothing was written: no check-in on either day, no points.
    expect(await checkInRows(user)).toBe(0);
    expect(await balanceOf(user)).toBe(0);
    // The offered makeup works on that very day.
    const mended = await http().post('/api/check-ins/makeup').set(user.auth).send({ data: { habit, date: '2026-05-18' } }).expect(201);
    expect(mended.body.data).toMatchObject({ localDate: '2026-05-18', isMakeup: true });
  });

  it('says when a passed day is out of the makeup window or out of cards', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-05-20'));
    const old = await checkIn(user, habit, { localDate: '2026-05-10' });
    expect(old.status).toBe(409);
    expect(old.body.error.details.makeup).toMatchObject({ possible: false, blockedBy: 'too_old', withinWindow: false, lastDay: '2026-05-17' });
    await getStrapi().db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { makeupCards: 0 } });
    const noCards = await checkIn(user, habit, { localDate: '2026-05-19' });
    expect(noCards.body.error.details.makeup).toMatchObject({ possible: false, blockedBy: 'no_cards', withinWindow: true, cardsLeft: 0 });
  });

  it('answers a passed day that is already checked in with the ordinary 409 and that check-in', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-05-21'));
    const online = await checkIn(user, habit).expect(201);
    clock().setNow(shanghaiNoon('2026-05-22'));
    const replay = await checkIn(user, habit, { localDate: '2026-05-21' });
    expect(replay.status).toBe(409);
    expect(replay.body.error.details.reason).toBe('already_checked_in');
    expect(replay.body.error.details.checkIn).toMatchObject({ documentId: online.body.data.documentId, localDate: '2026-05-21' });
    expect(await checkInRows(user)).toBe(1);
  });

  it('refuses a day that has not come yet with 400', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow('2026-05-22T15:59:00Z'); // 23:59 on 22 May in Shanghai
    const res = await checkIn(user, habit, { localDate: '2026-05-23' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ field: 'localDate', reason: 'future_date', today: '2026-05-22' });
    for (const localDate of ['2026-02-30', '22-05-2026', 'today']) {
      expect((await checkIn(user, habit, { localDate })).status).toBe(400);
    }
    expect(await checkInRows(user)).toBe(0);
  });

  it('replays the first answer to its idempotency key, even once the day has passed', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-05-23'));
    const first = await checkIn(user, habit, { localDate: '2026-05-23', idempotencyKey: 'queue-0523-run' }).expect(201);
    clock().setNow(shanghaiNoon('2026-05-24'));
    const replay = await checkIn(user, habit, { localDate: '2026-05-23', idempotencyKey: 'queue-0523-run' });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    // A day_passed answer is final too: the same key gets it again, and nothing is written.
    const late = await checkIn(user, habit, { localDate: '2026-05-22', idempotencyKey: 'queue-0522-run' });
    expect(late.status).toBe(409);
    expect((await checkIn(user, habit, { localDate: '2026-05-22', idempotencyKey: 'queue-0522-run' })).body).toEqual(late.body);
    expect(await checkInRows(user)).toBe(1);
  });
});

describe('an idempotency key stands for one request', () => {
  it('is refused (422 idempotency_key_reused) for another habit, and that habit is not checked in', async () => {
    const user = await createUser();
    const [run, read] = [await newHabit(user), await newHabit(user, { title: 'Read' })];
    clock().setNow(shanghaiNoon('2026-06-01'));
    await checkIn(user, run, { idempotencyKey: 'queue-0601-0001' }).expect(201);
    const reused = await checkIn(user, read, { idempotencyKey: 'queue-0601-0001' });
    expect(reused.status).toBe(422);
    expect(reused.body.data).toBeNull();
    expect(reused.body.error).toMatchObject({ status: 422, name: 'UnprocessableEntityError' });
    expect(reused.body.error.details).toEqual({ reason: 'idempotency_key_reused', field: 'idempotencyKey' });
    const today = await http().get('/api/check-ins/today').set(user.auth).expect(200);
    expect(today.body.meta.habits.map((h: { title: string; checkedIn: boolean }) => [h.title, h.checkedIn])).toEqual([
      ['Run', true],
      ['Read', false],
    ]);
    expect(await balanceOf(user)).toBe(10);
  });

  it('is refused with a different body for the same habit, or on another route', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow(shanghaiNoon('2026-06-02'));
    await checkIn(user, habit, { idempotencyKey: 'queue-0602-0001', note: 'first' }).expect(201);
    expect((await checkIn(user, habit, { idempotencyKey: 'queue-0602-0001', note: 'second' })).status).toBe(422);
    expect((await checkIn(user, habit, { idempotencyKey: 'queue-0602-0001', note: 'first', localDate: '2026-06-02' })).status).toBe(422);
    const draw = await http().post('/api/lottery/draw').set(user.auth).send({ data: { idempotencyKey: 'queue-0602-0001' } });
    expect(draw.status).toBe(422);
    expect(draw.body.error.details.reason).toBe('idempotency_key_reused');
    expect(await balanceOf(user)).toBe(10);
  });

  it('replays whether the key comes in the body or the Idempotency-Key header, and belongs to its user only', async () => {
    const [user, other] = [await createUser(), await createUser()];
    const habit = await newHabit(user);
    const otherHabit = await newHabit(other);
    clock().setNow(shanghaiNoon('2026-06-03'));
    const first = await checkIn(user, habit, { idempotencyKey: 'queue-0603-0001', mood: 4 }).expect(201);
    const viaHeader = await http().post('/api/check-ins').set(user.auth).set('Idempotency-Key', 'queue-0603-0001').send({ data: { habit, mood: 4 } });
    expect(viaHeader.status).toBe(201);
    expect(viaHeader.body).toEqual(first.body);
    // Another user's identical key is their own request.
    const theirs = await checkIn(other, otherHabit, { idempotencyKey: 'queue-0603-0001', mood: 4 }).expect(201);
    expect(theirs.body.data.documentId).not.toBe(first.body.data.documentId);
  });
});
