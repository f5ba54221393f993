import type { ApiClient } from '../client';

/** /api/points: the balance (with earned / spent) and the ledger, newest first. */
export const pointsApi = (client: ApiClient) => ({
  balance() {
    return client.request('get', '/api/points/balance');
  },
  records({ page = 1, pageSize = 20 }: { page?: number; pageSize?: number } = {}) {
    return client.request('get', '/api/points/records', { query: { page, pageSize } });
  },
});

export type PointsApi = ReturnType<typeof pointsApi>;
