import { createApi, type Api } from '../../api/index';
import { ApiClient } from '../../api/client';
import { QUEUE_STORAGE_KEY, type QueuedCheckIn } from '../../api/offline-queue';
import { FakeServer } from '../helpers/fake-server';
import { envelope, installWx, settle, type WxDouble } from '../helpers/wx-double';

/** Offline check-ins: stored before the first send, shown as done, replayed in tap order, never doubled. */

const RUN = 'habitaaaaaa1';
const READ = 'habitbbbbbb2';
const SLEEP = 'habitcccccc3';

let server: FakeServer;
let wxDouble: WxDouble;
let api: Api;
/** The device's clock: 2026-12-04 10:00 in Shanghai unless a test moves it. */
let now: Date;

const launch = () => {
  const platform = wxDouble.platform({ now: () => now });
  api = createApi(new ApiClient({ baseUrl: 'http://api.test', platform }));
  api.offlineQueue.start();
};

/** What is in wx storage, as the next app start would read it. */
const stored = (): QueuedCheckIn[] => {
  const raw = wxDouble.storage.get(QUEUE_STORAGE_KEY);
  return raw ? (JSON.parse(raw) as { entries: QueuedCheckIn[] }).entries : [];
};
const checkInCalls = () => wxDouble.calls.filter((call) => call.path === '/api/check-ins');
const keysSent = () => checkInCalls().map((call) => (call.body as { data: { idempotencyKey: string } }).data.idempotencyKey);

beforeEach(async () => {
  now = new Date('2026-12-04T02:00:00Z');
  server = new FakeServer();
  wxDouble = installWx(server.handle);
  launch();
  await api.account.signIn();
  wxDouble.calls.length = 0;
});

describe('a check-in without network', () => {
  beforeEach(() => wxDouble.setOnline(false));

  it('is stored with its idempotency key and local date before anything is sent, and shown as done', async () => {
    let storedBeforeSend: QueuedCheckIn[] | null = null;
    const outcome = await api.offlineQueue.checkIn({ documentId: RUN, title: '跑步' });
    expect(outcome.kind).toBe('queued');
    const [entry] = stored();
    expect(entry).toMatchObject({ habit: RUN, habitTitle: '跑步', localDate: '2026-12-04', state: 'pending', userId: 7 });
    expect(entry.key).toMatch(/^[A-Za-z0-9_.:-]{8,64}$/);
    expect(api.offlineQueue.pendingHabitsOn('2026-12-04')).toEqual(new Set([RUN]));

    // Online, the entry is in storage by the time wx.request is called.
    wxDouble.setOnline(true);
    server.override = (call) => {
      if (call.path === '/api/check-ins') storedBeforeSend = stored();
      return undefined;
    };
    await api.offlineQueue.checkIn({ documentId: READ, title: '阅读' });
    expect(storedBeforeSend).not.toBeNull();
    expect((storedBeforeSend as unknown as QueuedCheckIn[]).map((e) => e.habit)).toContain(READ);
  });

  it('uses the local day of the user, not of the device: 01:30 in Shanghai with a day that starts at 04:00 is still yesterday', async () => {
    api.session.setUser({ ...server.user(), timezone: 'Asia/Shanghai', dayStartHour: 4 });
    now = new Date('2026-12-04T17:30:00Z'); // 01:30 on 5 December in Shanghai
    await api.offlineQueue.checkIn({ documentId: RUN });
    expect(stored()[0].localDate).toBe('2026-12-04');
  });

  it('reuses the waiting entry (and its key) when the same habit is tapped again', async () => {
    await api.offlineQueue.checkIn({ documentId: RUN });
    await api.offlineQueue.checkIn({ documentId: RUN });
    expect(stored()).toHaveLength(1);
  });

  it('can be taken back before it is sent', async () => {
    await api.offlineQueue.checkIn({ documentId: RUN });
    expect(api.offlineQueue.cancel(stored()[0].key)).toBe(true);
    expect(stored()).toEqual([]);
  });
});

describe('coming back online', () => {
  it('replays the queue in tap order, each with its own key, and empties it', async () => {
    wxDouble.setOnline(false);
    await api.offlineQueue.checkIn({ documentId: READ });
    await api.offlineQueue.checkIn({ documentId: RUN });
    await api.offlineQueue.checkIn({ documentId: SLEEP });
    const keys = stored().map((entry) => entry.key);
    expect(new Set(keys).size).toBe(3);

    wxDouble.setOnline(true); // fires wx.onNetworkStatusChange
    await settle(30);
    expect(checkInCalls().map((call) => (call.body as { data: { habit: string } }).data.habit)).toEqual([READ, RUN, SLEEP]);
    expect(keysSent()).toEqual(keys);
    expect(checkInCalls().every((call) => (call.body as { data: { localDate: string } }).data.localDate === '2026-12-04')).toBe(true);
    expect(server.checkIns.map((row) => row.habit)).toEqual([READ, RUN, SLEEP]);
    expect(stored()).toEqual([]);
  });

  it('counts a replay answered with the key\'s first answer, or 409, as done, and stores nothing twice', async () => {
    // The first attempt reaches the server, but the answer is lost on the way back.
    let lose = true;
    server.override = (call) => {
      if (call.path === '/api/check-ins' && lose) {
        lose = false;
        server.override = null;
        server.handle(call);
        return 'fail';
      }
      return undefined;
    };
    const first = await api.offlineQueue.checkIn({ documentId: RUN });
    expect(first.kind).toBe('queued');
    expect(server.checkIns).toHaveLength(1);

    const replay = await api.offlineQueue.flush();
    expect(replay).toEqual({ sent: 1, stopped: 'empty' });
    expect(keysSent()).toHaveLength(2);
    expect(new Set(keysSent()).size).toBe(1);
    expect(server.checkIns).toHaveLength(1);
    expect(stored()).toEqual([]);

    // Another device checked READ in already: 409, and that is success too.
    server.handle({ method: 'POST', url: '', path: '/api/check-ins', headers: { Authorization: `Bearer ${server.jwt}` }, body: { data: { habit: READ } } });
    const other = await api.offlineQueue.checkIn({ documentId: READ });
    expect(other).toMatchObject({ kind: 'alreadyDone', checkIn: { habit: { documentId: READ }, localDate: '2026-12-04' } });
    expect(server.checkIns).toHaveLength(2);
  });

  it('tells its listeners of each entry it settles in the background, with the outcome', async () => {
    const settled: Array<[string, string]> = [];
    api.offlineQueue.onSettled((entry, outcome) => settled.push([entry.habit, outcome.kind]));
    wxDouble.setOnline(false);
    await api.offlineQueue.checkIn({ documentId: RUN });
    await api.offlineQueue.checkIn({ documentId: 'deletedhabit1' });
    wxDouble.setOnline(true);
    await settle(30);
    expect(settled).toEqual([
      [RUN, 'done'],
      ['deletedhabit1', 'rejected'],
    ]);
  });

  it('stops at the first entry that cannot be sent, so later taps never overtake it', async () => {
    wxDouble.setOnline(false);
    await api.offlineQueue.checkIn({ documentId: RUN });
    await api.offlineQueue.checkIn({ documentId: READ });
    let down = true;
    server.override = (call) => (call.path === '/api/check-ins' && down ? envelope(503, 'ServiceUnavailableError', 'down') : undefined);
    wxDouble.setOnline(true);
    await settle(30);
    expect(checkInCalls().map((call) => (call.body as { data: { habit: string } }).data.habit)).toEqual([RUN]);
    expect(stored().map((entry) => [entry.habit, entry.attempts])).toEqual([[RUN, 1], [READ, 0]]);

    down = false;
    await api.offlineQueue.flush();
    expect(server.checkIns.map((row) => row.habit)).toEqual([RUN, READ]);
  });

  it('drops an entry the server refuses for good (a deleted habit) and goes on with the next', async () => {
    wxDouble.setOnline(false);
    await api.offlineQueue.checkIn({ documentId: 'deletedhabit1' });
    await api.offlineQueue.checkIn({ documentId: RUN });
    wxDouble.setOnline(true);
    const result = await api.offlineQueue.flush();
    expect(result).toEqual({ sent: 2, stopped: 'empty' });
    expect(server.checkIns.map((row) => row.habit)).toEqual([RUN]);
    expect(stored()).toEqual([]);
  });
});

describe('after an app restart', () => {
  it('keeps the waiting entries and their keys, and replays them at launch', async () => {
    wxDouble.setOnline(false);
    await api.offlineQueue.checkIn({ documentId: RUN });
    await api.offlineQueue.checkIn({ documentId: READ });
    const keys = stored().map((entry) => entry.key);
    api.offlineQueue.stop();

    // The app is killed; it starts again with the network back. Only wx storage survived.
    wxDouble = installWx(server.handle, { storage: wxDouble.storage });
    launch();
    expect(api.offlineQueue.pending().map((entry) => entry.key)).toEqual(keys);
    await settle(30);
    expect(keysSent()).toEqual(keys);
    expect(server.checkIns.map((row) => row.habit)).toEqual([RUN, READ]);
    expect(stored()).toEqual([]);
  });

  it('sends a restarted entry with the same key as before the restart, so a lost first answer is not doubled', async () => {
    let lose = true;
    server.override = (call) => {
      if (call.path === '/api/check-ins' && lose) {
        lose = false;
        server.override = null;
        server.handle(call);
        return 'fail';
      }
      return undefined;
    };
    await api.offlineQueue.checkIn({ documentId: RUN });
    const [key] = stored().map((entry) => entry.key);
    wxDouble = installWx(server.handle, { storage: wxDouble.storage });
    launch();
    await settle(30);
    expect(keysSent()).toEqual([key]);
    expect(server.checkIns).toHaveLength(1);
    expect(stored()).toEqual([]);
  });
});

describe('a day that passed before the check-in reached the server', () => {
  beforeEach(async () => {
    wxDouble.setOnline(false);
    await api.offlineQueue.checkIn({ documentId: RUN }); // tapped on 4 December
    server.today = '2026-12-05';
    now = new Date('2026-12-05T02:00:00Z');
    wxDouble.setOnline(true);
    await settle(30);
  });

  it('is not faked: the server says day_passed and the entry waits for the user to choose a makeup', async () => {
    expect(checkInCalls()).toHaveLength(1);
    expect(server.checkIns).toEqual([]);
    const [entry] = api.offlineQueue.needingMakeup();
    expect(entry).toMatchObject({ habit: RUN, localDate: '2026-12-04', state: 'needsMakeup', dayPassed: { reason: 'day_passed' } });
    expect(api.offlineQueue.pending()).toEqual([]);
    // Nothing more is sent on its own.
    await api.offlineQueue.flush();
    expect(checkInCalls()).toHaveLength(1);
    expect(wxDouble.calls.some((call) => call.path === '/api/check-ins/makeup')).toBe(false);
  });

  it('is made up when the user asks (one POST /api/check-ins/makeup for that day), or dismissed', async () => {
    const [entry] = api.offlineQueue.needingMakeup();
    await api.offlineQueue.makeUp(entry.key);
    const makeups = wxDouble.calls.filter((call) => call.path === '/api/check-ins/makeup');
    expect(makeups.map((call) => call.body)).toEqual([{ data: { habit: RUN, date: '2026-12-04' } }]);
    expect(server.checkIns).toMatchObject([{ habit: RUN, localDate: '2026-12-04', isMakeup: true }]);
    expect(stored()).toEqual([]);
  });

  it('can be dismissed', () => {
    const [entry] = api.offlineQueue.needingMakeup();
    api.offlineQueue.dismiss(entry.key);
    expect(stored()).toEqual([]);
  });

  it('checks in today as a new tap, with a new key', async () => {
    const outcome = await api.offlineQueue.checkIn({ documentId: RUN });
    expect(outcome.kind).toBe('done');
    expect(server.checkIns).toMatchObject([{ habit: RUN, localDate: '2026-12-05' }]);
    expect(new Set(keysSent()).size).toBe(2);
  });
});
