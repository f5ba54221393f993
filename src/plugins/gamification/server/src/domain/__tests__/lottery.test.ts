import { pickWeighted } from '../lottery';

/** A seeded generator (mulberry32): the same sequence on every run, so the statistics cannot flake. */
const seeded = (seed: number) => {
  let a = seed >>> 0;
  return (max: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(unit * max);
  };
};

describe('pickWeighted', () => {
  it('maps every roll to the candidate whose weight band holds it', () => {
    const weights = [{ weight: 2 }, { weight: 0 }, { weight: 3 }];
    const picks = [0, 1, 2, 3, 4].map((roll) => pickWeighted(weights, () => roll));
    expect(picks).toEqual([0, 0, 2, 2, 2]);
  });

  it('returns -1 when nothing has weight', () => {
    expect(pickWeighted([], () => 0)).toBe(-1);
    expect(pickWeighted([{ weight: 0 }, { weight: -3 }], () => 0)).toBe(-1);
  });

  it("fits seed 002's prize weights (chi-square, 4 degrees of freedom, p > 0.01)", () => {
    const weights = [30, 25, 20, 15, 10].map((weight) => ({ weight }));
    const draws = 100_000;
    const counts = new Array(weights.length).fill(0);
    const random = seeded(20261122);
    for (let i = 0; i < draws; i += 1) counts[pickWeighted(weights, random)] += 1;
    const chiSquare = counts.reduce((sum, observed, i) => {
      const expected = (draws * weights[i].weight) / 100;
      return sum + (observed - expected) ** 2 / expected;
    }, 0);
    // 13.28 is the 99th percentile of chi-square with 4 degrees of freedom.
    expect(chiSquare).toBeLessThan(13.28);
  });
});
