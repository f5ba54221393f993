import type { Context } from 'koa';
import { gamification, taskListQuerySchema } from '../../../plugins/gamification/public';
import { NotFoundError, ValidationError } from '../../../utils/errors';
import { scopedController, type AuthUser } from '../../../utils/scoped-controller';
import { parseOrThrow } from '../../../utils/validation';

/**
 * Daily tasks (seed 002). `GET /api/tasks?date=` lists one local day (default today); reading today
 * first makes the day's system tasks from the editors' templates (gamification tasks service). Users
 * add their own tasks for today; completing one pays its points once.
 */
const CUSTOM_TASKS_PER_DAY = 10;

export default scopedController('api::task.task', {
  label: 'Task',
  // Points, completion and system tasks come from the task service, not from the client.
  readOnlyFields: ['template', 'points', 'isSystem', 'completed', 'completedAt', 'localDate'],
  onCreate: async (data, { user, strapi }) => {
    const settings = await gamification(strapi, 'settings').get();
    return { ...data, localDate: gamification(strapi, 'clock').localDay(user), isSystem: false, points: settings.customTaskPoints };
  },
  // At most CUSTOM_TASKS_PER_DAY own tasks a day (they may earn points if editors allow). Counted after
  // the insert with the user's row locked, in the create's transaction, so racing creates cannot pass it.
  afterWrite: async (entity, { user, strapi, trx, existing }) => {
    if (existing !== null) return undefined;
    // After the insert, which already holds the row's KEY SHARE lock: this lock (NO KEY UPDATE) queues
    // racing creates without deadlocking them.
    await gamification(strapi, 'ledger').lockUser(trx, user.id);
    const [{ n }] = await trx('tasks').where({ user_id: user.id, local_date: entity.localDate, is_system: false }).count<Array<{ n: number | string }>>({ n: '*' });
    if (Number(n) > CUSTOM_TASKS_PER_DAY) {
      throw new ValidationError(`At most ${CUSTOM_TASKS_PER_DAY} tasks of your own a day`, { reason: 'daily_limit' });
    }
    return undefined;
  },
  listQuery: async (query, { user, strapi }) => {
    const { date, ...strapiQuery } = parseOrThrow(taskListQuerySchema, query, 'query');
    const today = gamification(strapi, 'clock').localDay(user);
    const day = date ?? today;
    if (day > today) throw new ValidationError("Tasks are made day by day: a future day has none yet", { field: 'date' });
    if (day === today) await gamification(strapi, 'tasks').ensureDay(user, today);
    const filters = strapiQuery.filters as Record<string, unknown> | undefined;
    const onDay = { localDate: day };
    return {
      ...strapiQuery,
      filters: filters ? { $and: [filters, onDay] } : onDay,
      sort: strapiQuery.sort ?? ['isSystem:desc', 'id:asc'],
      pagination: strapiQuery.pagination ?? { page: 1, pageSize: 100 },
    };
  },
  actions: (strapi) => ({
    /** Own custom tasks only: system tasks come back with the day, and completed ones are history. */
    async delete(ctx: Context) {
      const user = ctx.state.user as AuthUser;
      const tasks = strapi.documents('api::task.task');
      const task = await tasks.findFirst({ filters: { documentId: String(ctx.params.id), user: { id: user.id } }, fields: ['isSystem', 'completed'] } as never);
      if (!task) throw new NotFoundError('Task not found');
      if (task.isSystem) throw new ValidationError('Daily tasks from the app cannot be deleted; leave them undone', { reason: 'system_task' });
      if (task.completed) throw new ValidationError('A completed task cannot be deleted', { reason: 'completed' });
      await tasks.delete({ documentId: String(ctx.params.id) } as never);
      ctx.status = 204;
    },
    async complete(ctx: Context) {
      ctx.body = await gamification(strapi, 'tasks').complete(ctx.state.user as AuthUser, String(ctx.params.id));
    },
  }),
});
