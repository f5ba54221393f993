/** @jest-environment jsdom */
import { createApiOn, getApi, setApi } from '../../api';
import { FakeServer } from '../helpers/fake-server';
import { installUi, renderPage, settle, type UiCalls } from '../helpers/page';
import { tap, textOf } from '../helpers/simulate';
import { installWx, type WxDouble } from '../helpers/wx-double';

/**
 * 今日 beyond the card itself (that is tests/components/check-in-card-on-today.test.ts): an offline tap
 * whose day passed before it reached the server is never faked: the page asks, and only a yes spends a
 * makeup card for that day; the empty state invites a first habit; an offline start shows the last habits.
 */
let server: FakeServer;
let double: WxDouble;
let ui: UiCalls;
let now: Date;
const habits = [{ documentId: 'habitaaaaaa1', title: '早起', kind: 'build' }];
let listed = habits;

beforeEach(() => {
  now = new Date('2026-12-04T15:00:00Z'); // 23:00 on 4 December in Shanghai
  listed = habits;
  server = new FakeServer();
  server.override = (call) => {
    if (call.method === 'GET' && call.path.startsWith('/api/check-ins/today')) return { status: 200, body: server.todayAnswer(listed) };
    return undefined;
  };
  double = installWx(server.handle);
  ui = installUi();
  setApi(createApiOn(double.platform({ now: () => now }), 'http://127.0.0.1:1337'));
});

const posts = (path: string) => double.calls.filter((call) => call.method === 'POST' && call.path === path);

it('asks before making up a day that passed while a tap waited offline, and makes it up only on yes', async () => {
  getApi().offlineQueue.start();
  const page = renderPage('today');
  page.instance.onShow();
  await settle();

  // 23:00: tapped without network.
  double.setOnline(false);
  await tap(page.querySelector('.habit-card')!.querySelector('.card-button'));
  await settle();
  expect(textOf(page.querySelector('.habit-card')!, '.card-status')).toBe('离线已记录，联网后同步');

  // The network is back after midnight: the server refuses the passed day, nothing is faked.
  now = new Date('2026-12-04T16:30:00Z');
  server.today = '2026-12-05';
  ui.confirmNext = false;
  double.setOnline(true);
  await settle(40);
  expect(posts('/api/check-ins').map((call) => (call.body as { data: { localDate: string } }).data.localDate)).toEqual(['2026-12-04']);
  expect(server.checkIns).toEqual([]);
  expect(textOf(page, '.makeup-ask .muted')).toBe('2026-12-04 「早起」 的离线打卡没能及时同步');

  // The person says yes: one makeup for 4 December.
  ui.confirmNext = true;
  await tap(page.querySelector('.makeup-yes'));
  await settle();
  expect(posts('/api/check-ins/makeup').map((call) => call.body)).toEqual([{ data: { habit: 'habitaaaaaa1', date: '2026-12-04' } }]);
  expect(server.checkIns).toMatchObject([{ habit: 'habitaaaaaa1', localDate: '2026-12-04', isMakeup: true }]);
  expect(ui.toasts).toContain('补签成功');
  expect(page.querySelector('.makeup-ask')).toBeFalsy();
});

it('invites a first habit when there is none', async () => {
  listed = [];
  const page = renderPage('today');
  page.instance.onShow();
  await settle();
  const state = page.querySelector('#state')!;
  expect(textOf(state, '.state-empty .state-text')).toBe('还没有习惯，先添加一个吧');
  await tap(state.querySelector('.state-action'));
  expect(ui.navigations).toEqual(['/pages/habit-edit/index']);
});

it('starts offline with the habits it last saw, none of them done on a new day', async () => {
  let page = renderPage('today');
  page.instance.onShow();
  await settle();
  expect(textOf(page.querySelector('.habit-card')!, '.card-status')).toBe('今日未打卡');

  // Next morning, no network.
  now = new Date('2026-12-05T01:00:00Z');
  double.setOnline(false);
  page = renderPage('today');
  page.instance.onShow();
  await settle();
  expect(textOf(page, '.offline')).toBe('离线中：打卡会先记在手机上，联网后自动同步');
  expect(textOf(page, '.title')).toBe('2026-12-05');
  expect(textOf(page.querySelector('.habit-card')!, '.card-status')).toBe('今日未打卡');
});
