import { daysNeededFor, endInstant, joinClosedAt, phaseAt, startInstant } from '../phase';
import { rulesText } from '../rules-text';

const shanghai = { timezone: 'Asia/Shanghai', startDate: '2026-03-01', endDate: '2026-03-21', joinDeadline: null };
const open = { ...shanghai, state: 'open', review: 'published', active: true, maxParticipants: null, participantsCount: 0 };

describe('a challenge’s window', () => {
  it('runs from the first day’s local midnight to the midnight after the last day', () => {
    expect(startInstant(shanghai).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(endInstant(shanghai).toISOString()).toBe('2026-03-21T16:00:00.000Z');
    const la = { ...shanghai, timezone: 'America/Los_Angeles' };
    // 8 March 2026 is the DST change in Los Angeles: the window ends at PDT midnight.
    expect(endInstant(la).toISOString()).toBe('2026-03-22T07:00:00.000Z');
  });

  it('is upcoming, running, then ended; finished is ended whatever the clock says', () => {
    expect(phaseAt(shanghai, new Date('2026-02-28T15:59:59Z'))).toBe('upcoming');
    expect(phaseAt(shanghai, new Date('2026-02-28T16:00:00Z'))).toBe('running');
    expect(phaseAt(shanghai, new Date('2026-03-21T15:59:59Z'))).toBe('running');
    expect(phaseAt(shanghai, new Date('2026-03-21T16:00:00Z'))).toBe('ended');
    expect(phaseAt({ ...shanghai, state: 'finished' }, new Date('2026-03-05T00:00:00Z'))).toBe('ended');
  });
});

describe('whether a challenge takes joins', () => {
  const during = new Date('2026-03-05T04:00:00Z');
  it('takes them until it ends when there is no deadline, and through the deadline’s local day when there is one', () => {
    expect(joinClosedAt(open, during)).toBeNull();
    expect(joinClosedAt(open, new Date('2026-03-21T16:00:00Z'))).toBe('challenge_ended');
    const deadline = { ...open, joinDeadline: '2026-03-05' };
    expect(joinClosedAt(deadline, new Date('2026-03-05T15:59:59Z'))).toBeNull();
    expect(joinClosedAt(deadline, new Date('2026-03-05T16:00:00Z'))).toBe('join_closed');
  });

  it('refuses a full one, one awaiting review, and an inactive one', () => {
    expect(joinClosedAt({ ...open, maxParticipants: 2, participantsCount: 2 }, during)).toBe('challenge_full');
    expect(joinClosedAt({ ...open, maxParticipants: 2, participantsCount: 1 }, during)).toBeNull();
    expect(joinClosedAt({ ...open, review: 'pending' }, during)).toBe('join_closed');
    expect(joinClosedAt({ ...open, active: false }, during)).toBe('join_closed');
  });
});

describe('the rule', () => {
  it('needs N days, or perWeek x weeks', () => {
    expect(daysNeededFor({ rule: 'daysOf', targetDays: 14, perWeek: null, weeks: null })).toBe(14);
    expect(daysNeededFor({ rule: 'streak', targetDays: 7, perWeek: null, weeks: null })).toBe(7);
    expect(daysNeededFor({ rule: 'weekly', targetDays: 21, perWeek: 3, weeks: 4 })).toBe(12);
  });

  it('reads in Chinese, with the makeup rule, the entry cost and the rewards', () => {
    const base = { ...shanghai, rule: 'weekly' as const, targetDays: 21, perWeek: 3, weeks: 4, allowMakeup: true, entryCost: 10, rewardPoints: 50, badge: '早起之星', topK: 3, topPoints: 20, maxParticipants: 100, isOfficial: true };
    const text = rulesText(base);
    expect(text).toContain('每周打卡至少 3 天');
    expect(text).toContain('补卡计入进度');
    expect(text).toContain('报名需 10 积分');
    expect(text).toContain('50 积分和「早起之星」徽章');
    expect(text).toContain('前 3 名另得 20 积分');
    expect(rulesText({ ...base, isOfficial: false })).toContain('由完成挑战的人平分');
  });
});
