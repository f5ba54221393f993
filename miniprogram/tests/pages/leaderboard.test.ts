/** @jest-environment jsdom */
import { envelope, type WxAnswer, type WxCall, type WxDouble } from '../helpers/wx-double';
import { installApp, ok, renderPage, settle, type UiCalls } from '../helpers/page';
import { tap, textOf } from '../helpers/simulate';


const entry = (rank: number, isMe = false) => ({ rank, nickname: `用户${rank}`, avatar: null, score: 100 - rank, reachedAt: '2026-03-01T00:00:00.000Z', isMe });
const board = (scope: string, region: string | null) => ({ metric: 'total-days', scope, region, period: { kind: 'all', id: 'all', startsOn: null, endsOn: null } });

let double: WxDouble;
let ui: UiCalls;
let answer: (call: WxCall) => WxAnswer | 'fail';

beforeEach(() => {
  answer = () => ({ status: 404, body: null });
  ({ double, ui } = installApp((call) => answer(call)));
});

const boardAnswers = (total: number) => (call: WxCall): WxAnswer | 'fail' => {
  const url = new URL(call.url);
  if (url.pathname === '/api/leaderboards/total-days/me') {
    return ok({ data: { rank: 2, score: 98, reachedAt: '2026-03-01T00:00:00.000Z', total, percentile: 96.2, above: [], below: [] }, meta: { board: board('province', '广东省') } });
  }
  if (url.pathname === '/api/leaderboards/total-days') {
    const offset = Number(url.searchParams.get('offset'));
    const limit = Number(url.searchParams.get('limit'));
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => entry(offset + i + 1, offset + i + 1 === 2));
    return ok({ data: rows, meta: { board: board('province', '广东省'), pagination: { limit, offset, total } } });
  }
  return { status: 404, body: null };
};

describe('leaderboard page', () => {
  it("reads a free user's province board and their place on it, and shows both", async () => {
    answer = boardAnswers(3);
    const page = renderPage('leaderboard');
    page.instance.onLoad({});
    await settle();
    expect(double.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/leaderboards/total-days?scope=province&period=all&limit=20&offset=0',
      'GET /api/leaderboards/total-days/me?scope=province&period=all',
    ]);
    expect(double.calls[0].headers.Authorization).toBe('Bearer jwt-test');
    const list = page.querySelector('#board')!;
    expect(list.querySelectorAll('.row')).toHaveLength(3);
    expect(textOf(list, '.row-me .nickname')).toBe('用户2（我）');
    expect(textOf(list, '.mine-rank')).toBe('第 2 名');
    expect(textOf(page, '.board-note')).toBe('广东省');
  });

  it('loads the next page by offset when asked for more', async () => {
    answer = boardAnswers(25);
    const page = renderPage('leaderboard');
    page.instance.onLoad({});
    await settle();
    const list = page.querySelector('#board')!;
    expect(list.querySelectorAll('.row')).toHaveLength(20);
    await tap(list.querySelector('.more')!);
    await settle();
    expect(double.calls.at(-1)!.path).toBe('/api/leaderboards/total-days?scope=province&period=all&limit=20&offset=20');
    expect(list.querySelectorAll('.row')).toHaveLength(25);
    expect(list.querySelector('.more')).toBeFalsy();
  });

  it('shows the upsell for the national board a free user may not read, and opens the membership page', async () => {
    answer = (call) =>
      call.path.startsWith('/api/leaderboards/total-days')
        ? envelope(403, 'ForbiddenError', '全国排行榜仅对会员开放，开通VIP / AI会员即可查看 (the national leaderboard is for vip or ai members)', {
            reason: 'membership_required',
            scope: 'national',
            required: ['vip', 'ai'],
            current: 'free',
          })
        : { status: 404, body: null };
    const page = renderPage('leaderboard');
    page.instance.onLoad({ scope: 'national' });
    await settle();
    expect(double.calls[0].path).toBe('/api/leaderboards/total-days?scope=national&period=all&limit=20&offset=0');
    const list = page.querySelector('#board')!;
    expect(textOf(list, '.upsell-title')).toBe('全国排行榜仅对会员开放');
    await tap(list.querySelector('.upsell-button')!);
    expect(ui.navigations).toEqual(['/pages/membership/index']);
  });

  it('offers the profile when a regional board needs a region the profile lacks', async () => {
    answer = () => envelope(400, 'ValidationError', 'Your profile has no province: set your region (PUT /api/me) or pass region=', { field: 'region', reason: 'no_region' });
    const page = renderPage('leaderboard');
    page.instance.onLoad({});
    await settle();
    expect(textOf(page.querySelector('#state')!, '.state-empty .state-text')).toBe('设置所在地区后即可查看本地排行');
    await tap(page.querySelector('#state')!.querySelector('.state-action')!);
    expect(ui.navigations).toEqual(['/pages/profile/index']);
  });

  it('switches boards from the tabs', async () => {
    answer = boardAnswers(1);
    const page = renderPage('leaderboard');
    page.instance.onLoad({});
    await settle();
    const points = page.querySelectorAll('.tab').find((tab) => tab.dom.textContent === '积分')!;
    await tap(points);
    await settle();
    expect(double.calls.slice(-2).map((c) => c.path)).toEqual([
      '/api/leaderboards/points-earned?scope=province&period=all&limit=20&offset=0',
      '/api/leaderboards/points-earned/me?scope=province&period=all',
    ]);
  });
});

describe('leaderboard page, tabs tapped quickly', () => {
  it('shows the board asked for last, whatever order the answers come in', async () => {
    const slow: Array<() => void> = [];
    const allTime = boardAnswers(3);
    const thisWeek = boardAnswers(1);
    installApp(async (call) => {
      if (!call.path.includes('period=all')) return thisWeek(call);
      // The all-time board's answers arrive after the week's.
      await new Promise<void>((resolve) => slow.push(resolve));
      return allTime(call);
    });
    const page = renderPage('leaderboard');
    page.instance.onLoad({});
    await settle();
    page.instance.choose({ period: 'week' });
    await settle();
    expect((page.instance.data.entries as unknown[]).length).toBe(1);
    for (const release of slow) release();
    await settle();
    expect(slow).toHaveLength(2);
    expect(page.instance.data.period).toBe('week');
    expect((page.instance.data.entries as unknown[]).length).toBe(1);
  });
});
