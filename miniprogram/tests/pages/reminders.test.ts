/** @jest-environment jsdom */
import { createApiOn, setApi } from '../../api';
import { FakeServer } from '../helpers/fake-server';
import { installUi, ok, renderPage, settle, type UiCalls } from '../helpers/page';
import { tap, textOf } from '../helpers/simulate';
import { installWx, type WxCall, type WxDouble } from '../helpers/wx-double';

/**
 * Reminder consent where it makes sense, always from a tap (WeChat opens its sheet only then): saving a habit
 * with reminder times, the day's first check-in (「明天准时提醒我」), and the 提醒设置 page with quiet hours, the
 * streak-at-risk hour and each template's credits.
 */
const NOW = new Date('2026-12-05T01:00:00Z');
let double: WxDouble;
let ui: UiCalls;
let server: FakeServer;
let subscriptions: Array<Record<string, unknown>>;
let settings: Record<string, unknown>;
/** How many sheets WeChat had shown when the habit's POST went out. */
let sheetsAtHabitPost: number | null;

const template = (templateId: string, kind: string, title: string, credits = 0) => ({ templateId, kind, title, longTerm: false, credits, lastResult: null, needsAsking: credits === 0 });
const sent = (method: string, path: string) => double.calls.filter((call) => call.method === method && call.path.split('?')[0] === path);

const reminderRoutes = (call: WxCall) => {
  const url = new URL(call.url);
  if (url.pathname === '/api/reminders/subscriptions' && call.method === 'GET') return ok({ data: subscriptions, meta: { maxPerRequest: 3 } });
  if (url.pathname === '/api/reminders/subscriptions' && call.method === 'POST') {
    const body = call.body as { templateIds: string[]; results: Record<string, string> };
    subscriptions = subscriptions.map((s) => (body.templateIds.includes(String(s.templateId)) && body.results[String(s.templateId)] === 'accept' ? { ...s, credits: Number(s.credits) + 1, lastResult: 'accept', needsAsking: false } : s));
    return ok({ data: subscriptions, meta: { maxPerRequest: 3 } });
  }
  if (url.pathname === '/api/reminders/settings' && call.method === 'GET') return ok({ data: settings, meta: {} });
  if (url.pathname === '/api/reminders/settings' && call.method === 'PUT') {
    settings = { ...settings, ...(call.body as object) };
    return ok({ data: settings, meta: {} });
  }
  if (url.pathname === '/api/habits' && call.method === 'POST') {
    sheetsAtHabitPost = ui.subscribeCalls.length;
    return ok({ data: { documentId: 'habitnew0001', ...(call.body as { data: object }).data }, meta: {} }, 201);
  }
  return undefined;
};

beforeEach(() => {
  subscriptions = [
    template('tmpl-habit', 'habitReminder', '打卡提醒'),
    template('tmpl-streak', 'streakAtRisk', '连续打卡将中断'),
    template('tmpl-order', 'orderShipped', '订单发货', 2),
    template('tmpl-milestone', 'milestoneReached', '里程碑达成'),
  ];
  settings = { enabled: true, quietStart: null, quietEnd: null, streakRiskHour: null, timezone: 'Asia/Shanghai' };
  sheetsAtHabitPost = null;
  server = new FakeServer();
  server.override = (call) => {
    if (call.method === 'GET' && call.path.startsWith('/api/check-ins/today')) return { status: 200, body: server.todayAnswer([{ documentId: 'habitaaaaaa1', title: '早起', kind: 'build' }, { documentId: 'habitaaaaaa2', title: '读书', kind: 'build' }]) };
    return reminderRoutes(call);
  };
  double = installWx(server.handle);
  double.storage.set('auth.jwt', JSON.stringify('jwt-test'));
  ui = installUi();
  setApi(createApiOn(double.platform({ now: () => NOW }), 'http://127.0.0.1:1337'));
});

describe('saving a habit with reminder times', () => {
  it('opens WeChat’s sheet for the reminder templates within the tap, before the habit is sent, and records the answer', async () => {
    const page = renderPage('habit-edit');
    page.instance.onLoad({});
    await settle();
    await tap(page.querySelector('.scratch'));
    page.instance.onTitle({ detail: { value: '读书' } });
    page.instance.onAddReminder({ detail: { value: '21:00' } });
    page.instance.onReminderSwitch({ detail: { value: true } });
    ui.subscribeAnswer = { results: { 'tmpl-habit': 'accept', 'tmpl-streak': 'reject' } };
    await tap(page.querySelector('.save'));
    await settle();
    expect(ui.subscribeCalls).toEqual([['tmpl-habit', 'tmpl-streak']]);
    expect(sheetsAtHabitPost).toBe(1);
    const [consent] = sent('POST', '/api/reminders/subscriptions');
    expect(consent?.body).toEqual({ templateIds: ['tmpl-habit', 'tmpl-streak'], results: { 'tmpl-habit': 'accept', 'tmpl-streak': 'reject' } });
    expect(consent?.headers?.['Idempotency-Key']).toMatch(/^mp-/);
    expect(ui.toasts).toContain('已开启 1 项提醒');
    expect(ui.navigations).toContain('back');
  });

  it('asks nothing for a habit without reminders, and nothing when the user turned all messages off', async () => {
    const page = renderPage('habit-edit');
    page.instance.onLoad({});
    await settle();
    await tap(page.querySelector('.scratch'));
    page.instance.onTitle({ detail: { value: '跑步' } });
    await tap(page.querySelector('.save'));
    await settle();
    expect(ui.subscribeCalls).toEqual([]);

    const again = renderPage('habit-edit');
    again.instance.onLoad({});
    await settle();
    await tap(again.querySelector('.scratch'));
    again.instance.onTitle({ detail: { value: '冥想' } });
    again.instance.onAddReminder({ detail: { value: '07:00' } });
    again.instance.onReminderSwitch({ detail: { value: true } });
    ui.subscribeAnswer = { errCode: 20004 };
    await tap(again.querySelector('.save'));
    await settle();
    expect(ui.subscribeCalls).toHaveLength(1);
    expect(sent('POST', '/api/reminders/subscriptions')).toEqual([]);
    expect(sent('POST', '/api/habits')).toHaveLength(2);
  });
});

describe('the day’s first check-in', () => {
  it('offers 「明天准时提醒我」 once a day; its tap opens the sheet and records the answer', async () => {
    const page = renderPage('today');
    page.instance.onShow();
    await settle();
    expect(page.querySelector('.remind-prompt')).toBeUndefined();
    await tap(page.querySelectorAll('.habit-card')[0]!.querySelector('.card-button'));
    await settle();
    expect(textOf(page, '.remind-text')).toBe('今天的第一次打卡完成！明天也按时提醒你？');
    ui.subscribeAnswer = { results: { 'tmpl-habit': 'accept', 'tmpl-streak': 'accept', 'tmpl-milestone': 'accept' } };
    await tap(page.querySelector('.remind-yes'));
    await settle();
    expect(ui.subscribeCalls).toEqual([['tmpl-habit', 'tmpl-streak', 'tmpl-milestone']]);
    expect(sent('POST', '/api/reminders/subscriptions')).toHaveLength(1);
    expect(ui.toasts).toContain('好的，会按时提醒你');
    expect(page.querySelector('.remind-prompt')).toBeUndefined();
    // The second check-in of the day asks nothing.
    await tap(page.querySelectorAll('.habit-card')[1]!.querySelector('.card-button'));
    await settle();
    expect(page.querySelector('.remind-prompt')).toBeUndefined();
  });

  it('stays away for the day after 「不用了」', async () => {
    const page = renderPage('today');
    page.instance.onShow();
    await settle();
    await tap(page.querySelectorAll('.habit-card')[0]!.querySelector('.card-button'));
    await settle();
    await tap(page.querySelector('.remind-no'));
    await settle();
    expect(page.querySelector('.remind-prompt')).toBeUndefined();
    expect(ui.subscribeCalls).toEqual([]);
    page.instance.offerReminders();
    await settle();
    expect(page.querySelector('.remind-prompt')).toBeUndefined();
  });
});

describe('提醒设置', () => {
  it('shows the settings and each template’s credits, and changes quiet hours and the streak hour', async () => {
    const page = renderPage('reminder-settings');
    page.instance.onLoad();
    await settle();
    expect(textOf(page, '.quiet-text')).toBe('未开启');
    expect([...page.querySelectorAll('.template-credits')].map((node) => node.dom.textContent?.trim())).toEqual(['未授权，点击开启', '未授权，点击开启', '还可提醒 2 次', '未授权，点击开启']);
    page.instance.onQuietSwitch({ detail: { value: true } });
    await settle();
    expect(sent('PUT', '/api/reminders/settings').at(-1)?.body).toEqual({ quietStart: '22:00', quietEnd: '07:00' });
    expect(textOf(page, '.quiet-text')).toBe('22:00–次日 07:00');
    page.instance.onQuietEnd({ detail: { value: '22:00' } });
    await settle();
    expect(textOf(page, '.problem')).toBe('开始和结束不能是同一时间');
    expect(sent('PUT', '/api/reminders/settings')).toHaveLength(1);
    page.instance.onStreakSwitch({ detail: { value: true } });
    await settle();
    expect(sent('PUT', '/api/reminders/settings').at(-1)?.body).toEqual({ streakRiskHour: 21 });
    expect(textOf(page, '.streak-text')).toContain('每天 21:00 检查');
  });

  it('asks for one template from its own button and shows the new credit', async () => {
    const page = renderPage('reminder-settings');
    page.instance.onLoad();
    await settle();
    ui.subscribeAnswer = { results: { 'tmpl-order': 'accept' } };
    await tap(page.querySelectorAll('.ask')[2]);
    await settle();
    expect(ui.subscribeCalls).toEqual([['tmpl-order']]);
    expect([...page.querySelectorAll('.template-credits')].map((node) => node.dom.textContent?.trim())[2]).toBe('还可提醒 3 次');
  });
});
