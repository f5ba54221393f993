import {
  cravingRequest, dayBars, durationText, equivalentText, hourBars, milestoneRows, moneyText, nextMilestone, patternSummary, smokeFreeClock, triggerLabel,
} from '../../logic/quit';

const milestone = (title: string, achieved: boolean, remainingMinutes: number | null) => ({
  title, afterMinutes: 20, description: null, sort: 0, achieved, achievedAt: achieved ? '2026-11-01T00:20:00.000Z' : null, remainingMinutes,
});

describe('the smoke-free clock', () => {
  it('ticks from the start in days, hours and minutes', () => {
    const since = '2026-11-01T00:00:00.000Z';
    expect(smokeFreeClock(since, Date.parse('2026-11-04T05:07:30Z'))).toEqual({ days: 3, hours: 5, minutes: 7, text: '3 天 5 小时' });
    expect(smokeFreeClock(since, Date.parse('2026-10-31T00:00:00Z'))).toMatchObject({ days: 0, text: '0 分钟' });
    expect(smokeFreeClock(null, Date.now())).toBeNull();
  });

  it('says durations as people do', () => {
    expect(durationText(12)).toBe('12 分钟');
    expect(durationText(5 * 60 + 20)).toBe('5 小时 20 分钟');
    expect(durationText(120)).toBe('2 小时');
    expect(durationText(2 * 1440)).toBe('2 天');
  });
});

describe('money and milestones', () => {
  it('shows yuan with fen, and what the savings buy', () => {
    expect(moneyText(255)).toBe('¥255.00');
    expect(moneyText(12.5)).toBe('¥12.50');
    expect(equivalentText({ cigarettesAvoided: 200, moneySaved: 255, equivalent: { name: '啤酒', count: 2, unit: '箱' } })).toBe('可以买 2 箱啤酒');
    expect(equivalentText(null)).toBe('继续加油，省下的钱会越来越多');
  });

  it('lists each milestone as done or with the time left, and names the next one', () => {
    const list = [milestone('心率', true, 0), milestone('一氧化碳', false, 360), milestone('肺功能', false, 20000)];
    expect(milestoneRows(list).map((r) => r.status)).toEqual(['已达成', '还需 6 小时', '还需 13 天 21 小时']);
    expect(nextMilestone(list)?.title).toBe('一氧化碳');
    expect(milestoneRows([milestone('心率', false, null)])[0].status).toBe('设置戒烟时间后开始');
    expect(nextMilestone([milestone('心率', false, null)])).toBeNull();
  });
});

describe('cravings', () => {
  it('are logged in two taps: a trigger, then an intensity', () => {
    expect(cravingRequest('stress', 4, 'key-12345678')).toEqual({ trigger: 'stress', intensity: 4, resisted: true, idempotencyKey: 'key-12345678' });
    expect(cravingRequest('habit', 9, 'key-12345678').intensity).toBe(5);
    expect(triggerLabel('social')).toBe('社交');
  });

  it('chart as bars scaled to the tallest, hours and days', () => {
    const hours = Array.from({ length: 24 }, () => 0);
    hours[22] = 4;
    hours[8] = 2;
    const byHour = hourBars({ hours });
    expect(byHour).toHaveLength(24);
    expect(byHour[22]).toEqual({ label: '22', count: 4, heightPercent: 100 });
    expect(byHour[8].heightPercent).toBe(50);
    expect(dayBars({ days: [{ date: '2026-12-01', count: 0, meanIntensity: 0 }] })).toEqual([{ label: '12-01', count: 0, heightPercent: 0 }]);
  });

  it('sum up their patterns in a line', () => {
    expect(patternSummary({ count: 0, peakHours: [], triggers: [], resistedRate: 0 })).toBe('这段时间没有烟瘾记录');
    expect(patternSummary({ count: 4, peakHours: [22, 8], triggers: [{ trigger: 'stress', count: 3, share: 0.75 }], resistedRate: 0.75 })).toBe('高发时段 22:00、8:00 · 主要诱因 压力 · 忍住 75%');
  });
});
