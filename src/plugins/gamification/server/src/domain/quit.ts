/** Quit-smoking figures from seed 003 (ZXO 戒烟打卡): money saved, what it would buy, health milestones. */

/** The smoker's old habit; `pricePerPack` in yuan. */
export type SmokingSettings = { cigarettesPerDay: number; pricePerPack: number; cigarettesPerPack: number };

/** Seed 003 §5.4, most expensive first: the summary names the first one the savings can buy. */
export const EQUIVALENT_ITEMS: ReadonlyArray<{ name: string; price: number; unit: string }> = Object.freeze(
  [
    { name: '周边游', price: 15000, unit: '次' },
    { name: '健身年卡', price: 2500, unit: '张' },
    { name: 'Switch 游戏机', price: 2000, unit: '台' },
    { name: '汽车保养', price: 800, unit: '次' },
    { name: '健身月卡', price: 300, unit: '张' },
    { name: '啤酒', price: 120, unit: '箱' },
    { name: '电影票', price: 50, unit: '张' },
    { name: '可乐', price: 3, unit: '瓶' },
  ].map((item) => Object.freeze(item)),
);

export type QuitSummary = {
  cigarettesAvoided: number;
  /** Yuan, rounded half up to 2 decimals. */
  moneySaved: number;
  equivalent: { name: string; count: number; unit: string };
};

const nonNegative = (n: number): number => (Number.isFinite(n) && n > 0 ? n : 0);

/** Whole cigarettes not smoked in `daysSmokeFree` days, the money they would have cost, and the priciest item that money buys. */
export const quitSummary = (settings: SmokingSettings, daysSmokeFree: number): QuitSummary => {
  const cigarettesAvoided = Math.floor(nonNegative(settings.cigarettesPerDay) * nonNegative(daysSmokeFree));
  const perPack = nonNegative(settings.cigarettesPerPack);
  // Prices are yuan with fen; working in whole fen keeps 20.1 ÷ 20 from rounding to 1.00 instead of 1.01.
  const priceFen = Math.round(nonNegative(settings.pricePerPack) * 100);
  const moneySaved = perPack === 0 ? 0 : Math.round((cigarettesAvoided * priceFen) / perPack) / 100;

  const item = EQUIVALENT_ITEMS.find((candidate) => candidate.price <= moneySaved) ?? EQUIVALENT_ITEMS[EQUIVALENT_ITEMS.length - 1];
  return {
    cigarettesAvoided,
    moneySaved,
    equivalent: { name: item.name, count: Math.floor(moneySaved / item.price), unit: item.unit },
  };
};

const HOURS_PER_DAY = 24;

/** Seed 003's recovery timeline; a range such as "2 周-3 个月" starts counting at its first bound. */
export const HEALTH_MILESTONES: ReadonlyArray<{ key: string; title: string; afterHours: number }> = Object.freeze(
  [
    { key: 'heartRate', title: '心率和血压下降至正常水平', afterHours: 20 / 60 },
    { key: 'carbonMonoxide', title: '血液中一氧化碳浓度恢复正常', afterHours: 12 },
    { key: 'lungFunction', title: '肺功能开始改善', afterHours: 14 * HOURS_PER_DAY },
    { key: 'breathing', title: '咳嗽减少、呼吸更顺畅', afterHours: 30 * HOURS_PER_DAY },
    { key: 'heartDisease', title: '冠心病风险降低一半', afterHours: 365 * HOURS_PER_DAY },
    { key: 'stroke', title: '中风风险降至与不吸烟者相同', afterHours: 5 * 365 * HOURS_PER_DAY },
  ].map((milestone) => Object.freeze(milestone)),
);

export type HealthMilestoneStatus = { key: string; title: string; afterHours: number; achieved: boolean; hoursRemaining: number };

/** Every health milestone in time order, achieved once `hoursSmokeFree` reaches it, with the hours still to go (0 once achieved). */
export const healthMilestones = (hoursSmokeFree: number): HealthMilestoneStatus[] => {
  const hours = nonNegative(hoursSmokeFree);
  return HEALTH_MILESTONES.map((m) => ({
    key: m.key,
    title: m.title,
    afterHours: m.afterHours,
    achieved: hours >= m.afterHours,
    hoursRemaining: Math.max(0, m.afterHours - hours),
  }));
};
