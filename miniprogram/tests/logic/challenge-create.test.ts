import { createChallengeBodySchema, joinByCodeBodySchema } from '../../../src/plugins/challenges/server/src/validation/requests';
import {
  canCreateChallenges,
  CHALLENGE_LIMITS,
  checkChallengeForm,
  createdView,
  createRefusal,
  emptyChallengeForm,
  inviteCodeProblem,
  joinByCodeRefusal,
  joinedChallengeOf,
  newChallengeBody,
  normalizeInviteCode,
  templateOptions,
  withInviteCode,
  type ChallengeForm,
} from '../../logic/challenge-create';
import { challenge, created, participation, template } from '../helpers/challenge-fixtures';

const TODAY = '2026-12-04';
const form = (over: Partial<ChallengeForm> = {}): ChallengeForm => ({ ...emptyChallengeForm(TODAY), title: '宿舍早起', habitTemplate: 'tmpl000001', ...over });
const apiError = (status: number, details: Record<string, unknown> = {}, message = 'refused') => ({ status, message, details, name: 'ApiError' });

describe('the form to make a challenge', () => {
  it('starts tomorrow for three weeks, 14 days of them, free, with no cap', () => {
    expect(emptyChallengeForm(TODAY)).toEqual({
      title: '', description: '', habitTemplate: '', startDate: '2026-12-05', endDate: '2026-12-25', rule: 'daysOf', targetDays: '14', perWeek: '3', weeks: '3', entryCost: '0', maxParticipants: '',
    });
  });

  it('can be sent once it has a title and a template, and says how long and what the rule is', () => {
    const check = checkChallengeForm(form(), TODAY);
    expect(check).toMatchObject({ canSubmit: true, blocker: '', days: 21, summary: '共 21 天 · 累计打卡 14 天', titleCount: '4/80' });
    expect(checkChallengeForm(emptyChallengeForm(TODAY), TODAY).errors).toEqual({ title: '请填写挑战名称', habitTemplate: '请选择要打卡的习惯' });
  });

  it('refuses what the server refuses: a long title or description, a start before today, an end before the start or past 366 days', () => {
    const errorsOf = (over: Partial<ChallengeForm>) => checkChallengeForm(form(over), TODAY).errors;
    expect(errorsOf({ title: '   ' })).toEqual({ title: '请填写挑战名称' });
    expect(errorsOf({ title: '长'.repeat(81) })).toEqual({ title: '名称最多 80 字' });
    expect(errorsOf({ title: ` ${'长'.repeat(80)} ` })).toEqual({});
    expect(errorsOf({ description: 'x'.repeat(2001) })).toEqual({ description: '说明最多 2000 字' });
    expect(errorsOf({ startDate: '2026-12-03' })).toEqual({ startDate: '开始日期不能早于今天' });
    expect(errorsOf({ startDate: TODAY, endDate: TODAY, targetDays: '1' })).toEqual({});
    expect(errorsOf({ endDate: '2026-12-04' })).toEqual({ endDate: '结束日期不能早于开始日期' });
    expect(errorsOf({ endDate: '2027-12-06' })).toEqual({ endDate: '挑战最长 366 天' });
    expect(errorsOf({ endDate: '2027-12-05' })).toEqual({});
    expect(errorsOf({ startDate: '2026-02-30' })).toMatchObject({ startDate: '请选择开始日期' });
  });

  it('holds the goal to the days: N days within them, or W weeks of 7 with 1-7 days each', () => {
    const errorsOf = (over: Partial<ChallengeForm>) => checkChallengeForm(form(over), TODAY).errors;
    expect(errorsOf({ targetDays: '21' })).toEqual({});
    expect(errorsOf({ targetDays: '22' })).toEqual({ targetDays: '目标 22 天超过了挑战的 21 天' });
    expect(errorsOf({ rule: 'streak', targetDays: '0' })).toEqual({ targetDays: '目标天数为 1-366' });
    expect(errorsOf({ targetDays: '3.5' })).toEqual({ targetDays: '目标天数为 1-366' });
    expect(errorsOf({ rule: 'weekly', weeks: '3', perWeek: '7', targetDays: 'ignored' })).toEqual({});
    expect(errorsOf({ rule: 'weekly', weeks: '4' })).toEqual({ weeks: '4 周需要至少 28 天，挑战只有 21 天' });
    expect(errorsOf({ rule: 'weekly', perWeek: '8' })).toEqual({ perWeek: '每周天数为 1-7' });
    expect(errorsOf({ rule: 'weekly', weeks: '' })).toEqual({ weeks: '周数为 1-52' });
    expect(checkChallengeForm(form({ rule: 'weekly', weeks: '4' }), TODAY).summary).toBe('');
    expect(checkChallengeForm(form({ rule: 'weekly' }), TODAY).summary).toBe('共 21 天 · 3 周，每周打卡 3 天');
  });

  it('takes an entry cost of 0-100000 and a cap of 2-500 or none', () => {
    const errorsOf = (over: Partial<ChallengeForm>) => checkChallengeForm(form(over), TODAY).errors;
    expect(errorsOf({ entryCost: '100000', maxParticipants: '500' })).toEqual({});
    expect(errorsOf({ entryCost: '100001' })).toEqual({ entryCost: '报名积分为 0-100000' });
    expect(errorsOf({ entryCost: '' })).toEqual({ entryCost: '报名积分为 0-100000' });
    expect(errorsOf({ maxParticipants: '1' })).toEqual({ maxParticipants: '人数上限为 2-500，不限请留空' });
    expect(errorsOf({ maxParticipants: ' ' })).toEqual({});
  });

  it('says the first problem in the order of the form', () => {
    expect(checkChallengeForm(form({ title: '', entryCost: '-1', endDate: '2026-12-01' }), TODAY).blocker).toBe('请填写挑战名称');
    expect(checkChallengeForm(form({ entryCost: '-1', endDate: '2026-12-01' }), TODAY).blocker).toBe('结束日期不能早于开始日期');
  });

  it('keeps the client’s copies of the limits equal to the server’s zod schema', () => {
    const shape = createChallengeBodySchema.shape;
    expect(CHALLENGE_LIMITS.title).toBe(shape.title.maxLength);
    expect(CHALLENGE_LIMITS.description).toBe(shape.description.unwrap().maxLength);
    expect(CHALLENGE_LIMITS.targetDays).toEqual({ min: shape.targetDays.minValue, max: shape.targetDays.maxValue });
    expect(CHALLENGE_LIMITS.maxDays).toBe(shape.targetDays.maxValue);
    expect(CHALLENGE_LIMITS.perWeek).toEqual({ min: shape.perWeek.unwrap().minValue, max: shape.perWeek.unwrap().maxValue });
    expect(CHALLENGE_LIMITS.weeks).toEqual({ min: shape.weeks.unwrap().minValue, max: shape.weeks.unwrap().maxValue });
    expect(CHALLENGE_LIMITS.entryCost).toEqual({ min: shape.entryCost.minValue, max: shape.entryCost.maxValue });
    expect(CHALLENGE_LIMITS.maxParticipants).toEqual({ min: shape.maxParticipants.unwrap().minValue, max: shape.maxParticipants.unwrap().maxValue });
  });
});

describe('the body sent', () => {
  it('is what the server parses: trimmed texts, numbers, no timezone, no empty description or cap', () => {
    const body = newChallengeBody(form({ title: ' 宿舍早起 ', description: '  ', entryCost: '20' }));
    expect(body).toEqual({ title: '宿舍早起', habitTemplate: 'tmpl000001', startDate: '2026-12-05', endDate: '2026-12-25', rule: 'daysOf', targetDays: 14, entryCost: 20 });
    expect(createChallengeBodySchema.safeParse(body).success).toBe(true);
  });

  it('sends a weekly rule with its numbers and targetDays = perWeek x weeks, and the cap when set', () => {
    const body = newChallengeBody(form({ rule: 'weekly', perWeek: '4', weeks: '3', description: '输的请喝奶茶', maxParticipants: '8' }));
    expect(body).toMatchObject({ rule: 'weekly', perWeek: 4, weeks: 3, targetDays: 12, description: '输的请喝奶茶', maxParticipants: 8 });
    expect(createChallengeBodySchema.safeParse(body).success).toBe(true);
  });
});

describe('a refused challenge', () => {
  it('puts the server’s field problem on its field', () => {
    expect(createRefusal(apiError(400, { reason: 'start_in_past', field: 'startDate' }))).toEqual({ errors: { startDate: '开始日期不能早于今天' }, message: '开始日期不能早于今天', needsMembership: false });
    expect(createRefusal(apiError(400, { reason: 'template_not_found', field: 'habitTemplate' })).errors).toEqual({ habitTemplate: '这个习惯模板已下线，请换一个' });
    expect(createRefusal(apiError(400, { reason: 'invalid', field: 'targetDays' })).errors).toEqual({ targetDays: '目标天数填写有误，请检查' });
    expect(createRefusal(apiError(400, { errors: [{ path: ['title'], message: 'Too long' }] })).errors).toEqual({ title: '名称填写有误，请检查' });
  });

  it('says which text WeChat’s check refused (its `content` is the description)', () => {
    expect(createRefusal(apiError(400, { reason: 'content_risky', field: 'title', label: 20001 })).errors).toEqual({ title: '名称含有违规信息，请修改后再提交' });
    expect(createRefusal(apiError(400, { reason: 'content_risky', field: 'content', label: 20001 })).errors).toEqual({ description: '说明含有违规信息，请修改后再提交' });
  });

  it('turns a 403 into the membership gate and anything else into a message', () => {
    expect(createRefusal(apiError(403, { reason: 'membership_required' }))).toMatchObject({ needsMembership: true, errors: {} });
    expect(createRefusal({ name: 'NetworkError', message: 'request:fail' })).toEqual({ errors: {}, message: '网络不给力，请稍后重试', needsMembership: false });
    expect(createRefusal(apiError(429, { retryAfterSeconds: 600 }, '创建挑战太频繁，请稍后再试')).message).toBe('创建挑战太频繁，请稍后再试');
    expect(joinByCodeRefusal(apiError(429, { retryAfterSeconds: 60 }, '加入或退出挑战太频繁，请稍后再试')).message).toBe('加入或退出挑战太频繁，请稍后再试');
    expect(createRefusal(apiError(400, { reason: 'whatever', field: 'nonsense' }))).toEqual({ errors: {}, message: '填写有误，请检查后再提交', needsMembership: false });
  });
});

describe('the challenge made', () => {
  it('shows its invite code and how to share it', () => {
    expect(createdView(created(9))).toMatchObject({
      inviteCode: 'K7XM2QPA',
      pending: false,
      heading: '挑战创建成功',
      note: '',
      summary: '12月5日 - 12月25日 · 累计打卡 14 天 · 报名 20 积分',
      shareTitle: '来和我一起挑战「宿舍早起小分队」，邀请码 K7XM2QPA',
    });
  });

  it('says it waits for a moderator when WeChat’s check left it for one', () => {
    const view = createdView(created(9, { review: 'pending', joinable: false }));
    expect(view).toMatchObject({ pending: true, heading: '挑战已提交，等待审核', note: '内容需要管理员审核，审核通过前好友还不能用邀请码加入。' });
  });

  it('is for VIP members and above', () => {
    expect([canCreateChallenges('free'), canCreateChallenges('vip'), canCreateChallenges('ai')]).toEqual([false, true, true]);
  });
});

describe('joining by invite code', () => {
  it('reads a code as the server does (spaces and dashes out, upper case) and checks its shape', () => {
    expect(normalizeInviteCode(' k7xm-2qpa ')).toBe('K7XM2QPA');
    expect(inviteCodeProblem('')).toBe('请输入邀请码');
    expect(inviteCodeProblem('K7X')).toBe('邀请码是 6-16 位字母或数字');
    expect(inviteCodeProblem('K7XM2QPA')).toBe('');
    expect(joinByCodeBodySchema.safeParse({ code: normalizeInviteCode('k7xm 2qpa') }).success).toBe(true);
  });

  it('says a wrong code, a challenge waiting for review, closed, full, ended, for members or another region in Chinese', () => {
    const said = (status: number, details: Record<string, unknown>) => joinByCodeRefusal(apiError(status, details)).message;
    expect(said(404, { reason: 'invite_code_not_found' })).toBe('邀请码不对，请核对后再输入');
    expect(said(404, { reason: 'challenge_not_found' })).toBe('这个挑战还在审核中或已下线');
    expect(said(409, { reason: 'join_closed' })).toBe('报名已截止');
    expect(said(409, { reason: 'challenge_full' })).toBe('名额已满，下次早点来');
    expect(said(409, { reason: 'challenge_ended' })).toBe('挑战已结束');
    expect(said(403, { reason: 'membership_required' })).toBe('这个挑战仅限会员参加');
    expect(said(403, { reason: 'region' })).toBe('这个挑战仅限指定地区的用户参加');
    expect(said(400, { errors: [{ path: ['code'], message: 'an invite code' }] })).toBe('邀请码是 6-16 位字母或数字');
    expect(joinByCodeRefusal(apiError(400, { reason: 'insufficient_points', needed: 20 }))).toMatchObject({ message: '积分不足，报名需要 20 积分', offer: { url: '/pages/tasks/index' } });
  });

  it('finds the challenge joined among mine by the participation’s join instant', () => {
    const joined = participation({ joinedAt: '2026-12-04T02:00:01.000Z' });
    const mine = [{ challenge: challenge(1, { me: participation() }) }, { challenge: challenge(2, { me: joined }) }];
    expect(joinedChallengeOf(mine, joined)?.documentId).toBe(challenge(2).documentId);
    expect(joinedChallengeOf(mine.slice(0, 1), joined)).toBeNull();
  });
});

it('lists the templates with their emoji, leaving out icon names', () => {
  expect(templateOptions([template(1), template(2, { icon: 'sunrise' }), template(3, { icon: null })])).toEqual([
    { documentId: template(1).documentId, name: '🌅 早起' },
    { documentId: template(2).documentId, name: '读书' },
    { documentId: template(3).documentId, name: '运动' },
  ]);
});

it('keeps the invite codes of the challenges made here, the latest 50', () => {
  expect(withInviteCode(undefined, 'chal000001', 'K7XM2QPA')).toEqual({ chal000001: 'K7XM2QPA' });
  expect(withInviteCode({ chal000001: 'OLD' }, 'chal000001', 'NEW')).toEqual({ chal000001: 'NEW' });
  const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`c${i}`, `code${i}`]));
  const kept = withInviteCode(many, 'latest', 'CODE');
  expect(Object.keys(kept)).toHaveLength(50);
  expect(kept).toMatchObject({ latest: 'CODE', c49: 'code49' });
  expect(kept.c0).toBeUndefined();
});
