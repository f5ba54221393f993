/**
 * @jest-environment node
 */
import type { AddressInfo } from 'node:net';
import { createApi, setApi, type Api } from '../../api/index';
import { ApiClient } from '../../api/client';
import { addDays, localDayFor } from '../../logic/dates';
import { registerSecret } from '../../../tests/helpers/audit';
import { getStrapi } from '../../../tests/helpers/strapi';
import { identityOf, registerIssuedSecrets, setupWeChat, teardownWeChat, WECHAT_APP_ID } from '../../../tests/helpers/wechat';
import { fakeIdentityFor } from '../../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { installDomGlobals } from '../helpers/jsdom-globals';
import { installWx, type WxDouble } from '../helpers/wx-double';
import { documentsRoute, fetchBridge, shapeChecker, type Exchange } from './shape-check';

/**
 * The challenge pages against the real backend (SQLite, fake WeChat), driven as a person would: the list
 * shows an official challenge running now, the detail joins it (after the confirmation) and shows my
 * progress and the board, a challenge with an entry cost is refused for want of points (去做任务), 我的挑战
 * lists the joined one, leaving sets it 已退出, and 我的 reads the badges. Every exchange is held to the
 * API document. Making a challenge and joining one by its code: challenge-create-pages.test.ts.
 */

const documented = documentsRoute('post', '/api/challenges/x0000000001/join');

type PageHelpers = typeof import('../helpers/page');
type SimulateHelpers = typeof import('../helpers/simulate');

let pages: PageHelpers;
let sim: SimulateHelpers;
let wxDouble: WxDouble;
let api: Api;
let ui: ReturnType<PageHelpers['installUi']>;
let check: ReturnType<typeof shapeChecker>;
let free = '';
let costly = '';
const exchanges: Exchange[] = [];
const problems: string[] = [];
const { send: bridge, state: requests, settle: settleLong } = fetchBridge({ exchanges, problems, check: () => check });
const person = identityOf('challenger');
const sent = (method: string, pathname: string) => exchanges.filter((e) => e.method === method && e.path === pathname);


it('has the challenge routes in the API document', () => {
  expect(documented).toBe(true);
});

describe('the challenge pages against the real backend', () => {
  beforeAll(async () => {
    check = shapeChecker();
    await setupWeChat();
    const strapi = getStrapi();
    const { port } = strapi.server.httpServer.address() as AddressInfo;
    const today = localDayFor({ timezone: 'Asia/Shanghai', dayStartHour: 0 }, new Date());
    // Editors' records, made the way the admin would (the database layer: a relation by id).
    const template = await strapi.db.query('api::habit-template.habit-template').create({ data: { title: '挑战早起', icon: 'sunrise', category: 'health', kind: 'build', frequencyType: 'daily', goalType: 'none', active: true } });
    const base = {
      description: '每天早起打卡',
      habitTemplate: template.id as number,
      timezone: 'Asia/Shanghai',
      startDate: addDays(today, -2),
      endDate: addDays(today, 12),
      rule: 'daysOf' as const,
      targetDays: 7,
      allowMakeup: true,
      rewardPoints: 100,
      badge: '早起达人',
      badgeIcon: '🌅',
      topK: 0,
      topPoints: 0,
      visibility: 'everyone' as const,
      isOfficial: true,
      review: 'published' as const,
      state: 'open' as const,
      active: true,
    };
    const challenges = strapi.db.query('api::challenge.challenge');
    free = (await challenges.create({ data: { ...base, title: '契约早起挑战', entryCost: 0, participantsCount: 0, sortOrder: -2 } })).documentId as string;
    costly = (await challenges.create({ data: { ...base, title: '契约高价挑战', entryCost: 100000, participantsCount: 0, sortOrder: -1 } })).documentId as string;
    const identity = fakeIdentityFor(WECHAT_APP_ID, `${person}.x`);
    registerSecret(identity.openid);
    if (identity.unionid) registerSecret(identity.unionid);

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
    await teardownWeChat();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('挑战: the running challenges are listed, not joined', async () => {
    const list = pages.renderPage('challenges');
    list.instance.onShow();
    await settleLong();
    const titles = list.querySelectorAll('.item').map((item) => sim.textOf(item, '.title'));
    expect(titles).toEqual(expect.arrayContaining(['契约早起挑战', '契约高价挑战']));
    expect(sent('GET', '/api/challenges').map((e) => e.status)).toEqual([200]);
  });

  it('挑战详情: joins after the confirmation, shows my progress and the board; an entry I cannot pay is refused', async () => {
    const page = pages.renderPage('challenge');
    page.instance.onLoad({ id: free });
    page.instance.onShow();
    await settleLong();
    expect(sim.textOf(page, '.title')).toBe('契约早起挑战');
    expect(page.querySelectorAll('.rule-line').length).toBeGreaterThan(0);
    expect(sim.textOf(page, '.join')).toBe('参加挑战');
    await sim.tap(page.querySelector('.join'));
    await settleLong();
    expect(sent('POST', `/api/challenges/${free}/join`).map((e) => e.status)).toEqual([200]);
    expect(ui.toasts).toContain('报名成功');
    expect(sim.textOf(page, '.progress-status')).toBe('进行中');
    expect(sim.textOf(page, '.progress-text')).toBe('已打卡 0/7 天');
    expect(sim.textOf(page, '.leave')).toBe('退出挑战');
    expect(sent('GET', `/api/challenges/${free}/board/me`).map((e) => e.status)).toEqual([200]);

    const dear = pages.renderPage('challenge');
    dear.instance.onLoad({ id: costly });
    dear.instance.onShow();
    await settleLong();
    ui.confirmNext = false;
    await sim.tap(dear.querySelector('.join'));
    ui.confirmNext = true;
    await settleLong();
    expect(sent('POST', `/api/challenges/${costly}/join`)).toEqual([]);
    await sim.tap(dear.querySelector('.join'));
    await settleLong();
    expect(sent('POST', `/api/challenges/${costly}/join`).map((e) => e.status)).toEqual([400]);
    expect(ui.navigations.at(-1)).toBe('/pages/tasks/index');
  });

  it('我的挑战 lists the joined one; leaving sets it 已退出; 我的 reads the badges', async () => {
    const mine = pages.renderPage('my-challenges');
    mine.instance.onShow();
    await settleLong();
    expect(mine.querySelectorAll('.item').map((item) => sim.textOf(item, '.title'))).toEqual(['契约早起挑战']);

    const page = pages.renderPage('challenge');
    page.instance.onLoad({ id: free });
    page.instance.onShow();
    await settleLong();
    await sim.tap(page.querySelector('.leave'));
    await settleLong();
    expect(sent('POST', `/api/challenges/${free}/leave`).map((e) => e.status)).toEqual([200]);
    expect(sim.textOf(page, '.progress-status')).toBe('已退出');

    const me = pages.renderPage('me');
    me.instance.onShow();
    await settleLong();
    expect(sent('GET', '/api/me/badges').map((e) => e.status)).toEqual([200]);
    expect(me.querySelector('.badges')).toBeFalsy();
  });
});
