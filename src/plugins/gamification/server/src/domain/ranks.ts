/** Rank tiers of seed 003 (ZXO 戒烟打卡, §5.3 段位计算逻辑): a tier by total check-in days, stars = days into it. */
export const RANK_TIERS: ReadonlyArray<{ key: string; name: string; minDays: number; maxDays: number | null }> = Object.freeze([
  { key: 'bronze', name: '倔强青铜', minDays: 1, maxDays: 7 },
  { key: 'silver', name: '秩序白银', minDays: 8, maxDays: 30 },
  { key: 'gold', name: '荣耀黄金', minDays: 31, maxDays: 60 },
  { key: 'platinum', name: '尊贵铂金', minDays: 61, maxDays: 90 },
  { key: 'diamond', name: '永恒钻石', minDays: 91, maxDays: 180 },
  { key: 'starlight', name: '至尊星耀', minDays: 181, maxDays: 270 },
  { key: 'king', name: '最强王者', minDays: 271, maxDays: 365 },
  { key: 'peerless', name: '无双王者', minDays: 366, maxDays: 547 },
  // Seed 003 writes 99999 here; null says "no ceiling" without inventing one.
  { key: 'legend', name: '传奇王者', minDays: 548, maxDays: null },
].map((tier) => Object.freeze(tier)));

export type RankInfo = { key: string; name: string; stars: number; minDays: number; maxDays: number | null; nextAt: number | null };

/** The tier holding `totalDays` (0 or less is bronze with 0 stars), its stars (days into the tier) and the first day of the next tier (null at the top). */
export const rankFor = (totalDays: number): RankInfo => {
  // A fraction of a day or a negative count cannot come from real check-ins; read them as whole days from 0.
  const days = Number.isFinite(totalDays) ? Math.max(0, Math.floor(totalDays)) : 0;
  let index = 0;
  while (index + 1 < RANK_TIERS.length && days >= RANK_TIERS[index + 1].minDays) index += 1;
  const tier = RANK_TIERS[index];
  const next = RANK_TIERS[index + 1];
  // Seed 003's offsets (stars = totalDays − 7, −30, …) are each the previous tier's last day, i.e. minDays − 1.
  return {
    key: tier.key,
    name: tier.name,
    stars: Math.max(0, days - (tier.minDays - 1)),
    minDays: tier.minDays,
    maxDays: tier.maxDays,
    nextAt: next ? next.minDays : null,
  };
};
