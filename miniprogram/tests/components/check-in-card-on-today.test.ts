/** @jest-environment jsdom */
import { createApiOn, getApi, setApi } from '../../api';
import { FakeServer } from '../helpers/fake-server';
import { installUi, renderPage, settle, type UiCalls } from '../helpers/page';
import { hasClass, tap, textOf, type SimNode } from '../helpers/simulate';
import { installWx, type WxDouble } from '../helpers/wx-double';

/**
 * The check-in card on 今日 (mp-core's page), end to end on the client: a tap on a card sends the check-in
 * through the offline queue; offline, the card shows the tap as pending and nothing is sent until the
 * network is back, when it is sent once with the key it was given at the tap.
 */
let server: FakeServer;
let double: WxDouble;
let ui: UiCalls;

const habits = [
  { documentId: 'habitaaaaaa1', title: '早起', kind: 'positive' },
  { documentId: 'habitbbbbbb2', title: '读书', kind: 'positive' },
];

beforeEach(() => {
  server = new FakeServer();
  server.override = (call) => {
    if (call.method === 'GET' && call.path.startsWith('/api/check-ins/today')) return { status: 200, body: server.todayAnswer(habits) };
    if (call.method === 'DELETE' && call.path.startsWith('/api/check-ins/')) {
      const id = call.path.split('/').pop();
      server.checkIns = server.checkIns.filter((row) => row.documentId !== id);
      return { status: 204 };
    }
    return undefined;
  };
  double = installWx(server.handle);
  ui = installUi();
  // 10:00 in Shanghai on the fake server's day.
  setApi(createApiOn(double.platform({ now: () => new Date('2026-12-04T02:00:00Z') }), 'http://127.0.0.1:1337'));
});

const cards = (page: SimNode) => page.querySelectorAll('.habit-card');
const posts = () => double.calls.filter((call) => call.method === 'POST' && call.path === '/api/check-ins');

it('checks in from a card, shows the streak and points, undoes it; offline taps wait as pending and are sent once', async () => {
  // As app.ts does at launch: replay the queue whenever the network comes back.
  getApi().offlineQueue.start();
  const page = renderPage('today');
  page.instance.onShow();
  await settle();
  expect(cards(page).map((card) => textOf(card, '.card-status'))).toEqual(['今日未打卡', '今日未打卡']);

  // Online: the tap sends the check-in with its key and local day.
  await tap(cards(page)[0].querySelector('.card-button'));
  await settle();
  expect(posts()).toHaveLength(1);
  expect(posts()[0].body).toEqual({ data: { habit: 'habitaaaaaa1', idempotencyKey: expect.any(String), localDate: '2026-12-04' } });
  const first = cards(page)[0];
  expect(textOf(first, '.card-status')).toBe('今日已打卡');
  expect(textOf(first, '.card-streak')).toBe('连续 1 天');
  expect(textOf(first, '.card-points')).toBe('+10 积分');
  // The answer updated the card: today was not read again for it.
  expect(double.calls.filter((call) => call.path.startsWith('/api/check-ins/today'))).toHaveLength(1);

  // Undo, once confirmed.
  await tap(first.querySelector('.card-button'));
  await settle();
  // The undo, then today read again (a 204 says nothing of the streak after it).
  expect(double.calls.slice(-2)).toMatchObject([
    { method: 'DELETE', path: '/api/check-ins/ci1xxxxxxxx' },
    { method: 'GET', path: '/api/check-ins/today' },
  ]);
  expect(textOf(cards(page)[0], '.card-status')).toBe('今日未打卡');
  expect(ui.toasts).toContain('已撤销');

  // Offline: the tap is queued and the card shows it pending; nothing reaches the server.
  double.setOnline(false);
  const sentBefore = double.calls.length;
  await tap(cards(page)[1].querySelector('.card-button'));
  await settle();
  expect(hasClass(cards(page)[1].querySelector('.card'), 'card-pending')).toBe(true);
  expect(textOf(cards(page)[1], '.card-status')).toBe('离线已记录，联网后同步');
  expect(server.checkIns.filter((row) => row.habit === 'habitbbbbbb2')).toEqual([]);
  const sentOffline = double.calls.slice(sentBefore).filter((call) => call.method === 'POST' && call.path === '/api/check-ins');
  const keys = new Set(sentOffline.map((call) => (call.body as { data: { idempotencyKey: string } }).data.idempotencyKey));

  // Back online (wx.onNetworkStatusChange): the queue sends it, with the key of the tap, and it is stored once.
  double.setOnline(true);
  await settle(40);
  expect(server.checkIns.filter((row) => row.habit === 'habitbbbbbb2')).toHaveLength(1);
  const replayed = posts().filter((call) => (call.body as { data: { habit: string } }).data.habit === 'habitbbbbbb2');
  for (const call of replayed) keys.add((call.body as { data: { idempotencyKey: string } }).data.idempotencyKey);
  expect(keys.size).toBe(1);
  expect(textOf(cards(page)[1], '.card-status')).toBe('今日已打卡');
  getApi().offlineQueue.stop();
});
