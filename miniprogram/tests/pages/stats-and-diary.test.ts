/** @jest-environment jsdom */
import { envelope, type WxAnswer, type WxCall, type WxDouble } from '../helpers/wx-double';
import { installApp, ok, renderPage, settle, type UiCalls } from '../helpers/page';
import { tap, textOf } from '../helpers/simulate';
import { meStats } from '../helpers/fixtures';


let double: WxDouble;
let ui: UiCalls;
let answer: (call: WxCall) => WxAnswer | 'fail';

beforeEach(() => {
  answer = () => ({ status: 404, body: null });
  ({ double, ui } = installApp((call) => answer(call)));
});

const stats = meStats();

describe('stats page', () => {
  it('shows the rank tier with its stars and the last 7 days from GET /api/me/stats', async () => {
    answer = (call) => (call.path === '/api/me/stats' ? ok({ data: stats, meta: {} }) : { status: 404, body: null });
    const page = renderPage('stats');
    page.instance.onShow();
    await settle();
    expect(double.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/me/stats']);
    expect(textOf(page, '.rank-name')).toBe('秩序白银');
    expect(textOf(page, '.rank-stars')).toBe('★ 2');
    expect(textOf(page, '.rank-next')).toBe('再打卡 22 天升级');
    expect(page.querySelectorAll('.bar')).toHaveLength(7);
    expect(textOf(page, '.bar-today .bar-day')).toBe('今天');
  });

  it('shows the error with a retry that reads again', async () => {
    let calls = 0;
    answer = () => (++calls === 1 ? envelope(503, 'ServiceUnavailableError', '服务繁忙: try again later') : ok({ data: stats, meta: {} }));
    const page = renderPage('stats');
    page.instance.onShow();
    await settle();
    const state = page.querySelector('#state')!;
    expect(textOf(state, '.state-error .state-text')).toBe('服务繁忙');
    await tap(state.querySelector('.state-retry')!);
    await settle();
    expect(textOf(page, '.rank-name')).toBe('秩序白银');
  });
});

describe('diary editor', () => {
  const existing = { documentId: 'diary0000001', localDate: '2026-03-08', title: '周末', content: '上午去了公园。', mood: 'happy', weather: 'sunny', tags: [], isDraft: false, aiComment: null, pointsAwarded: 5 };

  it('saves a new diary as a draft with its date, and says so', async () => {
    answer = (call) => (call.method === 'POST' && call.path === '/api/diaries' ? ok({ data: { ...existing, isDraft: true, pointsAwarded: 0 }, meta: {} }, 201) : { status: 404, body: null });
    const page = renderPage('diary-edit');
    page.instance.onLoad({ date: '2026-03-08' });
    await settle();
    page.instance.keep({ ...page.instance.data.form as object, content: '上午去了公园。' } as never);
    await tap(page.querySelector('.save-draft')!);
    await settle();
    const post = double.calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ data: { title: null, content: '上午去了公园。', mood: null, weather: null, tags: [], isDraft: true, localDate: '2026-03-08' } });
    expect(ui.toasts).toEqual(['草稿已保存']);
    expect(ui.navigations).toEqual(['back']);
  });

  it('opens the diary that already holds the date when the server answers 409, with what was typed added', async () => {
    answer = (call) => {
      if (call.method === 'POST') return envelope(409, 'ConflictError', 'You already have a diary for this date; edit it instead', { reason: 'diary_exists', diary: { documentId: 'diary0000001', localDate: '2026-03-08', isDraft: false } });
      if (call.method === 'GET' && call.path === '/api/diaries/diary0000001') return ok({ data: existing, meta: {} });
      return { status: 404, body: null };
    };
    const page = renderPage('diary-edit');
    page.instance.onLoad({ date: '2026-03-08' });
    await settle();
    page.instance.keep({ ...page.instance.data.form as object, content: '晚上吃了饺子。' } as never);
    await tap(page.querySelector('.publish')!);
    await settle();
    expect(ui.redirects).toEqual(['/pages/diary-edit/index?id=diary0000001']);
    const kept = JSON.parse(double.storage.get('diary-draft:diary0000001')!) as { content: string };
    expect(kept.content).toBe('上午去了公园。\n\n晚上吃了饺子。');
    expect(double.storage.has('diary-draft:new:2026-03-08')).toBe(false);

    // The editor it opens shows the diary with what was typed, and says so.
    const editor = renderPage('diary-edit');
    editor.instance.onLoad({ id: 'diary0000001' });
    await settle();
    expect((editor.instance.data.form as { content: string }).content).toBe('上午去了公园。\n\n晚上吃了饺子。');
    expect(textOf(editor, '.notice')).toBe('已恢复上次未保存的内容');
  });

  it('refuses to publish an empty diary before sending anything', async () => {
    const page = renderPage('diary-edit');
    page.instance.onLoad({ date: '2026-03-08' });
    await settle();
    await tap(page.querySelector('.publish')!);
    await settle();
    expect(double.calls).toEqual([]);
    expect(textOf(page, '.message')).toBe('写点什么再发布吧');
  });
});

describe('stats page without check-ins', () => {
  it('shows the empty view and sends the user to 今日', async () => {
    answer = () => ok({ data: { ...stats, totalDays: 0, totalCheckIns: 0, consecutiveDays: 0, longestStreakDays: 0, last7Days: stats.last7Days.map((d) => ({ ...d, count: 0 })) }, meta: {} });
    const page = renderPage('stats');
    page.instance.onShow();
    await settle();
    const state = page.querySelector('#state')!;
    expect(textOf(state, '.state-empty .state-text')).toBe('还没有统计，先去打卡吧');
    await tap(state.querySelector('.state-action'));
    expect(ui.navigations).toEqual(['/pages/today/index']);
  });
});

describe('a published diary’s AI comment', () => {
  const diary = { documentId: 'diary0000002', localDate: '2026-03-09', title: '放风筝', content: '风筝飞得好高。', mood: 'happy', weather: null, tags: [], isDraft: false, pointsAwarded: 0 };
  const open = async (fields: Record<string, unknown>) => {
    answer = (call) => (call.path === '/api/diaries/diary0000002' ? ok({ data: { ...diary, ...fields }, meta: {} }) : { status: 404, body: null });
    const page = renderPage('diary-edit');
    page.instance.onLoad({ id: 'diary0000002' });
    await settle();
    return page;
  };

  it('is shown when the coach has written it', async () => {
    const page = await open({ aiComment: '你观察得真仔细，风筝一定很漂亮！', aiCommentStatus: 'ready' });
    expect(textOf(page, '.ai-comment')).toContain('你观察得真仔细');
    expect(page.querySelectorAll('.ai-comment-pending')).toHaveLength(0);
  });

  it('says it is coming while it is being written', async () => {
    const page = await open({ aiComment: null, aiCommentStatus: 'pending' });
    expect(textOf(page, '.ai-comment-pending')).toContain('AI 老师正在读你的日记');
  });
});
