import crypto from 'node:crypto';
import { gamification } from '../../src/plugins/gamification/public';
import { ORDER_SHIPPED_EVENT, reminders } from '../../src/plugins/reminders/public';
import { adminRoleId, adminWith, contentManager, removeAdmins, superAdmin } from '../helpers/admin';
import { createChallenge, createTemplate, join, leave } from '../helpers/challenges';
import { newHabit, checkIn } from '../helpers/habits';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance';
import { getStrapi, http, usingPostgres, usingRedis } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { fakeWeChat, setupWeChat, teardownWeChat } from '../helpers/wechat';

/**
 * Reminders end to end: consent credits over HTTP, the minute job choosing what is due in each user's own
 * timezone and day start (DST included), the send log's one row per reminder, and the sender against the fake
 * WeChat with its error codes.
 */
const setNow = (instant: string | null) => gamification(getStrapi(), 'clock').setNow(instant);
const RUN = crypto.randomBytes(4).toString('hex');
const ids = { habit: `tmpl-habit-${RUN}`, streak: `tmpl-streak-${RUN}`, shipped: `tmpl-shipped-${RUN}`, milestone: `tmpl-milestone-${RUN}`, ending: `tmpl-ending-${RUN}` };

const knex = () => getStrapi().db.connection;
const subscribe = (user: TestUser, templateIds: string[], result: 'accept' | 'reject' | 'ban' = 'accept', key?: string) => {
  const request = http().post('/api/reminders/subscriptions').set(user.auth);
  if (key) request.set('Idempotency-Key', key);
  return request.send({ templateIds, results: Object.fromEntries(templateIds.map((id) => [id, result])) });
};
const runMinute = async (iso: string) => {
  setNow(iso);
  const counts = await reminders(getStrapi(), 'scheduler').enqueueMinute(new Date(iso));
  const sent = await reminders(getStrapi(), 'sender').drain(Date.now() + 10_000);
  return { ...counts, sent };
};
const sendsOf = async (user: TestUser) =>
  (await knex()('reminder_sends').where({ user_id: user.id }).orderBy('id').select('reason', 'local_date', 'slot', 'state', 'attempts', 'errcode', 'data', 'kind')).map(({ state, ...row }) => ({
    ...row,
    status: state,
    local_date: String(row.local_date instanceof Date ? row.local_date.toISOString() : row.local_date).slice(0, 10),
    data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
  }));
/** Polls `check` every 100 ms for up to `ms` (what an event causes happens after the response). */
const waitFor = async (what: string, check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
const drainAt = (iso: string) => {
  setNow(iso);
  return reminders(getStrapi(), 'sender').drain(Date.now() + 10_000);
};
const messagesTo = (user: TestUser) => fakeWeChat().sentMessages.filter((m) => m.touser === user.openid);
const credits = async (user: TestUser) =>
  Object.fromEntries(((await http().get('/api/reminders/subscriptions').set(user.auth).expect(200)).body.data as Array<{ templateId: string; credits: number }>).map((t) => [t.templateId, t.credits]));

beforeAll(async () => {
  await setupWeChat();
  // The worker's database outlives a run: this run's templates are the only active ones, and only this run's
  // habits are due (the slot index is derived: earlier runs' users simply drop out of it).
  await knex()('reminder_templates').update({ active: false });
  await knex()('reminder_slots').del();
  const documents = getStrapi().documents('plugin::reminders.template' as never) as unknown as { create(p: object): Promise<unknown> };
  await documents.create({ data: { title: '打卡提醒', templateId: ids.habit, kind: 'habitReminder', longTerm: false, active: true, fields: { thing1: '{habit}', time2: '{date} {time}', thing3: '还没打卡' }, page: 'pages/habit/index?documentId={habitDocumentId}' } });
  await documents.create({ data: { title: '连续打卡将中断', templateId: ids.streak, kind: 'streakAtRisk', longTerm: false, active: true, fields: { thing1: '{habit}', number2: '{streak}' } } });
  await documents.create({ data: { title: '发货', templateId: ids.shipped, kind: 'orderShipped', longTerm: false, active: true, fields: { character_string1: '{orderNo}' } } });
  await documents.create({ data: { title: '里程碑达成', templateId: ids.milestone, kind: 'milestoneReached', longTerm: false, active: true, fields: { thing1: '{milestone}' } } });
  await documents.create({ data: { title: '挑战即将结束', templateId: ids.ending, kind: 'challengeEnding', longTerm: false, active: true, fields: { thing1: '{challenge}', number2: '{daysDone}' }, page: 'pages/challenge/index?documentId={challengeDocumentId}' } });
});
afterEach(() => setNow(null));
afterAll(async () => {
  await teardownWeChat();
});

describe('consent credits', () => {
  it('lists the active templates, counts each accept as one credit and says which need asking', async () => {
    const user = await createUser();
    const before = (await http().get('/api/reminders/subscriptions').set(user.auth).expect(200)).body;
    expect(before.meta).toEqual({ maxPerRequest: 3 });
    expect(before.data.find((t: { templateId: string }) => t.templateId === ids.habit)).toEqual({
      templateId: ids.habit, kind: 'habitReminder', title: '打卡提醒', longTerm: false, credits: 0, lastResult: null, needsAsking: true,
    });
    await subscribe(user, [ids.habit, ids.streak]).expect(200);
    const after = (await subscribe(user, [ids.habit]).expect(200)).body.data;
    expect(after.find((t: { templateId: string }) => t.templateId === ids.habit)).toMatchObject({ credits: 2, lastResult: 'accept', needsAsking: false });
    expect(after.find((t: { templateId: string }) => t.templateId === ids.streak)).toMatchObject({ credits: 1 });
    const rejected = (await subscribe(user, [ids.shipped], 'reject').expect(200)).body.data;
    expect(rejected.find((t: { templateId: string }) => t.templateId === ids.shipped)).toMatchObject({ credits: 0, lastResult: 'reject', needsAsking: true });
    const banned = (await subscribe(user, [ids.shipped], 'ban').expect(200)).body.data;
    expect(banned.find((t: { templateId: string }) => t.templateId === ids.shipped)).toMatchObject({ credits: 0, lastResult: 'ban', needsAsking: false });
  });

  it('adds nothing for a retried request with the same Idempotency-Key', async () => {
    const user = await createUser();
    const key = `k-${crypto.randomBytes(8).toString('hex')}`;
    await subscribe(user, [ids.habit], 'accept', key).expect(200);
    await subscribe(user, [ids.habit], 'accept', key).expect(200);
    expect((await credits(user))[ids.habit]).toBe(1);
    await Promise.all([1, 2, 3].map(() => subscribe(user, [ids.habit], 'accept', `k-${crypto.randomBytes(8).toString('hex')}`).expect(200)));
    expect((await credits(user))[ids.habit]).toBe(4);
  });

  it('refuses bad input with a 400 in the envelope and writes nothing', async () => {
    const user = await createUser();
    for (const body of [
      {},
      { templateIds: [], results: {} },
      { templateIds: ['nope'], results: { nope: 'accept' } },
      { templateIds: [ids.habit], results: {} },
      { templateIds: [ids.habit], results: { [ids.habit]: 'maybe' } },
      { templateIds: [ids.habit, ids.habit], results: { [ids.habit]: 'accept' } },
      { templateIds: [ids.habit], results: { [ids.habit]: 'accept' }, userId: 1 },
      { templateIds: [ids.habit, 'nope'], results: { [ids.habit]: 'accept', nope: 'accept' } },
    ]) {
      const res = await http().post('/api/reminders/subscriptions').set(user.auth).send(body).expect(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    }
    expect((await credits(user))[ids.habit]).toBe(0);
    await http().get('/api/reminders/subscriptions').expect(401);
  });
});

describe('settings', () => {
  it('reads the defaults, changes what is sent, refuses half a quiet window', async () => {
    const user = await createUser({ timezone: 'Europe/Berlin' });
    expect((await http().get('/api/reminders/settings').set(user.auth).expect(200)).body.data).toEqual({
      enabled: true, quietStart: null, quietEnd: null, streakRiskHour: null, timezone: 'Europe/Berlin',
    });
    const saved = (await http().put('/api/reminders/settings').set(user.auth).send({ quietStart: '22:00', quietEnd: '07:30', streakRiskHour: 20 }).expect(200)).body.data;
    expect(saved).toEqual({ enabled: true, quietStart: '22:00', quietEnd: '07:30', streakRiskHour: 20, timezone: 'Europe/Berlin' });
    expect(await knex()('reminder_slots').where({ user_ref: user.id, kind: 'streak' }).select('timezone', 'minute')).toEqual([{ timezone: 'Europe/Berlin', minute: 1200 }]);
    await http().put('/api/reminders/settings').set(user.auth).send({ streakRiskHour: null }).expect(200);
    expect(await knex()('reminder_slots').where({ user_ref: user.id, kind: 'streak' })).toHaveLength(0);
    for (const body of [{ quietStart: '22:00' }, { quietStart: '22:00', quietEnd: null }, { streakRiskHour: 24 }, { quietStart: '25:00', quietEnd: '07:00' }, { enabled: 'yes' }, { user: 2 }]) {
      await http().put('/api/reminders/settings').set(user.auth).send(body).expect(400);
    }
  });
});

describe('the slot index', () => {
  it('follows a habit’s reminder times, its archiving and deletion, and the user’s timezone', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    const habit = await newHabit(user, { title: 'Slots', reminderTimes: ['07:00', '21:30'] });
    const slots = async () => (await knex()('reminder_slots').where({ user_ref: user.id }).orderBy('minute').select('timezone', 'minute')).map((s) => `${s.timezone} ${s.minute}`);
    expect(await slots()).toEqual(['Asia/Shanghai 420', 'Asia/Shanghai 1290']);
    await http().put(`/api/habits/${habit}`).set(user.auth).send({ data: { reminderTimes: ['08:15'] } }).expect(200);
    expect(await slots()).toEqual(['Asia/Shanghai 495']);
    await http().put('/api/me').set(user.auth).send({ timezone: 'America/New_York' }).expect(200);
    expect(await slots()).toEqual(['America/New_York 495']);
    await http().put(`/api/habits/${habit}`).set(user.auth).send({ data: { reminderEnabled: false } }).expect(200);
    expect(await slots()).toEqual([]);
    await http().put(`/api/habits/${habit}`).set(user.auth).send({ data: { reminderEnabled: true } }).expect(200);
    expect(await slots()).toEqual(['America/New_York 495']);
    await http().delete(`/api/habits/${habit}`).set(user.auth).expect(204);
    expect(await slots()).toEqual([]);
  });
});

describe('the minute job', () => {
  it('sends a 21:00 reminder at 21:00 in each user’s own timezone, with the page and fields filled', async () => {
    const shanghai = await createUser({ timezone: 'Asia/Shanghai' });
    const newYork = await createUser({ timezone: 'America/New_York' });
    const habitA = await newHabit(shanghai, { title: '读书', reminderTimes: ['21:00'] });
    await newHabit(newYork, { title: 'Read', reminderTimes: ['21:00'] });
    for (const user of [shanghai, newYork]) await subscribe(user, [ids.habit]).expect(200);

    await runMinute('2026-12-05T13:00:00Z'); // 21:00 in Shanghai, 08:00 in New York
    expect(messagesTo(shanghai)).toEqual([
      expect.objectContaining({ template_id: ids.habit, page: `pages/habit/index?documentId=${habitA}`, data: { thing1: { value: '读书' }, time2: { value: '2026-12-05 21:00' }, thing3: { value: '还没打卡' } } }),
    ]);
    expect(messagesTo(newYork)).toEqual([]);
    await runMinute('2026-12-06T02:00:00Z'); // 21:00 in New York
    expect(messagesTo(newYork)).toHaveLength(1);
    expect(await sendsOf(newYork)).toEqual([expect.objectContaining({ local_date: '2026-12-05', slot: '21:00', status: 'sent', attempts: 1 })]);
  });

  it('fires at the minute after a spring-forward gap and once on a fall-back hour (America/New_York)', async () => {
    const user = await createUser({ timezone: 'America/New_York' });
    await newHabit(user, { title: 'Stretch', reminderTimes: ['02:30', '01:30'] });
    await subscribe(user, [ids.habit]).expect(200);
    await subscribe(user, [ids.habit]).expect(200);
    await runMinute('2026-03-08T06:30:00Z'); // 01:30 EST
    await runMinute('2026-03-08T07:00:00Z'); // 03:00 EDT: 02:30 never happens that day
    expect((await sendsOf(user)).map((s) => `${s.local_date} ${s.slot} ${s.status}`)).toEqual(['2026-03-08 01:30 sent', '2026-03-08 02:30 sent']);

    await subscribe(user, [ids.habit]).expect(200);
    await runMinute('2026-11-01T05:30:00Z'); // 01:30 EDT
    await runMinute('2026-11-01T06:30:00Z'); // 01:30 EST, the same wall-clock minute again
    expect((await sendsOf(user)).filter((s) => s.local_date === '2026-11-01').map((s) => `${s.slot} ${s.status}`)).toEqual(['01:30 sent']);
    expect(messagesTo(user)).toHaveLength(3);
  });

  it('skips a habit already checked in on the user’s local day, by their day start', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai', dayStartHour: 4 });
    const habit = await newHabit(user, { title: 'Journal', reminderTimes: ['02:00', '21:00'] });
    await subscribe(user, [ids.habit]).expect(200);
    setNow('2026-12-05T13:30:00Z'); // 21:30 on the 5th
    await checkIn(user, habit).expect(201);
    await runMinute('2026-12-05T18:00:00Z'); // 02:00 on the 6th, still the 5th by a 04:00 day start: done
    await runMinute('2026-12-06T13:00:00Z'); // 21:00 on the 6th: not done
    expect((await sendsOf(user)).map((s) => `${s.local_date} ${s.slot} ${s.status}`)).toEqual(['2026-12-06 21:00 sent']);
  });

  it('reminds a weekday habit on its weekdays only, and not before it starts', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: 'Gym', frequencyType: 'weekdays', weekdays: [1, 3, 5], reminderTimes: ['07:00'] });
    await newHabit(user, { title: 'Later', startDate: '2026-12-10', reminderTimes: ['07:00'] });
    for (let i = 0; i < 3; i += 1) await subscribe(user, [ids.habit]).expect(200);
    const counts = await runMinute('2026-12-05T23:00:00Z'); // Sunday 2026-12-06 07:00
    expect(counts.habit.selected).toBe(0);
    await runMinute('2026-12-06T23:00:00Z'); // Monday 07:00
    expect((await sendsOf(user)).map((s) => `${s.local_date} ${s.status}`)).toEqual(['2026-12-07 sent']);
  });

  it('reminds a timesPerWeek habit while its week needs check-ins, an everyNDays habit while its block has none', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    const twice = await newHabit(user, { title: 'Swim', frequencyType: 'timesPerWeek', timesPerWeek: 2, startDate: '2026-12-01', reminderTimes: ['07:00'] });
    const third = await newHabit(user, { title: 'Call home', frequencyType: 'everyNDays', intervalDays: 3, startDate: '2026-12-01', reminderTimes: ['07:00'] });
    for (let i = 0; i < 8; i += 1) await subscribe(user, [ids.habit]).expect(200);
    const remindedAt = async (localDay: string) => {
      const utc = new Date(`${localDay}T07:00:00+08:00`).toISOString();
      await runMinute(utc);
      return (await knex()('reminder_sends').where({ user_id: user.id, local_date: localDay }).select('values')).map((row: { values: unknown }) =>
        (typeof row.values === 'string' ? JSON.parse(row.values) : row.values).habit as string).sort();
    };
    // Weeks start on Monday (2026-12-07); blocks of 3 days from 2026-12-01: 12-01..03, 12-04..06, 12-07..09, 12-10..12.
    setNow('2026-12-07T02:00:00Z');
    await checkIn(user, twice).expect(201);
    await checkIn(user, third).expect(201);
    expect(await remindedAt('2026-12-08')).toEqual(['Swim']); // one of two this week; the block has its check-in
    setNow('2026-12-08T02:00:00Z');
    await checkIn(user, twice).expect(201);
    expect(await remindedAt('2026-12-09')).toEqual([]); // two of two; the block still done
    expect(await remindedAt('2026-12-10')).toEqual(['Call home']); // a new block
    expect(await remindedAt('2026-12-14')).toEqual(['Call home', 'Swim']); // a new week; the block of 12-13..15 is empty
  });

  it('logs a reminder without a credit as noCredit and one in quiet hours as quiet, sending neither', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: 'Walk', reminderTimes: ['22:30', '20:00'] });
    await http().put('/api/reminders/settings').set(user.auth).send({ quietStart: '22:00', quietEnd: '07:00' }).expect(200);
    await runMinute('2026-12-05T12:00:00Z'); // 20:00, no credit
    await subscribe(user, [ids.habit]).expect(200);
    await runMinute('2026-12-05T14:30:00Z'); // 22:30, quiet
    expect((await sendsOf(user)).map((s) => `${s.slot} ${s.status}`)).toEqual(['20:00 noCredit', '22:30 quiet']);
    expect(messagesTo(user)).toEqual([]);
    expect((await credits(user))[ids.habit]).toBe(1);
    await http().put('/api/reminders/settings').set(user.auth).send({ enabled: false }).expect(200);
    await runMinute('2026-12-06T12:00:00Z');
    expect(await sendsOf(user)).toHaveLength(2);
  });

  it('sends the streak-at-risk message at the chosen hour for the longest streak of 3+ days not yet checked in', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    const long = await newHabit(user, { title: 'Meditate', startDate: '2026-12-01' });
    const short = await newHabit(user, { title: 'Floss', startDate: '2026-12-01' });
    for (const day of ['2026-12-02', '2026-12-03', '2026-12-04']) {
      setNow(`${day}T01:00:00Z`);
      await checkIn(user, long).expect(201);
      if (day === '2026-12-04') await checkIn(user, short).expect(201);
    }
    await http().put('/api/reminders/settings').set(user.auth).send({ streakRiskHour: 20 }).expect(200);
    await subscribe(user, [ids.streak]).expect(200);
    await runMinute('2026-12-05T12:00:00Z'); // 20:00 on the 5th
    expect(messagesTo(user)).toEqual([expect.objectContaining({ template_id: ids.streak, data: { thing1: { value: 'Meditate' }, number2: { value: '3' } } })]);
    expect((await sendsOf(user)).map((s) => `${s.kind} ${s.slot} ${s.status}`)).toEqual(['streakAtRisk 20:00 sent']);
  });

  it('catches up a missed minute within the grace window and skips older ones', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: 'Water', reminderTimes: ['09:00', '09:20'] });
    for (let i = 0; i < 2; i += 1) await subscribe(user, [ids.habit]).expect(200);
    const store = getStrapi().store({ type: 'plugin', name: 'reminders', key: 'watermark' });
    await store.set({ value: '2026-12-10T00:55:00.000Z' }); // the app stopped after 08:55
    setNow('2026-12-10T01:07:30Z'); // back at 09:07: 09:00 is 7 minutes late, within 10
    const outcome = await reminders(getStrapi(), 'scheduler').run();
    expect(outcome.minutes).toBe(11);
    expect(outcome.skippedMinutes).toBe(1);
    expect((await sendsOf(user)).map((s) => `${s.slot} ${s.status}`)).toEqual(['09:00 sent']);
    await store.set({ value: '2026-12-10T01:10:00.000Z' }); // stopped again after 09:10
    setNow('2026-12-10T01:40:00Z'); // back at 09:40: 09:20 is 20 minutes late
    expect((await reminders(getStrapi(), 'scheduler').run()).skippedMinutes).toBe(19); // 09:11 to 09:29; 09:30 to 09:40 are looked at
    expect(await sendsOf(user)).toHaveLength(1);
    await store.delete({});
  });
});

describe('sends and WeChat’s answers', () => {
  it('spends one credit per send: accept twice, two sends; the third finds none', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: 'Piano', reminderTimes: ['19:00'] });
    await subscribe(user, [ids.habit]).expect(200);
    await subscribe(user, [ids.habit]).expect(200);
    for (const day of ['2026-12-05', '2026-12-06', '2026-12-07']) await runMinute(`${day}T11:00:00Z`);
    expect((await sendsOf(user)).map((s) => `${s.local_date} ${s.status}`)).toEqual(['2026-12-05 sent', '2026-12-06 sent', '2026-12-07 noCredit']);
    expect(messagesTo(user)).toHaveLength(2);
    expect((await credits(user))[ids.habit]).toBe(0);
  });

  it('zeroes the credits when WeChat answers 43101', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: 'Yoga', reminderTimes: ['18:00'] });
    for (let i = 0; i < 3; i += 1) await subscribe(user, [ids.habit]).expect(200);
    fakeWeChat().refuseSubscription(user.openid, ids.habit);
    await runMinute('2026-12-05T10:00:00Z');
    expect(await sendsOf(user)).toEqual([expect.objectContaining({ status: 'refused', errcode: 43101, attempts: 1 })]);
    expect((await credits(user))[ids.habit]).toBe(0);
  });

  it('cuts a long title to WeChat’s 20 characters before sending, and fails a 47003 without retrying it', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: '每天早上六点起床跑步五公里然后冥想二十分钟', reminderTimes: ['06:00', '06:30'] });
    for (let i = 0; i < 2; i += 1) await subscribe(user, [ids.habit]).expect(200);
    await runMinute('2026-12-04T22:00:00Z');
    const [message] = messagesTo(user) as Array<{ data: Record<string, { value: string }> }>;
    expect(message?.data.thing1?.value).toBe('每天早上六点起床跑步五公里然后冥想二十…');
    fakeWeChat().failNext('subscribe_send', 47003);
    await runMinute('2026-12-04T22:30:00Z');
    await runMinute('2026-12-04T22:31:00Z');
    expect((await sendsOf(user)).map((s) => `${s.slot} ${s.status} ${s.attempts} ${s.errcode ?? ''}`)).toEqual(['06:00 sent 1 ', '06:30 failed 1 47003']);
    expect((await credits(user))[ids.habit]).toBe(1); // WeChat used nothing: the credit is back
  });

  it('retries "system busy" with backoff and sends once it passes; fails after the last attempt', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: 'Tea', reminderTimes: ['15:00'] });
    await subscribe(user, [ids.habit]).expect(200);
    fakeWeChat().failNext('subscribe_send', -1, 2); // the client retries -1 once by itself
    await runMinute('2026-12-05T07:00:00Z');
    expect(await sendsOf(user)).toEqual([expect.objectContaining({ status: 'retry', attempts: 1, errcode: -1 })]);
    setNow('2026-12-05T07:00:20Z'); // before the 30 s backoff: nothing
    expect((await reminders(getStrapi(), 'sender').drain(Date.now() + 5000)).sent).toBe(0);
    setNow('2026-12-05T07:00:31Z');
    expect((await reminders(getStrapi(), 'sender').drain(Date.now() + 5000)).sent).toBe(1);
    expect(await sendsOf(user)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
    expect(messagesTo(user)).toHaveLength(1);

    const other = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(other, { title: 'Tea', reminderTimes: ['16:00'] });
    await subscribe(other, [ids.habit]).expect(200);
    fakeWeChat().failNext('subscribe_send', 45009, 5);
    let at = new Date('2026-12-05T08:00:00Z').getTime();
    await runMinute(new Date(at).toISOString());
    for (let i = 0; i < 6; i += 1) {
      at += 3600_000;
      setNow(new Date(at).toISOString());
      await reminders(getStrapi(), 'sender').drain(Date.now() + 5000);
    }
    expect(await sendsOf(other)).toEqual([expect.objectContaining({ status: 'failed', attempts: 5, errcode: 45009 })]);
    expect((await credits(other))[ids.habit]).toBe(1);
  });

  it('retries a send whose access token could not be fetched (nothing reached WeChat); a send left unanswered is never resent', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: 'Token', reminderTimes: ['17:05', '17:06'] });
    for (let i = 0; i < 2; i += 1) await subscribe(user, [ids.habit]).expect(200);
    fakeWeChat().expireAccessTokens(); // the cached token is refused (40001), and the fresh one never comes
    fakeWeChat().holdNext('stable_token', 1);
    await runMinute('2026-12-05T09:05:00Z');
    expect(await sendsOf(user)).toEqual([expect.objectContaining({ slot: '17:05', status: 'retry', attempts: 1, errcode: null })]);
    expect(messagesTo(user)).toEqual([]);
    setNow('2026-12-05T09:05:31Z');
    expect((await reminders(getStrapi(), 'sender').drain(Date.now() + 10_000)).sent).toBe(1);
    expect(messagesTo(user)).toHaveLength(1);

    fakeWeChat().holdNext('subscribe_send', 1); // WeChat may have sent this one: it is not sent again
    await runMinute('2026-12-05T09:06:00Z');
    setNow('2026-12-05T10:06:00Z');
    await reminders(getStrapi(), 'sender').drain(Date.now() + 10_000);
    expect((await sendsOf(user)).map((s) => `${s.slot} ${s.status} ${s.attempts}`)).toEqual(['17:05 sent 2', '17:06 interrupted 1']);
    expect(messagesTo(user)).toHaveLength(1);
    expect((await credits(user))[ids.habit]).toBe(0); // both spent: one delivered, one perhaps delivered
  });

  it('sends one message for one reminder when the minute runs twice at once', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: 'Once', reminderTimes: ['11:11'] });
    for (let i = 0; i < 3; i += 1) await subscribe(user, [ids.habit]).expect(200);
    setNow('2026-12-05T03:11:00Z');
    const scheduler = reminders(getStrapi(), 'scheduler');
    const sender = reminders(getStrapi(), 'sender');
    await Promise.all([1, 2, 3].map(async () => {
      await scheduler.enqueueMinute(new Date('2026-12-05T03:11:00Z'));
      await sender.drain(Date.now() + 5000);
    }));
    expect(messagesTo(user)).toHaveLength(1);
    expect(await sendsOf(user)).toHaveLength(1);
    expect((await credits(user))[ids.habit]).toBe(2);
  });

  it('marks a send left mid-way by a stopped instance as interrupted and never sends it again', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: 'Crash', reminderTimes: ['12:12'] });
    await subscribe(user, [ids.habit]).expect(200);
    setNow('2026-12-05T04:12:00Z');
    await reminders(getStrapi(), 'scheduler').enqueueMinute(new Date('2026-12-05T04:12:00Z'));
    // What an instance killed after its claim leaves: the row claimed, the message never answered.
    await knex()('reminder_sends').where({ user_id: user.id }).update({ state: 'sending', attempts: 1, claimed_at: new Date('2026-12-05T04:12:01Z') });
    setNow('2026-12-05T04:20:00Z');
    expect(await reminders(getStrapi(), 'sender').sweep()).toBeGreaterThanOrEqual(1);
    await reminders(getStrapi(), 'sender').drain(Date.now() + 5000);
    expect(await sendsOf(user)).toEqual([expect.objectContaining({ status: 'interrupted', attempts: 1 })]);
    expect(messagesTo(user)).toEqual([]);
  });
});

describe('the send log', () => {
  it('forgets unsent rows after 8 days and the rest after 90, never a row still to send', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: 'Old', reminderTimes: ['05:05', '05:15', '05:25'] });
    await subscribe(user, [ids.habit]).expect(200);
    await runMinute('2026-06-01T21:05:00Z'); // sent
    await runMinute('2026-06-01T21:15:00Z'); // noCredit
    fakeWeChat().failNext('subscribe_send', 45009, 2);
    await subscribe(user, [ids.habit]).expect(200);
    await runMinute('2026-06-01T21:25:00Z'); // retry, still to send
    const statuses = async () => (await sendsOf(user)).map((s) => s.status);
    expect(await statuses()).toEqual(['sent', 'noCredit', 'retry']);
    await reminders(getStrapi(), 'sender').prune(new Date('2026-06-09T00:00:00Z'));
    expect(await statuses()).toEqual(['sent', 'noCredit', 'retry']);
    await reminders(getStrapi(), 'sender').prune(new Date('2026-06-11T00:00:00Z'));
    expect(await statuses()).toEqual(['sent', 'retry']);
    await reminders(getStrapi(), 'sender').prune(new Date('2026-09-01T00:00:00Z'));
    expect(await statuses()).toEqual(['retry']);
  });
});

describe('the editors’ admin', () => {
  afterAll(async () => {
    await removeAdmins();
  });

  it('counts each template’s sends of the last 7 days by status, and refuses admins without the permission', async () => {
    const admin = await superAdmin();
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await newHabit(user, { title: 'Count', reminderTimes: ['10:10', '10:20'] });
    await subscribe(user, [ids.habit]).expect(200);
    setNow('2026-12-05T02:30:00Z');
    const before = (await http().get('/reminders/stats').set(admin.auth).expect(200)).body.data;
    const row = (stats: { templates: Array<{ templateId: string; counts: Record<string, number> }> }) => stats.templates.find((t) => t.templateId === ids.habit)!.counts;
    await runMinute('2026-12-05T02:10:00Z');
    await runMinute('2026-12-05T02:20:00Z');
    setNow('2026-12-05T02:30:00Z');
    const after = (await http().get('/reminders/stats').set(admin.auth).expect(200)).body.data;
    expect(row(after).sent - row(before).sent).toBe(1);
    expect(row(after).noCredit - row(before).noCredit).toBe(1);
    const author = await adminWith(await adminRoleId('strapi-author'), 'Author');
    await http().get('/reminders/stats').set(author.auth).expect(403);
    await http().post('/reminders/test-send').set(author.auth).send({ template: 'x' }).expect(403);
  });

  it('sends a test message to the editor’s bound app user, once a minute, and says when nobody is bound', async () => {
    const admin = await superAdmin();
    const template = await knex()('reminder_templates').where({ template_id: ids.habit }).first('document_id');
    const unbound = await http().post('/reminders/test-send').set(admin.auth).send({ template: template.document_id }).expect(400);
    expect(unbound.body.error.details).toMatchObject({ reason: 'not_bound' });
    await http().put('/reminders/binding').set(admin.auth).send({ userId: 999_999_999 }).expect(400);
    const me = await createUser({ nickname: '编辑小王' });
    expect((await http().put('/reminders/binding').set(admin.auth).send({ userId: me.id }).expect(200)).body.data).toEqual({ userId: me.id, nickname: '编辑小王' });
    await subscribe(me, [ids.habit]).expect(200);
    const sent = (await http().post('/reminders/test-send').set(admin.auth).send({ template: template.document_id }).expect(200)).body.data;
    expect(sent).toMatchObject({ status: 'sent', userId: me.id });
    expect(messagesTo(me)).toEqual([expect.objectContaining({ template_id: ids.habit, data: expect.objectContaining({ thing1: { value: '示例习惯' } }) })]);
    expect((await http().post('/reminders/test-send').set(admin.auth).send({ template: template.document_id }).expect(200)).body.data.status).toBe('duplicate');
    await http().post('/reminders/test-send').set(admin.auth).send({ template: 'nope' }).expect(400);
    await http().post('/reminders/test-send').set(admin.auth).send({}).expect(400);
  });

  it('sends the test message even without a counted credit (WeChat decides), and spends or gives back nothing', async () => {
    const admin = await superAdmin();
    const template = await knex()('reminder_templates').where({ template_id: ids.habit }).first('document_id');
    const me = await createUser({ nickname: '编辑小李' });
    await http().put('/reminders/binding').set(admin.auth).send({ userId: me.id }).expect(200);
    expect((await http().post('/reminders/test-send').set(admin.auth).send({ template: template.document_id }).expect(200)).body.data.status).toBe('sent');
    expect(messagesTo(me)).toHaveLength(1);
    expect((await credits(me))[ids.habit]).toBe(0);
  });

  it('refuses a template whose field mapping WeChat could not take', async () => {
    const admin = await superAdmin();
    const cm = contentManager(admin, 'plugin::reminders.template');
    const bad = await cm.create({ title: 'Bad', templateId: `bad-${RUN}`, kind: 'orderShipped', longTerm: false, active: false, fields: { title: '{habit}' } }).expect(400);
    expect(bad.body.error.message).toMatch(/title is not a WeChat data key/);
    await cm.create({ title: 'Good', templateId: `good-${RUN}`, kind: 'orderShipped', longTerm: false, active: false, fields: { thing1: '{title}' } }).expect(201);
  });
});

describe('messages an event causes', () => {
  it('tells a buyer their order shipped once, however often the event comes', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    await subscribe(user, [ids.shipped]).expect(200);
    await subscribe(user, [ids.shipped]).expect(200);
    const shipped = { userId: user.id, orderNo: `2026${RUN}`, title: '运动水杯', carrier: '顺丰', trackingNumber: 'SF123' };
    await getStrapi().eventHub.emit(ORDER_SHIPPED_EVENT, shipped);
    await getStrapi().eventHub.emit(ORDER_SHIPPED_EVENT, shipped);
    expect(messagesTo(user)).toEqual([expect.objectContaining({ template_id: ids.shipped, data: { character_string1: { value: shipped.orderNo } } })]);
    expect((await credits(user))[ids.shipped]).toBe(1);
  });
});

describe('milestones and challenge endings', () => {
  it('tells a user at the check-in that reached a streak milestone (a streak bonus: 7 days), once', async () => {
    const user = await createUser({ timezone: 'Asia/Shanghai' });
    const habit = await newHabit(user, { title: '晨读', startDate: '2026-11-01' });
    await subscribe(user, [ids.milestone]).expect(200);
    await subscribe(user, [ids.milestone]).expect(200);
    for (let day = 1; day <= 6; day += 1) {
      setNow(`2026-11-0${day}T01:00:00Z`);
      await checkIn(user, habit).expect(201);
    }
    setNow('2026-11-07T01:00:00Z');
    await checkIn(user, habit).expect(201);
    await waitFor('the milestone message', () => messagesTo(user).length >= 1);
    setNow('2026-11-08T01:00:00Z');
    await checkIn(user, habit).expect(201);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(messagesTo(user)).toEqual([expect.objectContaining({ template_id: ids.milestone, data: { thing1: { value: '「晨读」连续打卡 7 天' } } })]);
    expect((await sendsOf(user)).map((s) => `${s.kind} ${s.slot} ${s.status}`)).toEqual(['milestoneReached streak-7 sent']);
    expect((await credits(user))[ids.milestone]).toBe(1);
  });

  it('tells a quitter each health milestone at the minute it is reached, after their quiet hours, and nobody who turned reminders off', async () => {
    const quitter = await createUser({ timezone: 'Asia/Shanghai' });
    const off = await createUser({ timezone: 'Asia/Shanghai' });
    setNow('2026-12-01T00:10:00Z');
    for (const user of [quitter, off]) {
      const profile = { cigarettesPerDay: 20, pricePerPack: 25, cigarettesPerPack: 20, reasons: ['健康'], quitAt: '2026-12-01T08:00' }; // 00:00Z
      await http().put('/api/quit/profile').set(user.auth).send(profile).expect(200);
      await subscribe(user, [ids.milestone]).expect(200);
      await subscribe(user, [ids.milestone]).expect(200);
    }
    await http().put('/api/reminders/settings').set(quitter.auth).send({ quietStart: '19:00', quietEnd: '21:00' }).expect(200);
    await http().put('/api/reminders/settings').set(off.auth).send({ enabled: false }).expect(200);

    await runMinute('2026-12-01T00:19:00Z');
    expect(messagesTo(quitter)).toEqual([]);
    expect((await runMinute('2026-12-01T00:20:00Z')).milestones).toBeGreaterThanOrEqual(1); // 20 minutes: heart rate
    expect(messagesTo(quitter)).toEqual([expect.objectContaining({ template_id: ids.milestone, data: { thing1: { value: '心率和血压下降至正常水平' } } })]);
    await runMinute('2026-12-01T00:20:00Z'); // the minute again: nothing new
    expect(await sendsOf(quitter)).toHaveLength(1);

    await runMinute('2026-12-01T12:00:00Z'); // 12 hours: 20:00 in Shanghai, inside 19:00-21:00
    expect(messagesTo(quitter)).toHaveLength(1);
    await drainAt('2026-12-01T12:59:00Z');
    expect(messagesTo(quitter)).toHaveLength(1);
    await drainAt('2026-12-01T13:00:00Z'); // 21:00: the quiet hours are over
    expect(messagesTo(quitter).map((m) => (m.data as { thing1: { value: string } }).thing1.value)).toEqual(['心率和血压下降至正常水平', '血液中一氧化碳浓度恢复正常']);
    expect((await sendsOf(quitter)).map((s) => `${s.reason} ${s.status}`)).toEqual(['quit:heartRate sent', 'quit:carbonMonoxide sent']);
    expect(messagesTo(off)).toEqual([]);
    expect(await sendsOf(off)).toEqual([]);
  });

  it('holds a milestone in quiet hours until they end by the local clock, on the night the clocks go back too', async () => {
    const quitter = await createUser({ timezone: 'America/New_York' });
    setNow('2026-10-31T16:40:00Z');
    const profile = { cigarettesPerDay: 10, pricePerPack: 8, cigarettesPerPack: 20, reasons: ['health'], quitAt: '2026-10-31T12:30' }; // 16:30Z (EDT)
    await http().put('/api/quit/profile').set(quitter.auth).send(profile).expect(200);
    await subscribe(quitter, [ids.milestone]).expect(200);
    await http().put('/api/reminders/settings').set(quitter.auth).send({ quietStart: '22:00', quietEnd: '08:00' }).expect(200);

    // 12 hours: 00:30 EDT on 1 November; at 02:00 the clocks go back to 01:00 EST, so 08:00 is 13:00Z, 8 h 30 min later.
    expect((await runMinute('2026-11-01T04:30:00Z')).milestones).toBeGreaterThanOrEqual(1);
    const row = await knex()('reminder_sends').where({ user_id: quitter.id, reason: 'quit:carbonMonoxide' }).first('state', 'next_attempt_at');
    expect(row.state).toBe('queued');
    expect(new Date(row.next_attempt_at).toISOString()).toBe('2026-11-01T13:00:00.000Z');
    await drainAt('2026-11-01T12:00:00Z'); // 07:00 EST: seven and a half wall-clock hours later, still quiet
    expect(messagesTo(quitter)).toEqual([]);
    await drainAt('2026-11-01T13:00:00Z'); // 08:00 EST
    expect(messagesTo(quitter).map((m) => (m.data as { thing1: { value: string } }).thing1.value)).toEqual(['血液中一氧化碳浓度恢复正常']);
  });

  it('tells each participant still in a challenge at 20:00 of its last day, in its timezone, and not those who left', async () => {
    const template = await createTemplate();
    setNow('2026-12-01T01:00:00Z');
    const challenge = await createChallenge({ habitTemplate: template.id, timezone: 'America/New_York', startDate: '2026-12-01', endDate: '2026-12-10', targetDays: 5 });
    const [stays, leaves, quiet] = await Promise.all([createUser(), createUser(), createUser()]);
    for (const user of [stays, leaves, quiet]) {
      await join(user, challenge).expect(200);
      await subscribe(user, [ids.ending]).expect(200);
    }
    await leave(leaves, challenge).expect(200);
    await http().put('/api/reminders/settings').set(quiet.auth).send({ quietStart: '08:00', quietEnd: '10:00' }).expect(200); // Shanghai time

    await runMinute('2026-12-11T00:59:00Z'); // 19:59 in New York
    expect(messagesTo(stays)).toEqual([]);
    expect((await runMinute('2026-12-11T01:00:00Z')).challengeEndings).toBeGreaterThanOrEqual(2); // 20:00 in New York on the 10th; 09:00 on the 11th in Shanghai
    expect(messagesTo(stays)).toEqual([
      expect.objectContaining({ template_id: ids.ending, data: { thing1: { value: challenge.title }, number2: { value: '0' } }, page: `pages/challenge/index?documentId=${challenge.documentId}` }),
    ]);
    expect(messagesTo(leaves)).toEqual([]);
    expect(messagesTo(quiet)).toEqual([]);
    expect((await sendsOf(quiet)).map((s) => `${s.kind} ${s.status}`)).toEqual(['challengeEnding quiet']);
    await runMinute('2026-12-11T01:00:00Z');
    for (const user of [stays, quiet]) expect(await sendsOf(user)).toHaveLength(1);
    expect(messagesTo(stays)).toHaveLength(1);
  });
});

// Several instances share one database only on PostgreSQL, and one lock only through Redis.
if (usingRedis() && usingPostgres()) {
  describe('several instances', () => {
    const instances: SecondInstance[] = [];
    const childEnv = (extra: Record<string, string> = {}) => ({
      REMINDERS_SCHEDULER: 'true',
      REMINDERS_CRON: '* * * * * *', // every second, so the test does not wait for minutes
      REMINDERS_LOCK_SECONDS: '3',
      REMINDERS_DRAIN_MS: '2000',
      // WeChat's answer may take seconds while two CI workers and two or three app instances share two cores; an
      // unanswered send is rightly `interrupted`, which these tests must not mistake for a lost message.
      WECHAT_TIMEOUT_MS: '8000',
      ...extra,
    });
    afterEach(async () => {
      await Promise.all(instances.splice(0).map((instance) => instance.stop()));
    });
    const eventually = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    /** Users with a reminder two minutes ago in Shanghai and the job's watermark five minutes ago: due at once, on real time. */
    const dueUsers = async (count: number, creditsEach: number) => {
      const now = new Date();
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(now.getTime() - 120_000));
      const users: TestUser[] = [];
      for (let i = 0; i < count; i += 1) {
        const user = await createUser({ timezone: 'Asia/Shanghai' });
        await newHabit(user, { title: `Real time ${i}`, reminderTimes: [local] });
        for (let c = 0; c < creditsEach; c += 1) await subscribe(user, [ids.habit]).expect(200);
        users.push(user);
      }
      // Only these users are due and nothing else waits to be sent: the earlier tests' habits keep their slots (a
      // 07:00 reminder is due for real at 23:00 UTC) and some of their rows are still queued or retrying; an instance
      // sending one of those first would take the held answer meant for these users. WeChat's double starts afresh too
      // (no hold or failure left queued by an earlier test).
      const mine = users.map((u) => u.id);
      await knex()('reminder_slots').whereNotIn('user_ref', mine).del();
      await knex()('reminder_sends').whereIn('state', ['queued', 'retry', 'sending']).whereNotIn('user_id', mine).update({ state: 'failed', error: 'cleared by the test' });
      fakeWeChat().reset();
      await getStrapi().store({ type: 'plugin', name: 'reminders', key: 'watermark' }).set({ value: new Date(now.getTime() - 300_000).toISOString() });
      return users;
    };

    it('sends each reminder once with two instances running the job every second and a third run without the lock', async () => {
      const users = await dueUsers(12, 2);
      // Booted together, as a deploy of two replicas would; one that boots is stopped by afterEach even if the other fails.
      const booted = await Promise.allSettled([startSecondInstance({ env: childEnv() }), startSecondInstance({ env: childEnv() })]);
      for (const result of booted) if (result.status === 'fulfilled') instances.push(result.value);
      for (const result of booted) if (result.status === 'rejected') throw result.reason;
      // This process runs the minute too, bypassing the lock: only the send log's key and the claims stand in the way.
      await Promise.all([1, 2, 3].map(() => reminders(getStrapi(), 'scheduler').run(new Date())));
      await eventually('every user has their message', async () => users.every((user) => messagesTo(user).length >= 1));
      await new Promise((resolve) => setTimeout(resolve, 3000)); // more runs of both instances
      for (const user of users) {
        expect(messagesTo(user)).toHaveLength(1);
        expect((await sendsOf(user)).map((s) => s.status)).toEqual(['sent']);
        expect((await credits(user))[ids.habit]).toBe(1);
      }
    }, 120_000);

    it('after a kill -9 between the log write and WeChat’s answer, a restarted instance marks the send and never repeats it', async () => {
      const [victim, ...others] = await dueUsers(4, 1);
      fakeWeChat().holdNext('subscribe_send', 1); // the first send is never answered: it is in flight when the instance dies
      const first = await startSecondInstance({ env: childEnv({ WECHAT_TIMEOUT_MS: '60000', REMINDERS_STALE_SENDING_SECONDS: '300', REMINDERS_SEND_CONCURRENCY: '1' }) });
      instances.push(first);
      let stuck: { id: number; user_id: number } | undefined;
      // In flight means WeChat holds the request, not only that the row says `sending`: the row is claimed before the
      // token is read and the request made, and a kill in between left the hold armed for the restarted instance's
      // first send (one of the others, then rightly `interrupted`; this failed once in CI that way).
      await eventually('a send is in flight', async () => {
        stuck = await knex()('reminder_sends').where({ state: 'sending' }).whereIn('user_id', [victim, ...others].map((u) => u.id)).first('id', 'user_id');
        return Boolean(stuck) && fakeWeChat().heldNow('subscribe_send') === 1;
      });
      process.kill(first.pid, 'SIGKILL');
      await first.stop();
      instances.splice(0);
      // The sweep waits out any send still under way: 5 x WeChat's 8 s (checked at boot).
      const restarted = await startSecondInstance({ env: childEnv({ REMINDERS_STALE_SENDING_SECONDS: '40' }) });
      instances.push(restarted);
      await eventually('the stuck send is marked', async () => (await knex()('reminder_sends').where({ id: stuck!.id }).first('state'))?.state === 'interrupted', 90_000);
      const everyone = [victim!, ...others];
      let statuses: string[] = [];
      await eventually('the others are sent', async () => {
        statuses = await knex()('reminder_sends').whereIn('user_id', everyone.map((u) => u.id)).pluck('state');
        return statuses.length === 4 && statuses.every((s: string) => s === 'sent' || s === 'interrupted');
      }).catch((error: Error) => {
        throw new Error(`${error.message}; statuses ${statuses.join(', ')}\n${restarted.output()}`);
      });
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const stuckUser = everyone.find((u) => u.id === Number(stuck!.user_id))!;
      expect(messagesTo(stuckUser)).toEqual([]);
      expect(await sendsOf(stuckUser)).toEqual([expect.objectContaining({ status: 'interrupted', attempts: 1 })]);
      for (const user of everyone.filter((u) => u !== stuckUser)) {
        if (messagesTo(user).length !== 1) {
          // Everything needed to tell where the message went.
          const rows = await knex()('reminder_sends').whereIn('user_id', everyone.map((u) => u.id)).select('id', 'user_id', 'state', 'attempts', 'msgid', 'sent_at', 'claimed_at', 'error');
          const seen = fakeWeChat().sentMessages.map((m) => m.touser);
          throw new Error(`user ${user.id} (${user.openid}) has ${messagesTo(user).length} messages; rows ${JSON.stringify(rows)}; the fake saw ${seen.length} sends to ${JSON.stringify(seen)}; stats ${JSON.stringify(fakeWeChat().stats)}\n${restarted.output()}`);
        }
      }
    }, 240_000);
  });
}
