/**
 * Daily tasks (GET /api/tasks?date=, POST /api/tasks, POST /api/tasks/:id/complete, DELETE /api/tasks/:id):
 * the day's system tasks from the editors' templates and the user's own, each paying its points once.
 */
import { errorStatus } from './load-state';

export type TaskCategory = 'daily' | 'study' | 'sport' | 'life' | 'reading' | 'kindness';

export const CATEGORIES: ReadonlyArray<{ value: TaskCategory; label: string }> = [
  { value: 'daily', label: '日常' },
  { value: 'study', label: '学习' },
  { value: 'sport', label: '运动' },
  { value: 'life', label: '生活' },
  { value: 'reading', label: '阅读' },
  { value: 'kindness', label: '善行' },
];

export type Task = {
  documentId: string;
  localDate: string;
  title: string;
  description: string | null;
  category: TaskCategory;
  points: number;
  isSystem: boolean;
  completed: boolean;
  completedAt: string | null;
};

/** A task as the API document types it (Strapi's generated CRUD schema: most fields optional). */
export type TaskLike = {
  documentId?: string | null;
  localDate?: string | null;
  title?: string | null;
  description?: string | null;
  category?: string | null;
  points?: number | null;
  isSystem?: boolean | null;
  completed?: boolean | null;
  completedAt?: string | null;
};

const isCategory = (value: unknown): value is TaskCategory => CATEGORIES.some((c) => c.value === value);

export const taskOf = (raw: TaskLike): Task => ({
  documentId: raw.documentId ?? '',
  localDate: raw.localDate ?? '',
  title: raw.title ?? '',
  description: raw.description ?? null,
  category: isCategory(raw.category) ? raw.category : 'daily',
  points: raw.points ?? 0,
  isSystem: raw.isSystem ?? false,
  completed: raw.completed ?? false,
  completedAt: raw.completedAt ?? null,
});

export type TaskRow = {
  key: string;
  documentId: string;
  title: string;
  description: string;
  categoryLabel: string;
  pointsText: string;
  completed: boolean;
  /** Own tasks not yet done may be deleted; the app's daily tasks never. */
  deletable: boolean;
  busy: boolean;
};

export const taskRow = (task: Task, busy = false): TaskRow => ({
  key: task.documentId,
  documentId: task.documentId,
  title: task.title,
  description: task.description ?? '',
  categoryLabel: CATEGORIES.find((c) => c.value === task.category)?.label ?? '日常',
  pointsText: task.points > 0 ? `+${task.points} 积分` : '',
  completed: task.completed,
  deletable: !task.isSystem && !task.completed,
  busy,
});

export const progressText = (tasks: readonly Task[]): string => {
  const done = tasks.filter((task) => task.completed).length;
  return tasks.length === 0 ? '' : `已完成 ${done} / ${tasks.length}`;
};

/** The list with one task replaced (after a completion), order kept. */
export const replaceTask = (tasks: readonly Task[], updated: Task): Task[] => tasks.map((task) => (task.documentId === updated.documentId ? updated : task));

/**
 * A completion refused with 409 is a task already completed (another device, a retried tap): the
 * answer carries the task, shown as done, and no points are announced a second time.
 */
export const alreadyCompleted = (error: unknown): Task | null => {
  if (errorStatus(error) !== 409) return null;
  const task = (error as { details?: { task?: unknown } }).details?.task;
  return typeof task === 'object' && task !== null && typeof (task as TaskLike).documentId === 'string' ? taskOf(task as TaskLike) : null;
};

export const newTaskInput = (title: string, category: TaskCategory): { ok: true; data: { title: string; category: TaskCategory } } | { ok: false; message: string } => {
  const trimmed = title.trim();
  if (!trimmed) return { ok: false, message: '写下任务名称' };
  if ([...trimmed].length > 100) return { ok: false, message: '任务名称最多 100 个字' };
  return { ok: true, data: { title: trimmed, category } };
};
