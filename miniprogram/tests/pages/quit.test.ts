/** @jest-environment jsdom */
import type { WxAnswer, WxCall, WxDouble } from '../helpers/wx-double';
import { installApp, ok, renderPage, settle, type UiCalls } from '../helpers/page';
import { tap, textOf } from '../helpers/simulate';

/** The quit pages: the dashboard (clock, money, milestones, a craving in two taps) and the craving patterns. */
const NOW = new Date('2026-11-04T05:07:00Z');
const report = {
  quitAt: '2026-11-01T00:00:00.000Z',
  smokeFreeSince: '2026-11-01T00:00:00.000Z',
  minutesSmokeFree: 3 * 1440 + 307,
  daysSmokeFree: 3,
  relapses: 0,
  savings: { cigarettesAvoided: 60, moneySaved: 76.5, equivalent: { name: '电影票', count: 1, unit: '张' } },
  milestones: [
    { title: '心率和血压下降至正常水平', afterMinutes: 20, description: null, sort: 10, achieved: true, achievedAt: '2026-11-01T00:20:00.000Z', remainingMinutes: 0 },
    { title: '肺功能开始改善', afterMinutes: 20160, description: null, sort: 30, achieved: false, achievedAt: null, remainingMinutes: 15533 },
  ],
};
const hours = Array.from({ length: 24 }, (_, h) => (h === 22 ? 4 : h === 8 ? 2 : 0));
const stats = {
  startDate: '2026-10-29', endDate: '2026-11-04', count: 6, meanIntensity: 3.5,
  days: ['10-29', '10-30', '10-31', '11-01', '11-02', '11-03', '11-04'].map((d, i) => ({ date: `2026-${d}`, count: i === 6 ? 6 : 0, meanIntensity: i === 6 ? 3.5 : 0 })),
  hours, peakHours: [22, 8], triggers: [{ trigger: 'stress', count: 4, share: 0.6667 }, { trigger: 'social', count: 2, share: 0.3333 }], resistedRate: 0.5,
};

let double: WxDouble;
let ui: UiCalls;
const answer = (call: WxCall): WxAnswer | 'fail' => {
  const url = new URL(call.url);
  if (url.pathname === '/api/quit/report') return ok({ data: report, meta: {} });
  if (url.pathname === '/api/cravings/stats') return ok({ data: stats, meta: {} });
  if (url.pathname === '/api/cravings' && call.method === 'POST') {
    const body = call.body as Record<string, unknown>;
    return ok({ data: { documentId: 'c1', at: NOW.toISOString(), note: null, localDate: '2026-11-04', localHour: 13, timezone: 'Asia/Shanghai', ...body }, meta: {} }, 201);
  }
  return { status: 404, body: null };
};

beforeEach(() => {
  ({ double, ui } = installApp(answer, { now: () => NOW }));
});

describe('the quit dashboard', () => {
  it('shows the smoke-free clock, the money saved and the milestones', async () => {
    const page = renderPage('quit');
    page.instance.onLoad({});
    await settle();
    expect(textOf(page, '.hero-clock')).toBe('3 天 5 小时');
    expect(textOf(page, '.money')).toBe('¥76.50');
    expect(textOf(page, '.money-note')).toContain('可以买 1 张电影票');
    expect(page.querySelectorAll('.milestone')).toHaveLength(2);
    expect(page.querySelectorAll('.milestone-done')).toHaveLength(1);
  });

  it('logs a craving in two taps: the trigger, then the intensity', async () => {
    const page = renderPage('quit');
    page.instance.onLoad({});
    await settle();
    await tap(page.querySelectorAll('.chip')[1]);
    await settle();
    await tap(page.querySelectorAll('.chip-level')[3]);
    await settle();
    const sent = double.calls.find((c) => c.method === 'POST' && c.path === '/api/cravings');
    expect(sent?.body).toMatchObject({ trigger: 'social', intensity: 4, resisted: true });
    expect((sent?.body as { idempotencyKey: string }).idempotencyKey).toMatch(/^[A-Za-z0-9_.:-]{8,64}$/);
    expect(ui.toasts).toContain('已记录，坚持住！');
  });
});

describe('the craving patterns', () => {
  it('draw a bar for every day and every hour, the tallest full height', async () => {
    const page = renderPage('quit-cravings');
    page.instance.onLoad({});
    await settle();
    expect(double.calls[0].path).toBe('/api/cravings/stats?days=7');
    expect(page.querySelectorAll('.bar')).toHaveLength(7 + 24);
    expect(textOf(page, '.summary')).toBe('高发时段 22:00、8:00 · 主要诱因 压力 · 忍住 50%');
  });
});
