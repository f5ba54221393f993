/** @jest-environment jsdom */
import { envelope, type WxAnswer, type WxCall, type WxDouble } from '../helpers/wx-double';
import { installApp, ok, renderPage, settle, type UiCalls } from '../helpers/page';
import { tap, textOf } from '../helpers/simulate';


const prize = (over: Record<string, unknown>) => ({ documentId: 'prize0000001', name: '50 积分', description: null, kind: 'points', amount: 50, weight: 10, stock: -1, available: true, ...over });
const prizes = (list: unknown[], drawsLeftToday = 5) => ok({ data: list, meta: { cost: 20, drawsPerDay: 5, drawsLeftToday, noPrize: '谢谢参与' } });
const records = ok({ data: [], meta: { pagination: { page: 1, pageSize: 20, pageCount: 0, total: 0 } } });
const balance = (n: number) => ok({ data: { balance: n, earned: n, spent: 0 }, meta: {} });

let double: WxDouble;
let ui: UiCalls;
let draw: (call: WxCall) => WxAnswer | 'fail';
let prizeList: unknown[];

beforeEach(() => {
  prizeList = [prize({}), prize({ documentId: 'prize0000002', name: '补签卡', kind: 'makeupCard', amount: 1, stock: 2 })];
  draw = () => envelope(500, 'InternalServerError', 'unexpected');
  ({ double, ui } = installApp((call) => {
    const path = new URL(call.url).pathname;
    if (call.method === 'GET' && path === '/api/lottery/prizes') return prizes(prizeList);
    if (call.method === 'GET' && path === '/api/points/balance') return balance(100);
    if (call.method === 'GET' && path === '/api/lottery/records') return records;
    if (call.method === 'POST' && path === '/api/lottery/draw') return draw(call);
    return { status: 404, body: null };
  }));
});

const opened = async () => {
  const page = renderPage('lottery');
  page.instance.onLoad({});
  await settle();
  return page;
};

const draws = () => double.calls.filter((c) => c.method === 'POST');

describe('lottery page', () => {
  it('shows the prizes with what they give and the draws left', async () => {
    const page = await opened();
    expect(page.querySelectorAll('.prize')).toHaveLength(2);
    expect(textOf(page, '.draws')).toBe('20 积分 / 次 · 今日还可抽 5 次');
    expect(textOf(page, '.balance')).toBe('我的积分 100');
  });

  it('draws with an idempotency key and shows the prize won', async () => {
    draw = () =>
      ok(
        {
          data: { documentId: 'draw00000001', isWinner: true, prize: { documentId: 'prize0000002', name: '补签卡', kind: 'makeupCard', amount: 1 }, prizeName: '补签卡', cost: 20, localDate: '2026-03-08' },
          meta: { balance: 80, drawsLeftToday: 4 },
        },
        201,
      );
    const page = await opened();
    await tap(page.querySelector('.draw')!);
    await settle();
    expect(draws()).toHaveLength(1);
    expect(draws()[0].body).toEqual({ data: { idempotencyKey: expect.stringMatching(/^draw-[a-z0-9]+-[a-z0-9]+$/) } });
    const result = page.querySelector('#result')!;
    expect(textOf(result, '.result-title')).toBe('恭喜中奖');
    expect(textOf(result, '.result-prize')).toBe('补签卡');
    expect(textOf(result, '.result-detail')).toBe('今日还可抽 4 次 · 余额 80 积分');
  });

  it('resends the same key after a draw lost to the network, and a new key for the next draw', async () => {
    let attempt = 0;
    draw = () => {
      attempt += 1;
      if (attempt === 1) return 'fail';
      return ok({ data: { documentId: `draw0000000${attempt}`, isWinner: false, prize: null, prizeName: '谢谢参与', cost: 20, localDate: '2026-03-08' }, meta: { balance: 80, drawsLeftToday: 3 } }, 201);
    };
    const page = await opened();
    await tap(page.querySelector('.draw')!);
    await settle();
    const result = page.querySelector('#result')!;
    expect(textOf(result, '.result-title')).toBe('抽奖失败');
    await tap(result.querySelector('.result-primary')!);
    await settle();
    expect(textOf(result, '.result-prize')).toBe('谢谢参与');
    await tap(result.querySelector('.result-primary')!);
    await settle();
    const keys = draws().map((c) => (c.body as { data: { idempotencyKey: string } }).data.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('keeps the key of a draw lost to the network across visits, so the retry on the next visit is not a second draw', async () => {
    let attempt = 0;
    draw = () => {
      attempt += 1;
      return attempt === 1 ? 'fail' : ok({ data: { documentId: 'draw00000009', isWinner: false, prize: null, prizeName: '谢谢参与', cost: 20, localDate: '2026-03-08' }, meta: { balance: 80, drawsLeftToday: 3 } }, 201);
    };
    const first = await opened();
    await tap(first.querySelector('.draw'));
    await settle();
    const again = await opened();
    await tap(again.querySelector('.draw'));
    await settle();
    const keys = draws().map((c) => (c.body as { data: { idempotencyKey: string } }).data.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(double.storage.has('lottery.pendingDrawKey')).toBe(false);
  });

  it('shows the daily cap when the server refuses the draw', async () => {
    draw = () => envelope(400, 'ValidationError', '今日抽奖次数已用完: at most 5 draws a day', { reason: 'daily_limit', drawsPerDay: 5 });
    const page = await opened();
    await tap(page.querySelector('.draw')!);
    await settle();
    const result = page.querySelector('#result')!;
    expect(textOf(result, '.result-title')).toBe('今日抽奖次数已用完');
    await tap(result.querySelector('.result-primary')!);
    expect(page.querySelector('#result')!.querySelector('.result')).toBeFalsy();
  });

  it('says every prize is gone without paying for a draw', async () => {
    prizeList = [prize({ stock: 0, available: false })];
    const page = await opened();
    expect(textOf(page, '.blocked')).toBe('奖品已被抽完');
    page.instance.draw();
    await settle();
    expect(draws()).toEqual([]);
    expect(textOf(page.querySelector('#result')!, '.result-title')).toBe('奖品已被抽完');
  });

  it('sends a user without points to the tasks', async () => {
    draw = () => envelope(400, 'ValidationError', '积分不足: this needs 20 points', { reason: 'insufficient_points', needed: 20 });
    const page = await opened();
    await tap(page.querySelector('.draw')!);
    await settle();
    await tap(page.querySelector('#result')!.querySelector('.result-primary')!);
    expect(ui.navigations).toEqual(['/pages/tasks/index']);
  });
});
