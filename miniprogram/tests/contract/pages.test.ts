/**
 * @jest-environment node
 */
import type { AddressInfo } from 'node:net';
import { createApi, setApi, type Api } from '../../api/index';
import { ApiClient } from '../../api/client';
import { registerSecret } from '../../../tests/helpers/audit';
import { saveRules } from '../../../tests/helpers/settings';
import { getStrapi } from '../../../tests/helpers/strapi';
import { identityOf, registerIssuedSecrets, setupWeChat, teardownWeChat, WECHAT_APP_ID } from '../../../tests/helpers/wechat';
import { fakeIdentityFor } from '../../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { installDomGlobals } from '../helpers/jsdom-globals';
import { installWx, type WxDouble } from '../helpers/wx-double';
import { fetchBridge, shapeChecker, type Exchange } from './shape-check';

/**
 * mp-pages' pages against the real backend (SQLite, fake WeChat): each page rendered by
 * miniprogram-simulate, driven the way a person would (load, type, tap), its requests going through the
 * real API layer and wx.request bridged to Node's fetch. Every exchange is held to the API document
 * (shape-check.ts) and goes through the suite's audit, as in mini-program.test.ts.
 */

type PageHelpers = typeof import('../helpers/page');
type SimulateHelpers = typeof import('../helpers/simulate');

let pages: PageHelpers;
let sim: SimulateHelpers;
let wxDouble: WxDouble;
let api: Api;
let ui: ReturnType<PageHelpers['installUi']>;
const exchanges: Exchange[] = [];
const problems: string[] = [];
let check: ReturnType<typeof shapeChecker>;
let redeemCode: string;
let prizeId: string;
const createdTemplates: string[] = [];

/** wx.request -> fetch; `requests.inFlight` (sent, not yet answered) tells when the pages have settled. */
const { send: bridge, state: requests, settle: settleLong } = fetchBridge({ exchanges, problems, check: () => check });

const person = identityOf('pages');
const sent = (method: string, path: string) => exchanges.filter((e) => e.method === method && e.path === path);

/**
 * Let the page's requests reach the real server and their answers render: until nothing has been in
 * flight for 50 ms (a busy machine only makes this slower, never wrong), at most 20 s.
 */

beforeAll(async () => {
  check = shapeChecker();
  await setupWeChat();
  const strapi = getStrapi();
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  for (const data of [
    { title: '阅读 20 分钟', category: 'reading', points: 10, active: true },
    { title: '运动 30 分钟', category: 'sport', points: 10, active: true },
  ]) {
    createdTemplates.push(((await strapi.documents('api::task-template.task-template').create({ data } as never)) as { documentId: string }).documentId);
  }
  // The rules and a prize of this file's own: other files in this worker's database change both.
  await saveRules({ drawCost: 20, drawsPerDay: 5, pointsPerDiary: 10 });
  prizeId = ((await strapi.documents('api::prize.prize').create({ data: { name: '5 积分', kind: 'points', amount: 5, weight: 1, stock: -1, active: true } } as never)) as { documentId: string }).documentId;
  const batch = (await strapi.plugin('gamification').service('redeemCodes').createBatch({ name: 'pages contract', kind: 'points', amount: 100, maxUses: 1, count: 1 })) as { codes: string[] };
  redeemCode = batch.codes[0];
  const identity = fakeIdentityFor(WECHAT_APP_ID, `${person}.x`);
  registerSecret(identity.openid);
  if (identity.unionid) registerSecret(identity.unionid);

  // The DOM for simulate only now, with the backend up.
  installDomGlobals();
  pages = await import('../helpers/page');
  sim = await import('../helpers/simulate');
  wxDouble = installWx(bridge);
  ui = pages.installUi();
  api = createApi(new ApiClient({ baseUrl: `http://127.0.0.1:${port}`, platform: wxDouble.platform(), devSignInAs: person }));
  setApi(api);
  await api.account.signIn();
  registerIssuedSecrets();
  registerSecret(String(api.session.refreshToken), { fromNow: true });
});

afterAll(async () => {
  setApi(null);
  for (const documentId of createdTemplates) await getStrapi().documents('api::task-template.task-template').delete({ documentId } as never);
  if (prizeId) await getStrapi().documents('api::prize.prize').delete({ documentId: prizeId } as never);
  await teardownWeChat();
});

afterEach(() => {
  // Each test answers for the exchanges it made.
  expect(problems.splice(0)).toEqual([]);
});

describe("mp-pages' pages against the real backend", () => {
  it('统计: a new account has no check-in yet, so the empty view', async () => {
    const page = pages.renderPage('stats');
    page.instance.onShow();
    await settleLong();
    expect(sent('GET', '/api/me/stats').map((e) => e.status)).toEqual([200]);
    expect(sim.textOf(page.querySelector('#state')!, '.state-empty .state-text')).toBe('还没有统计，先去打卡吧');
  });

  it('写日记: publishes today, then a second new diary for today opens the first with the new text added', async () => {
    const editor = pages.renderPage('diary-edit');
    editor.instance.onLoad({});
    await settleLong();
    editor.instance.keep({ ...(editor.instance.data.form as object), title: '第一篇', content: '今天开始写日记。', mood: 'happy' });
    await sim.tap(editor.querySelector('.publish'));
    await settleLong();
    expect(sent('POST', '/api/diaries').map((e) => e.status)).toEqual([201]);
    expect(ui.toasts.at(-1)).toMatch(/^已发布/);

    const second = pages.renderPage('diary-edit');
    second.instance.onLoad({});
    await settleLong();
    second.instance.keep({ ...(second.instance.data.form as object), content: '晚上又想起一件事。' });
    await sim.tap(second.querySelector('.save-draft'));
    await settleLong();
    const conflict = sent('POST', '/api/diaries')[1];
    expect(conflict.status).toBe(409);
    // The 409 is documented with the diary that holds the date (error.details.diary); the shape check holds it to that.
    expect((conflict.responseBody as { error: { details: { diary: { documentId: string } } } }).error.details.diary.documentId).toBeTruthy();
    const existing = (sent('POST', '/api/diaries')[0].responseBody as { data: { documentId: string } }).data.documentId;
    expect(ui.redirects.at(-1)).toBe(`/pages/diary-edit/index?id=${existing}`);

    const reopened = pages.renderPage('diary-edit');
    reopened.instance.onLoad({ id: existing });
    await settleLong();
    expect((reopened.instance.data.form as { content: string }).content).toBe('今天开始写日记。\n\n晚上又想起一件事。');
    await sim.tap(reopened.querySelector('.publish'));
    await settleLong();
    expect(sent('PUT', `/api/diaries/${existing}`).map((e) => e.status)).toEqual([200]);
  });

  it('成长日记: lists this month with the diary just written', async () => {
    const page = pages.renderPage('diary');
    page.instance.onLoad({});
    page.instance.onShow();
    await settleLong();
    expect(page.querySelectorAll('.diary')).toHaveLength(1);
    expect(sim.textOf(page, '.diary-title')).toBe('第一篇');
  });

  it('每日任务: today\'s tasks from the templates, one completed for its points, one of my own added', async () => {
    const page = pages.renderPage('tasks');
    page.instance.onLoad({});
    await settleLong();
    // This file's templates (other files in the worker's database may have left theirs).
    const titles = page.querySelectorAll('.task-title').map((title) => title.dom.textContent);
    expect(titles).toEqual(expect.arrayContaining(['阅读 20 分钟', '运动 30 分钟']));
    await sim.tap(page.querySelectorAll('.task-complete')[titles.indexOf('阅读 20 分钟')]);
    await settleLong();
    expect(exchanges.filter((e) => e.method === 'POST' && /^\/api\/tasks\/[^/]+\/complete$/.test(e.path)).map((e) => e.status)).toEqual([200]);
    expect(ui.toasts.at(-1)).toBe('+10 积分');
    page.instance.onTitle({ detail: { value: '背 20 个单词' } });
    await sim.tap(page.querySelector('.add-button'));
    await settleLong();
    expect(sent('POST', '/api/tasks').map((e) => e.status)).toEqual([201]);
    expect(page.querySelectorAll('.task-title').map((title) => title.dom.textContent)).toContain('背 20 个单词');
  });

  it('兑换码: redeems a points code and shows it in the history', async () => {
    const page = pages.renderPage('redeem');
    page.instance.onLoad({});
    await settleLong();
    page.instance.onInput({ detail: { value: ` ${redeemCode.toLowerCase()} ` } });
    await sim.tap(page.querySelector('.submit'));
    await settleLong();
    expect(sent('POST', '/api/redeem-codes/redeem').map((e) => e.status)).toEqual([200]);
    expect(sim.textOf(page, '.message')).toBe('兑换成功：100 积分');
    expect(sim.textOf(page, '.row-title')).toBe('100 积分');
  });

  it('积分明细: the ledger shows the diary, the task and the code', async () => {
    const page = pages.renderPage('points');
    page.instance.onLoad({});
    await settleLong();
    const titles = page.querySelectorAll('.record-title').map((node) => node.dom.textContent);
    expect(titles).toEqual(expect.arrayContaining(['写日记', '完成任务', '兑换码']));
  });

  it('积分抽奖: draws once with a key and shows the outcome, then lists the draw', async () => {
    const page = pages.renderPage('lottery');
    page.instance.onLoad({});
    await settleLong();
    await page.instance.draw();
    await settleLong();
    const draws = sent('POST', '/api/lottery/draw');
    expect(draws.map((e) => e.status)).toEqual([201]);
    expect(draws[0].requestBody).toEqual({ data: { idempotencyKey: expect.any(String) } });
    expect(['won', 'nothing']).toContain((page.instance.data.outcome as { state: string }).state);
    await sim.tap(page.querySelector('#result')!.querySelector('.result-secondary'));
    await settleLong();
    expect(page.querySelectorAll('.record')).toHaveLength(1);
  });

  it('排行 and 个人资料: a province board needs a region; once set in the profile, the board opens', async () => {
    const board = pages.renderPage('leaderboard');
    board.instance.onLoad({});
    await settleLong();
    expect(sim.textOf(board.querySelector('#state')!, '.state-empty .state-text')).toBe('设置所在地区后即可查看本地排行');

    const profile = pages.renderPage('profile');
    profile.instance.onLoad({});
    await settleLong();
    profile.instance.onRegion({ detail: { value: ['广东省', '深圳市', '南山区'] } });
    await sim.tap(profile.querySelector('.save'));
    await settleLong();
    expect(sent('PUT', '/api/me').map((e) => [e.status, e.requestBody])).toEqual([[200, { province: '广东省', city: '深圳市', district: '南山区' }]]);

    // With a region the board opens; without a check-in I am not on it yet.
    const before = exchanges.length;
    await board.instance.reload();
    await settleLong();
    // The board and my place are read side by side: in either order.
    expect(exchanges.slice(before).map((e) => `${e.status} ${e.path}`).sort()).toEqual(['200 /api/leaderboards/total-days', '200 /api/leaderboards/total-days/me']);
    expect(['ready', 'empty']).toContain(board.instance.data.state);
    expect(board.instance.data.me).toMatchObject({ rank: null });
  });

  it('会员 and 账号与数据: free membership; the export counts what was made here', async () => {
    const membership = pages.renderPage('membership');
    membership.instance.onShow();
    await settleLong();
    expect(sim.textOf(membership, '.status-tier')).toBe('普通用户');

    const account = pages.renderPage('account');
    await sim.tap(account.querySelector('.button'));
    await settleLong();
    const rows = account.querySelectorAll('.export-row').map((row) => row.dom.textContent?.replace(/\s+/g, ''));
    expect(rows).toEqual(expect.arrayContaining(['日记1条']));
  });
});
