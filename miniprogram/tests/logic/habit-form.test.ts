import type { Habit, HabitTemplate } from '../../api/paths';
import {
  addReminder, createBody, emptyForm, formFromHabit, formFromTemplate, formProblem, frequencyText, removeReminder, toggleWeekday, updateBody,
} from '../../logic/habit-form';

/** The habit form: templates or scratch, the four frequencies, reminders, and what it sends. */

const template: HabitTemplate = {
  id: 1, documentId: 'tpl1aaaaaaaa', title: '冥想', description: '每天静坐', category: 'mind', kind: 'build', icon: null, color: null,
  frequencyType: 'weekdays', timesPerWeek: null, weekdays: [1, 3, 5], intervalDays: null, goalType: 'duration', goalValue: 10, goalUnit: '分钟',
  reminderTimes: ['07:30'], tags: null, sortOrder: 0, active: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', publishedAt: '2026-01-01T00:00:00.000Z',
};

describe('a habit from a template', () => {
  it('starts from its fields, reminders on, and sends the template with the chosen schedule only', () => {
    const form = formFromTemplate(template);
    expect(form).toMatchObject({ template: 'tpl1aaaaaaaa', title: '冥想', frequencyType: 'weekdays', weekdays: [1, 3, 5], reminderEnabled: true, reminderTimes: ['07:30'] });
    expect(createBody({ ...form, title: '  早晨冥想 ' })).toEqual({
      template: 'tpl1aaaaaaaa', title: '早晨冥想', description: '每天静坐', category: 'mind', kind: 'build',
      frequencyType: 'weekdays', timesPerWeek: null, weekdays: [1, 3, 5], intervalDays: null, reminderEnabled: true, reminderTimes: ['07:30'],
    });
  });
});

describe('the four frequencies', () => {
  it.each([
    ['daily', {}, { frequencyType: 'daily', timesPerWeek: null, weekdays: null, intervalDays: null }, '每天'],
    ['N times a week', { frequencyType: 'timesPerWeek' as const, timesPerWeek: 4 }, { frequencyType: 'timesPerWeek', timesPerWeek: 4, weekdays: null, intervalDays: null }, '每周 4 次'],
    ['weekdays', { frequencyType: 'weekdays' as const, weekdays: [5, 1] as Array<1 | 5> }, { frequencyType: 'weekdays', timesPerWeek: null, weekdays: [1, 5], intervalDays: null }, '每周一、五'],
    ['every N days', { frequencyType: 'everyNDays' as const, intervalDays: 3 }, { frequencyType: 'everyNDays', timesPerWeek: null, weekdays: null, intervalDays: 3 }, '每 3 天'],
  ])('%s sends the parameter it needs and clears the others', (_name, change, sent, text) => {
    const form = { ...emptyForm(), title: 'Run', ...change };
    expect(formProblem(form)).toBeNull();
    expect(createBody(form)).toMatchObject(sent);
    expect(frequencyText({ ...emptyForm(), ...sent } as unknown as Habit)).toBe(text);
  });

  it.each([
    ['no title', { title: '  ' }, 'title'],
    ['8 times a week', { frequencyType: 'timesPerWeek' as const, timesPerWeek: 8 }, 'timesPerWeek'],
    ['no weekday', { frequencyType: 'weekdays' as const, weekdays: [] }, 'weekdays'],
    ['every 1 day', { frequencyType: 'everyNDays' as const, intervalDays: 1 }, 'intervalDays'],
    ['a reminder at 25:00', { reminderTimes: ['25:00'] }, 'reminderTimes'],
    ['an end before the start', { startDate: '2026-05-10', endDate: '2026-05-01' }, 'endDate'],
  ])('refuses %s before sending, naming the field', (_name, change, field) => {
    expect(formProblem({ ...emptyForm(), title: 'Run', ...change })?.field).toBe(field);
  });
});

describe('reminders and weekdays', () => {
  it('add in order, at most five, no duplicates; removing the last one turns reminders off', () => {
    let form = emptyForm();
    for (const time of ['21:00', '07:30', '07:30', '12:00', '13:00', '14:00', '15:00']) form = addReminder(form, time);
    expect(form.reminderTimes).toEqual(['07:30', '12:00', '13:00', '14:00', '21:00']);
    expect(form.reminderEnabled).toBe(true);
    let one = addReminder(emptyForm(), '08:00');
    one = removeReminder(one, '08:00');
    expect(one).toMatchObject({ reminderTimes: [], reminderEnabled: false });
  });

  it('toggle weekdays on and off', () => {
    const form = toggleWeekday(toggleWeekday({ ...emptyForm(), weekdays: [1] }, 3), 1);
    expect(form.weekdays).toEqual([3]);
  });
});

describe('editing', () => {
  it('loads a habit and sends an update without a template, clearing the dates left empty', () => {
    const habit = { ...template, reminderEnabled: false, startDate: '2026-03-01', endDate: null, archived: false, archivedAt: null } as unknown as Habit;
    const form = formFromHabit(habit);
    expect(form).toMatchObject({ template: null, startDate: '2026-03-01', endDate: '', reminderEnabled: false });
    expect(updateBody(form)).toMatchObject({ startDate: '2026-03-01', endDate: null, reminderEnabled: false });
    expect(updateBody(form)).not.toHaveProperty('template');
  });
});
