/**
 * @jest-environment node
 */
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApi, setApi, type Api } from '../../api/index';
import { ApiClient } from '../../api/client';
import { addDays, localDayFor } from '../../logic/dates';
import { registerSecret } from '../../../tests/helpers/audit';
import { getStrapi } from '../../../tests/helpers/strapi';
import { identityOf, registerIssuedSecrets, setupWeChat, teardownWeChat, WECHAT_APP_ID } from '../../../tests/helpers/wechat';
import { fakeIdentityFor } from '../../../src/plugins/wechat/server/src/fake/fake-wechat-server';
import { installDomGlobals } from '../helpers/jsdom-globals';
import { installWx } from '../helpers/wx-double';
import { fetchBridge, shapeChecker, type Exchange } from './shape-check';

/**
 * 发起挑战 and joining by invite code against the real backend (SQLite, fake WeChat), driven as people
 * would: a VIP member makes a challenge on the page (risky text is refused on its field, text WeChat
 * wants reviewed waits for a moderator, a clean one gets its invite code, copied); a free member is
 * shown the membership gate, then on 挑战 types a wrong code (404), the code of the one waiting for
 * review (404), a full challenge's (409), a members-only one's (403) and the friend's code, which joins
 * and opens the challenge. Every exchange is held to the API document.
 */

type PageHelpers = typeof import('../helpers/page');
type SimulateHelpers = typeof import('../helpers/simulate');
type Person = { name: string; api: Api; storage: Map<string, string>; userId: number };

let pages: PageHelpers;
let sim: SimulateHelpers;
let ui: ReturnType<PageHelpers['installUi']>;
let check: ReturnType<typeof shapeChecker>;
let creator: Person;
let friend: Person;
let templateTitle = '';
/** Made by the editors' way (the database layer): a full user-made challenge and a members-only one, with their codes. */
const fullCode = `FULL${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
const vipCode = `VIP${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
/** What the page showed for the challenge made in the first test. */
let made = { inviteCode: '', pendingCode: '' };
const exchanges: Exchange[] = [];
const problems: string[] = [];
const { send: bridge, state: requests, settle: settleLong } = fetchBridge({ exchanges, problems, check: () => check });
const sent = (method: string, pathname: string) => exchanges.filter((e) => e.method === method && e.path === pathname);


/** One person on the phone: their own wx storage (tokens) under the shared bridge, their api as getApi(). */
const become = (person: Person) => {
  installWx(bridge, { storage: person.storage });
  ui = pages.installUi();
  setApi(person.api);
};

const signedIn = async (name: string, port: number): Promise<Person> => {
  const identity = fakeIdentityFor(WECHAT_APP_ID, `${identityOf(name)}.x`);
  registerSecret(identity.openid);
  if (identity.unionid) registerSecret(identity.unionid);
  const storage = new Map<string, string>();
  const double = installWx(bridge, { storage });
  const api = createApi(new ApiClient({ baseUrl: `http://127.0.0.1:${port}`, platform: double.platform(), devSignInAs: identityOf(name) }));
  await api.account.signIn();
  registerIssuedSecrets();
  registerSecret(String(api.session.refreshToken), { fromNow: true });
  // Read now: the session's user lives in this person's wx storage, which the next install replaces.
  const userId = Number(api.session.user?.id);
  return { name, api, storage, userId };
};

beforeAll(async () => {
  check = shapeChecker();
  await setupWeChat();
  const strapi = getStrapi();
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  templateTitle = `契约早起-${crypto.randomBytes(3).toString('hex')}`;
  const template = await strapi.db.query('api::habit-template.habit-template').create({
    data: { title: templateTitle, icon: '🌅', category: 'health', kind: 'build', frequencyType: 'daily', goalType: 'none', active: true, sortOrder: -100 },
  });
  const today = localDayFor({ timezone: 'Asia/Shanghai', dayStartHour: 0 }, new Date());
  const userMade = {
    description: '好友挑战',
    habitTemplate: template.id as number,
    timezone: 'Asia/Shanghai',
    startDate: addDays(today, 1),
    endDate: addDays(today, 21),
    rule: 'daysOf' as const,
    targetDays: 14,
    allowMakeup: false,
    entryCost: 0,
    rewardPoints: 0,
    topK: 0,
    topPoints: 0,
    isOfficial: false,
    review: 'published' as const,
    state: 'open' as const,
    active: true,
    sortOrder: 0,
  };
  const challenges = strapi.db.query('api::challenge.challenge');
  await challenges.create({ data: { ...userMade, title: '契约满员挑战', visibility: 'everyone', maxParticipants: 2, participantsCount: 2, inviteCode: fullCode } });
  await challenges.create({ data: { ...userMade, title: '契约会员挑战', visibility: 'vip', participantsCount: 0, inviteCode: vipCode } });

  installDomGlobals();
  pages = await import('../helpers/page');
  sim = await import('../helpers/simulate');
  creator = await signedIn('maker', port);
  friend = await signedIn('friend', port);
  await strapi.db.connection('up_users').where({ id: creator.userId }).update({ membership_tier: 'vip', membership_expires_at: new Date(Date.now() + 30 * 86_400_000) });
});

afterAll(async () => {
  setApi(null);
  await teardownWeChat();
});

afterEach(() => {
  expect(problems.splice(0)).toEqual([]);
});

const type = (page: { instance: Record<string, (...args: never[]) => unknown> }, field: string, value: string) =>
  (page.instance.onField as (event: unknown) => void)({ currentTarget: { dataset: { field } }, detail: { value } });

describe('making a challenge and joining it by its code, against the real backend', () => {
  it('发起挑战: risky text is refused on its field, doubtful text waits for review, a clean one shows its invite code to copy', async () => {
    become(creator);
    const page = pages.renderPage('challenge-create');
    page.instance.onLoad();
    await settleLong();
    expect(sent('GET', '/api/me').at(-1)?.status).toBe(200);
    const names = page.instance.data.templateNames as string[];
    const index = names.indexOf(`🌅 ${templateTitle}`);
    expect(index).toBeGreaterThanOrEqual(0);
    page.instance.onTemplate({ detail: { value: String(index) } });
    type(page, 'title', '契约违禁挑战');
    await sim.tap(page.querySelector('.submit'));
    await settleLong();
    expect(sent('POST', '/api/challenges').map((e) => e.status)).toEqual([400]);
    expect(sim.textOf(page, '.error-title')).toBe('名称含有违规信息，请修改后再提交');

    type(page, 'title', '契约待审挑战');
    await sim.tap(page.querySelector('.submit'));
    await settleLong();
    expect(sent('POST', '/api/challenges').map((e) => e.status)).toEqual([400, 201]);
    expect(sim.textOf(page, '.created-heading')).toBe('挑战已提交，等待审核');
    made.pendingCode = sim.textOf(page, '.invite-code');

    const clean = pages.renderPage('challenge-create');
    clean.instance.onLoad();
    await settleLong();
    clean.instance.onTemplate({ detail: { value: String(index) } });
    type(clean, 'title', '契约好友早起');
    clean.instance.onRule({ currentTarget: { dataset: { rule: 'weekly' } } });
    type(clean, 'perWeek', '4');
    await sim.tap(clean.querySelector('.submit'));
    await settleLong();
    const answered = sent('POST', '/api/challenges').at(-1);
    expect(answered?.status).toBe(201);
    expect(answered?.requestBody).toMatchObject({ title: '契约好友早起', rule: 'weekly', perWeek: 4, weeks: 3, targetDays: 12, entryCost: 0 });
    expect(sim.textOf(clean, '.created-heading')).toBe('挑战创建成功');
    made.inviteCode = sim.textOf(clean, '.invite-code');
    expect(made.inviteCode).toBe((answered?.responseBody as { data: { inviteCode: string } }).data.inviteCode);
    await sim.tap(clean.querySelector('.copy'));
    expect(ui.copied).toEqual([made.inviteCode]);

    const createdId = (answered?.responseBody as { data: { documentId: string } }).data.documentId;
    const detail = pages.renderPage('challenge');
    detail.instance.onLoad({ id: createdId });
    detail.instance.onShow();
    await settleLong();
    expect(sim.textOf(detail, '.title')).toBe('契约好友早起');
    expect(sim.textOf(detail, '.invite-code')).toBe(made.inviteCode);
  });

  it('发起挑战 shows a free member the membership gate', async () => {
    become(friend);
    const page = pages.renderPage('challenge-create');
    page.instance.onLoad();
    await settleLong();
    expect(sim.textOf(page, '.gate-title')).toBe('发起挑战是 VIP 会员专属功能');
  });

  it('挑战: a wrong code, one waiting for review, a full and a members-only challenge are refused in words; the friend’s code joins and opens it', async () => {
    become(friend);
    const list = pages.renderPage('challenges');
    list.instance.onLoad({});
    list.instance.onShow();
    await settleLong();
    const join = async (code: string) => {
      list.instance.onCode({ detail: { value: code } });
      await sim.tap(list.querySelector('.code-join'));
      await settleLong();
    };
    const statuses = () => sent('POST', '/api/challenges/join-by-code').map((e) => e.status);

    await join('zzzz-zzzz');
    expect(sim.textOf(list, '.code-error')).toBe('邀请码不对，请核对后再输入');
    await join(made.pendingCode);
    expect(sim.textOf(list, '.code-error')).toBe('这个挑战还在审核中或已下线');
    await join(fullCode.toLowerCase());
    expect(sim.textOf(list, '.code-error')).toBe('名额已满，下次早点来');
    await join(vipCode);
    expect(sim.textOf(list, '.code-error')).toBe('这个挑战仅限会员参加');
    expect(ui.navigations).toEqual(['/pages/membership/index']);
    expect(statuses()).toEqual([404, 404, 409, 403]);
    expect(sent('POST', '/api/challenges/join-by-code')[0].requestBody).toEqual({ code: 'ZZZZZZZZ' });

    await join(made.inviteCode);
    expect(statuses()).toEqual([404, 404, 409, 403, 200]);
    expect(ui.toasts).toContain('加入成功');
    const opened = ui.navigations.at(-1) ?? '';
    expect(opened).toMatch(/^\/pages\/challenge\/index\?id=/);

    const detail = pages.renderPage('challenge');
    detail.instance.onLoad({ id: opened.split('id=')[1] });
    detail.instance.onShow();
    await settleLong();
    expect(sim.textOf(detail, '.title')).toBe('契约好友早起');
    expect(sim.textOf(detail, '.progress-status')).toBe('进行中');
  });
});
