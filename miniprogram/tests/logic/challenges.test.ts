import {
  actionView,
  badgeViews,
  boardRows,
  challengeCard,
  challengeToday,
  closedReason,
  detailError,
  joinConfirmation,
  leaveConfirmation,
  myPlace,
  progressView,
  rangeText,
  refusalOf,
  rewardText,
  ruleShort,
  rulesLines,
  timingText,
} from '../../logic/challenges';
import { badge, challenge, detail, entry, NOW, participation, place } from '../helpers/challenge-fixtures';

/** logic/challenges.ts: cards, rules, progress, the join / leave button and its confirmations, refusals, the board, badges. */

const apiError = (status: number, reason?: string, message = 'refused') => ({ name: 'ApiError', status, message, details: reason ? { reason } : {} });

describe('dates and timing in the challenge’s timezone', () => {
  it('words ranges, with years only when the challenge crosses one', () => {
    expect(rangeText('2026-12-01', '2026-12-21')).toBe('12月1日 - 12月21日');
    expect(rangeText('2026-12-25', '2027-01-07')).toBe('2026年12月25日 - 2027年1月7日');
  });

  it('reads today in the challenge’s timezone, not Beijing time', () => {
    // 2026-12-04T02:00Z: Dec 4 in Shanghai, still Dec 3 in Los Angeles, already Dec 4 15:00 in Auckland.
    expect(challengeToday({ timezone: 'Asia/Shanghai' }, NOW)).toBe('2026-12-04');
    expect(challengeToday({ timezone: 'America/Los_Angeles' }, NOW)).toBe('2026-12-03');
    expect(challengeToday({ timezone: 'Pacific/Auckland' }, NOW)).toBe('2026-12-04');
  });

  it('says when it starts or how long is left', () => {
    expect(timingText(challenge(1), NOW)).toBe('还剩 18 天');
    expect(timingText(challenge(1, { endDate: '2026-12-04' }), NOW)).toBe('最后一天');
    expect(timingText(challenge(1, { phase: 'upcoming', startDate: '2026-12-05' }), NOW)).toBe('明天开始');
    expect(timingText(challenge(1, { phase: 'upcoming', startDate: '2026-12-10' }), NOW)).toBe('6 天后开始');
    // In Los Angeles it is still Dec 3: the 12-04 start is tomorrow there.
    expect(timingText(challenge(1, { phase: 'upcoming', startDate: '2026-12-04', timezone: 'America/Los_Angeles' }), NOW)).toBe('明天开始');
    expect(timingText(challenge(1, { phase: 'ended' }), NOW)).toBe('已结束');
  });
});

describe('rules and rewards', () => {
  it('words each rule', () => {
    expect(ruleShort(challenge(1))).toBe('累计打卡 14 天');
    expect(ruleShort(challenge(1, { rule: 'streak', targetDays: 7 }))).toBe('连续打卡 7 天');
    expect(ruleShort(challenge(1, { rule: 'weekly', targetDays: 12, perWeek: 3, weeks: 4 }))).toBe('4 周，每周打卡 3 天');
  });

  it('shows the server’s rules line by line, and its own wording when they are missing', () => {
    expect(rulesLines(detail(1))).toEqual(['挑战时间：12月1日 至 12月21日（北京时间）', '挑战期间累计打卡满 14 天即完成', '挑战结束前的补签计入进度']);
    expect(rulesLines({ ...challenge(1, { allowMakeup: false, entryCost: 20 }), rules: '' })).toEqual([
      '挑战时间：12月1日 - 12月21日（Asia/Shanghai 时间）',
      '挑战期间累计打卡满 14 天即完成',
      '补签不计入进度',
      '报名截止：12月7日',
      '报名需 20 积分，开始前退出全额退还，开始后退出不退还',
    ]);
  });

  it('lists what finishing pays; a user-made challenge splits the entries', () => {
    expect(rewardText(challenge(1))).toBe('完成奖励 100 积分 · 徽章「早起达人」 · 前 3 名再得 50 积分');
    expect(rewardText(challenge(1, { isOfficial: false, rewardPoints: 0, badge: null, topK: 0 }))).toBe('完成者平分报名积分');
  });
});

describe('progress and cards', () => {
  it('shows my progress, reached before the finish, and the final rank and rewards after it', () => {
    expect(progressView(participation(), 'daysOf')).toMatchObject({ statusText: '进行中', percent: 21, progressText: '3/14 天', streakText: '', reached: false, habitTitle: '早起' });
    expect(progressView(participation({ daysDone: 15, reachedAt: '2026-12-15T00:00:00.000Z' }), 'daysOf')).toMatchObject({ statusText: '已达成', percent: 100, reached: true });
    expect(progressView(participation({ streak: 2, bestStreak: 5 }), 'streak').streakText).toBe('当前连续 2 天，最长 5 天');
    const done = progressView(
      participation({ status: 'completed', daysDone: 14, reachedAt: '2026-12-15T00:00:00.000Z', finishRank: 2, entryPaid: 20, rewards: [{ kind: 'completion', points: 100 }, { kind: 'top', points: 50 }] }),
      'daysOf',
    );
    expect(done).toMatchObject({ statusText: '已完成', rankText: '最终排名 第 2 名', rewardsText: '完成奖励 +100 积分，排名奖励 +50 积分', entryText: '已付报名费 20 积分' });
    expect(progressView(participation({ status: 'failed' }), 'daysOf').statusText).toBe('未完成');
  });

  it('makes a card with mine only when I am in it', () => {
    const card = challengeCard(challenge(1, { me: participation() }), NOW);
    expect(card).toMatchObject({ title: '21 天早起挑战', phaseText: '进行中', timing: '还剩 18 天', participants: '128 人参加', cost: '免费参加', joined: true, mineText: '进行中 3/14 天', percent: 21, initial: '🌅' });
    expect(challengeCard(challenge(1, { habitTemplate: null }), NOW).initial).toBe('天');
    expect(challengeCard(challenge(2, { maxParticipants: 200, entryCost: 30 }), NOW)).toMatchObject({ participants: '128/200 人', cost: '报名 30 积分', joined: false, mineText: '' });
    expect(challengeCard(challenge(2, { me: participation({ status: 'left' }) }), NOW)).toMatchObject({ joined: false, mineText: '' });
  });
});

describe('the join / leave button and what it asks', () => {
  it('offers join when joinable, leave when I am in a running or upcoming one, and says why neither', () => {
    expect(actionView(challenge(1), NOW)).toEqual({ kind: 'join', text: '参加挑战', note: '12月7日截止报名' });
    expect(actionView(challenge(1, { entryCost: 50, joinDeadline: null }), NOW)).toEqual({ kind: 'join', text: '参加挑战（50 积分）', note: '' });
    expect(actionView(challenge(1, { me: participation() }), NOW)).toEqual({ kind: 'leave', text: '退出挑战', note: '' });
    expect(actionView(challenge(1, { me: participation({ status: 'left' }) }), NOW).kind).toBe('join');
    expect(actionView(challenge(1, { phase: 'ended', joinable: false, me: participation({ status: 'completed' }) }), NOW).kind).toBe('none');
    expect(actionView(challenge(1, { joinable: false, maxParticipants: 128 }), NOW)).toEqual({ kind: 'none', text: '', note: '名额已满' });
    expect(actionView(challenge(1, { joinable: false, joinDeadline: '2026-12-03' }), NOW).note).toBe('报名已截止');
    expect(closedReason(challenge(1, { phase: 'ended' }), NOW)).toBe('挑战已结束');
    expect(closedReason(challenge(1), NOW)).toBe('暂不可报名');
  });

  it('says what joining costs and whether it comes back', () => {
    expect(joinConfirmation(challenge(1)).content).toBe('规则：累计打卡 14 天，12月1日 - 12月21日。打卡「早起」即计入进度（没有这个习惯会自动为你添加）。');
    expect(joinConfirmation(challenge(1, { entryCost: 50, phase: 'upcoming', habitTemplate: null })).content).toBe(
      '规则：累计打卡 14 天，12月1日 - 12月21日。将扣除 50 积分报名费，开始前退出可全额退还。',
    );
    expect(joinConfirmation(challenge(1, { entryCost: 50, habitTemplate: null })).content).toContain('挑战已开始，退出后不退还');
    expect(leaveConfirmation(challenge(1, { phase: 'upcoming', me: participation({ entryPaid: 50 }) })).content).toBe('挑战未开始，退出后 50 积分报名费将退还。退出后不再计入进度和排行，确定退出吗？');
    expect(leaveConfirmation(challenge(1, { me: participation({ entryPaid: 50 }) })).content).toContain('50 积分报名费不退还');
    expect(leaveConfirmation(challenge(1, { me: participation() })).content).toBe('退出后不再计入进度和排行，确定退出吗？');
  });

  it('words every refusal the contract names, and which ones change the challenge', () => {
    const c = challenge(1, { entryCost: 50 });
    expect(refusalOf(apiError(409, 'join_closed'), c)).toEqual({ message: '报名已截止', reload: true, offer: null });
    expect(refusalOf(apiError(409, 'challenge_full'), c)).toEqual({ message: '名额已满，下次早点来', reload: true, offer: null });
    expect(refusalOf(apiError(409, 'challenge_ended'), c)).toEqual({ message: '挑战已结束', reload: true, offer: null });
    expect(refusalOf(apiError(409, 'not_joined'), c)).toEqual({ message: '你还没有参加这个挑战', reload: true, offer: null });
    expect(refusalOf(apiError(400, 'insufficient_points'), c)).toMatchObject({ message: '积分不足，报名需要 50 积分', reload: false, offer: { url: '/pages/tasks/index' } });
    expect(refusalOf(apiError(403, 'membership_required'), c)).toMatchObject({ message: '这个挑战仅限会员参加', offer: { url: '/pages/membership/index' } });
    expect(refusalOf({ ...apiError(400, 'insufficient_points'), details: { reason: 'insufficient_points', needed: 80 } }, c).message).toBe('积分不足，报名需要 80 积分');
    expect(refusalOf(apiError(400, 'habit_required'), c).message).toBe('请先添加要计入挑战的习惯');
    expect(refusalOf(apiError(400, 'habit_mismatch'), c).message).toBe('这个习惯不是挑战要求的习惯');
    expect(refusalOf(apiError(403, 'region'), c).message).toBe('这个挑战仅限指定地区的用户参加');
    expect(refusalOf(apiError(404), c).message).toBe('挑战不存在或已下线');
    expect(refusalOf({ name: 'NetworkError', message: 'timeout' }, c).message).toBe('网络不给力，请稍后重试');
    expect(refusalOf(apiError(500, undefined, '服务器开小差了: boom'), c).message).toBe('服务器开小差了');
    expect(detailError(apiError(404))).toBe('挑战不存在或已下线');
  });
});

describe('board and badges', () => {
  it('shows the rows with medals, reached and me, and my place below the top', () => {
    const rows = boardRows([entry(1), entry(2, { nickname: '  ' }), entry(3, { isMe: true })]);
    expect(rows.map((row) => [row.rankText, row.medal, row.nickname, row.scoreText, row.reached, row.isMe])).toEqual([
      ['1', 'gold', '同学1', '14/14 天', true, false],
      ['2', 'silver', '匿名用户', '13/14 天', false, false],
      ['3', 'bronze', '同学3', '12/14 天', false, true],
    ]);
    expect(myPlace(place(), 10)).toMatchObject({ ranked: true, rankText: '第 12 名', detailText: '3/14 天 · 共 128 人' });
    expect(myPlace(place(), 10)!.around.map((row) => row.rank)).toEqual([11, 12, 13]);
    // Within the top rows already shown: no rows around, they would repeat.
    expect(myPlace(place({ rank: 4, around: [entry(3), entry(4, { isMe: true }), entry(5)] }), 10)!.around).toEqual([]);
    expect(myPlace(place({ rank: null, around: [] }), 10)).toEqual({ ranked: false, rankText: '未上榜', detailText: '共 128 人，参加并打卡后上榜', around: [] });
    expect(myPlace(null, 10)).toBeNull();
  });

  it('lists badges newest first with the Beijing day they were awarded, an emoji or an image', () => {
    const views = badgeViews([badge(1), badge(2, { icon: 'https://cdn.example/b.png' }), badge(3, { icon: null })]);
    expect(views.map((view) => [view.name, view.iconUrl, view.glyph, view.dateText, view.challengeTitle])).toEqual([
      ['徽章3', '', '徽', '2026-11-24 获得', '第 3 期挑战'],
      ['徽章2', 'https://cdn.example/b.png', '', '2026-11-23 获得', '第 2 期挑战'],
      ['早起达人', '', '🌅', '2026-11-22 获得', '第 1 期挑战'],
    ]);
  });
});
