import type { CalendarAnswer, HabitStats } from '../../api/paths';
import { bestStreakTexts, monthCalendar, quitView, statTiles, strengthBars } from '../../logic/habit-detail';
import { blockedReason, makeupDays, makeupRefusalText, monthsCovering, rulesText } from '../../logic/makeup';
import type { MakeupRules } from '../../api/paths';
import { addDays, addMonths, localDayFor } from '../../logic/dates';

/** The habit page and the makeup page, from the server's answers. */

const stats: HabitStats = {
  habit: { documentId: 'h1', title: '戒烟', kind: 'quit', startDate: '2026-11-28' },
  streak: { current: 3, longest: 5, unit: 'days' },
  completionRate: 0.8333,
  totalCheckIns: 5,
  strength: { current: 0.4567, series: [{ date: '2026-11-28', score: 0.05 }, { date: '2026-12-04', score: 0.4567 }] },
  heatmap: [{ date: '2026-12-04', count: 1 }],
  bestStreaks: [{ start: '2026-11-28', end: '2026-12-02', days: 5 }],
  quit: {
    daysSmokeFree: 3, cigarettesAvoided: 60, moneySaved: 75, equivalent: { name: '电影票', count: 1, unit: '张' },
    milestones: [
      { key: 'heartRate', title: '心率和血压下降至正常水平', afterHours: 1 / 3, achieved: true, hoursRemaining: 0 },
      { key: 'lungFunction', title: '肺功能开始改善', afterHours: 336, achieved: false, hoursRemaining: 264 },
    ],
  },
};

const rules: MakeupRules = {
  windowDays: 7, earliestDate: '2026-11-27', latestDate: '2026-12-03', perDay: 2, usedToday: 0, leftToday: 2, cardsLeft: 3, cardCost: 1, awardsPoints: false,
  earning: { everyConsecutiveDays: 7, startingCards: 3, otherSources: ['lottery', 'redeem-code'] }, localDate: '2026-12-04',
};

const calendar = (month: string, days: Array<[string, boolean]>): CalendarAnswer => ({
  data: days.map(([date, isMakeup]) => ({ date, checkIns: [{ documentId: `c${date}`, isMakeup, habit: { documentId: 'h1', title: '戒烟' } }] })),
  meta: { month, from: `${month}-01`, to: `${month}-31`, makeup: rules },
});

describe('the habit page', () => {
  it('shows streaks, completion, total and strength as tiles', () => {
    expect(statTiles(stats).map((t) => t.value)).toEqual(['3 天', '5 天', '83%', '5 次', '46%']);
    expect(strengthBars(stats).map((b) => b.height)).toEqual([5, 46]);
    expect(bestStreakTexts(stats)).toEqual(['2026-11-28 至 2026-12-02，5 天']);
  });

  it('shows a quit habit\'s savings and each milestone reached or still ahead', () => {
    expect(quitView(stats)).toEqual({
      daysSmokeFree: 3, moneySaved: '¥75.00', cigarettesAvoided: 60, equivalent: '相当于 1 张电影票', settingsMissing: false,
      milestones: [
        { key: 'heartRate', title: '心率和血压下降至正常水平', achieved: true, progressText: '已达成' },
        { key: 'lungFunction', title: '肺功能开始改善', achieved: false, progressText: '还需 11 天' },
      ],
    });
    expect(quitView({ ...stats, quit: { daysSmokeFree: 1, settingsMissing: true, milestones: [] } })).toMatchObject({ settingsMissing: true, moneySaved: null });
    expect(quitView({ ...stats, quit: null })).toBeNull();
  });

  it('lays a month out in Monday weeks with checked, made-up, missed and future days', () => {
    const weeks = monthCalendar(calendar('2026-12', [['2026-12-01', false], ['2026-12-02', true]]), 'h1', '2026-12-04', '2026-11-28');
    expect(weeks[0][0]).toMatchObject({ date: '', day: 0 }); // 1 December 2026 is a Tuesday: one blank before it
    const cells = weeks.flat().filter((c) => c.date);
    expect(cells).toHaveLength(31);
    expect(cells.slice(0, 5).map((c) => [c.day, c.checked, c.makeup, c.missed, c.today, c.future])).toEqual([
      [1, true, false, false, false, false],
      [2, true, true, false, false, false],
      [3, false, false, true, false, false],
      [4, false, false, false, true, false],
      [5, false, false, false, false, true],
    ]);
  });
});


describe('the makeup page', () => {
  it("offers the rules' window, newest first, except days checked in or before the habit started", () => {
    const days = makeupDays([calendar('2026-11', [['2026-11-30', false]]), calendar('2026-12', [['2026-12-02', true]])], 'h1', rules, '2026-11-28');
    expect(days.map((d) => [d.date, d.available])).toEqual([
      ['2026-12-03', true],
      ['2026-12-02', false],
      ['2026-12-01', true],
      ['2026-11-30', false],
      ['2026-11-29', true],
      ['2026-11-28', true],
      ['2026-11-27', false],
    ]);
    expect(days[0].label).toBe('12-03 周四（昨天）');
    expect(days[1]).toMatchObject({ checked: true, isMakeup: true });
    expect(monthsCovering(rules)).toEqual(['2026-11', '2026-12']);
    expect(monthsCovering({ earliestDate: '2026-12-13', latestDate: '2026-12-19' })).toEqual(['2026-12']);
    expect(makeupDays([], 'h1', { earliestDate: '2026-12-01', latestDate: '2026-12-03' }, null)).toHaveLength(3);
  });

  it('states the rules in force and why nothing can be made up now', () => {
    expect(rulesText(rules)).toBe('可补签最近 7 天，每天最多 2 次（今天还剩 2 次），连续打卡每 7 天得 1 张补签卡，补签不得积分');
    expect(blockedReason(rules)).toBeNull();
    expect(blockedReason({ ...rules, cardsLeft: 0 })).toBe('补签卡用完了：连续打卡 7 天可获得 1 张');
    expect(blockedReason({ ...rules, leftToday: 0 })).toBe('今天的补签次数已用完，明天再来');
  });

  it('explains refusals by their reason', () => {
    expect(makeupRefusalText({ status: 400, message: 'No makeup cards left', details: { reason: 'no_cards' } })).toBe('补签卡用完了');
    expect(makeupRefusalText({ status: 400, message: 'At most 2 makeups a day', details: { reason: 'daily_limit' } })).toBe('今天的补签次数已用完，明天再来');
    expect(makeupRefusalText({ status: 409, message: 'already', details: {} })).toBe('这一天已经打过卡了');
    expect(makeupRefusalText({ status: 400, message: 'Something new', details: { reason: 'other' } })).toBe('Something new');
  });
});

describe('local days', () => {
  it('follow the user\'s timezone and day start like the server', () => {
    expect(localDayFor({ timezone: 'Asia/Shanghai' }, new Date('2026-12-04T16:30:00Z'))).toBe('2026-12-05');
    expect(localDayFor({ timezone: 'Asia/Shanghai', dayStartHour: 4 }, new Date('2026-12-04T17:30:00Z'))).toBe('2026-12-04');
    expect(localDayFor({ timezone: 'America/New_York' }, new Date('2026-12-04T03:00:00Z'))).toBe('2026-12-03');
    expect(localDayFor({}, new Date('2026-12-04T16:30:00Z'))).toBe('2026-12-05');
  });

  it('add days and months across their ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
});
