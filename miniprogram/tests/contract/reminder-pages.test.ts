/**
 * @jest-environment node
 */
import type { AddressInfo } from 'node:net';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { createApi, setApi, type Api } from '../../api/index';
import { ApiClient } from '../../api/client';
import { registerSecret } from '../../../tests/helpers/audit';
import { getStrapi } from '../../../tests/helpers/strapi';
import { fakeWeChat, identityOf, registerIssuedSecrets, setupWeChat, teardownWeChat, WECHAT_APP_ID } from '../../../tests/helpers/wechat';
import { fakeIdentityFor } from '../../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { reminders } from '../../../src/plugins/reminders/public';
import { gamification } from '../../../src/plugins/gamification/public';
import { createChallenge, createTemplate } from '../../../tests/helpers/challenges';
import { installDomGlobals } from '../helpers/jsdom-globals';
import { installWx, type WxDouble } from '../helpers/wx-double';
import { fetchBridge, shapeChecker, type Exchange } from './shape-check';

/**
 * Reminders from the mini-program to a message, against the real backend (SQLite, the fake WeChat): 提醒设置
 * reads the templates and saves quiet hours; habit-edit saves a habit with a 21:00 reminder and, from the same
 * tap, asks WeChat's consent (the double answers 'accept'), which the server counts; at 21:00 in the user's
 * timezone the minute job sends one message through the fake WeChat, spending the credit, and a second run of
 * that minute sends nothing. Every exchange is held to the API document.
 */

type PageHelpers = typeof import('../helpers/page');
type SimulateHelpers = typeof import('../helpers/simulate');

let pages: PageHelpers;
let sim: SimulateHelpers;
let wxDouble: WxDouble;
let api: Api;
let ui: ReturnType<PageHelpers['installUi']>;
let check: ReturnType<typeof shapeChecker>;
let openid = '';
const RUN = Date.now().toString(36);
const ids = { habit: `contract-habit-${RUN}`, streak: `contract-streak-${RUN}`, ending: `contract-ending-${RUN}` };
const exchanges: Exchange[] = [];
const problems: string[] = [];
const { send: bridge, state: requests, settle: settleLong } = fetchBridge({ exchanges, problems, check: () => check });
const person = identityOf('reminded');
const sent = (method: string, pathname: string) => exchanges.filter((e) => e.method === method && e.path === pathname);


describe('reminders from the mini-program to a message', () => {
  beforeAll(async () => {
    check = shapeChecker();
    await setupWeChat();
    const strapi = getStrapi();
    await strapi.db.connection('reminder_templates').update({ active: false });
    const documents = strapi.documents('plugin::reminders.template' as never) as unknown as { create(p: object): Promise<unknown> };
    await documents.create({ data: { title: '打卡提醒', templateId: ids.habit, kind: 'habitReminder', longTerm: false, active: true, fields: { thing1: '{habit}', time2: '{date} {time}' }, page: 'pages/habit/index?id={habitDocumentId}' } });
    await documents.create({ data: { title: '连续打卡即将中断', templateId: ids.streak, kind: 'streakAtRisk', longTerm: false, active: true, fields: { thing1: '{habit}', number2: '{streak}' } } });
    await documents.create({ data: { title: '挑战即将结束', templateId: ids.ending, kind: 'challengeEnding', longTerm: false, active: true, fields: { thing1: '{challenge}' }, page: 'pages/challenge/index?id={challengeDocumentId}' } });
    const { port } = strapi.server.httpServer.address() as AddressInfo;
    const identity = fakeIdentityFor(WECHAT_APP_ID, `${person}.x`);
    openid = identity.openid;
    registerSecret(identity.openid);

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
    gamification(getStrapi(), 'clock').setNow(null);
    setApi(null);
    await teardownWeChat();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('提醒设置 shows the templates without consent and saves quiet hours', async () => {
    const page = pages.renderPage('reminder-settings');
    page.instance.onLoad();
    await settleLong();
    expect(page.querySelectorAll('.template-title').map((n) => (n.dom.textContent ?? '').trim())).toEqual(['打卡提醒', '连续打卡即将中断', '挑战即将结束']);
    page.instance.onQuietSwitch({ detail: { value: true } });
    await settleLong();
    expect(sent('PUT', '/api/reminders/settings').map((e) => e.status)).toEqual([200]);
    expect(sim.textOf(page, '.quiet-text')).toBe('22:00–次日 07:00');
  });

  it('saving a habit with a 21:00 reminder asks WeChat from the tap, and the server counts the consent', async () => {
    const page = pages.renderPage('habit-edit');
    page.instance.onLoad({});
    await settleLong();
    await sim.tap(page.querySelector('.scratch'));
    page.instance.onTitle({ detail: { value: '睡前读书' } });
    page.instance.onAddReminder({ detail: { value: '21:00' } });
    page.instance.onReminderSwitch({ detail: { value: true } });
    ui.subscribeAnswer = { results: { [ids.habit]: 'accept', [ids.streak]: 'accept' } };
    await sim.tap(page.querySelector('.save'));
    await settleLong();
    expect(ui.subscribeCalls).toEqual([[ids.habit, ids.streak]]);
    expect(sent('POST', '/api/habits').map((e) => e.status)).toEqual([201]);
    expect(sent('POST', '/api/reminders/subscriptions').map((e) => e.status)).toEqual([200]);
    const credits = (await api.reminders.subscriptions()).data.map((s) => [s.templateId, s.credits]);
    expect(credits).toEqual([[ids.habit, 1], [ids.streak, 1], [ids.ending, 0]]);
  });

  it('at 21:00 in the user’s timezone the message arrives through WeChat once, and the credit is spent', async () => {
    const strapi = getStrapi();
    const me = await api.account.me();
    // The next 21:00 in Asia/Shanghai (the default timezone) after the habit was made: tomorrow's, so it is due.
    const tomorrow = formatInTimeZone(new Date(Date.now() + 86_400_000), 'Asia/Shanghai', 'yyyy-MM-dd');
    const minute = fromZonedTime(`${tomorrow}T21:00:00`, 'Asia/Shanghai').toISOString();
    expect(me.data.timezone).toBe('Asia/Shanghai');
    gamification(strapi, 'clock').setNow(minute);
    for (let run = 0; run < 2; run += 1) {
      await reminders(strapi, 'scheduler').enqueueMinute(minute);
      await reminders(strapi, 'sender').drain(Date.now() + 5000);
    }
    const messages = fakeWeChat().sentMessages.filter((m) => m.touser === openid);
    expect(messages).toEqual([expect.objectContaining({ template_id: ids.habit, data: { thing1: { value: '睡前读书' }, time2: { value: `${tomorrow} 21:00` } } })]);
    expect(String(messages[0]?.page)).toMatch(/^pages\/habit\/index\?id=/);
    expect((await api.reminders.subscriptions()).data.find((s) => s.templateId === ids.habit)).toMatchObject({ credits: 0, needsAsking: true });
  });

  it('joining a challenge offers 「结束前提醒我」; at 20:00 of its last day the message arrives', async () => {
    const strapi = getStrapi();
    gamification(strapi, 'clock').setNow(null);
    const template = await createTemplate();
    const challenge = await createChallenge({ habitTemplate: template.id, startDate: '2027-01-01', endDate: '2027-01-10', targetDays: 5, title: '新年早起挑战' });
    const page = pages.renderPage('challenge');
    page.instance.onLoad({ id: challenge.documentId });
    page.instance.onShow();
    await settleLong();
    expect(page.querySelector('.remind-prompt')).toBeUndefined();
    await sim.tap(page.querySelector('.join'));
    await settleLong();
    expect(sent('POST', `/api/challenges/${challenge.documentId}/join`).map((e) => e.status)).toEqual([200]);
    expect(sim.textOf(page, '.remind-text')).toBe('报名成功！挑战最后一天晚上提醒你完成？');
    ui.subscribeAnswer = { results: { [ids.ending]: 'accept' } };
    await sim.tap(page.querySelector('.remind-yes'));
    await settleLong();
    expect(ui.subscribeCalls.at(-1)).toEqual([ids.ending]);
    expect((await api.reminders.subscriptions()).data.find((s) => s.templateId === ids.ending)).toMatchObject({ credits: 1 });
    expect(page.querySelector('.remind-prompt')).toBeUndefined();

    const minute = fromZonedTime('2027-01-10T20:00:00', 'Asia/Shanghai').toISOString();
    gamification(strapi, 'clock').setNow(minute);
    await reminders(strapi, 'scheduler').enqueueMinute(minute);
    await reminders(strapi, 'sender').drain(Date.now() + 5000);
    const messages = fakeWeChat().sentMessages.filter((m) => m.touser === openid && m.template_id === ids.ending);
    expect(messages).toEqual([expect.objectContaining({ data: { thing1: { value: '新年早起挑战' } }, page: `pages/challenge/index?id=${challenge.documentId}` })]);
  });
});
