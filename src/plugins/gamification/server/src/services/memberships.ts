import type { Core } from '@strapi/strapi';
import { conflictError } from '../../../../../utils/errors';
import { effectiveTier, extendMembership, type Tier } from '../domain';
import { MEMBERSHIP_SQL } from '../statements';
import { getService } from '../utils/get-service';
import type { Sql } from '../utils/sql';

const TIER_NAMES: Record<Tier, string> = { free: '普通用户', vip: 'VIP 会员', ai: 'AI 戒烟军师' };

/**
 * Memberships (seed 003). The tier in force is always computed (`effectiveTier`): an expired tier is
 * free on every read even before the daily job writes it down. Extending (a redeem code, later a
 * purchase) runs inside the caller's transaction on the locked user row.
 */
const membershipsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The tier in force for a user row (`membershipTier`, `membershipExpiresAt`). */
  tierOf(user: { membershipTier?: unknown; membershipExpiresAt?: Date | string | null }, now = getService(strapi, 'clock').now()): Tier {
    return effectiveTier({ tier: user.membershipTier, expiresAt: user.membershipExpiresAt ?? null }, now);
  },

  /** Add `days` of `tier` to the user, in `sql`'s transaction; the first statement locks the user's row. */
  async extend(sql: Sql, userId: number, tier: Exclude<Tier, 'free'>, days: number, now: Date) {
    const [row] = await sql.rows<{ membership_tier: string | null; membership_expires_at: unknown }>(MEMBERSHIP_SQL.lockUser, [userId]);
    const current = {
      tier: effectiveTier({ tier: row.membership_tier, expiresAt: row.membership_expires_at as string | null }, now),
      expiresAt: row.membership_expires_at ? new Date(row.membership_expires_at as string) : null,
    };
    const extended = extendMembership(current, tier, days, now);
    if (!extended.ok) {
      throw conflictError(`You already have ${TIER_NAMES[extended.current.tier]} until ${extended.current.expiresAt?.toISOString() ?? 'further notice'}`, {
        reason: 'higher_tier_active',
        tier: extended.current.tier,
      });
    }
    await sql.rows(MEMBERSHIP_SQL.set, [extended.membership.tier, extended.membership.expiresAt, userId]);
    return { before: current.tier, after: extended.membership.tier, expiresAt: extended.membership.expiresAt?.toISOString() ?? null };
  },

  /** The daily job: write down every membership whose time is up. Returns how many were expired. */
  async expireDue(now = getService(strapi, 'clock').now()): Promise<number> {
    return (await getService(strapi, 'sql').rows(MEMBERSHIP_SQL.expireDue, ['free', 'free', now])).length;
  },
});

export type MembershipsService = ReturnType<typeof membershipsService>;
export default membershipsService;
