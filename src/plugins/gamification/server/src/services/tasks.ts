import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { conflictError, NotFoundError, ValidationError } from '../../../../../utils/errors';
import { isoWeekday } from '../../../../../utils/calendar';
import { TASK_SQL } from '../statements';
import { getService } from '../utils/get-service';
import { calendarDate, isoInstant, parseJson } from '../utils/rows';

type TaskUser = { id: number; timezone?: string | null; dayStartHour?: number | null };
type TemplateRow = { id: number; title: string; description: string | null; category: string; points: number; weekdays: unknown };
type TaskRow = {
  id: number; document_id: string; local_date: unknown; title: string; description: string | null; category: string;
  points: number; is_system: boolean | number; completed: boolean | number; completed_at: unknown;
};

const taskView = (row: TaskRow) => ({
  id: Number(row.id),
  documentId: row.document_id,
  localDate: calendarDate(row.local_date),
  title: row.title,
  description: row.description,
  category: row.category,
  points: Number(row.points),
  isSystem: Boolean(row.is_system),
  completed: Boolean(row.completed),
  completedAt: isoInstant(row.completed_at),
});

/** A template applies on a date when it names no weekdays, or names that date's ISO weekday (1 = Monday). */
const appliesOn = (template: TemplateRow, date: string): boolean => {
  const weekdays = parseJson(template.weekdays);
  return !Array.isArray(weekdays) || weekdays.length === 0 || weekdays.map(Number).includes(isoWeekday(date));
};

/**
 * Daily tasks (seed 002). Editors' task templates become each user's system tasks for a local day, made
 * the first time the user reads that day (concurrent first reads are safe: the unique (user, day,
 * template) index and ON CONFLICT DO NOTHING). Completing a task pays its points once: the task's
 * conditional UPDATE (`completed = false`) and the ledger entry are one transaction.
 */
const tasksService = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => getService(strapi, 'clock');
  const sql = () => getService(strapi, 'sql');

  return {
    /** Create the user's system tasks for `day` (today) if they are not there yet. */
    async ensureDay(user: TaskUser, day: string): Promise<void> {
      const templates = (await sql().rows<TemplateRow>(TASK_SQL.activeTemplates, [true])).filter((t) => appliesOn(t, day));
      if (templates.length === 0) return;
      const now = clock().now();
      const values = templates.flatMap((t) => [
        crypto.randomBytes(12).toString('hex'), user.id, t.id, day, t.title, t.description, t.category, Number(t.points), true, false, now, now, now,
      ]);
      await sql().rows(TASK_SQL.insertSystem(templates.length), values);
    },

    /** POST /api/tasks/:id/complete: today's task of the caller, its points once. */
    async complete(user: TaskUser, documentId: string) {
      const today = clock().localDay(user);
      const now = clock().now();
      return sql().transaction(async (tx) => {
        const [done] = await tx.rows<{ id: number; document_id: string; points: number }>(TASK_SQL.complete, [true, now, now, documentId, user.id, today, false]);
        if (!done) {
          const [task] = await tx.rows<TaskRow>(TASK_SQL.findOwn, [documentId, user.id]);
          if (!task) throw new NotFoundError('Task not found');
          if (calendarDate(task.local_date) !== today) {
            throw new ValidationError(`Only today's tasks can be completed; this one is for ${calendarDate(task.local_date)}`, { reason: 'not_today' });
          }
          throw conflictError('This task is already completed', { task: taskView(task) });
        }
        const points = Number(done.points);
        const { balance } = await getService(strapi, 'ledger').apply(
          tx,
          user.id,
          [{ amount: points, reason: 'task', sourceType: 'task', sourceId: done.document_id }],
          now,
        );
        const [task] = await tx.rows<TaskRow>(TASK_SQL.findOwn, [documentId, user.id]);
        return { data: taskView(task), meta: { points: { awarded: points, balance } } };
      });
    },
  };
};

export type TasksService = ReturnType<typeof tasksService>;
export default tasksService;
