import type { ApiClient } from '../client';
import type { CravingRequest, QuitProfileRequest } from '../paths';

/** /api/quit and /api/cravings: the quit profile, relapses, the quit report, cravings and their patterns. */
export const quitApi = (client: ApiClient) => ({
  profile() {
    return client.request('get', '/api/quit/profile');
  },
  saveProfile(body: QuitProfileRequest) {
    return client.request('put', '/api/quit/profile', { body });
  },
  report() {
    return client.request('get', '/api/quit/report');
  },
  relapse(body: { count: number; at?: string; note?: string; idempotencyKey: string }) {
    return client.request('post', '/api/quit/relapses', { body });
  },
  relapses() {
    return client.request('get', '/api/quit/relapses');
  },
  logCraving(body: CravingRequest) {
    return client.request('post', '/api/cravings', { body });
  },
  cravings(startDate: string, endDate: string) {
    return client.request('get', '/api/cravings', { query: { startDate, endDate } });
  },
  cravingStats(days = 7) {
    return client.request('get', '/api/cravings/stats', { query: { days } });
  },
});

export type QuitApi = ReturnType<typeof quitApi>;
