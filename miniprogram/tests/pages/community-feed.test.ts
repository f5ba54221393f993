/** @jest-environment jsdom */
import { installApp, ok, renderPage, settle, type UiCalls } from '../helpers/page';
import { hasClass, tap, textOf } from '../helpers/simulate';
import type { WxAnswer, WxCall, WxDouble } from '../helpers/wx-double';
import { boards, docId, feedPage, image, likeAnswer, notFound, NOW, post, tooMany, unauthorized } from '../helpers/community-fixtures';

/**
 * 社区 (the boards) and a board's feed: newest / hot, pinned posts on top, pages by cursor, pull to
 * refresh, likes shown at once and put back when refused, and the error states.
 */

let double: WxDouble;
let ui: UiCalls;
let answer: (call: WxCall) => WxAnswer | 'fail' | Promise<WxAnswer | 'fail'>;
let previews: Array<{ urls: string[]; current: string }>;

beforeEach(() => {
  answer = () => ({ status: 404, body: null });
  ({ double, ui } = installApp((call) => answer(call), { now: () => NOW }));
  previews = [];
  Object.assign((globalThis as unknown as { wx: object }).wx, { previewImage: (option: { urls: string[]; current: string }) => void previews.push(option) });
});

const community = (call: WxCall) => call.path.startsWith('/api/community');
const paths = () => double.calls.filter(community).map((call) => `${call.method} ${call.path}`);

describe('the 社区 page', () => {
  it('lists the boards with who may post, the unread badge, and opens a board’s feed', async () => {
    answer = (call) => {
      if (call.path === '/api/community/boards') return ok({ data: boards(), meta: {} });
      if (call.path === '/api/community/notifications/unread-count') return ok({ data: { unread: 3 }, meta: {} });
      return notFound();
    };
    const page = renderPage('community');
    page.instance.onShow();
    await settle();
    expect(page.querySelectorAll('.board-name').map((node) => node.dom.textContent)).toEqual(['校园', '打卡圈', '公告', '会员专区']);
    expect(page.querySelectorAll('.board-note').map((node) => node.dom.textContent)).toEqual(['仅编辑发帖', '会员可发帖']);
    expect(textOf(page, '.unread')).toBe('3');
    await tap(page.querySelectorAll('.board')[1]);
    await tap(page.querySelector('.following'));
    await tap(page.querySelector('.notifications'));
    await tap(page.querySelector('.write'));
    expect(ui.navigations).toEqual([
      `/pages/community-feed/index?board=habits&name=${encodeURIComponent('打卡圈')}&canPost=1`,
      '/pages/community-feed/index?following=1',
      '/pages/community-notifications/index',
      '/pages/community-write/index',
    ]);
  });

  it('shows the error with a retry when the boards cannot be read (no network), and no badge', async () => {
    answer = () => 'fail';
    const page = renderPage('community');
    page.instance.onShow();
    await settle();
    expect(textOf(page.querySelector('#state')!, '.state-error .state-text')).toBe('网络不给力，请稍后重试');
    expect(page.querySelector('.unread')).toBeUndefined();
    answer = (call) => (call.path === '/api/community/boards' ? ok({ data: boards(), meta: {} }) : ok({ data: { unread: 0 }, meta: {} }));
    await tap(page.querySelector('#state')!.querySelector('.state-retry'));
    await settle();
    expect(page.querySelectorAll('.board')).toHaveLength(4);
  });
});

describe('a board’s feed', () => {
  const pinned = post(99, { pinned: true, title: '版规' });
  /** Two pages of newest (posts 1-3, then 4) and one of hot, each with the pinned post on its first page. */
  const serveFeed = (call: WxCall): WxAnswer => {
    const url = new URL(call.url);
    if (url.pathname !== '/api/community/boards/campus/posts') return notFound();
    if (url.searchParams.get('sort') === 'hot') return ok(feedPage([post(3), post(1)], null, [pinned]));
    if (url.searchParams.get('cursor') === 'after-3') return ok(feedPage([post(4)], null));
    return ok(feedPage([post(1, { images: [image(1), image(2)] }), post(2), post(3)], 'after-3', [pinned]));
  };

  const open = async () => {
    const page = renderPage('community-feed');
    page.instance.onLoad({ board: 'campus', name: encodeURIComponent('校园'), canPost: '1' });
    await settle();
    return page;
  };
  const titles = (page: ReturnType<typeof renderPage>) => page.querySelectorAll('.card').map((card) => textOf(card, '.title'));

  it('shows the pinned post on top, then the next page by cursor at the bottom, then the end', async () => {
    answer = serveFeed;
    const page = await open();
    expect(titles(page)).toEqual(['版规', '第 1 篇', '第 2 篇', '第 3 篇']);
    expect(textOf(page.querySelectorAll('.card')[0], '.tag-pinned')).toBe('置顶');
    page.instance.onReachBottom();
    await settle();
    expect(titles(page)).toEqual(['版规', '第 1 篇', '第 2 篇', '第 3 篇', '第 4 篇']);
    expect(textOf(page, '.footer')).toBe('没有更多了');
    page.instance.onReachBottom();
    await settle();
    expect(paths()).toEqual(['GET /api/community/boards/campus/posts?sort=newest', 'GET /api/community/boards/campus/posts?sort=newest&cursor=after-3']);
  });

  it('switches to hot from its first page, and pull-to-refresh starts over', async () => {
    answer = serveFeed;
    const page = await open();
    await tap(page.querySelectorAll('.sort')[1]);
    await settle();
    expect(hasClass(page.querySelectorAll('.sort')[1], 'sort-on')).toBe(true);
    expect(titles(page)).toEqual(['版规', '第 3 篇', '第 1 篇']);
    await page.instance.onPullDownRefresh();
    await settle();
    expect(paths().slice(1)).toEqual(['GET /api/community/boards/campus/posts?sort=hot', 'GET /api/community/boards/campus/posts?sort=hot']);
  });

  it('shows a like at once, then the server’s count', async () => {
    let release: (answer: WxAnswer) => void = () => undefined;
    answer = (call) => (call.method === 'PUT' ? new Promise<WxAnswer>((resolve) => (release = resolve)) : serveFeed(call));
    const page = await open();
    const card = () => page.querySelectorAll('.card')[1];
    expect(textOf(card(), '.like')).toBe('♡ 1');
    await tap(card().querySelector('.like'));
    await settle();
    expect(textOf(card(), '.like')).toBe('♥ 2');
    // A second tap while the first is on its way sends nothing.
    await tap(card().querySelector('.like'));
    release(ok(likeAnswer(true, 7)));
    await settle();
    expect(textOf(card(), '.like')).toBe('♥ 7');
    expect(paths().filter((p) => p.startsWith('PUT'))).toEqual([`PUT /api/community/posts/${docId('post', 1)}/like`]);
  });

  it('puts a refused like back and says why (429 after waiting once, no network)', async () => {
    answer = (call) => (call.method === 'PUT' ? tooMany('点赞太频繁，请稍后再试', 5) : serveFeed(call));
    const page = await open();
    const card = () => page.querySelectorAll('.card')[1];
    await tap(card().querySelector('.like'));
    await settle();
    expect(textOf(card(), '.like')).toBe('♡ 1');
    expect(ui.toasts).toEqual(['点赞太频繁，请稍后再试（5 秒后可再试）']);
    expect(paths().filter((p) => p.startsWith('PUT'))).toHaveLength(2);
    answer = (call) => (call.method === 'PUT' ? 'fail' : serveFeed(call));
    await tap(card().querySelector('.like'));
    await settle();
    expect(textOf(card(), '.like')).toBe('♡ 1');
    expect(ui.toasts.at(-1)).toBe('网络不给力，请稍后重试');
  });

  it('opens a post and previews its images full size', async () => {
    answer = serveFeed;
    const page = await open();
    const card = page.querySelectorAll('.card')[1];
    await tap(card.querySelectorAll('.cell')[1]);
    await tap(card.querySelector('.text'));
    expect(previews).toEqual([{ urls: [image(1).url, image(2).url], current: image(2).url }]);
    expect(ui.navigations).toEqual([`/pages/community-post/index?id=${docId('post', 1)}`]);
  });

  it('shows 内容不存在或已被删除 for a board that is gone, and the empty view with 发帖 for an empty one', async () => {
    answer = () => notFound();
    const page = await open();
    expect(textOf(page.querySelector('#state')!, '.state-error .state-text')).toBe('内容不存在或已被删除');
    answer = () => ok(feedPage([]));
    await tap(page.querySelector('#state')!.querySelector('.state-retry'));
    await settle();
    expect(textOf(page.querySelector('#state')!, '.state-empty .state-text')).toBe('这里还没有帖子，来发第一篇吧');
    await tap(page.querySelector('#state')!.querySelector('.state-action'));
    expect(ui.navigations).toEqual(['/pages/community-write/index?board=campus']);
  });

  it('says the sign-in is over when every request is refused 401', async () => {
    answer = () => unauthorized();
    const page = await open();
    expect(textOf(page.querySelector('#state')!, '.state-error .state-text')).toBe('登录已过期，请重新进入小程序');
  });

  it('shows, back from a post, the like and comment made there, and a post deleted there gone', async () => {
    answer = (call) => {
      if (call.path === `/api/community/posts/${docId('post', 2)}`) return call.method === 'DELETE' ? { status: 204, body: null } : ok({ data: post(2, { mine: true }), meta: {} });
      if (call.path === `/api/community/posts/${docId('post', 1)}`) return ok({ data: post(1), meta: {} });
      if (call.path.startsWith('/api/community/posts/') && call.path.includes('/comments')) return ok({ data: [], meta: { cursor: { next: null } } });
      if (call.method === 'PUT') return ok(likeAnswer(true, 8));
      return serveFeed(call);
    };
    const page = await open();
    const detail = renderPage('community-post');
    detail.instance.onLoad({ id: docId('post', 1) });
    await settle();
    await tap(detail.querySelector('.post-like'));
    await settle();
    const mine = renderPage('community-post');
    mine.instance.onLoad({ id: docId('post', 2) });
    await settle();
    await tap(mine.querySelector('.post-delete'));
    await settle();
    page.instance.onShow();
    await settle();
    expect(titles(page)).toEqual(['版规', '第 1 篇', '第 3 篇']);
    expect(textOf(page.querySelectorAll('.card')[1], '.like')).toBe('♥ 8');
    expect(paths().filter((p) => p.startsWith('GET /api/community/boards'))).toHaveLength(1);
  });

  it('reads the people I follow, with each post’s board and no sort or write button', async () => {
    answer = (call) => (call.path.startsWith('/api/community/feed/following') ? ok(feedPage([post(5)])) : notFound());
    const page = renderPage('community-feed');
    page.instance.onLoad({ following: '1' });
    await settle();
    expect(paths()).toEqual(['GET /api/community/feed/following']);
    expect(page.querySelector('.sorts')).toBeUndefined();
    expect(page.querySelector('.write')).toBeUndefined();
    expect(textOf(page.querySelector('.card')!, '.time')).toBe('5 小时前 · 校园');
  });
});
