/**
 * Memberships (seed 003): free < vip < ai, each paid tier until an expiry. A tier whose expiry has
 * passed is free from that instant, whether or not the daily job has written it down yet.
 */
export const TIERS = ['free', 'vip', 'ai'] as const;
export type Tier = (typeof TIERS)[number];

export type Membership = { tier: Tier; expiresAt: Date | null };

const rank = (tier: Tier) => TIERS.indexOf(tier);

export const isTier = (value: unknown): value is Tier => typeof value === 'string' && (TIERS as readonly string[]).includes(value);

/** The tier in force at `now`: a paid tier with a past expiry is free. No expiry means no end. */
export const effectiveTier = (membership: { tier: unknown; expiresAt: Date | string | null | undefined }, now: Date): Tier => {
  if (!isTier(membership.tier) || membership.tier === 'free') return 'free';
  if (membership.expiresAt === null || membership.expiresAt === undefined) return membership.tier;
  return new Date(membership.expiresAt).getTime() > now.getTime() ? membership.tier : 'free';
};

/** Whether `tier` gives what `required` asks for (ai includes vip's features). */
export const satisfies = (tier: Tier, required: Tier): boolean => rank(tier) >= rank(required);

export type Extension = { ok: true; membership: Membership } | { ok: false; reason: 'higher_tier_active'; current: Membership };

/**
 * Add `days` of `tier`: from the later of now and the current expiry when the same or a lower tier is
 * in force (an upgrade keeps the time left, at the new tier). A lower tier than the one in force is
 * refused: it would either be lost or turn into the higher tier's time.
 */
export const extendMembership = (current: Membership, tier: Exclude<Tier, 'free'>, days: number, now: Date): Extension => {
  const inForce = effectiveTier(current, now);
  if (rank(inForce) > rank(tier)) return { ok: false, reason: 'higher_tier_active', current: { tier: inForce, expiresAt: current.expiresAt } };
  const from = inForce !== 'free' && current.expiresAt && current.expiresAt.getTime() > now.getTime() ? current.expiresAt : now;
  return { ok: true, membership: { tier, expiresAt: new Date(from.getTime() + days * 86_400_000) } };
};
