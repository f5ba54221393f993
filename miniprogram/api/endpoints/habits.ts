import type { ApiClient } from '../client';
import type { HabitInput, HabitUpdate, StrapiListQuery } from '../paths';

export interface HabitListOptions {
  page?: number;
  pageSize?: number;
  /** true: archived only; false: active only; undefined: both. */
  archived?: boolean;
}

/** /api/habits: the user's own habits (Strapi CRUD, owner-scoped), archive / restore, and a habit's stats. */
export const habitsApi = (client: ApiClient) => ({
  list({ page = 1, pageSize = 25, archived }: HabitListOptions = {}) {
    const query: StrapiListQuery = { 'pagination[page]': page, 'pagination[pageSize]': pageSize, sort: 'sortOrder:asc,id:asc' };
    if (archived !== undefined) query.filters = { archived: { $eq: archived } };
    return client.request('get', '/api/habits', { query });
  },
  get(documentId: string) {
    return client.request('get', '/api/habits/{id}', { path: { id: documentId } });
  },
  /** From scratch, or from a template (`template: <documentId>`: its fields are copied unless sent). */
  create(data: HabitInput) {
    return client.request('post', '/api/habits', { body: { data } });
  },
  update(documentId: string, data: HabitUpdate) {
    return client.request('put', '/api/habits/{id}', { path: { id: documentId }, body: { data } });
  },
  remove(documentId: string) {
    return client.request('delete', '/api/habits/{id}', { path: { id: documentId } });
  },
  archive(documentId: string) {
    return client.request('post', '/api/habits/{id}/archive', { path: { id: documentId } });
  },
  restore(documentId: string) {
    return client.request('post', '/api/habits/{id}/restore', { path: { id: documentId } });
  },
  /** Streaks, completion, strength series, 365-day heatmap, best runs, quit savings and milestones. */
  stats(documentId: string) {
    return client.request('get', '/api/habits/{id}/stats', { path: { id: documentId } });
  },
});

export type HabitsApi = ReturnType<typeof habitsApi>;
