import type { Context } from 'koa';
import { assertHabitRules, gamification } from '../../../plugins/gamification/public';
import { NotFoundError } from '../../../utils/errors';
import { scopedController, type AuthUser } from '../../../utils/scoped-controller';

/** Fields a habit takes from its template unless the user sends their own. */
const FROM_TEMPLATE = [
  'title', 'description', 'category', 'kind', 'icon', 'color', 'frequencyType', 'timesPerWeek', 'weekdays',
  'intervalDays', 'goalType', 'goalValue', 'goalUnit', 'reminderTimes',
] as const;

/** Fields that change which days count: a habit edited in them has its stored streak counted again. */
const SCHEDULE = ['frequencyType', 'timesPerWeek', 'weekdays', 'intervalDays', 'startDate'] as const;

export default scopedController('api::habit.habit', {
  label: 'Habit',
  // The stored streak is the check-in service's (GET /api/check-ins/today reads it).
  readOnlyFields: ['archivedAt', 'streakCurrent', 'streakLongest', 'streakHoldsThrough'],
  // Start from any active template (the public list editors maintain).
  relationScopes: { template: () => ({ active: true }) },
  onCreate: async (data, { user, strapi }) => {
    let merged: Record<string, unknown> = { ...data };
    if (typeof data.template === 'number') {
      const template = await strapi.db.query('api::habit-template.habit-template').findOne({ where: { id: data.template } });
      for (const field of FROM_TEMPLATE) {
        if (merged[field] === undefined && template?.[field] !== null && template?.[field] !== undefined) merged[field] = template[field];
      }
    }
    // Reminder times given (by the client or the template) and nothing said about reminders: the user wants them.
    if (merged.reminderEnabled === undefined && Array.isArray(merged.reminderTimes) && merged.reminderTimes.length > 0) merged.reminderEnabled = true;
    merged = { frequencyType: 'daily', ...merged, startDate: merged.startDate ?? gamification(strapi, 'clock').localDay(user) };
    assertHabitRules(merged);
    return merged;
  },
  onUpdate: (data, { existing }) => {
    assertHabitRules({ ...existing, ...data });
    // NULL means "not counted yet": the next GET /api/check-ins/today (or check-in) counts it from the history.
    const rescheduled = SCHEDULE.some((field) => field in data) ? { streakCurrent: null, streakLongest: null, streakHoldsThrough: null } : {};
    return 'archived' in data ? { ...data, ...rescheduled, archivedAt: data.archived ? new Date().toISOString() : null } : { ...data, ...rescheduled };
  },
  actions: (strapi) => {
    const setArchived = async (ctx: Context, archived: boolean) => {
      const user = ctx.state.user as AuthUser;
      const habits = strapi.documents('api::habit.habit');
      const habit = await habits.findFirst({ filters: { documentId: String(ctx.params.id), user: { id: user.id } } as never });
      if (!habit) throw new NotFoundError('Habit not found');
      const updated = await habits.update({
        documentId: habit.documentId,
        data: { archived, archivedAt: archived ? gamification(strapi, 'clock').now().toISOString() : null } as never,
      });
      ctx.body = { data: await strapi.contentAPI.sanitize.output(updated, strapi.contentType('api::habit.habit'), { auth: ctx.state.auth }), meta: {} };
    };
    return {
      async archive(ctx: Context) {
        await setArchived(ctx, true);
      },
      async restore(ctx: Context) {
        await setArchived(ctx, false);
      },
      async stats(ctx: Context) {
        ctx.body = { data: await gamification(strapi, 'stats').habitStats(ctx.state.user as AuthUser, String(ctx.params.id)), meta: {} };
      },
    };
  },
});
