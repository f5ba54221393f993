import { EQUIVALENT_ITEMS, HEALTH_MILESTONES, healthMilestones, quitSummary } from '../quit';

const packADay = { cigarettesPerDay: 20, pricePerPack: 25, cigarettesPerPack: 20 };

describe('quitSummary', () => {
  it('turns smoke-free days into cigarettes avoided and money saved', () => {
    expect(quitSummary(packADay, 15)).toEqual({ cigarettesAvoided: 300, moneySaved: 375, equivalent: { name: '健身月卡', count: 1, unit: '张' } });
  });

  it('names the most expensive item the savings can buy, at the exact price too', () => {
    expect(quitSummary(packADay, 2).equivalent).toEqual({ name: '电影票', count: 1, unit: '张' });
    expect(quitSummary(packADay, 60).equivalent).toEqual({ name: '汽车保养', count: 1, unit: '次' });
    expect(quitSummary(packADay, 365)).toEqual({ cigarettesAvoided: 7300, moneySaved: 9125, equivalent: { name: '健身年卡', count: 3, unit: '张' } });
    expect(quitSummary(packADay, 600).equivalent).toEqual({ name: '周边游', count: 1, unit: '次' });
  });

  it('falls back to cola, 0 bottles when nothing is saved yet', () => {
    expect(quitSummary(packADay, 0)).toEqual({ cigarettesAvoided: 0, moneySaved: 0, equivalent: { name: '可乐', count: 0, unit: '瓶' } });
    expect(quitSummary({ cigarettesPerDay: 1, pricePerPack: 40, cigarettesPerPack: 20 }, 1).equivalent).toEqual({ name: '可乐', count: 0, unit: '瓶' });
    expect(quitSummary({ cigarettesPerDay: 10, pricePerPack: 20, cigarettesPerPack: 20 }, 1).equivalent).toEqual({ name: '可乐', count: 3, unit: '瓶' });
  });

  it('rounds money to the fen, half up', () => {
    expect(quitSummary({ cigarettesPerDay: 1, pricePerPack: 20.1, cigarettesPerPack: 20 }, 1).moneySaved).toBe(1.01);
    expect(quitSummary({ cigarettesPerDay: 7, pricePerPack: 23.5, cigarettesPerPack: 20 }, 3).moneySaved).toBe(24.68);
  });

  it('saves nothing rather than dividing by zero on a broken setting', () => {
    expect(quitSummary({ cigarettesPerDay: 10, pricePerPack: 25, cigarettesPerPack: 0 }, 5).moneySaved).toBe(0);
    expect(quitSummary(packADay, -4)).toMatchObject({ cigarettesAvoided: 0, moneySaved: 0 });
  });

  it('lists the seed items from the most expensive down', () => {
    expect(EQUIVALENT_ITEMS.map((i) => i.name)).toEqual(['周边游', '健身年卡', 'Switch 游戏机', '汽车保养', '健身月卡', '啤酒', '电影票', '可乐']);
    EQUIVALENT_ITEMS.slice(1).forEach((item, i) => expect(item.price).toBeLessThan(EQUIVALENT_ITEMS[i].price));
  });
});

describe('healthMilestones', () => {
  it('follows the seed timeline: 20 minutes, 12 hours, 2 weeks, 1 month, 1 year, 5 years', () => {
    expect(HEALTH_MILESTONES.map((m) => [m.title, m.afterHours])).toEqual([
      ['心率和血压下降至正常水平', 1 / 3],
      ['血液中一氧化碳浓度恢复正常', 12],
      ['肺功能开始改善', 336],
      ['咳嗽减少、呼吸更顺畅', 720],
      ['冠心病风险降低一半', 8760],
      ['中风风险降至与不吸烟者相同', 43800],
    ]);
    expect(new Set(HEALTH_MILESTONES.map((m) => m.key)).size).toBe(HEALTH_MILESTONES.length);
  });

  it('marks nothing achieved at the start, with the full wait remaining', () => {
    const status = healthMilestones(0);
    expect(status.every((m) => !m.achieved)).toBe(true);
    expect(status.map((m) => m.hoursRemaining)).toEqual(HEALTH_MILESTONES.map((m) => m.afterHours));
  });

  it('marks milestones achieved the moment their hour is reached, and counts down the rest', () => {
    const status = healthMilestones(12);
    expect(status.map((m) => m.achieved)).toEqual([true, true, false, false, false, false]);
    expect(status[0].hoursRemaining).toBe(0);
    expect(status[2]).toMatchObject({ key: 'lungFunction', hoursRemaining: 324 });
  });

  it('marks everything achieved after five years', () => {
    expect(healthMilestones(5 * 365 * 24).every((m) => m.achieved && m.hoursRemaining === 0)).toBe(true);
  });
});
