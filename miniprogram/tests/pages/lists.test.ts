/** @jest-environment jsdom */
import { envelope, type WxAnswer, type WxCall, type WxDouble } from '../helpers/wx-double';
import { installApp, ok, renderPage, settle, type UiCalls } from '../helpers/page';
import { tap, textOf } from '../helpers/simulate';
import { localDayFor } from '../../logic/dates';

/**
 * The list pages: each reads its endpoint page by page, shows the empty view for no records, the rows
 * for some, asks for the next page at the bottom, and shows the error view (with a retry) when the read fails.
 */
const pagination = (page: number, pageSize: number, total: number) => ({ page, pageSize, pageCount: Math.ceil(total / pageSize), total });

type ListCase = {
  page: string;
  path: string;
  /** The query of page `n` as the page sends it. */
  query: (n: number) => string;
  pageSize: number;
  item: (i: number) => Record<string, unknown>;
  row: string;
  empty: string;
  lifecycle: 'onLoad' | 'onShow';
  /** Other reads the page makes, answered with these. */
  others?: Record<string, unknown>;
};

const cases: ListCase[] = [
  {
    page: 'points',
    path: '/api/points/records',
    query: (n) => `page=${n}&pageSize=20`,
    pageSize: 20,
    item: (i) => ({ id: i, amount: 10, balanceAfter: 10 * i, reason: 'check-in', sourceType: 'check-in', sourceId: 'x', note: null, createdAt: '2026-03-08T00:00:00.000Z' }),
    row: '.record',
    empty: '还没有积分记录，打卡、写日记、完成任务都能得积分',
    lifecycle: 'onLoad',
    others: { '/api/points/balance': { data: { balance: 10, earned: 10, spent: 0 }, meta: {} } },
  },
  {
    page: 'redeem',
    path: '/api/redeem-codes/history',
    query: (n) => `page=${n}&pageSize=20`,
    pageSize: 20,
    item: (i) => ({ documentId: `redemption${String(i).padStart(4, '0')}`, kind: 'points', amount: 100, result: { points: 100, balance: 100 }, redeemedAt: '2026-03-08T00:00:00.000Z' }),
    row: '.row',
    empty: '还没有兑换记录',
    lifecycle: 'onLoad',
  },
  {
    page: 'tasks',
    path: '/api/tasks',
    query: (n) => `pagination%5Bpage%5D=${n}&pagination%5BpageSize%5D=20`,
    pageSize: 20,
    item: (i) => ({ documentId: `task${String(i).padStart(8, '0')}`, localDate: '2026-03-08', title: `任务 ${i}`, description: null, category: 'daily', points: 5, isSystem: true, completed: false, completedAt: null }),
    row: '.task',
    empty: '今天没有任务，自己加一个吧',
    lifecycle: 'onLoad',
  },
  {
    page: 'diary',
    path: '/api/diaries',
    query: (n) => `month=${localDayFor({}, new Date()).slice(0, 7)}&page=${n}&pageSize=10`,
    pageSize: 10,
    item: (i) => ({ documentId: `diary${String(i).padStart(7, '0')}`, localDate: '2026-03-01', title: `第 ${i} 篇`, content: '内容', mood: null, weather: null, tags: null, isDraft: i === 1 }),
    row: '.diary',
    empty: '这个月还没有日记',
    lifecycle: 'onShow',
  },
];

let double: WxDouble;
let ui: UiCalls;
let answer: (call: WxCall) => WxAnswer | 'fail';

beforeEach(() => {
  answer = () => ({ status: 404, body: null });
  ({ double, ui } = installApp((call) => answer(call)));
});

/** Answers `total` records of `c`, a page at a time; other reads from `c.others`. */
const serve = (c: ListCase, total: number) => (call: WxCall): WxAnswer => {
  const url = new URL(call.url);
  if (url.pathname === c.path) {
    const n = Number(url.searchParams.get('page') ?? url.searchParams.get('pagination[page]') ?? 1);
    const items = Array.from({ length: Math.max(0, Math.min(c.pageSize, total - (n - 1) * c.pageSize)) }, (_, i) => c.item((n - 1) * c.pageSize + i + 1));
    return ok({ data: items, meta: { pagination: pagination(n, c.pageSize, total) } });
  }
  const other = c.others?.[url.pathname];
  return other ? ok(other) : { status: 404, body: null };
};

const open = async (c: ListCase) => {
  const page = renderPage(c.page);
  page.instance.onLoad({});
  if (c.lifecycle === 'onShow') page.instance.onShow();
  await settle();
  return page;
};

describe.each(cases)('the $page page', (c) => {
  it('shows its empty view when there are no records', async () => {
    answer = serve(c, 0);
    const page = await open(c);
    expect(double.calls.filter((call) => call.path.startsWith(`${c.path}?`)).map((call) => call.path)).toEqual([`${c.path}?${c.query(1)}`]);
    expect(textOf(page.querySelector('#state')!, '.state-empty .state-text')).toBe(c.empty);
  });

  it('shows the first page, then the next one at the bottom, then says there is no more', async () => {
    answer = serve(c, c.pageSize + 1);
    const page = await open(c);
    expect(page.querySelectorAll(c.row)).toHaveLength(c.pageSize);
    page.instance.onReachBottom();
    await settle();
    expect(double.calls.at(-1)!.path).toBe(`${c.path}?${c.query(2)}`);
    expect(page.querySelectorAll(c.row)).toHaveLength(c.pageSize + 1);
    expect(textOf(page, '.footer')).toBe('没有更多了');
    page.instance.onReachBottom();
    await settle();
    expect(double.calls.filter((call) => call.path.startsWith(`${c.path}?`))).toHaveLength(2);
  });

  it('shows the error view when the read fails, and reads again on retry', async () => {
    answer = (call) => (call.path.startsWith(`${c.path}?`) ? envelope(500, 'InternalServerError', 'Internal Server Error') : serve(c, 0)(call));
    const page = await open(c);
    const state = page.querySelector('#state')!;
    expect(state.querySelector('.state-error')).toBeTruthy();
    answer = serve(c, 1);
    await tap(state.querySelector('.state-retry')!);
    await settle();
    expect(page.querySelectorAll(c.row)).toHaveLength(1);
  });
});

describe('the tasks page', () => {
  it('completes a task and announces its points once; a 409 shows it done without points', async () => {
    const task = (completed: boolean) => ({ documentId: 'task00000001', localDate: '2026-03-08', title: '读书', description: null, category: 'reading', points: 10, isSystem: true, completed, completedAt: null });
    let completions = 0;
    answer = (call) => {
      if (call.method === 'GET') return ok({ data: [task(false)], meta: { pagination: pagination(1, 20, 1) } });
      completions += 1;
      return completions === 1
        ? ok({ data: task(true), meta: { points: { awarded: 10, balance: 110 } } })
        : envelope(409, 'ConflictError', 'This task is already completed', { task: task(true) });
    };
    const page = await open(cases[2]);
    await tap(page.querySelector('.task-complete')!);
    await settle();
    expect(double.calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/tasks/task00000001/complete' });
    expect(ui.toasts).toEqual(['+10 积分']);
    expect(textOf(page, '.task-complete')).toBe('已完成');
    expect(textOf(page, '.head-progress')).toBe('已完成 1 / 1');
    page.instance.complete({ currentTarget: { dataset: { id: 'task00000001' } } } as never);
    await settle();
    expect(ui.toasts).toEqual(['+10 积分']);
  });
});
