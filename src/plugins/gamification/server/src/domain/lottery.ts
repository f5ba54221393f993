/**
 * The lottery's pick: one outcome out of weighted candidates, with the caller's uniform random integer
 * source (crypto.randomInt in the service; a seeded generator in tests).
 */
export type Weighted = { weight: number };

/** Index of the picked candidate, or -1 when every weight is 0 (nothing can be won). */
export const pickWeighted = (candidates: readonly Weighted[], randomInt: (max: number) => number): number => {
  const total = candidates.reduce((sum, c) => sum + Math.max(0, c.weight), 0);
  if (total <= 0) return -1;
  let roll = randomInt(total);
  for (let i = 0; i < candidates.length; i += 1) {
    const weight = Math.max(0, candidates[i].weight);
    if (roll < weight) return i;
    roll -= weight;
  }
  return -1;
};
