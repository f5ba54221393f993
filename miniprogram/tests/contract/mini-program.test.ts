/**
 * @jest-environment node
 */
import type { AddressInfo } from 'node:net';
import { createApi, type Api } from '../../api/index';
import { ApiClient } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { BoardPage, BoardPlace, CheckInAnswer, ErrorBody } from '../../api/paths';
import { QUEUE_STORAGE_KEY, type QueuedCheckIn } from '../../api/offline-queue';
import { registerSecret } from '../../../tests/helpers/audit';
import { getStrapi } from '../../../tests/helpers/strapi';
import { identityOf, registerIssuedSecrets, setupWeChat, teardownWeChat, WECHAT_APP_ID } from '../../../tests/helpers/wechat';
import { fakeIdentityFor } from '../../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { getService } from '../../../src/plugins/gamification/server/src/utils/get-service';
import { createBody, formFromTemplate } from '../../logic/habit-form';
import { passedTaps } from '../../logic/today';
import { installWx, settle, type WxDouble } from '../helpers/wx-double';
import { fetchBridge, shapeChecker, type Exchange } from './shape-check';

/**
 * The contract test: the mini-program's real API layer (api/, platform/wx.ts) with wx.request bridged to
 * Node's fetch, against the real backend booted on SQLite with the fake WeChat. Every request and every
 * answer is held to the API document the mini-program's types are generated from, so a drift on either
 * side fails here. Every answer also goes through the suite's private-field and secret audit.
 */

let wxDouble: WxDouble;
let api: Api;
let baseUrl: string;
const exchanges: Exchange[] = [];
const problems: string[] = [];
let check: ReturnType<typeof shapeChecker>;

/** wx.request -> fetch, each exchange recorded for the shape check and the audit. */
const bridge = fetchBridge({ exchanges, problems, check: () => check }).send;

/** Wait (real time: the server is real) until `done()` holds, at most `ms`. */
const waitUntil = async (done: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  await settle();
};

const person = identityOf('contract');
const queued = (): QueuedCheckIn[] => {
  const raw = wxDouble.storage.get(QUEUE_STORAGE_KEY);
  return raw ? (JSON.parse(raw) as { entries: QueuedCheckIn[] }).entries : [];
};

let templateId: string;
let prizeId: string;
/** The phone's clock: the real one, unless a test sets it (with the server's, `serverClock().setNow`). */
let phoneNow: Date | null = null;
const serverClock = () => getService(getStrapi(), 'clock');

beforeAll(async () => {
  check = shapeChecker();
  await setupWeChat();
  const strapi = getStrapi();
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  const template = (await strapi.documents('api::habit-template.habit-template').create({
    data: { title: '早起', category: 'health', kind: 'build', frequencyType: 'daily', reminderTimes: ['06:30'], active: true },
  } as never)) as { documentId: string };
  templateId = template.documentId;
  const prize = (await strapi.documents('api::prize.prize').create({ data: { name: '5 积分', kind: 'points', amount: 5, weight: 1, stock: -1, active: true } } as never)) as {
    documentId: string;
  };
  prizeId = prize.documentId;
  // The audit: nothing WeChat knows about this person may reach the app.
  const identity = fakeIdentityFor(WECHAT_APP_ID, `${person}.x`);
  registerSecret(identity.openid);
  if (identity.unionid) registerSecret(identity.unionid);

  wxDouble = installWx(bridge);
  api = createApi(new ApiClient({ baseUrl, platform: wxDouble.platform({ now: () => phoneNow ?? new Date() }), devSignInAs: person }));
});

afterAll(async () => {
  serverClock().setNow(null);
  api?.offlineQueue.stop();
  if (prizeId) await getStrapi().documents('api::prize.prize').delete({ documentId: prizeId } as never);
  await teardownWeChat();
});

afterEach(() => {
  // Each test answers for the exchanges it made.
  expect(problems.splice(0)).toEqual([]);
});

describe('the mini-program against the real backend', () => {
  let early: string;
  let habitB: string;
  let habitC: string;

  it('signs in through the fake WeChat and reads its account', async () => {
    const user = await api.account.signIn();
    registerIssuedSecrets();
    registerSecret(String(api.session.refreshToken), { fromNow: true });
    expect(user).toMatchObject({ membershipTier: 'free', makeupCards: expect.any(Number) });
    const me = await api.account.me();
    expect(me.data.id).toBe(user.id);
  });

  it('creates a habit from a template and checks it in', async () => {
    const templates = await api.habitTemplates.list();
    const template = templates.data.find((t) => t.documentId === templateId);
    expect(template).toBeDefined();
    // What the habit-edit page sends for a template taken as it is.
    early = (await api.habits.create(createBody(formFromTemplate(template!)))).data.documentId;
    const habit = await api.habits.get(early);
    expect(habit.data).toMatchObject({ title: '早起', frequencyType: 'daily', reminderTimes: ['06:30'], reminderEnabled: true });

    const outcome = await api.offlineQueue.checkIn({ documentId: early, title: '早起' });
    expect(outcome.kind).toBe('done');
    const answer = (outcome as { answer: CheckInAnswer }).answer;
    expect(answer.data.habit.documentId).toBe(early);
    expect(answer.meta.points.awarded).toBe(10);

    // A second tap the same day is "already done".
    const again = await api.offlineQueue.checkIn({ documentId: early });
    expect(again).toMatchObject({ kind: 'alreadyDone', checkIn: { habit: { documentId: early } } });
  });

  it('queues two check-ins on two habits while offline and stores each exactly once when the network comes back', async () => {
    habitB = (await api.habits.create({ title: '读书', frequencyType: 'timesPerWeek', timesPerWeek: 3 })).data.documentId;
    habitC = (await api.habits.create({ title: '跑步', frequencyType: 'weekdays', weekdays: [1, 2, 3, 4, 5, 6, 7] })).data.documentId;
    api.offlineQueue.start();

    wxDouble.setOnline(false);
    const sentBefore = exchanges.length;
    expect((await api.offlineQueue.checkIn({ documentId: habitB, title: '读书' })).kind).toBe('queued');
    expect((await api.offlineQueue.checkIn({ documentId: habitC, title: '跑步' })).kind).toBe('queued');
    expect(exchanges.length).toBe(sentBefore);
    const entries = queued();
    expect(entries.map((e) => e.habit)).toEqual([habitB, habitC]);
    expect(entries.every((e) => e.localDate === api.offlineQueue.today())).toBe(true);

    wxDouble.setOnline(true);
    await waitUntil(() => queued().length === 0);
    expect(queued()).toEqual([]);
    const replays = exchanges.slice(sentBefore).filter((e) => e.path === '/api/check-ins' && e.method === 'POST');
    expect(replays.map((e) => [(e.requestBody as { data: { habit: string } }).data.habit, e.status])).toEqual([
      [habitB, 201],
      [habitC, 201],
    ]);

    // Sent again with the same key (a lost answer), the server replays the first answer and stores nothing more.
    const first = replays[0].responseBody as CheckInAnswer;
    const replay = await api.checkIns.create({ habit: habitB, idempotencyKey: entries[0].key, localDate: entries[0].localDate });
    expect(replay).toEqual(first);

    const today = await api.checkIns.today();
    const checked = today.meta.habits.filter((h) => h.checkedIn).map((h) => h.documentId);
    expect(checked.sort()).toEqual([early, habitB, habitC].sort());
    for (const habit of [habitB, habitC]) {
      const list = await api.checkIns.list({ habit });
      expect(list.meta.pagination.total).toBe(1);
    }
    const stats = await api.habits.stats(habitC);
    expect(stats.data.totalCheckIns).toBe(1);
  });

  it('draws in the lottery with the points it earned', async () => {
    const prizes = await api.lottery.prizes();
    expect(prizes.meta.cost).toBeGreaterThan(0);
    const balance = await api.points.balance();
    expect(balance.data.balance).toBe(30);
    const draw = await api.lottery.draw('draw:contract:0001');
    expect(draw.data.cost).toBe(prizes.meta.cost);
    const records = await api.lottery.records();
    expect(records.data[0].documentId).toBe(draw.data.documentId);
    const ledger = await api.points.records();
    expect(ledger.meta.pagination.total).toBeGreaterThanOrEqual(4);
  });

  it('reads a leaderboard and its own place, and gets the membership upsell for the national board', async () => {
    await api.account.update({ province: '广东省', city: '深圳市', district: '南山区' });
    let place: BoardPlace | null = null;
    for (let i = 0; i < 40; i += 1) {
      place = await api.leaderboards.me('total-days', { scope: 'province' });
      if (place.data.rank !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(place?.data).toMatchObject({ rank: expect.any(Number), score: 1 });
    const board: BoardPage = await api.leaderboards.page('total-days', { scope: 'province', limit: 10 });
    expect(board.meta.board).toMatchObject({ metric: 'total-days', scope: 'province', region: '广东省' });
    expect(board.data.some((entry) => entry.isMe)).toBe(true);

    const upsell = (await api.leaderboards.page('total-days').catch((e: unknown) => e)) as ApiError;
    expect(upsell).toBeInstanceOf(ApiError);
    expect(upsell.status).toBe(403);
    const details = upsell.details as NonNullable<ErrorBody<'/api/leaderboards/{metric}', 'get', 403>>['error']['details'];
    expect(details).toMatchObject({ reason: 'membership_required', current: 'free' });
  });

  it('exports the account', async () => {
    const exported = await api.account.export();
    expect(exported.data.profile.id).toBe(api.session.user?.id);
    const records = exported.data.records as Record<string, Array<{ documentId?: string }>>;
    expect(records.habits.map((h) => h.documentId).sort()).toEqual([early, habitB, habitC].sort());
    expect(records['check-ins']).toHaveLength(3);
  });

  it('never fakes a day that passed offline: the server refuses it (day_passed), and a makeup is spent only when asked', async () => {
    // 23:30 on 10 March 2031 in Shanghai, on the phone and on the server.
    const setClocks = (instant: string) => {
      phoneNow = new Date(instant);
      serverClock().setNow(instant);
    };
    setClocks('2031-03-10T15:30:00Z');
    const habitD = (await api.habits.create({ title: '冥想', startDate: '2031-03-01' })).data.documentId;
    wxDouble.setOnline(false);
    expect((await api.offlineQueue.checkIn({ documentId: habitD, title: '冥想' })).kind).toBe('queued');

    // The network comes back at 00:30 on the 11th: the tap was for the 10th.
    setClocks('2031-03-10T16:30:00Z');
    const sentBefore = exchanges.length;
    wxDouble.setOnline(true);
    await waitUntil(() => api.offlineQueue.pending().length === 0);
    const [entry] = api.offlineQueue.needingMakeup();
    expect(entry).toMatchObject({ habit: habitD, localDate: '2031-03-10', dayPassed: { reason: 'day_passed', makeup: { possible: true } } });
    expect(exchanges.slice(sentBefore).map((e) => [e.method, e.path, e.status])).toEqual([['POST', '/api/check-ins', 409]]);
    expect((await api.checkIns.list({ habit: habitD })).meta.pagination.total).toBe(0);
    // 今日 reads the server's outlook from the 409: a card can still mend it.
    expect(passedTaps(api.offlineQueue.needingMakeup())).toMatchObject([{ key: entry.key, canMakeUp: true }]);

    const madeUp = await api.offlineQueue.makeUp(entry.key);
    expect(madeUp?.data).toMatchObject({ localDate: '2031-03-10', isMakeup: true, madeUpOn: '2031-03-11' });
    expect(api.offlineQueue.entries()).toEqual([]);
    const stored = await api.checkIns.list({ habit: habitD });
    expect(stored.data.map((c) => [c.localDate, c.isMakeup])).toEqual([['2031-03-10', true]]);
    phoneNow = null;
    serverClock().setNow(null);
  });

  it('went through the API layer for every step (each exchange checked against the document above)', () => {
    expect(exchanges.length).toBeGreaterThan(20);
    expect(new Set(exchanges.map((e) => `${e.method} ${e.path.replace(/\/[a-z0-9]{20,}(?=\/|$)/g, '/{id}')}`))).toEqual(
      new Set([
        'POST /api/wechat/login', 'GET /api/me', 'GET /api/habit-templates', 'POST /api/habits', 'GET /api/habits/{id}', 'POST /api/check-ins',
        'GET /api/check-ins/today', 'GET /api/check-ins', 'GET /api/habits/{id}/stats', 'GET /api/lottery/prizes', 'GET /api/points/balance',
        'POST /api/lottery/draw', 'GET /api/lottery/records', 'GET /api/points/records', 'PUT /api/me', 'GET /api/leaderboards/total-days/me',
        'GET /api/leaderboards/total-days', 'GET /api/me/export', 'POST /api/check-ins/makeup',
      ]),
    );
  });
});
