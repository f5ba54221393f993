import { getStrapi, http } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { checkIn } from '../helpers/habits';
import { adminRoleId, adminWith, removeAdmins } from '../helpers/admin';
import { balanceOf, createTemplate, ledgerLinesOf, ledgerSumOf, setNow } from '../helpers/challenges';
import { progressSettled } from '../helpers/challenge-progress';
import { setupWeChat, teardownWeChat } from '../helpers/wechat';

/**
 * Issue 14's "done when", in one story over HTTP: an editor (Strapi's Editor role) creates a challenge
 * through the admin's content-manager API, users find and join it through the content API as the
 * mini-program does, their check-ins move the board, and the finishing job, run twice at once, pays once.
 * Runs on SQLite in `npm test` and on PostgreSQL + Redis in `npm run test:services`.
 */
const shanghaiNoon = (day: string) => `${day}T04:00:00Z`;

beforeAll(setupWeChat);
afterEach(() => setNow(null));
afterAll(async () => {
  await removeAdmins();
  await teardownWeChat();
});

it('an editor’s challenge: users join, check-ins move the board, the finish pays once', async () => {
  const template = await createTemplate();
  const editor = await adminWith(await adminRoleId('strapi-editor'), 'Ed');
  const created = await http()
    .post('/content-manager/collection-types/api::challenge.challenge')
    .set(editor.auth)
    .send({
      title: '三天早起',
      description: '连续三天早起打卡',
      habitTemplate: { connect: [{ id: template.id }] },
      timezone: 'Asia/Shanghai',
      startDate: '2026-05-01',
      endDate: '2026-05-07',
      rule: 'daysOf',
      targetDays: 3,
      allowMakeup: false,
      entryCost: 0,
      rewardPoints: 30,
      badge: '早起三日',
      topK: 1,
      topPoints: 10,
      visibility: 'everyone',
      isOfficial: true,
      review: 'published',
      state: 'open',
      active: true,
    })
    .expect(201);
  const documentId = created.body.data.documentId as string;

  setNow(shanghaiNoon('2026-04-28'));
  const listed = (await http().get('/api/challenges').query({ limit: 50 }).expect(200)).body.data as Array<{ documentId: string; rules: string; joinable: boolean }>;
  expect(listed.find((challenge) => challenge.documentId === documentId)).toMatchObject({ joinable: true });

  const [ann, bo]: TestUser[] = [await createUser(), await createUser()];
  const habitOf = new Map<TestUser, string>();
  for (const user of [ann, bo]) {
    const joined = await http().post(`/api/challenges/${documentId}/join`).set(user.auth).send({}).expect(200);
    habitOf.set(user, joined.body.data.habit.documentId);
  }

  // ann checks in on three days of the window, bo on two (the day before the start does not count).
  const days: Array<[TestUser, string]> = [
    [bo, '2026-04-30'],
    [ann, '2026-05-01'],
    [bo, '2026-05-01'],
    [ann, '2026-05-02'],
    [ann, '2026-05-04'],
    [bo, '2026-05-05'],
  ];
  for (const [user, day] of days) {
    setNow(shanghaiNoon(day));
    await checkIn(user, habitOf.get(user)!).expect(201);
  }
  await progressSettled();
  const board = (await http().get(`/api/challenges/${documentId}/board`).set(bo.auth).expect(200)).body;
  expect(board.data.map((entry: { rank: number; daysDone: number; isMe: boolean }) => [entry.rank, entry.daysDone, entry.isMe])).toEqual([
    [1, 3, false],
    [2, 2, true],
  ]);

  // 2026-05-08 00:00 in Shanghai: the last day is over. Two runs at once (two instances) pay once.
  setNow('2026-05-07T16:00:00Z');
  const finish = getStrapi().plugin('challenges').service('finish');
  await Promise.all([finish.runJob(), finish.finishDue()]);
  await finish.finishDue();

  // The challenge's own ledger lines: ann's completion (30) and first place (10), once each; bo nothing.
  const lines = (await ledgerLinesOf({ documentId })).map((line) => [line.user_id, line.reason, Number(line.amount)]).sort();
  expect(lines).toEqual([[ann.id, 'challenge_reward', 30], [ann.id, 'challenge_top', 10]].sort());
  for (const user of [ann, bo]) expect(await balanceOf(user)).toBe(await ledgerSumOf(user));
  const mine = (await http().get(`/api/challenges/${documentId}`).set(ann.auth).expect(200)).body.data.me;
  expect(mine).toMatchObject({ status: 'completed', finishRank: 1 });
  expect((await http().get(`/api/challenges/${documentId}`).set(bo.auth).expect(200)).body.data.me).toMatchObject({ status: 'failed', finishRank: 2 });
  expect((await http().get('/api/me/badges').set(ann.auth).expect(200)).body.data).toEqual([
    expect.objectContaining({ name: '早起三日', challenge: { documentId, title: '三天早起' } }),
  ]);
});
