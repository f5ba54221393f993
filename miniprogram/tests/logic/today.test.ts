import { ApiError } from '../../api/errors';
import type { CheckInAnswer, TodayAnswer } from '../../api/paths';
import type { QueuedCheckIn } from '../../api/offline-queue';
import { feedbackFor, passedTaps, todayCards, todaySummary, withCheckIn, withoutCheckIn } from '../../logic/today';

/** The 今日 page: cards from the server's today, the offline queue and the last check-ins. */

const checkIn = (habit: string, points = 10, isMakeup = false): CheckInAnswer['data'] => ({
  id: 1, documentId: `ci-${habit}`, localDate: '2026-12-04', checkedAt: '2026-12-04T01:00:00.000Z', isMakeup, madeUpOn: null, mood: null, note: null,
  images: null, duration: null, count: null, pointsAwarded: points, habit: { documentId: habit, title: habit },
});

const today: TodayAnswer = {
  data: [checkIn('run', 60)],
  meta: {
    localDate: '2026-12-04',
    habits: [
      { documentId: 'run', title: '跑步', kind: 'build', checkedIn: true, streak: { current: 5, longest: 9, unit: 'weeks' } },
      { documentId: 'read', title: '阅读', kind: 'build', checkedIn: false, streak: { current: 0, longest: 2, unit: 'days' } },
      { documentId: 'smoke', title: '戒烟', kind: 'quit', checkedIn: false, streak: { current: 3, longest: 3, unit: 'days' } },
    ],
    progress: { done: 1, total: 3 },
    user: { pointsBalance: 120, makeupCards: 4 },
  },
};

const answer = (streak: number, parts: Array<{ reason: 'check-in' | 'streak-bonus'; amount: number; every?: number }>, cardsEarned = 0): CheckInAnswer => ({
  data: checkIn('read', parts.reduce((s, p) => s + p.amount, 0)),
  meta: {
    streak: { current: streak, longest: streak, unit: 'days' },
    points: { awarded: parts.reduce((s, p) => s + p.amount, 0), parts, balance: 100 },
    user: { totalDays: 7, consecutiveDays: 7, makeupCards: 4, makeupCardsEarned: cardsEarned, rank: { key: 'bronze', name: '倔强青铜', stars: 7, minDays: 1, maxDays: 7, nextAt: 8 } },
  },
});

const entry: QueuedCheckIn = {
  key: 'ci:abc:0123456789abcdef', habit: 'read', habitTitle: '阅读', localDate: '2026-12-03', tappedAt: '2026-12-03T15:00:00.000Z', extras: {}, userId: 7,
  state: 'needsMakeup', attempts: 1, lastError: null,
  dayPassed: {
    reason: 'day_passed', date: '2026-12-03', today: '2026-12-04', habit: { documentId: 'read', title: '阅读' },
    makeup: { possible: true, blockedBy: null, withinWindow: true, lastDay: '2026-12-10', windowDays: 7, cardsLeft: 3, makeupsPerDay: 2, makeupsLeftToday: 2 },
  },
};

describe('today cards', () => {
  it('show each active habit, checked in or not, with the points its check-in won and the check-in to undo', () => {
    const cards = todayCards(today);
    expect(cards.map((c) => [c.habitId, c.checkedIn, c.pointsWon, c.checkInId])).toEqual([
      ['run', true, 60, 'ci-run'],
      ['read', false, 0, null],
      ['smoke', false, 0, null],
    ]);
  });

  it('show a tap waiting in the offline queue as done (pending), and in-flight taps as busy', () => {
    const cards = todayCards(today, { pendingHabits: new Set(['read']), busyHabits: new Set(['smoke']) });
    expect(cards[1]).toMatchObject({ habitId: 'read', checkedIn: false, pending: true });
    expect(cards[2]).toMatchObject({ habitId: 'smoke', busy: true });
    expect(todaySummary(today, cards)).toMatchObject({ done: 2, total: 3, progressText: '2/3 已完成', pointsToday: 60 });
  });

  it("show each habit's streak as the server keeps it", () => {
    expect(todayCards(today).map((c) => [c.streak, c.streakUnit])).toEqual([
      [5, 'weeks'],
      [0, 'days'],
      [3, 'days'],
    ]);
  });

  it('follow a check-in and an undo without reading the list again', () => {
    const after = withCheckIn(today, checkIn('read'), { current: 1, longest: 2, unit: 'days' });
    expect(todayCards(after)[1]).toMatchObject({ checkedIn: true, checkInId: 'ci-read', pointsWon: 10, streak: 1 });
    expect(after.meta.progress).toEqual({ done: 2, total: 3 });
    expect(todayCards(withoutCheckIn(after, 'read'))[1]).toMatchObject({ checkedIn: false, checkInId: null });
  });

  it("do not count a makeup's points as today's points", () => {
    const withMakeup: TodayAnswer = { ...today, data: [...today.data, checkIn('read', 5, true)] };
    expect(todaySummary(withMakeup, todayCards(withMakeup)).pointsToday).toBe(60);
  });
});

describe('what a tap tells the person', () => {
  it('a stored check-in: its points, the streak, the streak bonus and a makeup card earned', () => {
    const feedback = feedbackFor({ kind: 'done', answer: answer(7, [{ reason: 'check-in', amount: 10 }, { reason: 'streak-bonus', amount: 50, every: 7 }], 1) });
    expect(feedback).toEqual({ type: 'toast', text: '+60 积分，连续 7 天，含连续奖励 50，获得补签卡 ×1', icon: 'success' });
  });

  it('already done, queued offline, refused', () => {
    expect(feedbackFor({ kind: 'alreadyDone', checkIn: null })).toMatchObject({ text: '今天已经打过卡了' });
    expect(feedbackFor({ kind: 'queued', entry: { ...entry, state: 'pending' } })).toMatchObject({ text: '已离线记录，联网后自动同步' });
    expect(feedbackFor({ kind: 'rejected', error: new ApiError(400, 'ValidationError', 'This habit is archived; restore it to check in') })).toMatchObject({
      text: 'This habit is archived; restore it to check in',
    });
  });

  it('a day that passed offers a makeup for that day instead of faking it', () => {
    expect(feedbackFor({ kind: 'dayPassed', entry })).toEqual({
      type: 'makeup',
      title: '这一天已经过去了',
      content: '2026-12-03 的「阅读」离线打卡没能及时同步。要用一张补签卡补上吗？',
      habitId: 'read',
      date: '2026-12-03',
      key: entry.key,
    });
  });
});

describe('a tap whose day passed before it reached the server', () => {
  const outlook = (possible: boolean, blockedBy: 'no_cards' | null) => ({
    ...entry,
    dayPassed: { reason: 'day_passed' as const, date: '2026-12-03', today: '2026-12-04', habit: { documentId: 'read', title: '阅读' }, makeup: { possible, blockedBy, withinWindow: true, lastDay: '2026-12-10', windowDays: 7, cardsLeft: 0, makeupsPerDay: 2, makeupsLeftToday: 2 } },
  });

  it('is offered a makeup while one is possible', () => {
    expect(passedTaps([outlook(true, null)])).toEqual([{ key: entry.key, text: '2026-12-03 「阅读」 的离线打卡没能及时同步', canMakeUp: true, blocked: '' }]);
    expect(feedbackFor({ kind: 'dayPassed', entry: outlook(true, null) }).type).toBe('makeup');
  });

  it('says why when the server says no makeup can mend it (no cards), and offers none', () => {
    expect(passedTaps([outlook(false, 'no_cards')])).toEqual([{ key: entry.key, text: '2026-12-03 「阅读」 的离线打卡没能及时同步', canMakeUp: false, blocked: '补签卡用完了' }]);
    expect(feedbackFor({ kind: 'dayPassed', entry: outlook(false, 'no_cards') })).toEqual({ type: 'toast', text: '2026-12-03 已过去，无法补签：补签卡用完了', icon: 'none' });
  });
});

describe('the header', () => {
  it("shows the makeup cards left from today's answer", () => {
    expect(todaySummary(today, todayCards(today)).makeupCards).toBe(4);
  });
});
