import { http } from './strapi';
import type { TestUser } from './users';

/** A habit of `user` (daily, started on 2026-01-01 unless `data` says otherwise); returns its documentId. */
export const newHabit = async (user: TestUser, data: Record<string, unknown> = {}): Promise<string> =>
  (await http().post('/api/habits').set(user.auth).send({ data: { title: 'Run', startDate: '2026-01-01', ...data } }).expect(201)).body.data
    .documentId as string;

/** POST /api/check-ins for `habit` as `user`, with optional note / mood / idempotencyKey ... */
export const checkIn = (user: TestUser, habit: string, extra: Record<string, unknown> = {}) =>
  http().post('/api/check-ins').set(user.auth).send({ data: { habit, ...extra } });
