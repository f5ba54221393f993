/** @jest-environment jsdom */
import { installApp, ok, renderPage, settle, type RenderedPage, type UiCalls } from '../helpers/page';
import { hasClass, tap, textOf } from '../helpers/simulate';
import type { WxAnswer, WxCall, WxDouble } from '../helpers/wx-double';
import { badge, boardPage, challenge, detail, docId, entry, envelope, joinRefused, listPage, notFound, NOW, participation, place } from '../helpers/challenge-fixtures';

/**
 * The challenge pages over made-up answers shaped by the contract: 挑战 (list by cursor), the detail
 * (rules, my progress, board top 10 + me, join / leave with their confirmations and every refusal),
 * 我的挑战 (tabs) and the badges on 我的.
 */

let double: WxDouble;
let ui: UiCalls;
let modals: Array<{ title: string; content: string; confirmText?: string }>;
let answer: (call: WxCall) => WxAnswer | 'fail';
const C = docId('chal', 1);

beforeEach(() => {
  answer = () => notFound();
  ({ double, ui } = installApp((call) => answer(call), { now: () => NOW }));
  modals = [];
  const wx = (globalThis as unknown as { wx: { showModal: (option: { title: string; content: string; confirmText?: string }) => void } }).wx;
  const shown = wx.showModal;
  wx.showModal = (option) => {
    modals.push({ title: option.title, content: option.content, confirmText: option.confirmText });
    shown(option);
  };
});

const sentTo = (prefix: string) => double.calls.filter((call) => call.path.startsWith(prefix)).map((call) => `${call.method} ${call.path}`);
const stateText = (page: RenderedPage, which: 'empty' | 'error') => textOf(page.querySelector('#state')!, `.state-${which} .state-text`);
const card = (page: RenderedPage, i: number) => page.querySelectorAll('.item')[i];

describe('挑战 (the list)', () => {
  it('shows the cards with phase, rule, cost, reward and my progress, and pages by cursor', async () => {
    const first = [challenge(1, { me: participation() }), challenge(2, { phase: 'upcoming', startDate: '2026-12-10', endDate: '2026-12-31', entryCost: 30, maxParticipants: 50, participantsCount: 12, isOfficial: false })];
    answer = (call) => {
      if (call.path === '/api/challenges') return ok(listPage(first, 'c2'));
      if (call.path === '/api/challenges?cursor=c2') return ok(listPage([challenge(3, { phase: 'ended', joinable: false })]));
      return notFound();
    };
    const page = renderPage('challenges');
    page.instance.onShow();
    await settle();
    expect(page.querySelectorAll('.item')).toHaveLength(2);
    expect(textOf(card(page, 0), '.title')).toBe('21 天早起挑战');
    expect(textOf(card(page, 0), '.official')).toBe('官方');
    expect(textOf(card(page, 0), '.phase')).toBe('进行中');
    expect(textOf(card(page, 0), '.timing')).toBe('还剩 18 天');
    expect(textOf(card(page, 0), '.rule')).toBe('累计打卡 14 天 · 12月1日 - 12月21日');
    expect(textOf(card(page, 0), '.mine-text')).toBe('进行中 3/14 天');
    expect(textOf(card(page, 1), '.phase')).toBe('未开始');
    expect(textOf(card(page, 1), '.timing')).toBe('6 天后开始');
    expect(textOf(card(page, 1), '.cost')).toBe('报名 30 积分');
    expect(textOf(card(page, 1), '.participants')).toBe('12/50 人');
    expect(card(page, 1).querySelector('.official')).toBeFalsy();
    expect(textOf(page, '.footer')).toBe('加载更多');
    page.instance.onReachBottom();
    await settle();
    expect(page.querySelectorAll('.item')).toHaveLength(3);
    expect(textOf(page, '.footer')).toBe('没有更多了');
    expect(sentTo('/api/challenges')).toEqual(['GET /api/challenges', 'GET /api/challenges?cursor=c2']);
    await tap(card(page, 0).querySelector('.title'));
    expect(ui.navigations).toEqual([`/pages/challenge/index?id=${C}`]);
    await tap(page.querySelector('.mine-entry'));
    expect(ui.navigations.at(-1)).toBe('/pages/my-challenges/index');
  });

  it('shows the empty state, and the error with a retry', async () => {
    answer = () => ok(listPage([]));
    const page = renderPage('challenges');
    page.instance.onShow();
    await settle();
    expect(stateText(page, 'empty')).toBe('暂时没有挑战，过几天再来看看');

    answer = () => 'fail';
    const offline = renderPage('challenges');
    offline.instance.onShow();
    await settle();
    expect(stateText(offline, 'error')).toBe('网络不给力，请稍后重试');
    answer = () => ok(listPage([challenge(1)]));
    await tap(offline.querySelector('#state')!.querySelector('.state-retry'));
    await settle();
    expect(offline.querySelectorAll('.item')).toHaveLength(1);
  });
});

describe('挑战详情', () => {
  /** Serves the detail, the board and my place; `join` / `leave` answer what the test says. */
  const serve = (shown: ReturnType<typeof detail>, over: { join?: () => WxAnswer | 'fail'; leave?: () => WxAnswer | 'fail'; board?: () => WxAnswer | 'fail'; after?: ReturnType<typeof detail> } = {}) => {
    let current = shown;
    return (call: WxCall): WxAnswer | 'fail' => {
      const path = call.path.split('?')[0];
      if (path === `/api/challenges/${C}`) return ok(envelope(current));
      if (path === `/api/challenges/${C}/board`) return over.board ? over.board() : ok(boardPage(Array.from({ length: 10 }, (_, i) => entry(i + 1)), 128));
      if (path === `/api/challenges/${C}/board/me`) return ok(envelope(place()));
      if (path === `/api/challenges/${C}/join`) {
        const answered = over.join ? over.join() : ok(envelope(participation({ daysDone: 0 })));
        if (over.after) current = over.after;
        return answered;
      }
      if (path === `/api/challenges/${C}/leave`) {
        const answered = over.leave ? over.leave() : ok(envelope(participation({ status: 'left', leftAt: NOW.toISOString() })));
        if (over.after) current = over.after;
        return answered;
      }
      return notFound();
    };
  };

  const open = async () => {
    const page = renderPage('challenge');
    page.instance.onLoad({ id: C });
    page.instance.onShow();
    await settle();
    return page;
  };

  it('shows the challenge, its rules and the board’s top 10, and offers to join (not joined: no place read)', async () => {
    answer = serve(detail(1));
    const page = await open();
    expect(textOf(page, '.title')).toBe('21 天早起挑战');
    expect(textOf(page, '.phase')).toBe('进行中');
    expect(textOf(page, '.description')).toBe('每天 7 点前起床打卡，养成早起的习惯。');
    expect(textOf(page, '.reward')).toBe('完成奖励 100 积分 · 徽章「早起达人」 · 前 3 名再得 50 积分');
    expect(page.querySelectorAll('.rule-line').map((node) => node.dom.textContent)).toEqual(['挑战时间：12月1日 至 12月21日（北京时间）', '挑战期间累计打卡满 14 天即完成', '挑战结束前的补签计入进度']);
    expect(page.querySelector('.progress')).toBeFalsy();
    const rows = page.querySelectorAll('.board-row');
    expect(rows).toHaveLength(10);
    expect(page.querySelectorAll('.score').map((node) => node.dom.textContent)).toEqual(Array.from({ length: 10 }, (_, i) => `${Math.max(0, 14 - i)}/14 天`));
    expect(page.querySelectorAll('.reached')).toHaveLength(1);
    expect(hasClass(page.querySelectorAll('.rank')[0], 'medal-gold')).toBe(true);
    expect(textOf(page, '.nickname')).toBe('同学1');
    expect(page.querySelector('.mine')).toBeFalsy();
    expect(textOf(page, '.join')).toBe('参加挑战');
    expect(textOf(page, '.action-note')).toBe('12月7日截止报名');
    expect(sentTo('/api/challenges')).toEqual([`GET /api/challenges/${C}`, `GET /api/challenges/${C}/board?offset=0&limit=10`]);
  });

  it('joins after the confirmation, shows my progress and place, and sends nothing when cancelled', async () => {
    const joined = detail(1, { me: participation({ daysDone: 0 }), participantsCount: 129 });
    answer = serve(detail(1, { entryCost: 50, phase: 'upcoming', startDate: '2026-12-10' }), { after: { ...joined, entryCost: 50, phase: 'upcoming', startDate: '2026-12-10' } });
    const page = await open();
    expect(textOf(page, '.join')).toBe('参加挑战（50 积分）');

    ui.confirmNext = false;
    await tap(page.querySelector('.join'));
    await settle();
    expect(modals).toEqual([{ title: '参加挑战', content: '规则：累计打卡 14 天，12月10日 - 12月21日。将扣除 50 积分报名费，开始前退出可全额退还。打卡「早起」即计入进度（没有这个习惯会自动为你添加）。', confirmText: '确认参加' }]);
    expect(sentTo(`/api/challenges/${C}/join`)).toEqual([]);

    ui.confirmNext = true;
    await tap(page.querySelector('.join'));
    await settle();
    expect(double.calls.find((call) => call.path.endsWith('/join'))).toMatchObject({ method: 'POST', body: {} });
    expect(ui.toasts).toEqual(['报名成功']);
    expect(textOf(page, '.progress-status')).toBe('进行中');
    expect(textOf(page, '.progress-text')).toBe('已打卡 0/14 天');
    expect(textOf(page, '.progress-habit')).toBe('打卡习惯：早起 ›');
    expect(textOf(page, '.leave')).toBe('退出挑战');
    expect(page.querySelector('.join')).toBeFalsy();
    expect(textOf(page, '.mine-rank')).toBe('第 12 名');
    expect(textOf(page, '.mine-detail')).toBe('3/14 天 · 共 128 人');
    // I am 12th: the rows around me come under the top 10.
    expect(page.querySelectorAll('.around-rank').map((node) => node.dom.textContent)).toEqual(['11', '12', '13']);
    expect(hasClass(page.querySelectorAll('.board-around')[1], 'board-row-me')).toBe(true);
    await tap(page.querySelector('.progress-habit'));
    expect(ui.navigations).toEqual([`/pages/habit/index?id=${docId('habit', 1)}`]);
  });

  it('leaves after saying whether the entry comes back', async () => {
    const mine = detail(1, { entryCost: 50, me: participation({ entryPaid: 50 }) });
    answer = serve(mine, { after: detail(1, { entryCost: 50, me: participation({ status: 'left', entryPaid: 50 }) }) });
    const page = await open();
    expect(textOf(page, '.progress-note')).toBe('已付报名费 50 积分');
    await tap(page.querySelector('.leave'));
    await settle();
    expect(modals).toEqual([{ title: '退出挑战', content: '挑战已开始，退出后 50 积分报名费不退还。退出后不再计入进度和排行，确定退出吗？', confirmText: '确认退出' }]);
    expect(sentTo(`/api/challenges/${C}/leave`)).toEqual([`POST /api/challenges/${C}/leave`]);
    expect(ui.toasts).toEqual(['已退出挑战']);
    expect(textOf(page, '.progress-status')).toBe('已退出');
    expect(textOf(page, '.join')).toBe('参加挑战（50 积分）');
  });

  it('says 报名已截止 / 名额已满 / 挑战已结束 and reads the challenge again', async () => {
    for (const [refuse, toastText, after, note] of [
      [joinRefused.closed, '报名已截止', detail(1, { joinable: false, joinDeadline: '2026-12-03' }), '报名已截止'],
      [joinRefused.full, '名额已满，下次早点来', detail(1, { joinable: false, maxParticipants: 128 }), '名额已满'],
      [joinRefused.ended, '挑战已结束', detail(1, { joinable: false, phase: 'ended' }), '挑战已结束'],
    ] as const) {
      ui.toasts.length = 0;
      answer = serve(detail(1), { join: refuse, after });
      const page = await open();
      await tap(page.querySelector('.join'));
      await settle();
      expect(ui.toasts).toEqual([toastText]);
      expect(page.querySelector('.join')).toBeFalsy();
      expect(textOf(page, '.action-note')).toBe(note);
    }
  });

  it('offers the way out of 积分不足 and 会员, and says region and no network', async () => {
    answer = serve(detail(1, { entryCost: 50 }), { join: joinRefused.points });
    const page = await open();
    await tap(page.querySelector('.join'));
    await settle();
    expect(modals.at(-1)).toEqual({ title: '积分不足，报名需要 50 积分', content: '完成每日任务可以赚取积分', confirmText: '去做任务' });
    expect(ui.navigations).toEqual(['/pages/tasks/index']);
    expect(textOf(page, '.join')).toBe('参加挑战（50 积分）');

    answer = serve(detail(1), { join: joinRefused.membership });
    await tap(page.querySelector('.join'));
    await settle();
    expect(modals.at(-1)).toMatchObject({ title: '这个挑战仅限会员参加', confirmText: '了解会员' });
    expect(ui.navigations.at(-1)).toBe('/pages/membership/index');

    answer = serve(detail(1), { join: joinRefused.region });
    await tap(page.querySelector('.join'));
    await settle();
    expect(ui.toasts).toEqual(['这个挑战仅限指定地区的用户参加']);

    answer = serve(detail(1), { join: () => 'fail' });
    await tap(page.querySelector('.join'));
    await settle();
    expect(ui.toasts.at(-1)).toBe('网络不给力，请稍后重试');
    expect(page.instance.data.busy).toBe(false);
  });

  it('says the entry came back when leaving before the start', async () => {
    const upcoming = { entryCost: 50, phase: 'upcoming' as const, startDate: '2026-12-10' };
    answer = serve(detail(1, { ...upcoming, me: participation({ entryPaid: 50 }) }), {
      leave: () => ok(envelope(participation({ status: 'left', entryPaid: 0, leftAt: NOW.toISOString() }))),
      after: detail(1, { ...upcoming, me: participation({ status: 'left', entryPaid: 0 }) }),
    });
    const page = await open();
    await tap(page.querySelector('.leave'));
    await settle();
    expect(modals.at(-1)?.content).toBe('挑战未开始，退出后 50 积分报名费将退还。退出后不再计入进度和排行，确定退出吗？');
    expect(ui.toasts).toEqual(['已退出，50 积分已退还']);
  });

  it('a leave refused as not_joined reads the challenge again', async () => {
    answer = serve(detail(1, { me: participation() }), { leave: joinRefused.notJoined, after: detail(1) });
    const page = await open();
    await tap(page.querySelector('.leave'));
    await settle();
    expect(ui.toasts).toEqual(['你还没有参加这个挑战']);
    expect(textOf(page, '.join')).toBe('参加挑战');
  });

  it('shows a finished challenge’s result, rank and rewards, with no button', async () => {
    const finished = participation({ status: 'completed', daysDone: 14, reachedAt: '2026-12-15T00:00:00.000Z', finishRank: 2, rewards: [{ kind: 'completion', points: 100 }, { kind: 'top', points: 50 }] });
    answer = serve(detail(1, { phase: 'ended', joinable: false, me: finished }));
    const page = await open();
    expect(textOf(page, '.progress-status')).toBe('已完成');
    expect(textOf(page, '.progress-rank')).toBe('最终排名 第 2 名');
    expect(textOf(page, '.progress-rewards')).toBe('完成奖励 +100 积分，排名奖励 +50 积分');
    expect(page.querySelector('.join')).toBeFalsy();
    expect(page.querySelector('.leave')).toBeFalsy();
    expect(textOf(page, '.action-note')).toBe('挑战已结束');
  });

  it('shows 404 and a network failure as the page’s error, and a failed board on its own', async () => {
    answer = () => notFound();
    const missing = await open();
    expect(stateText(missing, 'error')).toBe('挑战不存在或已下线');

    answer = () => 'fail';
    const offline = await open();
    expect(stateText(offline, 'error')).toBe('网络不给力，请稍后重试');

    answer = serve(detail(1), { board: () => 'fail' });
    const page = await open();
    expect(textOf(page, '.title')).toBe('21 天早起挑战');
    expect(textOf(page, '.board-error')).toBe('网络不给力，请稍后重试，点击重试');
    answer = serve(detail(1), { board: () => ok(boardPage([])) });
    await tap(page.querySelector('.board-error'));
    await settle();
    expect(textOf(page, '.board-note')).toBe('还没有人上榜，参加挑战并打卡吧');
  });
});

describe('我的挑战', () => {
  it('shows the active ones, then the ended ones on their tab, and the empty state with the way to the list', async () => {
    answer = (call) => {
      if (call.path === '/api/me/challenges?status=active') return ok(envelope([{ challenge: challenge(1, { me: participation() }) }]));
      if (call.path === '/api/me/challenges?status=ended') return ok(envelope([]));
      return notFound();
    };
    const page = renderPage('my-challenges');
    page.instance.onShow();
    await settle();
    expect(textOf(card(page, 0), '.mine-text')).toBe('进行中 3/14 天');
    await tap(page.querySelectorAll('.tab')[1]);
    await settle();
    expect(hasClass(page.querySelectorAll('.tab')[1], 'tab-on')).toBe(true);
    expect(stateText(page, 'empty')).toBe('还没有结束的挑战');
    await tap(page.querySelector('#state')!.querySelector('.state-action'));
    expect(ui.navigations).toEqual(['/pages/challenges/index']);
    expect(sentTo('/api/me/challenges')).toEqual(['GET /api/me/challenges?status=active', 'GET /api/me/challenges?status=ended']);
  });

  it('shows a failure with a retry', async () => {
    answer = () => 'fail';
    const page = renderPage('my-challenges');
    page.instance.onShow();
    await settle();
    expect(stateText(page, 'error')).toBe('网络不给力，请稍后重试');
  });
});

describe('the ways in', () => {
  it('今日 links to 挑战', async () => {
    const today = renderPage('today');
    await tap(today.querySelector('.challenges-entry'));
    expect(ui.navigations).toEqual(['/pages/challenges/index']);
  });
});

describe('我的: badges', () => {
  const me = { id: 1, documentId: docId('user'), nickname: '小明', avatar: null, membershipTier: 'free', membershipExpiresAt: null, province: null, city: null, district: null, totalCheckInDays: 30, consecutiveDays: 5, pointsBalance: 120, makeupCards: 1 };

  it('shows my badges, opens the challenge of one, and leaves the section out without badges or when the read fails', async () => {
    answer = (call) => {
      if (call.path === '/api/me') return ok({ data: me, meta: {} });
      if (call.path === '/api/me/badges') return ok(envelope([badge(1), badge(2, { icon: 'https://cdn.example/b.png' })]));
      return notFound();
    };
    const page = renderPage('me');
    page.instance.onShow();
    await settle();
    expect(textOf(page, '.badges-count')).toBe('2 枚');
    expect(page.querySelectorAll('.badge-name').map((node) => node.dom.textContent)).toEqual(['徽章2', '早起达人']);
    expect(page.querySelectorAll('.badge-image')).toHaveLength(1);
    expect(textOf(page, '.badge-glyph')).toBe('🌅');
    await tap(page.querySelectorAll('.badge-item')[1]);
    expect(ui.navigations).toEqual([`/pages/challenge/index?id=${docId('chal', 101)}`]);
    const links = page.querySelectorAll('.link').map((node) => (node.dom.textContent ?? '').replace(/[\s›]+/g, ''));
    expect(links).toEqual(expect.arrayContaining(['挑战', '我的挑战']));

    answer = (call) => (call.path === '/api/me' ? ok({ data: me, meta: {} }) : 'fail');
    const without = renderPage('me');
    without.instance.onShow();
    await settle();
    expect(textOf(without, '.nickname')).toBe('小明');
    expect(without.querySelector('.badges')).toBeFalsy();
  });
});
