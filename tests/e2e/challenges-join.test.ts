import { getStrapi, http, setupStrapi, teardownStrapi, usingPostgres } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { newHabit } from '../helpers/habits';
import {
  balanceOf,
  countOf,
  createChallenge,
  createTemplate,
  credit,
  join,
  leave,
  ledgerLinesOf,
  ledgerSumOf,
  participantsOf,
  setNow,
  type TestTemplate,
} from '../helpers/challenges';

/**
 * Challenges over HTTP (issue 14, core): who sees which challenge, joining (the habit linked or made from
 * the template, the entry cost spent through the ledger, the deadline, the cap, VIP and region), leaving
 * (the entry back before the start, forfeited after), the caller's challenges, and the cap holding under
 * concurrent joins.
 */
const BEFORE_START = '2026-02-20T04:00:00Z';
const RUNNING = '2026-03-05T04:00:00Z';
const AFTER_END = '2026-03-22T04:00:00Z';

beforeAll(async () => {
  await setupStrapi();
});
afterEach(() => setNow(null));
afterAll(teardownStrapi);

type ChallengeJson = { documentId: string; phase: string; joinable: boolean; participantsCount: number; me: null | { status: string; entryPaid: number; habit: { documentId: string; title: string } | null } };
const listAll = async (user?: TestUser): Promise<ChallengeJson[]> => {
  const all: ChallengeJson[] = [];
  let cursor: string | null = null;
  do {
    const res = await http().get('/api/challenges').query(cursor ? { limit: 50, cursor } : { limit: 50 }).set(user?.auth ?? {}).expect(200);
    all.push(...(res.body.data as ChallengeJson[]));
    cursor = res.body.meta.next as string | null;
  } while (cursor);
  return all;
};
const ids = (list: Array<{ documentId: string }>) => list.map((c) => c.documentId);

let template: TestTemplate;
beforeAll(async () => {
  template = await createTemplate();
});

describe('who sees which challenge', () => {
  it('lists official published challenges to anyone, never user-made, pending, inactive or other regions’ ones', async () => {
    setNow(BEFORE_START);
    const creator = await createUser();
    const open = await createChallenge({ habitTemplate: template.id });
    const vip = await createChallenge({ habitTemplate: template.id, visibility: 'vip' });
    const userMade = await createChallenge({ habitTemplate: template.id, isOfficial: false, creator: creator.id });
    const pending = await createChallenge({ habitTemplate: template.id, review: 'pending' });
    const inactive = await createChallenge({ habitTemplate: template.id, active: false });
    const regional = await createChallenge({ habitTemplate: template.id, visibility: 'region', region: '浙江省' });

    const guest = ids(await listAll());
    expect(guest).toEqual(expect.arrayContaining([open.documentId, vip.documentId]));
    for (const hidden of [userMade, pending, inactive, regional]) expect(guest).not.toContain(hidden.documentId);

    const local = await createUser();
    await getStrapi().db.connection('up_users').where({ id: local.id }).update({ province: '浙江省' });
    expect(ids(await listAll(local))).toContain(regional.documentId);
    // The creator sees their own user-made challenge in the list; nobody else does.
    expect(ids(await listAll(creator))).toContain(userMade.documentId);

    const detail = await http().get(`/api/challenges/${open.documentId}`).expect(200);
    expect(detail.body.data).toMatchObject({ phase: 'upcoming', joinable: true, me: null, habitTemplate: { documentId: template.documentId, title: template.title } });
    expect(detail.body.data.rules).toContain('打卡满 14 天');
    expect(detail.body.data).not.toHaveProperty('inviteCode');
    expect(detail.body.data).not.toHaveProperty('creator');
    await http().get(`/api/challenges/${userMade.documentId}`).expect(404);
    await http().get(`/api/challenges/${userMade.documentId}`).set(local.auth).expect(404);
    await http().get(`/api/challenges/${userMade.documentId}`).set(creator.auth).expect(200);
    await http().get(`/api/challenges/${pending.documentId}`).expect(404);
    await http().get('/api/challenges/nope').expect(400);
  });

  it('pages with a cursor, each challenge once', async () => {
    for (let i = 0; i < 3; i += 1) await createChallenge({ habitTemplate: template.id, sortOrder: -1000 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: ChallengeJson[]; meta: { next: string | null } } } = await http()
        .get('/api/challenges')
        .query(cursor ? { limit: 2, cursor } : { limit: 2 })
        .expect(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...ids(res.body.data));
      cursor = res.body.meta.next;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await listAll()).length);
    await http().get('/api/challenges').query({ cursor: 'not-ours' }).expect(400);
    await http().get('/api/challenges').query({ populate: '*' }).expect(400);
  });

  it('tells the phase by the challenge’s own timezone', async () => {
    const auckland = await createChallenge({ habitTemplate: template.id, timezone: 'Pacific/Auckland', startDate: '2026-03-01', endDate: '2026-03-02' });
    const phase = async () => (await http().get(`/api/challenges/${auckland.documentId}`).expect(200)).body.data.phase;
    setNow('2026-02-28T10:59:00Z'); // 23:59 on 28 Feb in Auckland (NZDT, UTC+13)
    expect(await phase()).toBe('upcoming');
    setNow('2026-02-28T11:00:00Z'); // 00:00 on 1 March there
    expect(await phase()).toBe('running');
    setNow('2026-03-02T10:59:59Z');
    expect(await phase()).toBe('running');
    setNow('2026-03-02T11:00:00Z'); // the local midnight after the last day
    expect(await phase()).toBe('ended');
  });
});

describe('joining', () => {
  it('makes a habit from the template, spends the entry cost once, and answers the same participation again', async () => {
    setNow(BEFORE_START);
    const challenge = await createChallenge({ habitTemplate: template.id, entryCost: 30 });
    const ann = await createUser();
    await credit(ann, 100);
    const first = await join(ann, challenge).expect(200);
    expect(first.body.data).toMatchObject({ status: 'active', entryPaid: 30, daysDone: 0, daysNeeded: 14, habit: { title: template.title }, rewards: [] });
    const again = await join(ann, challenge).expect(200);
    expect(again.body.data).toEqual(first.body.data);
    expect(await balanceOf(ann)).toBe(70);
    expect(await ledgerSumOf(ann)).toBe(70);
    expect(await ledgerLinesOf(challenge)).toEqual([{ user_id: ann.id, amount: -30, reason: 'challenge_entry' }]);
    const habit = await getStrapi().db.connection('habits').where({ document_id: first.body.data.habit.documentId }).first('user_id', 'template_id');
    expect(habit).toEqual({ user_id: ann.id, template_id: template.id });
    expect(await countOf(challenge)).toBe(1);

    const detail = await http().get(`/api/challenges/${challenge.documentId}`).set(ann.auth).expect(200);
    expect(detail.body.data).toMatchObject({ participantsCount: 1, joinable: false, me: { status: 'active', entryPaid: 30 } });
  });

  it('tells the progress side after each join and leave commits (challenges.participation.changed)', async () => {
    setNow(BEFORE_START);
    const challenge = await createChallenge({ habitTemplate: template.id });
    const kim = await createUser();
    const events: unknown[] = [];
    const listener = async (event: unknown) => {
      events.push(event);
    };
    const stop = getStrapi().eventHub.on('challenges.participation.changed', listener);
    try {
      await join(kim, challenge).expect(200);
      await join(kim, challenge).expect(200); // the same answer: nothing changed, nothing told
      await leave(kim, challenge).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events).toEqual([
        { challengeId: challenge.id, userId: kim.id, kind: 'join' },
        { challengeId: challenge.id, userId: kim.id, kind: 'leave' },
      ]);
    } finally {
      stop();
    }
  });

  it('links the caller’s own habit of the template, or the one they name; refuses another template’s or another user’s', async () => {
    setNow(BEFORE_START);
    const challenge = await createChallenge({ habitTemplate: template.id });
    const bob = await createUser();
    const own = await newHabit(bob, { template: template.documentId });
    expect((await join(bob, challenge).expect(200)).body.data.habit.documentId).toBe(own);

    const other = await createTemplate();
    const cid = await createUser();
    const wrong = await newHabit(cid, { template: other.documentId });
    const res = await join(cid, challenge, { habit: wrong }).expect(400);
    expect(res.body.error.details).toMatchObject({ reason: 'habit_mismatch' });
    await join(cid, challenge, { habit: own }).expect(404);
    const right = await newHabit(cid, { template: template.documentId, title: '我的早起' });
    expect((await join(cid, challenge, { habit: right }).expect(200)).body.data.habit).toEqual({ documentId: right, title: '我的早起' });

    const free = await createChallenge({ habitTemplate: null });
    const dan = await createUser();
    expect((await join(dan, free).expect(400)).body.error.details).toMatchObject({ reason: 'habit_required' });
    const any = await newHabit(dan);
    await join(dan, free, { habit: any }).expect(200);
    await join(dan, free, { habit: 'x' }).expect(400);
  });

  it('refuses without enough points and leaves nothing behind', async () => {
    setNow(BEFORE_START);
    const challenge = await createChallenge({ habitTemplate: template.id, entryCost: 50 });
    const eve = await createUser();
    await credit(eve, 49);
    const res = await join(eve, challenge).expect(400);
    expect(res.body.error.details).toMatchObject({ reason: 'insufficient_points' });
    expect(await participantsOf(challenge)).toEqual([]);
    expect(await countOf(challenge)).toBe(0);
    expect(await balanceOf(eve)).toBe(49);
    const habits = await getStrapi().db.connection('habits').where({ user_id: eve.id }).count<Array<{ n: number | string }>>({ n: '*' });
    expect(Number(habits[0].n)).toBe(0);
  });

  it('refuses past the deadline, after the end, over the cap, without VIP, and outside the region', async () => {
    const fay = await createUser();
    const deadline = await createChallenge({ habitTemplate: template.id, joinDeadline: '2026-03-03' });
    setNow('2026-03-03T15:59:59Z'); // 23:59:59 on the deadline in Shanghai
    await join(fay, deadline).expect(200);
    setNow('2026-03-03T16:00:00Z');
    const late = await createUser();
    expect((await join(late, deadline).expect(409)).body.error.details).toEqual({ reason: 'join_closed' });

    setNow(AFTER_END);
    expect((await join(late, await createChallenge({ habitTemplate: template.id })).expect(409)).body.error.details).toEqual({ reason: 'challenge_ended' });

    setNow(RUNNING);
    const small = await createChallenge({ habitTemplate: template.id, maxParticipants: 1 });
    await join(fay, small).expect(200);
    expect((await join(late, small).expect(409)).body.error.details).toEqual({ reason: 'challenge_full' });

    const vip = await createChallenge({ habitTemplate: template.id, visibility: 'vip' });
    expect((await join(late, vip).expect(403)).body.error.details).toEqual({ reason: 'membership_required' });
    await getStrapi().db.connection('up_users').where({ id: late.id }).update({ membership_tier: 'vip', membership_expires_at: new Date('2027-01-01T00:00:00Z') });
    await join(late, vip).expect(200);

    const regional = await createChallenge({ habitTemplate: template.id, visibility: 'region', region: '杭州市' });
    expect((await join(fay, regional).expect(403)).body.error.details).toEqual({ reason: 'region' });
    await getStrapi().db.connection('up_users').where({ id: fay.id }).update({ city: '杭州市' });
    await join(fay, regional).expect(200);

    const pending = await createChallenge({ habitTemplate: template.id, review: 'pending' });
    await join(fay, pending).expect(404);
    await http().post(`/api/challenges/${small.documentId}/join`).send({}).expect(401);
    await join(fay, { documentId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }).expect(404);
  });
});

describe('leaving', () => {
  it('refunds the entry before the start and forfeits it after', async () => {
    const gus = await createUser();
    await credit(gus, 100);
    const challenge = await createChallenge({ habitTemplate: template.id, entryCost: 40 });
    setNow(BEFORE_START);
    await join(gus, challenge).expect(200);
    const left = await leave(gus, challenge).expect(200);
    expect(left.body.data).toMatchObject({ status: 'left', entryPaid: 0 });
    expect(left.body.data.leftAt).toBe(new Date(BEFORE_START).toISOString());
    expect(await balanceOf(gus)).toBe(100);
    expect(await countOf(challenge)).toBe(0);
    expect((await leave(gus, challenge).expect(409)).body.error.details).toEqual({ reason: 'not_joined' });

    // Back again, then out after the start: the second entry stays with the challenge.
    setNow(RUNNING);
    expect((await join(gus, challenge).expect(200)).body.data).toMatchObject({ status: 'active', entryPaid: 40, leftAt: null });
    expect(await countOf(challenge)).toBe(1);
    expect((await leave(gus, challenge).expect(200)).body.data).toMatchObject({ status: 'left', entryPaid: 40 });
    expect(await balanceOf(gus)).toBe(60);
    expect(await ledgerSumOf(gus)).toBe(60);
    expect((await ledgerLinesOf(challenge)).map((line) => [line.amount, line.reason]).sort()).toEqual(
      [[-40, 'challenge_entry'], [-40, 'challenge_entry'], [40, 'challenge_refund']].sort(),
    );
    expect(await countOf(challenge)).toBe(0);
    const stranger = await createUser();
    expect((await leave(stranger, challenge).expect(409)).body.error.details).toEqual({ reason: 'not_joined' });
  });
});

describe('budgets', () => {
  it('limits joins, leaves and joins by code to 30 per user in ten minutes: then 429 with Retry-After, and nothing written', async () => {
    setNow(BEFORE_START);
    const challenge = await createChallenge({ habitTemplate: template.id });
    const restless = await createUser();
    for (let i = 0; i < 15; i += 1) {
      await join(restless, challenge).expect(200);
      await leave(restless, challenge).expect(200);
    }
    const refused = await join(restless, challenge).expect(429);
    expect(refused.body.error).toMatchObject({ status: 429, name: 'RateLimitError', message: '加入或退出挑战太频繁，请稍后再试' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect((await participantsOf(challenge)).map((row) => row.status)).toEqual(['left']);
    await http().post('/api/challenges/join-by-code').set(restless.auth).send({ code: 'ABCDEFGH' }).expect(429);
    // Someone else's budget is their own.
    await join(await createUser(), challenge).expect(200);
  });
});

describe('my challenges', () => {
  it('lists the running ones under active and the ended or left ones under ended, with me filled', async () => {
    const hal = await createUser();
    const running = await createChallenge({ habitTemplate: template.id, startDate: '2026-03-01', endDate: '2026-03-21' });
    const short = await createChallenge({ habitTemplate: template.id, startDate: '2026-03-01', endDate: '2026-03-02' });
    const quit = await createChallenge({ habitTemplate: template.id });
    setNow(BEFORE_START);
    for (const c of [running, short, quit]) await join(hal, c).expect(200);
    await leave(hal, quit).expect(200);
    setNow(RUNNING);
    const active = await http().get('/api/me/challenges').set(hal.auth).expect(200);
    expect(active.body.data.map((item: { challenge: { documentId: string } }) => item.challenge.documentId)).toEqual([running.documentId]);
    expect(active.body.data[0].challenge.me).toMatchObject({ status: 'active' });
    const ended = await http().get('/api/me/challenges?status=ended').set(hal.auth).expect(200);
    expect(ids(ended.body.data.map((item: { challenge: { documentId: string } }) => item.challenge)).sort()).toEqual([short.documentId, quit.documentId].sort());
    await http().get('/api/me/challenges?status=nope').set(hal.auth).expect(400);
    await http().get('/api/me/challenges').expect(401);
  });
});

describe('the cap under concurrent joins', () => {
  // 500 joins on a cap of 50 on PostgreSQL (the number); SQLite serialises writes, so fewer there.
  const JOINERS = usingPostgres() ? 500 : 40;
  const CAP = usingPostgres() ? 50 : 10;
  const COST = 20;

  it(`lets exactly ${CAP} of ${JOINERS} concurrent joiners in, each paying once, no balance below zero`, async () => {
    setNow(BEFORE_START);
    const challenge = await createChallenge({ habitTemplate: template.id, maxParticipants: CAP, entryCost: COST });
    const users: TestUser[] = [];
    for (let i = 0; i < JOINERS; i += 25) {
      const batch = await Promise.all(Array.from({ length: Math.min(25, JOINERS - i) }, () => createUser()));
      await Promise.all(batch.map((user) => credit(user, COST)));
      users.push(...batch);
    }
    const answers = await Promise.all(users.map((user) => join(user, challenge)));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(CAP);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    expect(answers.filter((res) => res.status === 409).every((res) => res.body.error.details.reason === 'challenge_full')).toBe(true);

    const rows = await participantsOf(challenge);
    expect(rows).toHaveLength(CAP);
    expect(await countOf(challenge)).toBe(CAP);
    const spends = await ledgerLinesOf(challenge);
    expect(spends).toHaveLength(CAP);
    expect(new Set(spends.map((line) => Number(line.user_id)))).toEqual(new Set(rows.map((row) => Number(row.user_id))));
    const balances = await getStrapi().db.connection('up_users').whereIn('id', users.map((u) => u.id)).select('id', 'points_balance');
    expect(balances.filter((b: { points_balance: number }) => Number(b.points_balance) < 0)).toEqual([]);
    const joined = new Set(rows.map((row) => Number(row.user_id)));
    for (const b of balances as Array<{ id: number; points_balance: number }>) expect(Number(b.points_balance)).toBe(joined.has(Number(b.id)) ? 0 : COST);
    // The refused joins made no habit either.
    const habits = await getStrapi().db.connection('habits').whereIn('user_id', users.map((u) => u.id)).count<Array<{ n: number | string }>>({ n: '*' });
    expect(Number(habits[0].n)).toBe(CAP);
  });

  it('makes one participant and one spend of one user’s concurrent joins', async () => {
    setNow(BEFORE_START);
    const challenge = await createChallenge({ habitTemplate: template.id, entryCost: 10 });
    const ivy = await createUser();
    await credit(ivy, 100);
    const answers = await Promise.all(Array.from({ length: 8 }, () => join(ivy, challenge)));
    expect(answers.map((res) => res.status)).toEqual(Array(8).fill(200));
    expect(await participantsOf(challenge)).toHaveLength(1);
    expect(await balanceOf(ivy)).toBe(90);
    expect(await countOf(challenge)).toBe(1);
  });
});
