import { getService as gamification } from '../../src/plugins/gamification/server/src/utils/get-service';
import { keyValueStore } from '../../src/services/key-value';
import { boardKey, BOARD_TABLE } from '../../src/plugins/challenges/server/src/services/board';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { checkIn, newHabit } from '../helpers/habits';
import { rebuild, setCounters } from '../helpers/leaderboard';
import { createChallenge, createTemplate, join, leave } from '../helpers/challenges';
import { challengeBoard, challengesService, joinDirectly, myChallengePlace, newChallenge, participation, progressSettled } from '../helpers/challenge-progress';

/**
 * Challenge progress is recomputed from the linked habit's check-ins after each check-in, makeup or undo
 * commits, within the challenge's window in its own timezone; the board orders by days done, then by who
 * got there first.
 */
const clock = () => gamification(getStrapi(), 'clock');
/** Noon in Shanghai on a local day. */
const shanghaiNoon = (day: string) => `${day}T04:00:00Z`;

const checkInAt = async (user: TestUser, habit: string, instant: string) => {
  clock().setNow(instant);
  const answer = await checkIn(user, habit).expect(201);
  await progressSettled();
  return answer.body.data as { documentId: string; localDate: string };
};
const makeupAt = async (user: TestUser, habit: string, date: string, instant: string) => {
  clock().setNow(instant);
  await http().post('/api/check-ins/makeup').set(user.auth).send({ data: { habit, date } }).expect(201);
  await progressSettled();
};

beforeAll(async () => {
  await setupStrapi();
});
afterEach(() => clock().setNow(null));
afterAll(teardownStrapi);

describe('progress from check-ins', () => {
  it('counts the check-ins on the days of the window, not the day before it, and records when the rule was met', async () => {
    const challenge = await newChallenge({ rule: 'daysOf', targetDays: 3 });
    const user = await createUser();
    const habit = await newHabit(user);
    await joinDirectly(user, challenge, habit);
    await checkInAt(user, habit, shanghaiNoon('2026-03-01'));
    expect(await participation(user, challenge)).toMatchObject({ daysDone: 0, daysNeeded: 3, reachedAt: null, progressAt: null });

    await checkInAt(user, habit, shanghaiNoon('2026-03-02'));
    await checkInAt(user, habit, shanghaiNoon('2026-03-03'));
    expect(await participation(user, challenge)).toMatchObject({ daysDone: 2, reachedAt: null, status: 'active' });
    // 4 March missed; 5 March meets the rule.
    await checkInAt(user, habit, shanghaiNoon('2026-03-05'));
    const reached = await participation(user, challenge);
    expect(reached).toMatchObject({ daysDone: 3, status: 'active' });
    expect(new Date(reached.reachedAt!).toISOString()).toBe('2026-03-05T04:00:00.000Z');
    expect(new Date(reached.progressAt!).toISOString()).toBe('2026-03-05T04:00:00.000Z');

    await checkInAt(user, habit, shanghaiNoon('2026-03-09'));
    expect((await participation(user, challenge)).daysDone).toBe(3);
  });

  it('a missed day breaks a streak; a makeup mends it only in the challenge that allows makeups', async () => {
    const mending = await newChallenge({ rule: 'streak', targetDays: 4, allowMakeup: true });
    const strict = await newChallenge({ rule: 'streak', targetDays: 4, allowMakeup: false });
    const user = await createUser();
    const habit = await newHabit(user);
    await joinDirectly(user, mending, habit);
    await joinDirectly(user, strict, habit);
    for (const day of ['2026-03-02', '2026-03-03', '2026-03-05']) await checkInAt(user, habit, shanghaiNoon(day));
    for (const challenge of [mending, strict]) {
      expect(await participation(user, challenge)).toMatchObject({ daysDone: 2, bestStreak: 2, streak: 1, daysNeeded: 4, reachedAt: null });
    }

    await setCounters(user, { makeup_cards: 1 });
    await makeupAt(user, habit, '2026-03-04', '2026-03-05T05:00:00Z');
    const mended = await participation(user, mending);
    expect(mended).toMatchObject({ daysDone: 4, bestStreak: 4, streak: 4 });
    expect(new Date(mended.reachedAt!).toISOString()).toBe('2026-03-05T05:00:00.000Z');
    expect(await participation(user, strict)).toMatchObject({ daysDone: 2, bestStreak: 2, streak: 1, reachedAt: null });
  });

  it('an undo takes the day back, and with it the rule met', async () => {
    const challenge = await newChallenge({ rule: 'daysOf', targetDays: 2 });
    const user = await createUser();
    const habit = await newHabit(user);
    await joinDirectly(user, challenge, habit);
    await checkInAt(user, habit, shanghaiNoon('2026-03-02'));
    const today = await checkInAt(user, habit, shanghaiNoon('2026-03-03'));
    expect(await participation(user, challenge)).toMatchObject({ daysDone: 2 });
    expect((await participation(user, challenge)).reachedAt).not.toBeNull();

    await http().delete(`/api/check-ins/${today.documentId}`).set(user.auth).expect(204);
    await progressSettled();
    const undone = await participation(user, challenge);
    expect(undone).toMatchObject({ daysDone: 1, reachedAt: null });
    expect(new Date(undone.progressAt!).toISOString()).toBe('2026-03-02T04:00:00.000Z');
    expect((await challengeBoard(challenge.documentId).expect(200)).body.data.map((e: { daysDone: number }) => e.daysDone)).toEqual([1]);
  });

  it('counts, at the join, the check-ins the linked habit already has in the window; a leave takes the user off the board', async () => {
    const template = await createTemplate();
    const challenge = await createChallenge({ habitTemplate: template.id, startDate: '2026-03-02', endDate: '2026-03-08', rule: 'daysOf', targetDays: 5 });
    const user = await createUser();
    const habit = await newHabit(user, { template: template.documentId });
    await checkInAt(user, habit, shanghaiNoon('2026-03-01')); // the day before the window: not counted
    await checkInAt(user, habit, shanghaiNoon('2026-03-02'));
    await checkInAt(user, habit, shanghaiNoon('2026-03-03'));
    await join(user, challenge, { habit }).expect(200);
    await progressSettled();
    expect(await participation(user, challenge)).toMatchObject({ daysDone: 2, daysNeeded: 5 });
    expect((await challengeBoard(challenge.documentId).expect(200)).body.data.map((e: { daysDone: number }) => e.daysDone)).toEqual([2]);

    await leave(user, challenge).expect(200);
    await progressSettled();
    expect((await challengeBoard(challenge.documentId).expect(200)).body).toMatchObject({ data: [], meta: { total: 0 } });
  });

  it('runs a challenge in America/Los_Angeles on its own days, across the DST change, to its local midnight', async () => {
    const challenge = await newChallenge({ timezone: 'America/Los_Angeles', rule: 'daysOf', targetDays: 2 });
    const early = await createUser({ timezone: 'America/Los_Angeles' });
    const late = await createUser({ timezone: 'America/Los_Angeles' });
    const earlyHabit = await newHabit(early);
    const lateHabit = await newHabit(late);
    await joinDirectly(early, challenge, earlyHabit);
    await joinDirectly(late, challenge, lateHabit);
    // 7 March 23:30 PST (UTC-8) and 8 March 23:59 PDT (UTC-7): both inside, the second a minute before the end.
    expect((await checkInAt(early, earlyHabit, '2026-03-08T07:30:00Z')).localDate).toBe('2026-03-07');
    expect((await checkInAt(early, earlyHabit, '2026-03-09T06:59:00Z')).localDate).toBe('2026-03-08');
    expect(await participation(early, challenge)).toMatchObject({ daysDone: 2 });
    // The same UTC instant is 2 March in Shanghai already but 1 March in Los Angeles: before the window.
    expect((await checkInAt(late, lateHabit, '2026-03-02T07:30:00Z')).localDate).toBe('2026-03-01');
    // 9 March 00:00:30 PDT: after the end.
    expect((await checkInAt(late, lateHabit, '2026-03-09T07:00:30Z')).localDate).toBe('2026-03-09');
    expect(await participation(late, challenge)).toMatchObject({ daysDone: 0 });
  });

  it("ends the last day at the challenge's local midnight, whatever the participant's timezone", async () => {
    // Pacific/Auckland (NZDT, UTC+13): 8 March ends at 2026-03-08T11:00Z, while it is still 8 March in Los Angeles.
    const challenge = await newChallenge({ timezone: 'Pacific/Auckland', rule: 'daysOf', targetDays: 1 });
    const inTime = await createUser({ timezone: 'America/Los_Angeles' });
    const tooLate = await createUser({ timezone: 'America/Los_Angeles' });
    const inTimeHabit = await newHabit(inTime);
    const tooLateHabit = await newHabit(tooLate);
    await joinDirectly(inTime, challenge, inTimeHabit);
    await joinDirectly(tooLate, challenge, tooLateHabit);
    expect((await checkInAt(inTime, inTimeHabit, '2026-03-08T10:59:00Z')).localDate).toBe('2026-03-08');
    expect((await checkInAt(tooLate, tooLateHabit, '2026-03-08T11:00:30Z')).localDate).toBe('2026-03-08');
    expect(await participation(inTime, challenge)).toMatchObject({ daysDone: 1 });
    expect((await participation(inTime, challenge)).reachedAt).not.toBeNull();
    expect(await participation(tooLate, challenge)).toMatchObject({ daysDone: 0, reachedAt: null });
  });

  it('leaves a participant who left, and other habits, alone', async () => {
    const challenge = await newChallenge({ rule: 'daysOf', targetDays: 3 });
    const user = await createUser();
    const linked = await newHabit(user);
    const other = await newHabit(user, { title: 'Read' });
    await joinDirectly(user, challenge, linked);
    await checkInAt(user, other, shanghaiNoon('2026-03-02'));
    expect((await participation(user, challenge)).daysDone).toBe(0);
    await getStrapi().db.query('plugin::challenges.participant').update({ where: { challenge: challenge.id, user: user.id }, data: { status: 'left' } });
    await checkInAt(user, linked, shanghaiNoon('2026-03-03'));
    expect((await participation(user, challenge)).daysDone).toBe(0);
  });
});

describe('the challenge board', () => {
  let challenge: { id: number; documentId: string };
  let first: TestUser;
  let second: TestUser;
  let third: TestUser;
  let idle: TestUser;
  const order = (body: { data: Array<{ rank: number; daysDone: number; nickname: string | null }> }) => body.data.map((e) => [e.rank, e.nickname, e.daysDone]);

  beforeAll(async () => {
    challenge = await newChallenge({ rule: 'daysOf', targetDays: 3 });
    first = await createUser({ nickname: 'first' });
    second = await createUser({ nickname: 'second' });
    third = await createUser({ nickname: 'third' });
    idle = await createUser({ nickname: 'idle' });
    const habits = new Map<TestUser, string>();
    for (const user of [first, second, third, idle]) {
      habits.set(user, await newHabit(user));
      await joinDirectly(user, challenge, habits.get(user)!);
    }
    // second reaches 2 days at 06:00, first at 04:00 the same day: first got there first.
    await checkInAt(second, habits.get(second)!, '2026-03-02T06:00:00Z');
    await checkInAt(first, habits.get(first)!, '2026-03-02T04:00:00Z');
    await checkInAt(third, habits.get(third)!, '2026-03-02T03:00:00Z');
    await checkInAt(second, habits.get(second)!, '2026-03-03T06:00:00Z');
    await checkInAt(first, habits.get(first)!, '2026-03-03T04:00:00Z');
  });

  it('orders by days done, then by who got there first', async () => {
    const page = await challengeBoard(challenge.documentId, second).expect(200);
    expect(order(page.body)).toEqual([[1, 'first', 2], [2, 'second', 2], [3, 'third', 1], [4, 'idle', 0]]);
    expect(page.body.meta).toEqual({ total: 4 });
    expect(page.body.data.map((e: { isMe: boolean }) => e.isMe)).toEqual([false, true, false, false]);
    expect(page.body.data[0]).toEqual({ rank: 1, nickname: 'first', avatar: null, daysDone: 2, daysNeeded: 3, reachedAt: null, isMe: false });
    // Anonymous readers see the same board, nobody marked as them; pages by offset and limit.
    const anonymous = await challengeBoard(challenge.documentId, undefined, { offset: 1, limit: 2 }).expect(200);
    expect(order(anonymous.body)).toEqual([[2, 'second', 2], [3, 'third', 1]]);
    expect(anonymous.body.data.every((e: { isMe: boolean }) => !e.isMe)).toBe(true);
  });

  it("shows the caller's place with their neighbours", async () => {
    const mine = await myChallengePlace(challenge.documentId, idle).expect(200);
    expect(mine.body.data).toMatchObject({ rank: 4, daysDone: 0, daysNeeded: 3, total: 4 });
    expect(mine.body.data.around.map((e: { rank: number; isMe: boolean }) => [e.rank, e.isMe])).toEqual([[2, false], [3, false], [4, true]]);
    const stranger = await createUser();
    expect((await myChallengePlace(challenge.documentId, stranger).expect(200)).body.data).toEqual({ rank: null, daysDone: 0, daysNeeded: 3, total: 4, around: [] });
    await http().get(`/api/challenges/${challenge.documentId}/board/me`).expect(401);
  });

  it('survives the leaderboard rebuild, and is rebuilt from the participants when its store is emptied', async () => {
    const before = (await challengeBoard(challenge.documentId).expect(200)).body;
    await rebuild();
    expect((await challengeBoard(challenge.documentId).expect(200)).body).toEqual(before);
    const redis = keyValueStore(getStrapi()).redis;
    if (redis) await redis.del(boardKey(challenge.id));
    else await getStrapi().db.connection(BOARD_TABLE).where({ board: boardKey(challenge.id) }).delete();
    expect((await challengeBoard(challenge.documentId).expect(200)).body).toEqual(before);
    expect(await challengesService('board').rebuild(challenge.id)).toBe(4);
    expect((await challengeBoard(challenge.documentId).expect(200)).body).toEqual(before);
  });

  it("keeps a friends' challenge's board among its creator and participants (404 to anyone else, as its detail)", async () => {
    const friends = await createChallenge({ habitTemplate: (await createTemplate()).id, isOfficial: false, creator: first.id, ...{ inviteCode: 'FRIENDSZ' } });
    clock().setNow(shanghaiNoon('2026-02-20'));
    await http().post('/api/challenges/join-by-code').set(second.auth).send({ code: 'FRIENDSZ' }).expect(200);
    expect((await challengeBoard(friends.documentId, second).expect(200)).body.meta).toEqual({ total: 1 });
    expect((await challengeBoard(friends.documentId, first).expect(200)).body.meta).toEqual({ total: 1 });
    await challengeBoard(friends.documentId).expect(404);
    await challengeBoard(friends.documentId, idle).expect(404);
    await myChallengePlace(friends.documentId, idle).expect(404);
    await http().get(`/api/challenges/${friends.documentId}`).set(idle.auth).expect(404);
  });

  it('answers 404 for an unknown challenge, 400 for a bad page', async () => {
    await challengeBoard('nosuchchallenge0000').expect(404);
    await challengeBoard(challenge.documentId, undefined, { limit: 0 }).expect(400);
  });
});
