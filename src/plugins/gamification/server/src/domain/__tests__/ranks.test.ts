import fc from 'fast-check';
import { RANK_TIERS, rankFor } from '../ranks';

const SEED = { seed: 365 };

describe('rankFor', () => {
  it.each([
    [0, 'bronze', '倔强青铜', 0, 8],
    [1, 'bronze', '倔强青铜', 1, 8],
    [7, 'bronze', '倔强青铜', 7, 8],
    [8, 'silver', '秩序白银', 1, 31],
    [30, 'silver', '秩序白银', 23, 31],
    [31, 'gold', '荣耀黄金', 1, 61],
    [60, 'gold', '荣耀黄金', 30, 61],
    [61, 'platinum', '尊贵铂金', 1, 91],
    [90, 'platinum', '尊贵铂金', 30, 91],
    [91, 'diamond', '永恒钻石', 1, 181],
    [180, 'diamond', '永恒钻石', 90, 181],
    [181, 'starlight', '至尊星耀', 1, 271],
    [270, 'starlight', '至尊星耀', 90, 271],
    [271, 'king', '最强王者', 1, 366],
    [365, 'king', '最强王者', 95, 366],
    [366, 'peerless', '无双王者', 1, 548],
    [547, 'peerless', '无双王者', 182, 548],
    [548, 'legend', '传奇王者', 1, null],
    [1000, 'legend', '传奇王者', 453, null],
  ])('puts %i total days in %s (%s) with %i stars, next tier at %p', (days, key, name, stars, nextAt) => {
    expect(rankFor(days)).toMatchObject({ key, name, stars, nextAt });
  });

  it('reads a negative or broken day count as bronze with 0 stars', () => {
    expect(rankFor(-3)).toMatchObject({ key: 'bronze', stars: 0, nextAt: 8 });
    expect(rankFor(Number.NaN)).toMatchObject({ key: 'bronze', stars: 0 });
  });

  it('lists the nine seed tiers back to back from day 1, the last one open-ended', () => {
    expect(RANK_TIERS.map((t) => t.key)).toEqual(['bronze', 'silver', 'gold', 'platinum', 'diamond', 'starlight', 'king', 'peerless', 'legend']);
    expect(RANK_TIERS[0].minDays).toBe(1);
    RANK_TIERS.slice(1).forEach((tier, i) => expect(tier.minDays).toBe((RANK_TIERS[i].maxDays ?? Number.NaN) + 1));
    expect(RANK_TIERS[RANK_TIERS.length - 1].maxDays).toBeNull();
  });

  it('keeps stars within the tier and moves up one star or one tier per day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (days) => {
        const rank = rankFor(days);
        expect(rank.stars).toBeGreaterThanOrEqual(0);
        if (rank.maxDays !== null) expect(rank.stars).toBeLessThanOrEqual(rank.maxDays - rank.minDays + 1);
        if (days > 0) expect(rank.minDays - 1 + rank.stars).toBe(days);
        const next = rankFor(days + 1);
        if (next.key === rank.key) {
          expect(next.stars).toBe(rank.stars + 1);
        } else {
          expect(rank.nextAt).toBe(days + 1);
          expect(next).toMatchObject({ stars: 1, minDays: days + 1 });
        }
      }),
      SEED,
    );
  });
});
