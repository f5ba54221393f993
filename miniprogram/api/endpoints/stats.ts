import type { ApiClient } from '../client';

/** GET /api/me/stats: totals, runs of days, rank tier and stars, last 7 days, completion rate, diaries. */
export const statsApi = (client: ApiClient) => ({
  me() {
    return client.request('get', '/api/me/stats');
  },
});

export type StatsApi = ReturnType<typeof statsApi>;
