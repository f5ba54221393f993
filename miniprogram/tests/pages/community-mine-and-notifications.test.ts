/** @jest-environment jsdom */
import { installApp, ok, renderPage, settle, type UiCalls } from '../helpers/page';
import { hasClass, tap, textOf } from '../helpers/simulate';
import type { WxAnswer, WxCall, WxDouble } from '../helpers/wx-double';
import { docId, feedPage, notFound, notification, notificationsPage, NOW, post, refusal } from '../helpers/community-fixtures';

/** 我的帖子 (status badges and filters) and 消息 (unread, mark read, open the post), and the ways in. */

let double: WxDouble;
let ui: UiCalls;
let answer: (call: WxCall) => WxAnswer | 'fail';

beforeEach(() => {
  answer = () => notFound();
  ({ double, ui } = installApp((call) => answer(call), { now: () => NOW }));
});

const community = () => double.calls.filter((call) => call.path.startsWith('/api/community')).map((call) => `${call.method} ${call.path}`);

describe('我的帖子', () => {
  const mine = [
    post(1, { mine: true, status: 'pending' }),
    post(2, { mine: true, status: 'published' }),
    post(3, { mine: true, status: 'rejected', moderationNote: '含有广告' }),
    post(4, { mine: true, status: 'hidden', moderationNote: '被多人举报，等待复核' }),
  ];

  it('shows each post’s status, with the reason for rejected and hidden ones', async () => {
    answer = (call) => (call.path.startsWith('/api/community/me/posts') ? ok(feedPage(mine, 'c4')) : notFound());
    const page = renderPage('community-mine');
    page.instance.onShow();
    await settle();
    const cards = page.querySelectorAll('.card');
    expect(cards.map((card) => textOf(card, '.status'))).toEqual(['审核中', '', '未通过', '已隐藏']);
    expect(cards.map((card) => textOf(card, '.status-note'))).toEqual(['', '', '原因：含有广告', '原因：被多人举报，等待复核']);
    expect(textOf(page, '.footer')).toBe('加载更多');
    await tap(cards[2].querySelector('.text'));
    expect(ui.navigations).toEqual([`/pages/community-post/index?id=${docId('post', 3)}`]);
  });

  it('filters by status from the first page', async () => {
    answer = (call) => (call.path.startsWith('/api/community/me/posts') ? ok(feedPage([])) : notFound());
    const page = renderPage('community-mine');
    page.instance.onShow();
    await settle();
    await tap(page.querySelectorAll('.filter')[3]);
    await settle();
    expect(hasClass(page.querySelectorAll('.filter')[3], 'filter-on')).toBe(true);
    expect(community()).toEqual(['GET /api/community/me/posts', 'GET /api/community/me/posts?status=rejected']);
    expect(textOf(page.querySelector('#state')!, '.state-empty .state-text')).toBe('还没有帖子');
  });

  it('shows the refusal when the account may not read them (403)', async () => {
    answer = () => refusal(403, 'ForbiddenError', 'Forbidden');
    const page = renderPage('community-mine');
    page.instance.onShow();
    await settle();
    expect(textOf(page.querySelector('#state')!, '.state-error .state-text')).toBe('没有权限');
  });
});

describe('消息', () => {
  const items = [
    notification(1, { kind: 'rejected', text: '你的帖子未通过审核：含有广告', actorName: null }),
    notification(2, { kind: 'replied', text: '同学2 回复了你：加油', read: true }),
    notification(3, { kind: 'muted', text: '你已被禁言 3 天', postDocumentId: null, targetType: null, targetDocumentId: null }),
  ];
  const serve = (unreadAfter: number) => (call: WxCall): WxAnswer => {
    if (call.path.startsWith('/api/community/notifications?') || call.path === '/api/community/notifications') return ok(notificationsPage(items, 2));
    if (call.path === '/api/community/notifications/read') return ok({ data: { unread: unreadAfter }, meta: {} });
    return notFound();
  };

  it('shows the notifications with the unread count and marks them', async () => {
    answer = serve(1);
    const page = renderPage('community-notifications');
    page.instance.onLoad();
    await settle();
    expect(page.querySelectorAll('.text').map((node) => node.dom.textContent)).toEqual(['你的帖子未通过审核：含有广告', '同学2 回复了你：加油', '你已被禁言 3 天']);
    expect(textOf(page, '.head-unread')).toBe('2 条未读');
    expect(page.querySelectorAll('.dot')).toHaveLength(2);
    expect(page.querySelectorAll('.time').map((node) => node.dom.textContent)).toEqual(['10 分钟前', '20 分钟前', '30 分钟前']);
  });

  it('reads one on tap and opens its post; a read one and one without a post send nothing', async () => {
    answer = serve(1);
    const page = renderPage('community-notifications');
    page.instance.onLoad();
    await settle();
    await tap(page.querySelectorAll('.notification')[0]);
    await settle();
    expect(double.calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/community/notifications/read', body: { ids: [docId('notice', 1)] } });
    expect(ui.navigations).toEqual([`/pages/community-post/index?id=${docId('post', 1)}`]);
    expect(textOf(page, '.head-unread')).toBe('1 条未读');
    expect(page.querySelectorAll('.dot')).toHaveLength(1);
    const sent = double.calls.length;
    await tap(page.querySelectorAll('.notification')[1]);
    await settle();
    expect(double.calls).toHaveLength(sent);
    expect(ui.navigations).toHaveLength(2);
  });

  it('reads all at once, and says so when that fails', async () => {
    answer = serve(0);
    const page = renderPage('community-notifications');
    page.instance.onLoad();
    await settle();
    await tap(page.querySelector('.read-all'));
    await settle();
    expect(double.calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/community/notifications/read', body: {} });
    expect(textOf(page, '.head-unread')).toBe('没有未读消息');
    expect(page.querySelectorAll('.dot')).toHaveLength(0);

    const again = renderPage('community-notifications');
    answer = (call) => (call.path === '/api/community/notifications/read' ? 'fail' : serve(0)(call));
    again.instance.onLoad();
    await settle();
    await tap(again.querySelector('.read-all'));
    await settle();
    expect(ui.toasts).toEqual(['网络不给力，请稍后重试']);
    expect(again.querySelectorAll('.dot')).toHaveLength(2);
  });

  it('shows the empty view when there is nothing yet', async () => {
    answer = () => ok(notificationsPage([], 0));
    const page = renderPage('community-notifications');
    page.instance.onLoad();
    await settle();
    expect(textOf(page.querySelector('#state')!, '.state-empty .state-text')).toBe('还没有消息');
  });
});

describe('the ways into the community', () => {
  it('今日 links to 社区 with the unread count, and 我的 to my posts and notifications', async () => {
    answer = (call) => (call.path === '/api/community/notifications/unread-count' ? ok({ data: { unread: 4 }, meta: {} }) : notFound());
    const today = renderPage('today');
    today.instance.onShow();
    await settle();
    expect(textOf(today, '.community-unread')).toBe('4 条新消息');
    today.instance.onHide();
    await tap(today.querySelector('.community-entry'));
    expect(ui.navigations).toEqual(['/pages/community/index']);
    const me = renderPage('me');
    const links = me.querySelectorAll('.link').map((node) => (node.dom.textContent ?? '').replace(/[\s›]+/g, ''));
    expect(links).toEqual(expect.arrayContaining(['我的帖子', '社区消息']));
    await tap(me.querySelectorAll('.link')[links.indexOf('社区消息')]);
    expect(ui.navigations.at(-1)).toBe('/pages/community-notifications/index');
  });
});
