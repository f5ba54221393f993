import { aiCommentView, diaryInput, diaryOf, diaryRow, emptyForm, existingDiaryId, formOf, mergeForms, parseTags, shiftMonth, type Diary } from '../../logic/diary';
import { deletionNotice, exportSummary, membershipView, meSummary, rewardEntries, type Profile } from '../../logic/me';
import { noteText, pointsRow } from '../../logic/points';
import { formOfProfile, phoneCodeOf, profileUpdate, regionFromPicker } from '../../logic/profile';
import { codeInput, redeemErrorText, redeemSuccessText } from '../../logic/redeem';
import { statsView } from '../../logic/stats';
import { meStats } from '../helpers/fixtures';
import { alreadyCompleted, newTaskInput, progressText, taskOf, taskRow, type Task } from '../../logic/tasks';
import { paginationOf } from '../../logic/paged-list';

const profile = (over: Partial<Profile> = {}): Profile => ({
  id: 1,
  documentId: 'user00000001',
  nickname: '小明',
  avatar: null,
  timezone: 'Asia/Shanghai',
  dayStartHour: 0,
  province: '广东省',
  city: '深圳市',
  district: null,
  showInRanking: true,
  membershipTier: 'free',
  membershipExpiresAt: null,
  pointsBalance: 120,
  makeupCards: 3,
  phoneMasked: null,
  smokingSettings: null,
  totalCheckInDays: 9,
  consecutiveDays: 2,
  lastCheckInDate: '2026-03-08',
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('stats', () => {
  const stats = meStats;

  it('shows the rank tier, its stars and the way to the next tier', () => {
    const view = statsView(stats());
    expect(view).toMatchObject({ rankName: '秩序白银', starsText: '★ 2', rankProgress: 9, nextText: '再打卡 22 天升级' });
    expect(statsView(stats({ totalDays: 600, rank: { key: 'legend', name: '传奇王者', stars: 53, minDays: 548, maxDays: null, nextAt: null } }))).toMatchObject({ rankProgress: 100, nextText: '已是最高段位' });
  });

  it('draws the last 7 days as bars, today last, and sums the week', () => {
    const { bars, weekTotal } = statsView(stats());
    expect(bars.map((b) => b.weekday)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '今天']);
    expect(bars.map((b) => b.heightPercent)).toEqual([2, 25, 50, 2, 25, 100, 50]);
    expect(weekTotal).toBe(10);
    expect(statsView(stats()).tiles.find((t) => t.key === 'completion')?.value).toBe('66.7%');
  });
});

describe('me, rewards and membership', () => {
  it('summarises the account, with fallbacks for what is not set', () => {
    expect(meSummary(profile())).toMatchObject({ nickname: '小明', initial: '小', tierName: '普通用户', isMember: false, region: '广东省 深圳市' });
    expect(meSummary(profile({ nickname: null, province: null, city: null }))).toMatchObject({ nickname: '微信用户', region: '未设置地区' });
  });

  it('shows a membership with the day it ends, in Beijing time', () => {
    expect(membershipView({ membershipTier: 'vip', membershipExpiresAt: '2026-04-01T16:30:00.000Z' })).toMatchObject({ tierName: 'VIP 会员', active: true, expiresText: '有效期至 2026-04-02' });
    expect(membershipView({ membershipTier: 'free', membershipExpiresAt: null })).toMatchObject({ active: false, expiresText: '开通会员，解锁全国排行榜' });
  });

  it('notes on each reward entry what makes it worth a tap', () => {
    const entries = rewardEntries({ balance: 80, drawsLeftToday: 2, tasksLeft: 0, tier: 'vip' });
    expect(entries.map((e) => [e.key, e.note])).toEqual([
      ['lottery', '今日还可抽 2 次'],
      ['tasks', '今日已全部完成'],
      ['points', '余额 80'],
      ['redeem', '会员、补签卡、积分'],
      ['membership', 'VIP 会员'],
      ['mall', '积分兑换、微信支付'],
    ]);
    expect(rewardEntries({ balance: 0, drawsLeftToday: null, tasksLeft: null, tier: 'free' })[0].note).toBe('');
  });

  it('says when a deleted account is purged, and what an export holds', () => {
    expect(deletionNotice({ deletedAt: '2026-03-08T02:00:00.000Z', purgeAfter: '2026-04-07T02:00:00.000Z' })).toContain('2026-04-07');
    expect(exportSummary({ records: { habits: [1, 2], diaries: [], 'check-ins': [1] }, exportedAt: '' })).toEqual([
      { key: 'habits', label: '习惯', count: 2 },
      { key: 'diaries', label: '日记', count: 0 },
      { key: 'check-ins', label: '打卡', count: 1 },
    ]);
  });
});

describe('diaries', () => {
  const diary = (over: Partial<Diary> = {}): Diary => ({ documentId: 'diary0000001', localDate: '2026-03-08', title: null, content: '今天去公园放风筝，风很大。', mood: 'happy', weather: 'windy', tags: ['周末'], isDraft: false, ...over });

  it('lists a diary by its date, weekday and the start of its text when it has no title', () => {
    expect(diaryRow(diary())).toMatchObject({ dateText: '3月8日', weekday: '周日', title: '今天去公园放风筝，风很大。', moodIcon: '😄', weatherIcon: '🌬️', isDraft: false });
    expect(diaryRow(diary({ content: '', title: null })).title).toBe('无标题');
  });

  it('walks months across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
  });

  it('publishes only a diary with content, sends the date only when new, and tidies tags', () => {
    expect(diaryInput(emptyForm('2026-03-08'), { isDraft: false, isNew: true })).toEqual({ ok: false, message: '写点什么再发布吧' });
    expect(diaryInput(emptyForm('2026-03-08'), { isDraft: true, isNew: true })).toMatchObject({ ok: true, data: { isDraft: true, localDate: '2026-03-08' } });
    const edit = diaryInput({ ...formOf(diary()), tags: '#周末  公园,公园' }, { isDraft: false, isNew: false });
    expect(edit).toEqual({ ok: true, data: { title: null, content: '今天去公园放风筝，风很大。', mood: 'happy', weather: 'windy', tags: ['周末', '公园'], isDraft: false } });
    expect(parseTags('a b c d e f g h i j k l')).toHaveLength(10);
  });

  it('finds the diary a 409 names, and adds what was typed to it', () => {
    expect(existingDiaryId({ status: 409, message: 'x', details: { reason: 'diary_exists', diary: { documentId: 'diary0000002' } } })).toBe('diary0000002');
    expect(existingDiaryId({ status: 409, message: 'x', details: {} })).toBeNull();
    const merged = mergeForms(formOf(diary()), { ...emptyForm('2026-03-08'), title: '放风筝', content: '晚上吃了饺子。', mood: 'tired', tags: '美食' });
    expect(merged).toEqual({ localDate: '2026-03-08', title: '放风筝', content: '今天去公园放风筝，风很大。\n\n晚上吃了饺子。', mood: 'happy', weather: 'windy', tags: '周末 美食' });
  });
});

describe('tasks', () => {
  const task = (over: Partial<Task> = {}): Task => ({ documentId: 'task00000001', localDate: '2026-03-08', title: '读书 20 分钟', description: null, category: 'reading', points: 10, isSystem: true, completed: false, completedAt: null, ...over });

  it('lets only own, undone tasks be deleted', () => {
    expect(taskRow(task())).toMatchObject({ categoryLabel: '阅读', pointsText: '+10 积分', deletable: false });
    expect(taskRow(task({ isSystem: false })).deletable).toBe(true);
    expect(taskRow(task({ isSystem: false, completed: true })).deletable).toBe(false);
    expect(progressText([task(), task({ completed: true })])).toBe('已完成 1 / 2');
  });

  it('takes a 409 on completion as the task already done', () => {
    const done = task({ completed: true });
    expect(alreadyCompleted({ status: 409, message: 'This task is already completed', details: { task: done } })).toEqual(done);
    expect(alreadyCompleted({ status: 400, message: 'x', details: { reason: 'not_today' } })).toBeNull();
    expect(newTaskInput('  ', 'daily')).toEqual({ ok: false, message: '写下任务名称' });
  });
});

describe('points and redeem codes', () => {
  it('words ledger entries and their notes', () => {
    const row = pointsRow({ id: 7, amount: 50, balanceAfter: 170, reason: 'streak-bonus', sourceType: 'check-in', sourceId: 'x', note: '7-days streak', createdAt: '2026-03-08T00:30:00.000Z' });
    expect(row).toEqual({ key: '7', title: '连续打卡奖励', subText: '2026-03-08 08:30 · 连续 7 天', amountText: '+50', positive: true, balanceText: '余额 170' });
    expect(noteText({ reason: 'diary', note: '2026-03-08' })).toBe('2026-03-08');
    expect(pointsRow({ id: 8, amount: -20, balanceAfter: 150, reason: 'lottery', sourceType: null, sourceId: null, note: null, createdAt: '2026-03-08T01:00:00.000Z' }).amountText).toBe('-20');
  });

  it('says in Chinese why a code was refused', () => {
    expect(redeemErrorText({ status: 404, message: 'This code does not exist: check it and try again', details: { reason: 'unknown' } })).toBe('兑换码不存在，请核对后重试');
    expect(redeemErrorText({ status: 409, message: 'You have already used this code', details: { reason: 'already_used' } })).toBe('你已经使用过这个兑换码');
    expect(redeemErrorText({ status: 429, message: 'Too many failed codes; retry in 60 s', details: { retryAfterSeconds: 60 } })).toBe('尝试次数过多，请稍后再试');
    expect(codeInput('   ')).toEqual({ ok: false, message: '请输入兑换码' });
  });

  it('says what a redeemed code gave', () => {
    expect(redeemSuccessText({ documentId: 'r', kind: 'vipDays', amount: 30, result: { before: 'free', after: 'vip', expiresAt: '2026-04-07T02:00:00.000Z' }, redeemedAt: '' })).toBe('兑换成功：VIP 会员 30 天，有效期至 2026-04-07');
    expect(redeemSuccessText({ documentId: 'r', kind: 'makeupCards', amount: 2, result: { makeupCards: 2 }, redeemedAt: '' })).toBe('兑换成功：补签卡 ×2');
  });
});

describe('profile', () => {
  it('sends only what changed', () => {
    const me = profile();
    expect(profileUpdate(me, formOfProfile(me))).toEqual({ ok: true, data: null });
    const form = { ...formOfProfile(me), nickname: ' 小红 ', dayStartHour: 4, region: ['广东省', '深圳市', '南山区'] as [string, string, string] };
    expect(profileUpdate(me, form)).toEqual({ ok: true, data: { nickname: '小红', dayStartHour: 4, province: '广东省', city: '深圳市', district: '南山区' } });
  });

  it('checks smoking settings and nicknames as the server does', () => {
    const me = profile();
    const smoking = { ...formOfProfile(me), smokingEnabled: true, cigarettesPerDay: '20', pricePerPack: '25.5', cigarettesPerPack: '20' };
    expect(profileUpdate(me, smoking)).toEqual({ ok: true, data: { smokingSettings: { cigarettesPerDay: 20, pricePerPack: 25.5, cigarettesPerPack: 20 } } });
    expect(profileUpdate(me, { ...smoking, cigarettesPerDay: '0' })).toEqual({ ok: false, message: '每天吸烟量是 1-200 支' });
    expect(profileUpdate(me, { ...formOfProfile(me), nickname: 'a'.repeat(21) })).toEqual({ ok: false, message: '昵称最多 20 个字' });
    expect(profileUpdate(me, { ...formOfProfile(me), nickname: 'a\u202eb' })).toEqual({ ok: false, message: '昵称不能包含不可见字符' });
    const quitting = profile({ smokingSettings: { cigarettesPerDay: 10, pricePerPack: 20, cigarettesPerPack: 20 } });
    expect(profileUpdate(quitting, { ...formOfProfile(quitting), smokingEnabled: false })).toEqual({ ok: true, data: { smokingSettings: null } });
  });

  it('reads the region picker and the phone button', () => {
    expect(regionFromPicker(['广东省', '深圳市', '全部'])).toEqual(['广东省', '深圳市', '']);
    expect(phoneCodeOf({ code: 'abc123' })).toBe('abc123');
    expect(phoneCodeOf({ errMsg: 'getPhoneNumber:fail user deny' })).toBeNull();
  });
});

describe('answers typed loosely by the API document', () => {
  it('reads a diary and a task with every optional field filled in', () => {
    expect(diaryOf({ documentId: 'diary0000001', localDate: '2026-03-08', mood: 'happy', weather: 'nope', tags: ['a', 1] })).toEqual({
      documentId: 'diary0000001', localDate: '2026-03-08', title: null, content: null, mood: 'happy', weather: null, tags: ['a'], isDraft: false, aiComment: null, aiCommentStatus: null, pointsAwarded: 0,
    });
    expect(diaryOf({ aiCommentStatus: 'pending' }).aiCommentStatus).toBe('pending');
    expect(diaryOf({ aiCommentStatus: 'nonsense' }).aiCommentStatus).toBeNull();
    expect(taskOf({ documentId: 'task00000001', title: '读书', category: 'reading', completed: true })).toMatchObject({ category: 'reading', completed: true, isSystem: false, points: 0 });
    expect(taskOf({ category: 'unknown' }).category).toBe('daily');
  });

  it('reads the pagination of an answer, or of the page asked for when it is missing', () => {
    expect(paginationOf({ pagination: { page: 2, pageSize: 10, pageCount: 3, total: 25 } }, { page: 2, pageSize: 10 }, 10)).toEqual({ page: 2, pageSize: 10, pageCount: 3, total: 25 });
    expect(paginationOf(undefined, { page: 3, pageSize: 10 }, 4)).toEqual({ page: 3, pageSize: 10, pageCount: 3, total: 24 });
  });
});

describe('the AI comment on a diary', () => {
  it('shows the comment when it is written, says it is coming while pending, and stays out of the way otherwise', () => {
    expect(aiCommentView({ aiComment: '写得真好！', aiCommentStatus: 'ready' })).toEqual({ text: '写得真好！', pending: false });
    expect(aiCommentView({ aiComment: null, aiCommentStatus: 'pending' })).toEqual({ text: 'AI 老师正在读你的日记，稍后回来看看点评吧', pending: true });
    for (const status of ['failed', 'refused', null] as const) expect(aiCommentView({ aiComment: null, aiCommentStatus: status })).toEqual({ text: '', pending: false });
  });
});
