import type { ApiClient } from '../client';

/** /api/lottery: prizes with stock and today's draws left, a draw, one's draws. */
export const lotteryApi = (client: ApiClient) => ({
  prizes() {
    return client.request('get', '/api/lottery/prizes');
  },
  /**
   * One draw. Pass the same `idempotencyKey` when retrying a draw whose answer was lost: the server
   * replays the first answer instead of drawing (and charging) again.
   */
  draw(idempotencyKey?: string) {
    return client.request('post', '/api/lottery/draw', { body: { data: idempotencyKey ? { idempotencyKey } : {} } });
  },
  records({ page = 1, pageSize = 20 }: { page?: number; pageSize?: number } = {}) {
    return client.request('get', '/api/lottery/records', { query: { page, pageSize } });
  },
});

export type LotteryApi = ReturnType<typeof lotteryApi>;
