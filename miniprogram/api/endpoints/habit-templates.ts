import type { ApiClient } from '../client';

/** /api/habit-templates: the editors' public catalogue (active templates only). */
export const habitTemplatesApi = (client: ApiClient) => ({
  list({ page = 1, pageSize = 50, category }: { page?: number; pageSize?: number; category?: string } = {}) {
    return client.request('get', '/api/habit-templates', {
      query: {
        'pagination[page]': page,
        'pagination[pageSize]': pageSize,
        sort: 'sortOrder:asc,id:asc',
        ...(category ? { filters: { category: { $eq: category } } } : {}),
      },
      // A public list: without a token the server answers it from its cache (ETag / 304).
      auth: false,
    });
  },
  get(documentId: string) {
    return client.request('get', '/api/habit-templates/{id}', { path: { id: documentId }, auth: false });
  },
});

export type HabitTemplatesApi = ReturnType<typeof habitTemplatesApi>;
