import type { ApiClient } from '../client';
import type { BoardMetric, BoardPlaceQuery, BoardQuery } from '../paths';

/**
 * /api/leaderboards/:metric and /me. National boards need a vip / ai membership: a free user gets 403
 * with details.reason "membership_required" (show the upsell). Province / city / district boards use
 * the user's own region unless `region` is given (400 no_region when the profile has none).
 */
export const leaderboardsApi = (client: ApiClient) => ({
  page(metric: BoardMetric, query: BoardQuery & { limit?: number; offset?: number } = {}) {
    return client.request('get', '/api/leaderboards/{metric}', { path: { metric }, query });
  },
  me(metric: BoardMetric, query: BoardPlaceQuery = {}) {
    return client.request('get', '/api/leaderboards/{metric}/me', { path: { metric }, query });
  },
});

export type LeaderboardsApi = ReturnType<typeof leaderboardsApi>;
