/** @jest-environment jsdom */
import { installApp, ok, renderPage, settle, type RenderedPage, type UiCalls } from '../helpers/page';
import { tap, textOf, hasClass } from '../helpers/simulate';
import type { WxAnswer, WxCall, WxDouble } from '../helpers/wx-double';
import { challenge, codeRefused, created, createRefused, detail, docId, envelope, joinRefused, listPage, notFound, NOW, participation, template, templatesPage } from '../helpers/challenge-fixtures';

/**
 * 发起挑战 (VIP) and joining by invite code on 挑战, over made-up answers: the VIP gate, the form's own
 * checks on their fields, the body sent, the server's 400 on its field, the invite code with 复制 and
 * the share, a challenge waiting for review; a wrong code, a full one, one for members, and a join that
 * opens the challenge.
 */

let double: WxDouble;
let ui: UiCalls;
let answer: (call: WxCall) => WxAnswer | 'fail';
let tier: 'free' | 'vip' | 'ai';
let created201: () => WxAnswer;

const profile = () => ({
  data: {
    id: 7, documentId: 'user7aaaaaaaa', nickname: '小明', avatar: null, timezone: 'Asia/Shanghai', dayStartHour: 0, province: null, city: null, district: null,
    showInRanking: true, membershipTier: tier, membershipExpiresAt: tier === 'free' ? null : '2027-01-31T16:00:00.000Z', pointsBalance: 860, makeupCards: 0, phoneMasked: null, smokingSettings: null,
    totalCheckInDays: 0, consecutiveDays: 0, lastCheckInDate: null, lastLoginAt: null, createdAt: '2026-01-01T00:00:00.000Z',
  },
  meta: {},
});

beforeEach(() => {
  tier = 'vip';
  created201 = () => ok(envelope(created(9)), 201);
  answer = (call) => {
    const path = call.path.split('?')[0];
    if (path === '/api/me') return ok(profile());
    if (path === '/api/habit-templates') return ok(templatesPage([template(1), template(2)]));
    if (path === '/api/challenges' && call.method === 'POST') return created201();
    return notFound();
  };
  ({ double, ui } = installApp((call) => answer(call), { now: () => NOW }));
});

const posted = () => double.calls.filter((call) => call.method === 'POST' && call.path === '/api/challenges');

const open = async () => {
  const page = renderPage('challenge-create');
  page.instance.onLoad();
  await settle();
  return page;
};

const type = (page: RenderedPage, field: string, value: string) => page.instance.onField({ currentTarget: { dataset: { field } }, detail: { value } });

/** A form that passes: a title and the first template, the rest as it starts. */
const fill = (page: RenderedPage) => {
  type(page, 'title', '宿舍早起小分队');
  page.instance.onTemplate({ detail: { value: '0' } });
};

describe('发起挑战', () => {
  it('shows a free member why they cannot, with the way to the membership page', async () => {
    tier = 'free';
    const page = await open();
    expect(textOf(page, '.gate-title')).toBe('发起挑战是 VIP 会员专属功能');
    expect(page.querySelector('.title-input')).toBeFalsy();
    await tap(page.querySelector('.gate-action'));
    expect(ui.navigations).toEqual(['/pages/membership/index']);
  });

  it('offers the form to a VIP: the templates with their emoji, dates from tomorrow, the rule and its numbers', async () => {
    const page = await open();
    expect(page.querySelector('.gate')).toBeFalsy();
    expect(page.instance.data.templateNames).toEqual(['🌅 早起', '📚 读书']);
    expect(textOf(page, '.template-name')).toBe('选择习惯模板');
    expect(textOf(page, '.start-date')).toBe('2026-12-05');
    expect(textOf(page, '.end-date')).toBe('2026-12-25');
    expect(textOf(page, '.summary')).toBe('共 21 天 · 累计打卡 14 天');
    expect(page.querySelector('.weeks')).toBeFalsy();
    page.instance.onRule({ currentTarget: { dataset: { rule: 'weekly' } } });
    await settle();
    expect(hasClass(page.querySelector('.rule-weekly'), 'chip-on')).toBe(true);
    expect(page.querySelector('.target-days')).toBeFalsy();
    expect(textOf(page, '.summary')).toBe('共 21 天 · 3 周，每周打卡 3 天');
  });

  it('shows its own checks on the fields once touched or tried, and sends nothing while one fails', async () => {
    const page = await open();
    expect(page.querySelector('.error')).toBeFalsy();
    type(page, 'targetDays', '30');
    await settle();
    expect(textOf(page, '.error-targetDays')).toBe('目标 30 天超过了挑战的 21 天');
    expect(page.querySelector('.error-title')).toBeFalsy();
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.error-title')).toBe('请填写挑战名称');
    expect(textOf(page, '.error-habitTemplate')).toBe('请选择要打卡的习惯');
    expect(posted()).toEqual([]);
  });

  it('sends the body, then shows the invite code to copy and the share hint, and opens the challenge', async () => {
    const page = await open();
    fill(page);
    type(page, 'entryCost', '20');
    type(page, 'maxParticipants', '8');
    await tap(page.querySelector('.submit'));
    await settle();
    expect(posted().map((call) => call.body)).toEqual([
      { title: '宿舍早起小分队', habitTemplate: template(1).documentId, startDate: '2026-12-05', endDate: '2026-12-25', rule: 'daysOf', targetDays: 14, entryCost: 20, maxParticipants: 8 },
    ]);
    expect(textOf(page, '.created-heading')).toBe('挑战创建成功');
    expect(textOf(page, '.invite-code')).toBe('K7XM2QPA');
    expect(textOf(page, '.share-hint')).toContain('好友在「挑战」页输入邀请码即可加入');
    expect(page.querySelector('.created-note')).toBeFalsy();
    await tap(page.querySelector('.copy'));
    expect(ui.copied).toEqual(['K7XM2QPA']);
    expect(page.instance.onShareAppMessage()).toEqual({ title: '来和我一起挑战「宿舍早起小分队」，邀请码 K7XM2QPA', path: '/pages/challenges/index?code=K7XM2QPA' });
    await tap(page.querySelector('.open'));
    expect(ui.redirects).toEqual([`/pages/challenge/index?id=${created(9).documentId}`]);
    await tap(page.querySelector('.copy'));
    expect(posted()).toHaveLength(1);
  });

  it('shows the code again on the challenge’s detail on the phone that made it', async () => {
    const made = created(9);
    const page = await open();
    fill(page);
    await tap(page.querySelector('.submit'));
    await settle();
    expect(JSON.parse(double.storage.get('challenges.inviteCodes') ?? '{}')).toEqual({ [made.documentId]: 'K7XM2QPA' });
    const { inviteCode: _code, review: _review, ...fields } = made;
    answer = (call) => (call.path === `/api/challenges/${made.documentId}` ? ok(envelope({ ...fields, rules: '' })) : ok({ data: [], meta: { total: 0 } }));
    const shown = renderPage('challenge');
    shown.instance.onLoad({ id: made.documentId });
    shown.instance.onShow();
    await settle();
    expect(textOf(shown, '.invite-code')).toBe('K7XM2QPA');
    await tap(shown.querySelector('.invite-copy'));
    expect(ui.copied).toEqual(['K7XM2QPA']);

    answer = (call) => (call.path === `/api/challenges/${docId('chal', 1)}` ? ok(envelope(detail(1))) : ok({ data: [], meta: { total: 0 } }));
    const official = renderPage('challenge');
    official.instance.onLoad({ id: docId('chal', 1) });
    official.instance.onShow();
    await settle();
    expect(official.querySelector('.invite')).toBeFalsy();
  });

  it('says a challenge WeChat wants a person to read waits for a moderator', async () => {
    created201 = () => ok(envelope(created(9, { title: '待审的挑战', review: 'pending', joinable: false })), 201);
    const page = await open();
    fill(page);
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.created-heading')).toBe('挑战已提交，等待审核');
    expect(textOf(page, '.created-note')).toBe('内容需要管理员审核，审核通过前好友还不能用邀请码加入。');
    expect(textOf(page, '.invite-code')).toBe('K7XM2QPA');
    expect(page.instance.onShareAppMessage()).toEqual({ title: '一起来打卡挑战', path: '/pages/challenges/index' });
  });

  it('shows the server’s 400 on the field it names, until that field changes', async () => {
    created201 = () => createRefused.startInPast();
    const page = await open();
    fill(page);
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.error-startDate')).toBe('开始日期不能早于今天');
    expect(textOf(page, '.refusal')).toBe('开始日期不能早于今天');
    expect(page.querySelector('.created')).toBeFalsy();
    type(page, 'startDate', '2026-12-06');
    await settle();
    expect(page.querySelector('.error-startDate')).toBeFalsy();
    expect(page.querySelector('.refusal')).toBeFalsy();

    created201 = () => createRefused.risky('content');
    type(page, 'description', '来赌博吧');
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.error-description')).toBe('说明含有违规信息，请修改后再提交');
    expect(page.instance.data.form).toMatchObject({ title: '宿舍早起小分队', description: '来赌博吧' });

    created201 = () => createRefused.zod('title');
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.error-title')).toBe('名称填写有误，请检查');
  });

  it('turns a 403 into the membership gate (the membership ended meanwhile), and keeps the form on no network', async () => {
    const page = await open();
    fill(page);
    created201 = () => createRefused.membership();
    await tap(page.querySelector('.submit'));
    await settle();
    expect(textOf(page, '.gate-title')).toBe('发起挑战是 VIP 会员专属功能');

    const offline = await open();
    fill(offline);
    answer = () => 'fail';
    await tap(offline.querySelector('.submit'));
    await settle();
    expect(textOf(offline, '.refusal')).toBe('网络不给力，请稍后重试');
    expect(offline.instance.data.form).toMatchObject({ title: '宿舍早起小分队' });
  });
});

describe('挑战: joining by invite code', () => {
  const J = docId('chal', 7);
  let byCode: () => WxAnswer;

  beforeEach(() => {
    byCode = () => ok(envelope(participation({ daysDone: 0, joinedAt: '2026-12-04T02:00:05.000Z' })));
    answer = (call) => {
      const path = call.path.split('?')[0];
      if (path === '/api/challenges') return ok(listPage([challenge(1)]));
      if (path === '/api/challenges/join-by-code') return byCode();
      if (path === '/api/me/challenges') return ok(envelope([{ challenge: challenge(1, { me: participation() }) }, { challenge: challenge(7, { isOfficial: false, me: participation({ daysDone: 0, joinedAt: '2026-12-04T02:00:05.000Z' }) }) }]));
      return notFound();
    };
  });

  const openList = async (query: Record<string, string> = {}) => {
    const page = renderPage('challenges');
    page.instance.onLoad(query);
    page.instance.onShow();
    await settle();
    return page;
  };
  const join = async (page: RenderedPage, code: string) => {
    page.instance.onCode({ detail: { value: code } });
    await tap(page.querySelector('.code-join'));
    await settle();
  };
  const sentCodes = () => double.calls.filter((call) => call.path === '/api/challenges/join-by-code').map((call) => call.body);

  it('joins with the code as the server reads it, after a confirmation, and opens the challenge joined', async () => {
    const page = await openList();
    await tap(page.querySelector('.create-entry'));
    expect(ui.navigations).toEqual(['/pages/challenge-create/index']);
    await join(page, ' k7xm-2qpa ');
    expect(sentCodes()).toEqual([{ code: 'K7XM2QPA' }]);
    expect(ui.toasts).toContain('加入成功');
    expect(double.calls.map((call) => `${call.method} ${call.path}`)).toContain('GET /api/me/challenges?status=active');
    expect(ui.navigations.at(-1)).toBe(`/pages/challenge/index?id=${J}`);
    expect(page.instance.data.code).toBe('');
  });

  it('fills in the code a forwarded 发起挑战 page sends, and asks before joining', async () => {
    const page = await openList({ code: 'k7xm2qpa' });
    expect(page.instance.data.code).toBe('K7XM2QPA');
    ui.confirmNext = false;
    await tap(page.querySelector('.code-join'));
    await settle();
    expect(sentCodes()).toEqual([]);
  });

  it('says what is wrong under the code: empty, a wrong code, waiting for review, full, closed, ended', async () => {
    const page = await openList();
    await join(page, '');
    expect(textOf(page, '.code-error')).toBe('请输入邀请码');
    expect(sentCodes()).toEqual([]);
    const cases: Array<[() => WxAnswer, string]> = [
      [codeRefused.wrongCode, '邀请码不对，请核对后再输入'],
      [codeRefused.waiting, '这个挑战还在审核中或已下线'],
      [joinRefused.full, '名额已满，下次早点来'],
      [joinRefused.closed, '报名已截止'],
      [joinRefused.ended, '挑战已结束'],
      [joinRefused.region, '这个挑战仅限指定地区的用户参加'],
    ];
    for (const [refused, said] of cases) {
      byCode = refused;
      await join(page, 'ZZZZZZZZ');
      expect(textOf(page, '.code-error')).toBe(said);
      expect(hasClass(page.querySelector('.code-box'), 'code-box-error')).toBe(true);
    }
    expect(ui.navigations).toEqual([]);
    page.instance.onCode({ detail: { value: 'ZZZZZZZ' } });
    await settle();
    expect(page.querySelector('.code-error')).toBeFalsy();
  });

  it('offers the membership for a members-only challenge and the tasks when points are short', async () => {
    const page = await openList();
    byCode = joinRefused.membership;
    await join(page, 'ZZZZZZZZ');
    expect(textOf(page, '.code-error')).toBe('这个挑战仅限会员参加');
    expect(ui.navigations).toEqual(['/pages/membership/index']);
    byCode = joinRefused.points;
    await join(page, 'ZZZZZZZZ');
    expect(textOf(page, '.code-error')).toBe('积分不足，报名需要 50 积分');
    expect(ui.navigations.at(-1)).toBe('/pages/tasks/index');
  });
});
