/** @jest-environment jsdom */
import { createApiOn, setApi } from '../../api';
import { addDays, localDayFor } from '../../logic/dates';
import { envelope, installWx, type WxAnswer, type WxCall, type WxDouble } from '../helpers/wx-double';
import { installUi, renderPage, settle, type UiCalls } from '../helpers/page';
import { hasClass, tap, textOf } from '../helpers/simulate';

/**
 * The habit pages rendered with their components: create / edit a habit (templates or scratch, the four
 * frequencies), the habit page (tiles, calendar, strength, heatmap, quit savings), and makeup (补签).
 * Each test answers the page's requests and checks what it shows and what it sends.
 */

const json = (body: unknown, status = 200): WxAnswer => ({ status, headers: { 'Content-Type': 'application/json' }, body });
const pagination = (page: number, pageSize: number, total: number) => ({ page, pageSize, pageCount: Math.ceil(total / pageSize), total });
/** The phone's clock for these tests: noon on 10 December in Shanghai. */
const NOW = new Date('2026-12-10T04:00:00Z');
const today = localDayFor({}, NOW);

const template = (i: number) => ({
  id: i, documentId: `template${String(i).padStart(4, '0')}`, title: `模板 ${i}`, description: i === 1 ? '每天静坐十分钟' : null, category: 'mind', kind: 'build',
  icon: null, color: null, frequencyType: 'weekdays', timesPerWeek: null, weekdays: [1, 3, 5], intervalDays: null, goalType: 'none', goalValue: null, goalUnit: null,
  reminderTimes: ['07:30'], tags: null, sortOrder: i, active: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
});

const habit = (overrides: Record<string, unknown> = {}) => ({
  id: 1, documentId: 'habit0000001', title: '戒烟', description: null, category: 'quit', kind: 'quit', icon: null, color: null, frequencyType: 'daily',
  timesPerWeek: null, weekdays: null, intervalDays: null, goalType: 'none', goalValue: null, goalUnit: null, reminderEnabled: false, reminderTimes: null,
  startDate: addDays(today, -10), endDate: null, archived: false, archivedAt: null, sortOrder: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

let double: WxDouble;
let ui: UiCalls;
let answer: (call: WxCall) => WxAnswer | 'fail';

beforeEach(() => {
  answer = () => ({ status: 404, body: null });
  double = installWx((call) => answer(call));
  double.storage.set('auth.jwt', JSON.stringify('jwt-test'));
  ui = installUi();
  setApi(createApiOn(double.platform({ now: () => NOW }), 'http://127.0.0.1:1337'));
});

const sent = (method: string, path: string) => double.calls.filter((call) => call.method === method && call.path.split('?')[0] === path);

describe('creating a habit', () => {
  const serveTemplates = (total: number) => (call: WxCall): WxAnswer => {
    const url = new URL(call.url);
    if (call.method === 'GET' && url.pathname === '/api/habit-templates') {
      const n = Number(url.searchParams.get('pagination[page]'));
      const items = Array.from({ length: Math.max(0, Math.min(20, total - (n - 1) * 20)) }, (_, i) => template((n - 1) * 20 + i + 1));
      return json({ data: items, meta: { pagination: pagination(n, 20, total) } });
    }
    if (call.method === 'POST' && url.pathname === '/api/habits') return json({ data: habit({ ...(call.body as { data: object }).data }), meta: {} }, 201);
    return { status: 404, body: null };
  };

  it('lists the templates a page at a time, without a token (a public, cached read)', async () => {
    answer = serveTemplates(21);
    const page = renderPage('habit-edit');
    page.instance.onLoad({});
    await settle();
    expect(page.querySelectorAll('.template')).toHaveLength(20);
    expect(sent('GET', '/api/habit-templates')[0].headers.Authorization).toBeUndefined();
    page.instance.onReachBottom();
    await settle();
    expect(page.querySelectorAll('.template')).toHaveLength(21);
    expect(textOf(page, '.footer')).toBe('没有更多了');
  });

  it('starts from a template: the form is filled in and the template is sent with the chosen schedule', async () => {
    answer = serveTemplates(1);
    const page = renderPage('habit-edit');
    page.instance.onLoad({});
    await settle();
    await tap(page.querySelector('.template'));
    await settle();
    expect(page.instance.data.form).toMatchObject({ template: 'template0001', title: '模板 1', frequencyType: 'weekdays', weekdays: [1, 3, 5], reminderTimes: ['07:30'] });
    // Every other day instead of Mon/Wed/Fri.
    await tap(page.querySelectorAll('.freq')[3]);
    await tap(page.querySelector('.save'));
    await settle();
    expect(sent('POST', '/api/habits').map((call) => call.body)).toEqual([
      {
        data: {
          template: 'template0001', title: '模板 1', description: '每天静坐十分钟', category: 'mind', kind: 'build',
          frequencyType: 'everyNDays', timesPerWeek: null, weekdays: null, intervalDays: 2, reminderEnabled: true, reminderTimes: ['07:30'],
        },
      },
    ]);
    expect(ui.toasts).toEqual(['习惯已创建']);
    expect(ui.navigations).toEqual(['back']);
  });

  it('starts from scratch, refuses an empty name before sending, and shows the server\'s refusal', async () => {
    answer = serveTemplates(0);
    const page = renderPage('habit-edit');
    page.instance.onLoad({});
    await settle();
    await tap(page.querySelector('.scratch'));
    await tap(page.querySelector('.save'));
    expect(textOf(page, '.problem')).toBe('请输入习惯名称');
    expect(sent('POST', '/api/habits')).toHaveLength(0);

    page.instance.onTitle({ detail: { value: '跑步' } });
    answer = (call) => (call.method === 'POST' ? envelope(400, 'ValidationError', 'This habit starts on a day that does not exist', { field: 'startDate' }) : serveTemplates(0)(call));
    await tap(page.querySelector('.save'));
    await settle();
    expect(sent('POST', '/api/habits')).toHaveLength(1);
    expect(textOf(page, '.problem')).toBe('This habit starts on a day that does not exist');
  });

  it('edits an existing habit with PUT and without a template', async () => {
    answer = (call) => (call.method === 'GET' ? json({ data: habit({ title: '早起', kind: 'build', frequencyType: 'timesPerWeek', timesPerWeek: 4 }), meta: {} }) : json({ data: habit(), meta: {} }));
    const page = renderPage('habit-edit');
    page.instance.onLoad({ id: 'habit0000001' });
    await settle();
    expect(page.instance.data.form).toMatchObject({ title: '早起', frequencyType: 'timesPerWeek', timesPerWeek: 4 });
    await tap(page.querySelector('.save'));
    await settle();
    const [put] = sent('PUT', '/api/habits/habit0000001');
    expect(put.body).toMatchObject({ data: { title: '早起', frequencyType: 'timesPerWeek', timesPerWeek: 4, weekdays: null, intervalDays: null } });
    expect((put.body as { data: object }).data).not.toHaveProperty('template');
  });
});

describe('the habit page', () => {
  const stats = {
    habit: { documentId: 'habit0000001', title: '戒烟', kind: 'quit', startDate: addDays(today, -10) },
    streak: { current: 3, longest: 5, unit: 'days' },
    completionRate: 0.5,
    totalCheckIns: 5,
    strength: { current: 0.3, series: [{ date: addDays(today, -7), score: 0.1 }, { date: today, score: 0.3 }] },
    heatmap: [{ date: addDays(today, -1), count: 1 }, { date: today, count: 1 }],
    bestStreaks: [{ start: addDays(today, -9), end: addDays(today, -5), days: 5 }],
    quit: {
      daysSmokeFree: 5, cigarettesAvoided: 100, moneySaved: 125, equivalent: { name: '啤酒', count: 1, unit: '箱' },
      milestones: [{ key: 'carbonMonoxide', title: '血液中一氧化碳浓度恢复正常', afterHours: 12, achieved: true, hoursRemaining: 0 }],
    },
  };
  const month = today.slice(0, 7);
  const serve = (call: WxCall): WxAnswer => {
    const url = new URL(call.url);
    if (url.pathname === '/api/habits/habit0000001') return json({ data: habit(), meta: {} });
    if (url.pathname === '/api/habits/habit0000001/stats') return json({ data: stats, meta: {} });
    if (url.pathname === '/api/check-ins/calendar') {
      return json({ data: [{ date: today, checkIns: [{ documentId: 'c1', isMakeup: false, habit: { documentId: 'habit0000001', title: '戒烟' } }] }], meta: { month, from: `${month}-01`, to: `${month}-28` } });
    }
    return { status: 404, body: null };
  };

  it('shows streaks, the month, the strength bars, the year heatmap and the quit savings', async () => {
    answer = serve;
    const page = renderPage('habit');
    page.instance.onLoad({ id: 'habit0000001' });
    page.instance.onShow();
    await settle();
    expect(page.querySelectorAll('.tile').map((tile) => tile.dom.textContent?.replace(/\s+/g, ''))).toEqual(['3天当前连续', '5天最长连续', '50%完成率', '5次累计打卡', '30%习惯强度']);
    expect(sent('GET', '/api/check-ins/calendar')[0].path).toBe(`/api/check-ins/calendar?month=${month}`);
    const todayCell = page.querySelectorAll('.cell').find((cell) => hasClass(cell, 'today'));
    expect(hasClass(todayCell, 'checked')).toBe(true);
    expect(page.querySelectorAll('.bar')).toHaveLength(2);
    expect(textOf(page.querySelector('.year-heatmap')!, '.heatmap-summary')).toBe('打卡 2 天，共 2 次');
    expect(textOf(page, '.money')).toBe('¥125.00');
    expect(textOf(page, '.milestone')).toContain('已达成');
  });

  it('sends a tap on a missed day to the makeup page for that day', async () => {
    answer = serve;
    const page = renderPage('habit');
    page.instance.onLoad({ id: 'habit0000001' });
    page.instance.onShow();
    await settle();
    const missed = page.querySelectorAll('.cell').filter((cell) => hasClass(cell, 'missed'));
    // 1 to 9 December: the habit started on 30 November and only today is checked in.
    expect(missed.map((cell) => cell.dom.textContent?.trim())).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    await tap(missed[8]);
    expect(ui.navigations).toEqual(['/pages/makeup/index?habit=habit0000001&date=2026-12-09']);
    // A checked day goes nowhere.
    await tap(page.querySelectorAll('.cell').find((cell) => hasClass(cell, 'today')));
    expect(ui.navigations).toHaveLength(1);
  });

  it('shows the error view when the habit cannot be read', async () => {
    answer = () => envelope(404, 'NotFoundError', 'Habit not found');
    const page = renderPage('habit');
    page.instance.onLoad({ id: 'habit0000001' });
    page.instance.onShow();
    await settle();
    expect(textOf(page.querySelector('#state')!, '.state-error .state-text')).toBe('Habit not found');
  });
});

describe('the makeup page', () => {
  const rules = (cardsLeft: number) => ({
    windowDays: 7, earliestDate: addDays(today, -7), latestDate: addDays(today, -1), perDay: 2, usedToday: 0, leftToday: 2, cardsLeft, cardCost: 1, awardsPoints: false,
    earning: { everyConsecutiveDays: 7, startingCards: 3, otherSources: ['lottery', 'redeem-code'] }, localDate: today,
  });
  let cards = 3;
  const serve = (call: WxCall): WxAnswer => {
    const url = new URL(call.url);
    if (url.pathname === '/api/check-ins/makeup/rules') return json({ data: rules(cards), meta: {} });
    if (url.pathname === '/api/habits/habit0000001') return json({ data: habit(), meta: {} });
    if (url.pathname === '/api/check-ins/calendar') {
      const month = url.searchParams.get('month') as string;
      return json({ data: [], meta: { month, from: `${month}-01`, to: `${month}-28` } });
    }
    if (url.pathname === '/api/check-ins/makeup') {
      cards -= 1;
      const date = (call.body as { data: { date: string } }).data.date;
      return json({
        data: { id: 9, documentId: 'c9', localDate: date, checkedAt: null, isMakeup: true, madeUpOn: today, mood: null, note: null, images: null, duration: null, count: null, pointsAwarded: 0, habit: { documentId: 'habit0000001', title: '戒烟' } },
        meta: { streak: { current: 2, longest: 2, unit: 'days' }, points: { awarded: 0, balance: 0 }, user: { totalDays: 2, consecutiveDays: 2, lastCheckInDate: today, makeupCards: cards, rank: { key: 'bronze', name: '倔强青铜', stars: 2, minDays: 1, maxDays: 7, nextAt: 8 } } },
      }, 201);
    }
    return { status: 404, body: null };
  };

  beforeEach(() => {
    cards = 3;
  });

  it('shows the cards left and the rules, and makes up a chosen day with one POST', async () => {
    answer = serve;
    const page = renderPage('makeup');
    page.instance.onLoad({ habit: 'habit0000001' });
    await settle();
    expect(textOf(page, '.badge')).toBe('剩余补签卡 3 张');
    expect(page.querySelectorAll('.makeup-btn')).toHaveLength(7);
    await tap(page.querySelectorAll('.makeup-btn')[0]);
    await settle();
    expect(sent('POST', '/api/check-ins/makeup').map((call) => call.body)).toEqual([{ data: { habit: 'habit0000001', date: addDays(today, -1) } }]);
    expect(ui.toasts).toEqual(['补签成功，剩余 2 张']);
    expect(textOf(page, '.badge')).toBe('剩余补签卡 2 张');
  });

  it('sends nothing without cards, and says why', async () => {
    cards = 0;
    answer = serve;
    const page = renderPage('makeup');
    page.instance.onLoad({ habit: 'habit0000001' });
    await settle();
    expect(textOf(page, '.badge-warn.section')).toBe('补签卡用完了：连续打卡 7 天可获得 1 张');
    page.instance.onMakeup({ currentTarget: { dataset: { date: addDays(today, -1) } } });
    await settle();
    expect(sent('POST', '/api/check-ins/makeup')).toHaveLength(0);
    expect(ui.toasts).toEqual(['补签卡用完了：连续打卡 7 天可获得 1 张']);
  });

  it("explains the server's refusal", async () => {
    answer = (call) => (call.path === '/api/check-ins/makeup' ? envelope(400, 'ValidationError', 'At most 2 makeups a day', { field: 'date', reason: 'daily_limit' }) : serve(call));
    const page = renderPage('makeup');
    page.instance.onLoad({ habit: 'habit0000001' });
    await settle();
    await tap(page.querySelectorAll('.makeup-btn')[0]);
    await settle();
    expect(ui.toasts).toEqual(['今天的补签次数已用完，明天再来']);
  });
});
