import type { ApiClient } from '../client';
import type { MembershipTier, User } from '../paths';

export interface MembershipStatus {
  tier: MembershipTier;
  /** ISO instant, or null for none / no end. */
  expiresAt: string | null;
  /** A paid tier is in force. */
  active: boolean;
}

/** The tier in force, as GET /api/me reports it (the server already turns an expired tier into free). */
export const membershipOf = (user: Pick<User, 'membershipTier' | 'membershipExpiresAt'>): MembershipStatus => ({
  tier: user.membershipTier,
  expiresAt: user.membershipTier === 'free' ? null : user.membershipExpiresAt,
  active: user.membershipTier !== 'free',
});

/**
 * Membership status. The server has no membership endpoint: the tier in force and its expiry are
 * fields of the account (GET /api/me), and memberships are gained through redeem codes (and lottery
 * VIP-day prizes). There is no purchase or plan-list endpoint yet.
 */
export const membershipsApi = (client: ApiClient) => ({
  async status(): Promise<MembershipStatus> {
    const { data } = await client.request('get', '/api/me');
    client.session.setUser(data);
    return membershipOf(data);
  },
});

export type MembershipsApi = ReturnType<typeof membershipsApi>;
