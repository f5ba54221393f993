import { cravingStats, instantFrom, localDateHour, milestoneStatus, minutesSmokeFree, peakHours, smokeFreeSince, triggerShares } from '../stats';

describe('local day and hour', () => {
  it('follow the wall clock of the timezone, DST included', () => {
    expect(localDateHour(new Date('2026-11-30T15:50:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-11-30', hour: 23 });
    expect(localDateHour(new Date('2026-03-08T06:30:00Z'), 'America/New_York')).toEqual({ date: '2026-03-08', hour: 1 });
    expect(localDateHour(new Date('2026-03-08T07:30:00Z'), 'America/New_York')).toEqual({ date: '2026-03-08', hour: 3 });
    expect(localDateHour(new Date('2026-11-01T05:30:00Z'), 'America/New_York')).toEqual({ date: '2026-11-01', hour: 1 });
    expect(localDateHour(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toEqual({ date: '2026-11-01', hour: 1 });
  });
});

describe('instantFrom', () => {
  it('reads an offset as given and a local date-time in the timezone', () => {
    expect(instantFrom('2026-11-01T08:00:00+08:00', 'America/New_York')?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(instantFrom('2026-11-01T08:00', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(instantFrom('2026-07-01T08:00', 'America/New_York')?.toISOString()).toBe('2026-07-01T12:00:00.000Z');
  });
  it('refuses what is not a date-time', () => {
    for (const text of ['yesterday', '2026-11-01', '2026-02-30T08:00', '2026-13-01T08:00Z']) expect(instantFrom(text, 'Asia/Shanghai')).toBeNull();
  });
});

describe('craving patterns', () => {
  const c = (localDate: string, localHour: number, intensity: number, trigger: 'stress' | 'social' | 'habit' | 'other', resisted = true) => ({ localDate, localHour, intensity, trigger, resisted });

  it('list every day of the range, zeros included, and leave out what is outside it', () => {
    const stats = cravingStats([c('2026-03-01', 9, 2, 'stress'), c('2026-03-03', 9, 4, 'social', false), c('2026-03-03', 22, 3, 'stress'), c('2026-02-28', 9, 5, 'habit')], '2026-03-01', '2026-03-03');
    expect(stats.days).toEqual([
      { date: '2026-03-01', count: 1, meanIntensity: 2 },
      { date: '2026-03-02', count: 0, meanIntensity: 0 },
      { date: '2026-03-03', count: 2, meanIntensity: 3.5 },
    ]);
    expect(stats).toMatchObject({ count: 3, meanIntensity: 3, peakHours: [9, 22], resistedRate: 0.6667 });
    expect(stats.hours[9]).toBe(2);
    expect(stats.triggers.map((t) => [t.trigger, t.count])).toEqual([['stress', 2], ['social', 1], ['habit', 0], ['other', 0]]);
  });

  it('are all zeros without cravings', () => {
    const stats = cravingStats([], '2026-03-01', '2026-03-07');
    expect(stats.days).toHaveLength(7);
    expect(stats).toMatchObject({ count: 0, meanIntensity: 0, peakHours: [], resistedRate: 0 });
    expect(triggerShares([]).every((t) => t.share === 0)).toBe(true);
  });

  it('name at most three peak hours, the most first and ties the earliest', () => {
    const hours = Array.from({ length: 24 }, () => 0);
    hours[20] = 3; hours[8] = 3; hours[12] = 1; hours[15] = 2;
    expect(peakHours(hours)).toEqual([8, 20, 15]);
  });
});

describe('the smoke-free clock and milestones', () => {
  const quitAt = new Date('2026-11-01T00:00:00Z');
  const defs = [
    { title: 'b', afterMinutes: 720, description: null, sort: 20 },
    { title: 'a', afterMinutes: 20, description: null, sort: 10 },
  ];

  it('restarts at the last relapse, and counts nothing without a quit time', () => {
    expect(smokeFreeSince(quitAt, [new Date('2026-11-03T00:00:00Z'), new Date('2026-11-02T00:00:00Z')])?.toISOString()).toBe('2026-11-03T00:00:00.000Z');
    expect(smokeFreeSince(quitAt, [])).toBe(quitAt);
    expect(smokeFreeSince(null, [new Date()])).toBeNull();
    expect(minutesSmokeFree(quitAt, new Date('2026-10-31T00:00:00Z'))).toBe(0);
    expect(minutesSmokeFree(quitAt, new Date('2026-11-01T01:00:59Z'))).toBe(60);
  });

  it('dates each milestone from the start, in order, with the minutes to go', () => {
    expect(milestoneStatus(defs, quitAt, new Date('2026-11-01T01:00:00Z'))).toEqual([
      { title: 'a', afterMinutes: 20, description: null, sort: 10, achieved: true, achievedAt: '2026-11-01T00:20:00.000Z', remainingMinutes: 0 },
      { title: 'b', afterMinutes: 720, description: null, sort: 20, achieved: false, achievedAt: null, remainingMinutes: 660 },
    ]);
    expect(milestoneStatus(defs, null, new Date()).map((m) => m.remainingMinutes)).toEqual([null, null]);
  });
});
