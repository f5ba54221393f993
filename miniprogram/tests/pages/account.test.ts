/** @jest-environment jsdom */
import { envelope, type WxAnswer, type WxCall, type WxDouble } from '../helpers/wx-double';
import { installApp, ok, renderPage, settle, type UiCalls } from '../helpers/page';
import { tap, textOf } from '../helpers/simulate';


const me = (over: Record<string, unknown> = {}) => ({
  id: 7, documentId: 'user7aaaaaaaa', nickname: '小明', avatar: null, timezone: 'Asia/Shanghai', dayStartHour: 0, province: '广东省', city: '深圳市', district: null,
  showInRanking: true, membershipTier: 'vip', membershipExpiresAt: '2026-04-01T16:30:00.000Z', pointsBalance: 120, makeupCards: 3, phoneMasked: null, smokingSettings: null,
  totalCheckInDays: 9, consecutiveDays: 2, lastCheckInDate: '2026-03-08', lastLoginAt: null, createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

let double: WxDouble;
let ui: UiCalls;
let answer: (call: WxCall) => WxAnswer | 'fail';

beforeEach(() => {
  answer = (call) => (call.method === 'GET' && call.path === '/api/me' ? ok({ data: me(), meta: {} }) : { status: 404, body: null });
  ({ double, ui } = installApp((call) => answer(call)));
});

describe('me, membership and rewards', () => {
  it('the 我的 tab shows the account summary and opens its links', async () => {
    const page = renderPage('me');
    page.instance.onShow();
    await settle();
    expect(textOf(page, '.nickname')).toBe('小明');
    expect(textOf(page, '.tier')).toBe('VIP 会员');
    expect(textOf(page, '.region')).toBe('广东省 深圳市');
    await tap(page.querySelectorAll('.link')[0]);
    expect(ui.navigations).toEqual(['/pages/profile/index']);
  });

  it('the membership page shows the tier in force and when it ends', async () => {
    const page = renderPage('membership');
    page.instance.onShow();
    await settle();
    expect(textOf(page, '.status-tier')).toBe('VIP 会员');
    expect(textOf(page, '.status-expires')).toBe('有效期至 2026-04-02');
    expect(page.querySelectorAll('.tier-current')).toHaveLength(1);
    await tap(page.querySelector('.redeem')!);
    expect(ui.navigations).toEqual(['/pages/redeem/index']);
  });

  it('the rewards tab shows the figures it could read and leaves the others blank', async () => {
    answer = (call) => {
      if (call.path === '/api/me') return ok({ data: me(), meta: {} });
      if (call.path === '/api/points/balance') return ok({ data: { balance: 95, earned: 100, spent: 5 }, meta: {} });
      if (call.path === '/api/lottery/prizes') return ok({ data: [], meta: { cost: 20, drawsPerDay: 5, drawsLeftToday: 3, noPrize: '谢谢参与' } });
      return envelope(500, 'InternalServerError', 'Internal Server Error');
    };
    const page = renderPage('rewards');
    page.instance.onShow();
    await settle();
    expect(textOf(page, '.points-value')).toBe('95');
    expect(textOf(page, '.entry-lottery .entry-note')).toBe('今日还可抽 3 次');
    expect(textOf(page, '.entry-tasks .entry-note')).toBe('');
    await tap(page.querySelector('.entry-lottery')!);
    expect(ui.navigations).toEqual(['/pages/lottery/index']);
  });
});

describe('profile page', () => {
  it('saves only what changed with PUT /api/me', async () => {
    answer = (call) => {
      if (call.method === 'GET' && call.path === '/api/me') return ok({ data: me(), meta: {} });
      if (call.method === 'PUT' && call.path === '/api/me') return ok({ data: me(call.body as Record<string, unknown>), meta: {} });
      return { status: 404, body: null };
    };
    const page = renderPage('profile');
    page.instance.onLoad({});
    await settle();
    page.instance.onRegion({ detail: { value: ['广东省', '深圳市', '南山区'] } } as never);
    page.instance.onDayStart({ detail: { value: '4' } } as never);
    expect(page.instance.data.regionText).toBe('广东省 深圳市 南山区');
    await tap(page.querySelector('.save')!);
    await settle();
    const put = double.calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({ dayStartHour: 4, province: '广东省', city: '深圳市', district: '南山区' });
    expect(ui.toasts).toEqual(['已保存']);
  });

  it('binds the phone with the code from the phone button', async () => {
    answer = (call) => {
      if (call.method === 'GET') return ok({ data: me(), meta: {} });
      if (call.method === 'POST' && call.path === '/api/wechat/phone') return ok({ data: me({ phoneMasked: '138****0000' }), meta: {} });
      return { status: 404, body: null };
    };
    const page = renderPage('profile');
    page.instance.onLoad({});
    await settle();
    page.instance.onPhone({ detail: { code: 'phonecode123' } } as never);
    await settle();
    expect(double.calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/wechat/phone', body: { code: 'phonecode123' } });
    expect(page.instance.data.phone).toBe('138****0000');
    page.instance.onPhone({ detail: { errMsg: 'getPhoneNumber:fail user deny' } } as never);
    await settle();
    expect(double.calls.filter((c) => c.path === '/api/wechat/phone')).toHaveLength(1);
  });
});

describe('account page', () => {
  it('exports my data, shows what it holds and copies it', async () => {
    answer = (call) =>
      call.path === '/api/me/export'
        ? ok({ data: { profile: me(), records: { habits: [{ documentId: 'h1' }], diaries: [] }, exportedAt: '2026-03-08T02:00:00.000Z' }, meta: {} })
        : { status: 404, body: null };
    const page = renderPage('account');
    await tap(page.querySelector('.button')!);
    await settle();
    expect(page.querySelectorAll('.export-row').map((row) => row.dom.textContent?.replace(/\s+/g, ''))).toEqual(['习惯1条', '日记0条']);
    await tap(page.querySelector('.button-light')!);
    expect(JSON.parse(ui.copied[0]) as { records: unknown }).toMatchObject({ records: { habits: [{ documentId: 'h1' }] } });
  });

  it('deletes the account only once confirmed, and says when the data goes', async () => {
    answer = (call) => (call.method === 'DELETE' && call.path === '/api/me' ? ok({ data: { deletedAt: '2026-03-08T02:00:00.000Z', purgeAfter: '2026-04-07T02:00:00.000Z' }, meta: {} }) : { status: 404, body: null });
    const page = renderPage('account');
    ui.confirmNext = false;
    await tap(page.querySelector('.button-danger')!);
    await settle();
    expect(double.calls).toEqual([]);
    ui.confirmNext = true;
    await tap(page.querySelector('.button-danger')!);
    await settle();
    expect(double.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['DELETE /api/me']);
    expect(textOf(page, '.deleted-text')).toContain('2026-04-07');
    expect(double.storage.has('auth.jwt')).toBe(false);
  });
});

describe('after a deletion', () => {
  it('signs in by itself no more (that would restore the account); 我的 offers the restore, which signs in', async () => {
    let logins = 0;
    answer = (call) => {
      if (call.method === 'DELETE' && call.path === '/api/me') return ok({ data: { deletedAt: '2026-03-08T02:00:00.000Z', purgeAfter: '2026-04-07T02:00:00.000Z' }, meta: {} });
      if (call.method === 'POST' && call.path === '/api/wechat/login') {
        logins += 1;
        return ok({ data: { jwt: 'jwt-again', refreshToken: 'refresh-again-0001', user: me() }, meta: {} });
      }
      if (call.method === 'GET' && call.path === '/api/me') return ok({ data: me(), meta: {} });
      return { status: 404, body: null };
    };
    const account = renderPage('account');
    await tap(account.querySelector('.button-danger'));
    await settle();

    const mine = renderPage('me');
    mine.instance.onShow();
    await settle();
    expect(logins).toBe(0);
    expect(double.calls.filter((c) => c.path === '/api/me' && c.method === 'GET')).toEqual([]);
    const state = mine.querySelector('#state')!;
    expect(textOf(state, '.state-empty .state-text')).toBe('账号已注销：重新登录可在 30 天内恢复');

    await tap(state.querySelector('.state-action'));
    await settle();
    expect(logins).toBe(1);
    expect(ui.toasts).toContain('账号已恢复');
    expect(textOf(mine, '.nickname')).toBe('小明');
  });
});
