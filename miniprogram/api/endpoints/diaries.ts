import type { ApiClient } from '../client';
import type { DiaryInput, DiaryUpdate } from '../paths';

/** /api/diaries: one diary per local date (409 on a second: edit it), drafts, list by month, 10 a page. */
export const diariesApi = (client: ApiClient) => ({
  /** month: YYYY-MM; newest date first. */
  list({ month, page = 1, pageSize = 10 }: { month?: string; page?: number; pageSize?: number } = {}) {
    return client.request('get', '/api/diaries', { query: { month, page, pageSize } });
  },
  get(documentId: string) {
    return client.request('get', '/api/diaries/{id}', { path: { id: documentId } });
  },
  create(data: DiaryInput) {
    return client.request('post', '/api/diaries', { body: { data } });
  },
  update(documentId: string, data: DiaryUpdate) {
    return client.request('put', '/api/diaries/{id}', { path: { id: documentId }, body: { data } });
  },
  remove(documentId: string) {
    return client.request('delete', '/api/diaries/{id}', { path: { id: documentId } });
  },
});

export type DiariesApi = ReturnType<typeof diariesApi>;
