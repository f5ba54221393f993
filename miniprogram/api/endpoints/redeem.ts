import type { ApiClient } from '../client';
import type { QueryOf } from '../paths';

export type RedeemKind = NonNullable<NonNullable<QueryOf<'/api/redeem-codes/history', 'get'>>['kind']>;

/**
 * /api/redeem-codes: redeem a code as typed (any case, dashes or spaces) and one's redemptions.
 * Errors: 404 unknown, 400 expired / not_yet_valid, 409 used_up / already_used / higher_tier_active,
 * 429 after 5 unknown codes in 10 minutes (the client waits Retry-After once; a longer wait fails).
 */
export const redeemApi = (client: ApiClient) => ({
  redeem(code: string) {
    return client.request('post', '/api/redeem-codes/redeem', { body: { code } });
  },
  /** `kind`: only the redemptions of one kind of code (vipDays, aiDays, makeupCards, points). */
  history({ page = 1, pageSize = 20, kind }: { page?: number; pageSize?: number; kind?: RedeemKind } = {}) {
    return client.request('get', '/api/redeem-codes/history', { query: { page, pageSize, kind } });
  },
});

export type RedeemApi = ReturnType<typeof redeemApi>;
