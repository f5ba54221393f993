import type { ApiClient } from '../client';
import type { TaskInput } from '../paths';

/** /api/tasks: a local day's tasks (today's system tasks are made on first read), own tasks, completion. */
export const tasksApi = (client: ApiClient) => ({
  /** date: YYYY-MM-DD, default today; a future day is 400. */
  list({ date, page = 1, pageSize = 100 }: { date?: string; page?: number; pageSize?: number } = {}) {
    return client.request('get', '/api/tasks', { query: { date, 'pagination[page]': page, 'pagination[pageSize]': pageSize } });
  },
  create(data: TaskInput) {
    return client.request('post', '/api/tasks', { body: { data } });
  },
  /** Pays the task's points once; 409 when already completed, 400 not_today for another day's task. */
  complete(documentId: string) {
    return client.request('post', '/api/tasks/{id}/complete', { path: { id: documentId } });
  },
  remove(documentId: string) {
    return client.request('delete', '/api/tasks/{id}', { path: { id: documentId } });
  },
});

export type TasksApi = ReturnType<typeof tasksApi>;
