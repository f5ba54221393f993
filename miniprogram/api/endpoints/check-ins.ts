import type { ApiClient } from '../client';
import type { CheckInEdit, CheckInRequest } from '../paths';

/**
 * /api/check-ins: check in (use api/offline-queue.ts from pages: it keeps the idempotency key and the
 * local day, and replays offline taps), today's state, a month's calendar, makeups, edits and undo.
 */
export const checkInsApi = (client: ApiClient) => ({
  /** POST /api/check-ins. 409 (ApiError.alreadyDone) when that day is already checked in. */
  create(data: CheckInRequest) {
    return client.request('post', '/api/check-ins', { body: { data } });
  },
  today() {
    return client.request('get', '/api/check-ins/today');
  },
  /** month: YYYY-MM */
  calendar(month: string) {
    return client.request('get', '/api/check-ins/calendar', { query: { month } });
  },
  /** Spend a makeup card (补签卡) on a missed past day. */
  makeup(habit: string, date: string) {
    return client.request('post', '/api/check-ins/makeup', { body: { data: { habit, date } } });
  },
  /** The makeup rules in force (window, per-day limit, cards) and where the user stands today. */
  makeupRules() {
    return client.request('get', '/api/check-ins/makeup/rules');
  },
  /** One's check-ins, newest day first; `habit` narrows to one habit. */
  list({ page = 1, pageSize = 31, habit }: { page?: number; pageSize?: number; habit?: string } = {}) {
    return client.request('get', '/api/check-ins', {
      query: {
        'pagination[page]': page,
        'pagination[pageSize]': pageSize,
        sort: 'localDate:desc',
        ...(habit ? { filters: { habit: { documentId: { $eq: habit } } } } : {}),
      },
    });
  },
  get(documentId: string) {
    return client.request('get', '/api/check-ins/{id}', { path: { id: documentId } });
  },
  /** Note, mood, images, duration, count; the day and points are the server's. */
  edit(documentId: string, data: CheckInEdit) {
    return client.request('put', '/api/check-ins/{id}', { path: { id: documentId }, body: { data } });
  },
  /** Undo today's check-in (its points are reversed; 409 points_spent if they were already spent). */
  undo(documentId: string) {
    return client.request('delete', '/api/check-ins/{id}', { path: { id: documentId } });
  },
});

export type CheckInsApi = ReturnType<typeof checkInsApi>;
