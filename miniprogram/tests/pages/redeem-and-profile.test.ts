/** @jest-environment jsdom */
import { envelope, type WxAnswer, type WxCall, type WxDouble } from '../helpers/wx-double';
import { installApp, ok, renderPage, settle, type UiCalls } from '../helpers/page';
import { tap, textOf } from '../helpers/simulate';

const emptyHistory = ok({ data: [], meta: { pagination: { page: 1, pageSize: 20, pageCount: 0, total: 0 } } });

const me = (over: Record<string, unknown> = {}) => ({
  id: 7, documentId: 'user7aaaaaaaa', nickname: '小明', avatar: null, timezone: 'Asia/Shanghai', dayStartHour: 0, province: null, city: null, district: null,
  showInRanking: true, membershipTier: 'free', membershipExpiresAt: null, pointsBalance: 0, makeupCards: 3, phoneMasked: null, smokingSettings: null,
  totalCheckInDays: 0, consecutiveDays: 0, lastCheckInDate: null, lastLoginAt: null, createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

let double: WxDouble;
let ui: UiCalls;
let answer: (call: WxCall) => WxAnswer | 'fail';

beforeEach(() => {
  answer = () => ({ status: 404, body: null });
  ({ double, ui } = installApp((call) => answer(call)));
});

describe('redeem page', () => {
  const typed = async (code: string) => {
    const page = renderPage('redeem');
    page.instance.onLoad({});
    await settle();
    page.querySelector('.code')!.dispatchEvent('input', { detail: { value: code } });
    await settle();
    return page;
  };

  it('redeems the code as typed and says what it gave, then shows it in the history', async () => {
    let redeemed = false;
    answer = (call) => {
      if (call.method === 'POST' && call.path === '/api/redeem-codes/redeem') {
        redeemed = true;
        return ok({ data: { documentId: 'redemption01', kind: 'vipDays', amount: 30, result: { before: 'free', after: 'vip', expiresAt: '2026-04-07T02:00:00.000Z' }, redeemedAt: '2026-03-08T02:00:00.000Z' } });
      }
      if (call.path.startsWith('/api/redeem-codes/history')) {
        return redeemed
          ? ok({ data: [{ documentId: 'redemption01', kind: 'vipDays', amount: 30, result: null, redeemedAt: '2026-03-08T02:00:00.000Z' }], meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 1 } } })
          : emptyHistory;
      }
      if (call.path === '/api/me') return ok({ data: me({ membershipTier: 'vip' }), meta: {} });
      return { status: 404, body: null };
    };
    const page = await typed(' vip-2026 abcd ');
    await tap(page.querySelector('.submit'));
    await settle();
    expect(double.calls.find((c) => c.method === 'POST')!.body).toEqual({ code: 'vip-2026 abcd' });
    expect(textOf(page, '.message')).toBe('兑换成功：VIP 会员 30 天，有效期至 2026-04-07');
    expect(textOf(page, '.row-title')).toBe('VIP 会员 30 天');
  });

  it('says in Chinese why a code was refused, and sends nothing for an empty one', async () => {
    answer = (call) =>
      call.method === 'POST'
        ? envelope(409, 'ConflictError', 'This code has been used up', { reason: 'used_up' })
        : call.path.startsWith('/api/redeem-codes/history')
          ? emptyHistory
          : { status: 404, body: null };
    const empty = await typed('   ');
    await tap(empty.querySelector('.submit'));
    expect(textOf(empty, '.message')).toBe('请输入兑换码');
    expect(double.calls.filter((c) => c.method === 'POST')).toEqual([]);

    const page = await typed('USEDUP01');
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.message')).toBe('兑换码已被领完');
  });
});

describe('redeem history by kind', () => {
  it('reads only the kind chosen, from page 1', async () => {
    answer = (call) => (call.path.startsWith('/api/redeem-codes/history') ? emptyHistory : { status: 404, body: null });
    const page = renderPage('redeem');
    page.instance.onLoad({});
    await settle();
    const chip = page.querySelectorAll('.kind').find((node) => node.dom.textContent === '补签卡');
    await tap(chip);
    await settle();
    expect(double.calls.map((c) => c.path)).toEqual(['/api/redeem-codes/history?page=1&pageSize=20', '/api/redeem-codes/history?page=1&pageSize=20&kind=makeupCards']);
    await tap(page.querySelectorAll('.kind')[0]);
    await settle();
    expect(double.calls.at(-1)!.path).toBe('/api/redeem-codes/history?page=1&pageSize=20');
  });
});

describe('profile avatar', () => {
  it('uploads the chosen avatar as multipart "file" with the token, and shows the new one', async () => {
    answer = (call) => (call.path === '/api/me' ? ok({ data: me(), meta: {} }) : { status: 404, body: null });
    const uploads: Array<{ url: string; filePath: string; name: string; header: Record<string, string> }> = [];
    Object.assign((globalThis as unknown as { wx: object }).wx, {
      uploadFile: (option: { url: string; filePath: string; name: string; header: Record<string, string>; success: (res: { statusCode: number; data: string }) => void }) => {
        uploads.push({ url: option.url, filePath: option.filePath, name: option.name, header: option.header });
        option.success({ statusCode: 200, data: JSON.stringify({ data: me({ avatar: 'http://127.0.0.1:1337/uploads/avatars/a.png' }), meta: {} }) });
      },
    });
    const page = renderPage('profile');
    page.instance.onLoad({});
    await settle();
    await page.instance.onChooseAvatar({ detail: { avatarUrl: 'wxfile://tmp/avatar.png' } });
    await settle();
    expect(uploads).toEqual([{ url: 'http://127.0.0.1:1337/api/me/avatar', filePath: 'wxfile://tmp/avatar.png', name: 'file', header: { Authorization: 'Bearer jwt-test' } }]);
    expect(page.instance.data.avatar).toBe('http://127.0.0.1:1337/uploads/avatars/a.png');
    expect(ui.toasts).toEqual(['头像已更新']);
  });

  it('puts the old avatar back and says why when the upload is refused', async () => {
    answer = (call) => (call.path === '/api/me' ? ok({ data: me({ avatar: 'https://thirdwx.qlogo.cn/old.png' }), meta: {} }) : { status: 404, body: null });
    Object.assign((globalThis as unknown as { wx: object }).wx, {
      uploadFile: (option: { success: (res: { statusCode: number; data: string }) => void }) =>
        option.success({ statusCode: 400, data: JSON.stringify({ data: null, error: { status: 400, name: 'ValidationError', message: '图片过大: the image is larger than 2 MB', details: {} } }) }),
    });
    const page = renderPage('profile');
    page.instance.onLoad({});
    await settle();
    await page.instance.onChooseAvatar({ detail: { avatarUrl: 'wxfile://tmp/huge.png' } });
    expect(page.instance.data.avatar).toBe('https://thirdwx.qlogo.cn/old.png');
    expect(ui.toasts).toEqual(['图片过大']);
  });
});

describe('diary list', () => {
  it('walks back a month and reads that month, never past the current one', async () => {
    answer = (call) => (call.path.startsWith('/api/diaries') ? ok({ data: [], meta: { pagination: { page: 1, pageSize: 10, pageCount: 0, total: 0 } } }) : { status: 404, body: null });
    const page = renderPage('diary');
    page.instance.onLoad({ month: '2026-01' });
    page.instance.onShow();
    await settle();
    expect(double.calls.at(-1)!.path).toBe('/api/diaries?month=2026-01&page=1&pageSize=10');
    await tap(page.querySelectorAll('.month-arrow')[0]);
    await settle();
    expect(double.calls.at(-1)!.path).toBe('/api/diaries?month=2025-12&page=1&pageSize=10');
    expect(textOf(page, '.month-title')).toBe('2025年12月');
    const reads = double.calls.length;
    page.instance.showMonth('2999-01');
    await settle();
    expect(double.calls).toHaveLength(reads);
  });

  it('opens the editor for a diary and for a new one', async () => {
    answer = (call) =>
      call.path.startsWith('/api/diaries')
        ? ok({ data: [{ documentId: 'diary0000001', localDate: '2026-01-05', title: '雪', content: '下雪了', mood: null, weather: 'snowy', tags: null, isDraft: true }], meta: { pagination: { page: 1, pageSize: 10, pageCount: 1, total: 1 } } })
        : { status: 404, body: null };
    const page = renderPage('diary');
    page.instance.onLoad({ month: '2026-01' });
    page.instance.onShow();
    await settle();
    expect(textOf(page, '.diary-draft')).toBe('草稿');
    await tap(page.querySelector('.diary'));
    await tap(page.querySelector('.write'));
    expect(ui.navigations).toEqual(['/pages/diary-edit/index?id=diary0000001', '/pages/diary-edit/index']);
  });
});
