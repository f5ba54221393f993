import { seedDemoContent } from '../../database/seeds';
import { CHALLENGES } from '../../database/seeds/demo-content';
import { getService } from '../../src/plugins/challenges/server/src/utils/get-service';
import { getStrapi, http } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { setupWeChat, teardownWeChat } from '../helpers/wechat';
import {
  balanceOf,
  createChallenge,
  createTemplate,
  credit,
  join,
  leave,
  ledgerLinesOf,
  ledgerSumOf,
  setNow,
  type TestTemplate,
} from '../helpers/challenges';
import { makeVip, rewardsOf, checkInsGiving } from '../helpers/challenges-finish';

/**
 * The finish (issue 14, part 4) and user-made challenges (part 6), over HTTP where users act: the locked
 * job closes challenges whose last local day is over, marks completed / failed with places in the board's
 * order, pays completion, top-K and badges once however many runs race, splits a user-made challenge's
 * pooled entries among its finishers (or gives them back) so the challenge's ledger lines add up to zero;
 * badges on the profile; VIP members make challenges (msgSecCheck like a post) that friends join by code.
 *
 * Progress comes from check-in rows written straight into the habit here (checkInsGiving): how real
 * check-ins, makeups and undos move it over HTTP is tests/e2e/challenges-progress.test.ts.
 */
const BEFORE_START = '2026-02-20T04:00:00Z';
const RUNNING = '2026-03-05T04:00:00Z';
/** 2026-03-21 is the last day in Shanghai: the challenge ends at 2026-03-22 00:00 +08:00. */
const END = '2026-03-21T16:00:00.000Z';
const JUST_BEFORE_END = '2026-03-21T15:59:59.000Z';

/** Not in core's ChallengeFields helper type: spread in. */
const EARLY_ICON = { badgeIcon: '/badges/early.png' };

const finish = () => getService(getStrapi(), 'finish');
const challengeRow = (challenge: { id: number }) => getStrapi().db.connection('challenges').where({ id: challenge.id }).first('state', 'finished_at');
const participant = (challenge: { id: number }, user: { id: number }) =>
  getStrapi().db.connection('challenge_participants').where({ challenge_id: challenge.id, user_id: user.id }).first('status', 'finish_rank');
const sum = (lines: Array<{ amount: number }>) => lines.reduce((total, line) => total + Number(line.amount), 0);

let template: TestTemplate;
beforeAll(async () => {
  await setupWeChat();
  template = await createTemplate();
});
afterEach(() => setNow(null));
afterAll(teardownWeChat);

const joined = async (count: number, challenge: { documentId: string }, points = 0): Promise<TestUser[]> => {
  const users: TestUser[] = [];
  for (let i = 0; i < count; i += 1) {
    const user = await createUser();
    if (points > 0) await credit(user, points);
    await join(user, challenge).expect(200);
    users.push(user);
  }
  return users;
};

describe('the finishing job on an official challenge', () => {
  it('waits for the local midnight after the last day (America/Los_Angeles), then closes the challenge', async () => {
    setNow(BEFORE_START);
    const challenge = await createChallenge({ habitTemplate: template.id, timezone: 'America/Los_Angeles', rewardPoints: 10 });
    const [user] = await joined(1, challenge);
    await checkInsGiving(challenge, user, { daysDone: 14, progressAt: '2026-03-15T18:00:00Z', reachedAt: '2026-03-15T18:00:00Z' });
    // 2026-03-22 00:00 in Los Angeles (PDT, -07:00) is 07:00Z: a minute before, nothing happens.
    await finish().finishDue(new Date('2026-03-22T06:59:00Z'));
    expect((await challengeRow(challenge)).state).toBe('open');
    expect(await participant(challenge, user)).toMatchObject({ status: 'active' });
    await finish().finishDue(new Date('2026-03-22T07:00:00Z'));
    expect((await challengeRow(challenge)).state).toBe('finished');
    expect(await participant(challenge, user)).toMatchObject({ status: 'completed', finish_rank: 1 });
  });

  it('marks completed and failed in the board’s order and pays completion, top K and badges once, however many runs race', async () => {
    setNow(BEFORE_START);
    const challenge = await createChallenge({ habitTemplate: template.id, rewardPoints: 100, topK: 2, topPoints: 50, badge: '早起达人', ...EARLY_ICON });
    const [first, second, third, failed] = await joined(4, challenge);
    // second and first both reach 14 days; first got there earlier, so first ranks above second.
    await checkInsGiving(challenge, second, { daysDone: 15, progressAt: '2026-03-19T01:00:00Z', reachedAt: '2026-03-16T01:00:00Z' });
    await checkInsGiving(challenge, first, { daysDone: 15, progressAt: '2026-03-18T01:00:00Z', reachedAt: '2026-03-15T01:00:00Z' });
    await checkInsGiving(challenge, third, { daysDone: 14, progressAt: '2026-03-17T01:00:00Z', reachedAt: '2026-03-17T01:00:00Z' });
    await checkInsGiving(challenge, failed, { daysDone: 13, progressAt: '2026-03-10T01:00:00Z', reachedAt: null });

    setNow(JUST_BEFORE_END);
    await finish().finishDue();
    expect((await challengeRow(challenge)).state).toBe('open');

    setNow(END);
    // Two instances whose locks did not help (the job body itself, twice at once), then the locked job twice at once.
    await Promise.all([finish().finishDue(), finish().finishDue(), finish().finishDue()]);
    const runs = await Promise.all([finish().runJob(), finish().runJob()]);
    expect(runs.filter((run) => run.ran).length).toBeGreaterThanOrEqual(1);

    expect((await challengeRow(challenge)).state).toBe('finished');
    expect(await participant(challenge, first)).toMatchObject({ status: 'completed', finish_rank: 1 });
    expect(await participant(challenge, second)).toMatchObject({ status: 'completed', finish_rank: 2 });
    expect(await participant(challenge, third)).toMatchObject({ status: 'completed', finish_rank: 3 });
    expect(await participant(challenge, failed)).toMatchObject({ status: 'failed', finish_rank: 4 });

    const lines = await ledgerLinesOf(challenge);
    const linesOf = (user: { id: number }) => lines.filter((line) => line.user_id === user.id).map((line) => [line.reason, Number(line.amount)]).sort();
    expect(linesOf(first)).toEqual([['challenge_reward', 100], ['challenge_top', 50]]);
    expect(linesOf(second)).toEqual([['challenge_reward', 100], ['challenge_top', 50]]);
    expect(linesOf(third)).toEqual([['challenge_reward', 100]]);
    expect(linesOf(failed)).toEqual([]);
    expect(await rewardsOf(challenge)).toHaveLength(5);
    for (const user of [first, second, third, failed]) expect(await balanceOf(user)).toBe(await ledgerSumOf(user));
    expect(await balanceOf(first)).toBe(150);

    const badges = await getStrapi().db.connection('challenge_badges').where({ challenge_id: challenge.id }).select('user_id');
    expect(badges.map((b: { user_id: number }) => b.user_id).sort()).toEqual([first.id, second.id, third.id].sort());

    // The participation shows the place and the rewards.
    const me = (await http().get(`/api/challenges/${challenge.documentId}`).set(first.auth).expect(200)).body.data.me;
    expect(me).toMatchObject({ status: 'completed', finishRank: 1 });
    expect(me.rewards).toEqual(expect.arrayContaining([{ kind: 'completion', points: 100 }, { kind: 'top', points: 50 }]));
  });

  it('pays each of 30 finishers once when four job bodies and two locked jobs race (PostgreSQL: separate connections)', async () => {
    setNow(BEFORE_START);
    const challenge = await createChallenge({ habitTemplate: template.id, rewardPoints: 10, topK: 5, topPoints: 3, badge: '并发达人' });
    const users = await joined(30, challenge);
    for (const [i, user] of users.entries()) {
      const reached = new Date(Date.parse('2026-03-14T00:00:00Z') + i * 60_000).toISOString();
      await checkInsGiving(challenge, user, { daysDone: 14, progressAt: reached, reachedAt: reached });
    }
    const finished: number[] = [];
    const listener = async (event: unknown) => {
      const { challengeId } = event as { challengeId: number };
      if (challengeId === challenge.id) finished.push(challengeId);
    };
    getStrapi().eventHub.on('challenges.challenge.finished', listener);
    setNow(END);
    await Promise.all([finish().finishDue(), finish().finishDue(), finish().runJob(), finish().finishDue(), finish().runJob(), finish().finishDue()]);
    await new Promise((resolve) => setImmediate(resolve));
    getStrapi().eventHub.off('challenges.challenge.finished', listener);

    const lines = await ledgerLinesOf(challenge);
    expect(lines.filter((line) => line.reason === 'challenge_reward')).toHaveLength(30);
    expect(lines.filter((line) => line.reason === 'challenge_top').map((line) => line.user_id).sort()).toEqual(users.slice(0, 5).map((u) => u.id).sort());
    expect(sum(lines)).toBe(30 * 10 + 5 * 3);
    const rewards = await rewardsOf(challenge);
    expect(rewards).toHaveLength(35);
    expect(rewards.every((reward) => reward.ledger_entry_id !== null)).toBe(true);
    expect(Number((await getStrapi().db.connection('challenge_badges').where({ challenge_id: challenge.id }).count({ n: '*' }))[0].n)).toBe(30);
    for (const user of users.slice(0, 3)) expect(await balanceOf(user)).toBe(await ledgerSumOf(user));
    expect(finished).toEqual([challenge.id]);
  });

  it('recounts progress from the check-in rows before it decides: a check-in whose event was lost still counts', async () => {
    setNow(BEFORE_START);
    const challenge = await createChallenge({ habitTemplate: template.id, rewardPoints: 20 });
    const [counted, lost] = await joined(2, challenge);
    await checkInsGiving(challenge, counted, { daysDone: 14, progressAt: '2026-03-14T04:00:00Z', reachedAt: '2026-03-14T04:00:00Z' });
    await checkInsGiving(challenge, lost, { daysDone: 14, progressAt: '2026-03-15T04:00:00Z', reachedAt: '2026-03-15T04:00:00Z' });
    // As if the process died between the 14th check-in's commit and its recompute: the row is there, the progress is not.
    await getStrapi().db.connection('challenge_participants').where({ challenge_id: challenge.id, user_id: lost.id }).update({ days_done: 13, reached_at: null });
    await http().get(`/api/challenges/${challenge.documentId}/board`).expect(200);

    setNow(END);
    await finish().finishDue();
    expect(await participant(challenge, counted)).toMatchObject({ status: 'completed', finish_rank: 1 });
    expect(await participant(challenge, lost)).toMatchObject({ status: 'completed', finish_rank: 2 });
    expect((await rewardsOf(challenge)).map((reward) => reward.user_id).sort()).toEqual([counted.id, lost.id].sort());
    const board = (await http().get(`/api/challenges/${challenge.documentId}/board`).set(lost.auth).expect(200)).body;
    expect(board.data.map((entry: { daysDone: number; isMe: boolean }) => [entry.daysDone, entry.isMe])).toEqual([
      [14, false],
      [14, true],
    ]);
  });

  it('shows the badges on the profile (GET /me/badges), newest first; a guest gets 401', async () => {
    setNow(BEFORE_START);
    const older = await createChallenge({ habitTemplate: template.id, badge: '坚持之星', endDate: '2026-03-10', targetDays: 7 });
    const newer = await createChallenge({ habitTemplate: template.id, badge: '早起达人', ...EARLY_ICON });
    const plain = await createChallenge({ habitTemplate: template.id, rewardPoints: 5 });
    const user = await createUser();
    for (const challenge of [older, newer, plain]) await join(user, challenge).expect(200);
    await checkInsGiving(older, user, { daysDone: 7, progressAt: '2026-03-09T01:00:00Z', reachedAt: '2026-03-09T01:00:00Z' });
    await checkInsGiving(newer, user, { daysDone: 14, progressAt: '2026-03-15T01:00:00Z', reachedAt: '2026-03-15T01:00:00Z' });
    await checkInsGiving(plain, user, { daysDone: 14, progressAt: '2026-03-15T01:00:00Z', reachedAt: '2026-03-15T01:00:00Z' });
    await finish().finishDue(new Date('2026-03-11T00:00:00Z'));
    await finish().finishDue(new Date(END));

    const res = await http().get('/api/me/badges').set(user.auth).expect(200);
    expect(res.body).toEqual({
      data: [
        { name: '早起达人', icon: '/badges/early.png', awardedAt: END, challenge: { documentId: newer.documentId, title: newer.title } },
        { name: '坚持之星', icon: null, awardedAt: '2026-03-11T00:00:00.000Z', challenge: { documentId: older.documentId, title: older.title } },
      ],
      meta: {},
    });
    await http().get('/api/me/badges').expect(401);
    expect((await http().get('/api/me/badges').set((await createUser()).auth).expect(200)).body.data).toEqual([]);
  });
});

describe('user-made challenges', () => {
  const body = (fields: Record<string, unknown> = {}) => ({
    title: '和朋友一起早起',
    description: '每天七点前起床',
    habitTemplate: template.documentId,
    startDate: '2026-03-01',
    endDate: '2026-03-21',
    rule: 'daysOf',
    targetDays: 14,
    entryCost: 10,
    ...fields,
  });
  const create = (user: TestUser, fields: Record<string, unknown> = {}) => http().post('/api/challenges').set(user.auth).send(body(fields));
  const byCode = (user: TestUser, code: string, fields: Record<string, unknown> = {}) =>
    http().post('/api/challenges/join-by-code').set(user.auth).send({ code, ...fields });

  it('are for VIP members; the answer carries the invite code; they are not listed publicly', async () => {
    setNow(BEFORE_START);
    const free = await createUser();
    expect((await create(free).expect(403)).body.error.details).toEqual({ reason: 'membership_required' });
    await http().post('/api/challenges').send(body()).expect(401);

    const vip = await makeVip(await createUser());
    const res = await create(vip).expect(201);
    expect(res.body.data).toMatchObject({ title: '和朋友一起早起', isOfficial: false, entryCost: 10, rewardPoints: 0, timezone: 'Asia/Shanghai', phase: 'upcoming', me: null });
    expect(res.body.data.inviteCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(res.body.data.review).toBe('published');
    expect(res.body.data.habitTemplate).toMatchObject({ documentId: template.documentId });

    const guestList = (await http().get('/api/challenges').query({ limit: 50 }).expect(200)).body.data as Array<{ documentId: string }>;
    expect(guestList.map((c) => c.documentId)).not.toContain(res.body.data.documentId);
    const detailForGuest = await http().get(`/api/challenges/${res.body.data.documentId}`);
    expect(detailForGuest.body.data?.inviteCode).toBeUndefined();
  });

  it('refuses bad shapes with the field: start in the past, end before start, a goal that does not fit, weekly without perWeek, an unknown template', async () => {
    setNow(BEFORE_START);
    const vip = await makeVip(await createUser());
    const fieldOf = async (fields: Record<string, unknown>) => (await create(vip, fields).expect(400)).body.error.details.field;
    expect(await fieldOf({ startDate: '2026-02-19' })).toBe('startDate');
    expect(await fieldOf({ endDate: '2026-02-28' })).toBe('endDate');
    expect(await fieldOf({ targetDays: 22 })).toBe('targetDays');
    expect(await fieldOf({ rule: 'weekly', weeks: 3 })).toBe('perWeek');
    expect(await fieldOf({ rule: 'weekly', perWeek: 3, weeks: 4 })).toBe('weeks');
    expect(await fieldOf({ habitTemplate: 'nosuchtemplate0000000000' })).toBe('habitTemplate');
    expect(await fieldOf({ timezone: 'Mars/Olympus' })).toBe('timezone');
    await create(vip, { extra: 1 }).expect(400);
    await create(vip, { rule: 'weekly', perWeek: 3, weeks: 3 }).expect(201);
  });

  it('are limited to 5 a day per member, counted once a challenge is well-formed: then 429 with Retry-After', async () => {
    setNow(BEFORE_START);
    const vip = await makeVip(await createUser());
    await create(vip, { targetDays: 22 }).expect(400);
    for (let i = 0; i < 5; i += 1) await create(vip, { title: `早起第${i + 1}组` }).expect(201);
    const refused = await create(vip, { title: '早起第6组' }).expect(429);
    expect(refused.body.error.message).toBe('创建挑战太频繁，请稍后再试');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const made = await getStrapi().db.connection('challenges').where({ creator_id: vip.id }).count({ n: '*' });
    expect(Number(made[0].n)).toBe(5);
  });

  it('go through msgSecCheck like a post: risky text is refused, doubtful text waits for a moderator and takes no joins', async () => {
    setNow(BEFORE_START);
    const vip = await makeVip(await createUser());
    const risky = await create(vip, { description: '来赌博吧' }).expect(400);
    expect(risky.body.error.details).toMatchObject({ reason: 'content_risky', field: 'content' });

    const waiting = (await create(vip, { title: '待审的挑战' }).expect(201)).body.data;
    expect(waiting).toMatchObject({ joinable: false, review: 'pending' });
    const row = await getStrapi().db.connection('challenges').where({ document_id: waiting.documentId }).first('review');
    expect(row.review).toBe('pending');
    const friend = await createUser();
    expect((await byCode(friend, waiting.inviteCode).expect(404)).body.error.details).toEqual({ reason: 'challenge_not_found' });
  });

  it('are joined by invite code (any case); a wrong code is 404; joining twice spends once', async () => {
    setNow(BEFORE_START);
    const vip = await makeVip(await createUser());
    const made = (await create(vip).expect(201)).body.data;
    const friend = await createUser();
    await credit(friend, 25);
    const first = await byCode(friend, made.inviteCode.toLowerCase()).expect(200);
    expect(first.body.data).toMatchObject({ status: 'active', entryPaid: 10 });
    await byCode(friend, made.inviteCode).expect(200);
    expect(await balanceOf(friend)).toBe(15);
    expect((await byCode(friend, 'ZZZZZZZZ').expect(404)).body.error.details).toEqual({ reason: 'invite_code_not_found' });
    await byCode(friend, 'bad code!').expect(400);
    // Not joinable by its documentId alone.
    await join(await createUser(), made).expect(404);
  });

  it('split the pooled entries among the finishers (the remainder to the earliest); the challenge’s ledger lines add up to zero', async () => {
    setNow(BEFORE_START);
    const vip = await makeVip(await createUser());
    const made = (await create(vip, { entryCost: 10 }).expect(201)).body.data as { documentId: string; inviteCode: string; id: number };
    const challenge = { id: made.id, documentId: made.documentId };
    const users: TestUser[] = [];
    for (let i = 0; i < 5; i += 1) {
      const user = await createUser();
      await credit(user, 10);
      await byCode(user, made.inviteCode).expect(200);
      users.push(user);
    }
    const [early, middle, late, quitter, slacker] = users;
    // One leaves before the start (gets the entry back, not in the pool), rejoins, and leaves after the start (forfeits it).
    await leave(quitter, challenge).expect(200);
    await byCode(quitter, made.inviteCode).expect(200);
    setNow(RUNNING);
    await leave(quitter, challenge).expect(200);
    await checkInsGiving(challenge, late, { daysDone: 14, progressAt: '2026-03-18T01:00:00Z', reachedAt: '2026-03-18T01:00:00Z' });
    await checkInsGiving(challenge, early, { daysDone: 14, progressAt: '2026-03-14T12:00:00Z', reachedAt: '2026-03-14T12:00:00Z' });
    await checkInsGiving(challenge, middle, { daysDone: 15, progressAt: '2026-03-20T01:00:00Z', reachedAt: '2026-03-15T01:00:00Z' });
    await checkInsGiving(challenge, slacker, { daysDone: 3, progressAt: '2026-03-04T01:00:00Z', reachedAt: null });

    setNow(END);
    await Promise.all([finish().finishDue(), finish().finishDue()]);
    await finish().runJob();

    // Pool: 5 entries of 10 = 50 among 3 finishers: 16 each, the 2 left over to the two who reached the goal first.
    const lines = await ledgerLinesOf(challenge);
    const pooled = (user: TestUser) => lines.filter((line) => line.user_id === user.id && line.reason === 'challenge_pool').map((line) => Number(line.amount));
    expect(pooled(early)).toEqual([17]);
    expect(pooled(middle)).toEqual([17]);
    expect(pooled(late)).toEqual([16]);
    expect(pooled(slacker)).toEqual([]);
    expect(pooled(quitter)).toEqual([]);
    expect(lines.filter((line) => ['challenge_reward', 'challenge_top'].includes(line.reason))).toEqual([]);
    expect(sum(lines)).toBe(0);
    for (const user of users) expect(await balanceOf(user)).toBe(await ledgerSumOf(user));
    expect(await participant(challenge, middle)).toMatchObject({ status: 'completed', finish_rank: 1 });
    expect(await participant(challenge, quitter)).toMatchObject({ status: 'left', finish_rank: null });
  });

  it('give everyone their entry back when nobody finishes (those who left after the start too)', async () => {
    setNow(BEFORE_START);
    const vip = await makeVip(await createUser());
    const made = (await create(vip, { entryCost: 7 }).expect(201)).body.data as { documentId: string; inviteCode: string; id: number };
    const challenge = { id: made.id, documentId: made.documentId };
    const users: TestUser[] = [];
    for (let i = 0; i < 3; i += 1) {
      const user = await createUser();
      await credit(user, 7);
      await byCode(user, made.inviteCode).expect(200);
      users.push(user);
    }
    setNow(RUNNING);
    await leave(users[2], challenge).expect(200);
    setNow(END);
    await Promise.all([finish().finishDue(), finish().finishDue()]);
    const lines = await ledgerLinesOf(challenge);
    expect(lines.filter((line) => line.reason === 'challenge_refund').map((line) => [line.user_id, Number(line.amount)]).sort()).toEqual(
      users.map((user) => [user.id, 7]).sort(),
    );
    expect(sum(lines)).toBe(0);
    for (const user of users) expect(await balanceOf(user)).toBe(7);
    // A refund gives back points already counted as earned: the points board does not count them twice.
    const earned = await getStrapi().db.connection('up_users').whereIn('id', users.map((user) => user.id)).select('points_earned');
    expect(earned.map((row: { points_earned: number }) => Number(row.points_earned))).toEqual([7, 7, 7]);
    expect(await participant(challenge, users[0])).toMatchObject({ status: 'failed' });
  });
});

describe('what editors get', () => {
  it('seeds official demo challenges running now, each with its habit template, that a user can join', async () => {
    setNow(null);
    await seedDemoContent(getStrapi());
    await seedDemoContent(getStrapi());
    for (const seeded of CHALLENGES) {
      const rows = await getStrapi().db.connection('challenges').where({ title: seeded.title }).select('document_id');
      expect(rows).toHaveLength(1);
      const detail = (await http().get(`/api/challenges/${rows[0].document_id}`).expect(200)).body.data;
      expect(detail).toMatchObject({ title: seeded.title, isOfficial: true, phase: 'running', habitTemplate: { title: seeded.habitTemplate } });
    }
    const user = await createUser();
    await credit(user, 100);
    const early = await getStrapi().db.connection('challenges').where({ title: CHALLENGES[0].title }).first('document_id');
    expect((await join(user, { documentId: early.document_id }).expect(200)).body.data).toMatchObject({ status: 'active', habit: { title: '早起' } });
  });

  it('lays out the challenge’s edit view in rows, every field labelled, the rules explained', async () => {
    const contentTypes = getStrapi().plugin('content-manager').service('content-types');
    const config = await contentTypes.findConfiguration(getStrapi().contentType('api::challenge.challenge'));
    const rows = config.layouts.edit as Array<Array<{ name: string; size: number }>>;
    expect(rows[0]).toEqual([{ name: 'title', size: 6 }, { name: 'habitTemplate', size: 6 }]);
    expect(rows.map((row) => row.map((el) => el.name))).toContainEqual(['timezone', 'startDate', 'endDate', 'joinDeadline']);
    for (const row of rows) expect(row.reduce((total, el) => total + el.size, 0)).toBeLessThanOrEqual(12);
    const placed = rows.flat().map((el) => el.name);
    const attributes = Object.keys((getStrapi().contentType('api::challenge.challenge') as { attributes: object }).attributes);
    for (const field of attributes.filter((name) => !['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'].includes(name))) {
      expect({ field, placed: placed.includes(field) }).toEqual({ field, placed: true });
      expect({ field, label: config.metadatas[field].edit.label }).toEqual({ field, label: expect.stringMatching(/[\u4e00-\u9fff].* [A-Z]/) });
    }
    expect(config.metadatas.rule.edit.description).toMatch(/daysOf.*streak.*weekly/);
  });
});
