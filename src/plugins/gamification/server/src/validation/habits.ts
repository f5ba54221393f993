import { z } from 'zod';
import { ValidationError } from '../../../../../utils/errors';

/**
 * What makes a habit's schedule coherent, checked on the merged record (template defaults, the
 * client's fields, and on update the stored ones): each frequency type has the one parameter it needs.
 */
const weekday = z.number().int().min(1).max(7);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'reminder times are HH:mm');

/** A habit's JSON attributes, as the rules below accept them (the API document types them from these). */
export const weekdaysSchema = z.array(weekday).min(1, 'weekdays needs at least one day (1 = Monday ... 7 = Sunday)').max(7);
export const reminderTimesSchema = z.array(time).max(5, 'at most 5 reminder times');

const rules = z
  .object({
    frequencyType: z.enum(['daily', 'timesPerWeek', 'weekdays', 'everyNDays']),
    timesPerWeek: z.number().int().min(1).max(7).nullable().optional(),
    weekdays: weekdaysSchema.nullable().optional(),
    intervalDays: z.number().int().min(2).max(365).nullable().optional(),
    reminderTimes: reminderTimesSchema.nullable().optional(),
    startDate: z.string().nullable().optional(),
    endDate: z.string().nullable().optional(),
  })
  .passthrough()
  .superRefine((habit, issues) => {
    const need = (field: 'timesPerWeek' | 'weekdays' | 'intervalDays', what: string) => {
      if (habit[field] === null || habit[field] === undefined) issues.addIssue({ code: 'custom', path: [field], message: `${field} is required for ${what}` });
    };
    if (habit.frequencyType === 'timesPerWeek') need('timesPerWeek', 'N times a week');
    if (habit.frequencyType === 'weekdays') need('weekdays', 'specific weekdays');
    if (habit.frequencyType === 'everyNDays') need('intervalDays', 'every N days');
    if (habit.weekdays && new Set(habit.weekdays).size !== habit.weekdays.length) {
      issues.addIssue({ code: 'custom', path: ['weekdays'], message: 'weekdays lists a day twice' });
    }
    if (habit.startDate && habit.endDate && habit.endDate < habit.startDate) {
      issues.addIssue({ code: 'custom', path: ['endDate'], message: 'endDate is before startDate' });
    }
  });

export const assertHabitRules = (habit: Record<string, unknown>) => {
  const result = rules.safeParse(habit);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.');
    throw new ValidationError(`${field ? `${field}: ` : ''}${issue.message}`, { field });
  }
};
