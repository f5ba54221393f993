import type { FrequencyType, Habit, HabitInput, HabitTemplate, HabitUpdate, Weekday } from '../api/paths';

/**
 * The habit create / edit form (pages/habit-edit): its state, the four frequencies as the backend
 * models them (daily; N times a week; specific weekdays; every N days), reminder times, and the body
 * it sends. The checks mirror the server's (validation/habits.ts) so mistakes show before a round trip;
 * the server stays the judge.
 */

export type HabitKind = 'build' | 'quit';
export type HabitCategory = HabitInput['category'] & string;

export interface HabitForm {
  /** The template it starts from (create only). */
  template: string | null;
  title: string;
  description: string;
  category: HabitCategory;
  kind: HabitKind;
  frequencyType: FrequencyType;
  timesPerWeek: number;
  weekdays: Weekday[];
  intervalDays: number;
  reminderEnabled: boolean;
  reminderTimes: string[];
  startDate: string;
  endDate: string;
}

export const FREQUENCIES: ReadonlyArray<{ type: FrequencyType; label: string }> = [
  { type: 'daily', label: '每天' },
  { type: 'timesPerWeek', label: '每周 N 次' },
  { type: 'weekdays', label: '每周固定几天' },
  { type: 'everyNDays', label: '每隔 N 天' },
];

export const CATEGORIES: ReadonlyArray<{ value: HabitCategory; label: string }> = [
  { value: 'health', label: '健康' },
  { value: 'sport', label: '运动' },
  { value: 'study', label: '学习' },
  { value: 'mind', label: '心灵' },
  { value: 'life', label: '生活' },
  { value: 'work', label: '工作' },
  { value: 'quit', label: '戒除' },
];

export const WEEKDAY_LABELS: ReadonlyArray<{ day: Weekday; label: string }> = [
  { day: 1, label: '一' },
  { day: 2, label: '二' },
  { day: 3, label: '三' },
  { day: 4, label: '四' },
  { day: 5, label: '五' },
  { day: 6, label: '六' },
  { day: 7, label: '日' },
];

export const MAX_REMINDERS = 5;

export const emptyForm = (): HabitForm => ({
  template: null,
  title: '',
  description: '',
  category: 'life',
  kind: 'build',
  frequencyType: 'daily',
  timesPerWeek: 3,
  weekdays: [1, 2, 3, 4, 5],
  intervalDays: 2,
  reminderEnabled: false,
  reminderTimes: [],
  startDate: '',
  endDate: '',
});

const isWeekday = (value: unknown): value is Weekday => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7;

/** A habit's `weekdays` JSON attribute as weekdays (anything else in it is ignored). */
export const weekdaysOf = (value: unknown): Weekday[] => (Array.isArray(value) ? [...new Set(value.filter(isWeekday))].sort((a, b) => a - b) : []);

/** A habit's `reminderTimes` JSON attribute as HH:mm strings. */
export const timesOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((time): time is string => typeof time === 'string') : []);

type HabitLike = Pick<HabitTemplate, 'title' | 'description' | 'category' | 'kind' | 'frequencyType' | 'timesPerWeek' | 'weekdays' | 'intervalDays' | 'reminderTimes'>;

const fromRecord = (record: HabitLike, base: HabitForm): HabitForm => ({
  ...base,
  title: record.title,
  description: record.description ?? '',
  category: record.category,
  kind: record.kind,
  frequencyType: record.frequencyType,
  timesPerWeek: record.timesPerWeek ?? base.timesPerWeek,
  weekdays: weekdaysOf(record.weekdays).length > 0 ? weekdaysOf(record.weekdays) : base.weekdays,
  intervalDays: record.intervalDays ?? base.intervalDays,
  reminderTimes: timesOf(record.reminderTimes),
});

/** A new habit from a template: its fields filled in, all still editable. */
export const formFromTemplate = (template: HabitTemplate): HabitForm => {
  const form = fromRecord(template, emptyForm());
  return { ...form, template: template.documentId, reminderEnabled: form.reminderTimes.length > 0 };
};

/** Editing an existing habit. */
export const formFromHabit = (habit: Habit): HabitForm => ({
  ...fromRecord(habit, emptyForm()),
  reminderEnabled: Boolean(habit.reminderEnabled),
  startDate: habit.startDate ?? '',
  endDate: habit.endDate ?? '',
});

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The first problem with the form, as the field and a message; null when it can be sent. */
export const formProblem = (form: HabitForm): { field: keyof HabitForm; message: string } | null => {
  const title = form.title.trim();
  if (title.length === 0) return { field: 'title', message: '请输入习惯名称' };
  if ([...title].length > 60) return { field: 'title', message: '名称最多 60 个字' };
  if (form.description.length > 2000) return { field: 'description', message: '描述最多 2000 个字' };
  switch (form.frequencyType) {
    case 'timesPerWeek':
      if (!Number.isInteger(form.timesPerWeek) || form.timesPerWeek < 1 || form.timesPerWeek > 7) return { field: 'timesPerWeek', message: '每周次数为 1-7' };
      break;
    case 'weekdays':
      if (form.weekdays.length === 0) return { field: 'weekdays', message: '至少选择一天' };
      break;
    case 'everyNDays':
      if (!Number.isInteger(form.intervalDays) || form.intervalDays < 2 || form.intervalDays > 365) return { field: 'intervalDays', message: '间隔天数为 2-365' };
      break;
    case 'daily':
      break;
  }
  if (form.reminderTimes.length > MAX_REMINDERS) return { field: 'reminderTimes', message: `最多 ${MAX_REMINDERS} 个提醒时间` };
  if (form.reminderTimes.some((time) => !TIME.test(time))) return { field: 'reminderTimes', message: '提醒时间格式为 HH:mm' };
  if (new Set(form.reminderTimes).size !== form.reminderTimes.length) return { field: 'reminderTimes', message: '提醒时间重复了' };
  if (form.startDate && form.endDate && form.endDate < form.startDate) return { field: 'endDate', message: '结束日期早于开始日期' };
  return null;
};

/** Only the parameter the chosen frequency needs; the others are cleared so the server keeps no stale one. */
const schedule = (form: HabitForm) => ({
  frequencyType: form.frequencyType,
  timesPerWeek: form.frequencyType === 'timesPerWeek' ? form.timesPerWeek : null,
  weekdays: form.frequencyType === 'weekdays' ? [...form.weekdays].sort((a, b) => a - b) : null,
  intervalDays: form.frequencyType === 'everyNDays' ? form.intervalDays : null,
});

const reminders = (form: HabitForm) => ({
  reminderEnabled: form.reminderEnabled && form.reminderTimes.length > 0,
  reminderTimes: [...form.reminderTimes].sort(),
});

/** POST /api/habits body. */
export const createBody = (form: HabitForm): HabitInput => ({
  ...(form.template ? { template: form.template } : {}),
  title: form.title.trim(),
  description: form.description.trim() === '' ? null : form.description.trim(),
  category: form.category,
  kind: form.kind,
  ...schedule(form),
  ...reminders(form),
  ...(form.startDate ? { startDate: form.startDate } : {}),
  ...(form.endDate ? { endDate: form.endDate } : {}),
});

/** PUT /api/habits/:id body. */
export const updateBody = (form: HabitForm): HabitUpdate => ({
  title: form.title.trim(),
  description: form.description.trim() === '' ? null : form.description.trim(),
  category: form.category,
  kind: form.kind,
  ...schedule(form),
  ...reminders(form),
  startDate: form.startDate || null,
  endDate: form.endDate || null,
});

export const toggleWeekday = (form: HabitForm, day: Weekday): HabitForm => ({
  ...form,
  weekdays: form.weekdays.includes(day) ? form.weekdays.filter((each) => each !== day) : [...form.weekdays, day].sort((a, b) => a - b),
});

export const addReminder = (form: HabitForm, time: string): HabitForm =>
  form.reminderTimes.includes(time) || form.reminderTimes.length >= MAX_REMINDERS
    ? form
    : { ...form, reminderEnabled: true, reminderTimes: [...form.reminderTimes, time].sort() };

export const removeReminder = (form: HabitForm, time: string): HabitForm => {
  const reminderTimes = form.reminderTimes.filter((each) => each !== time);
  return { ...form, reminderTimes, reminderEnabled: form.reminderEnabled && reminderTimes.length > 0 };
};

/** "每周一、三、五", "每周 3 次", "每 2 天", "每天": a habit's schedule in words. */
export const frequencyText = (habit: { frequencyType: FrequencyType; timesPerWeek?: number | null; weekdays?: unknown; intervalDays?: number | null }): string => {
  switch (habit.frequencyType) {
    case 'daily':
      return '每天';
    case 'timesPerWeek':
      return `每周 ${habit.timesPerWeek ?? 1} 次`;
    case 'weekdays': {
      const days = weekdaysOf(habit.weekdays);
      if (days.length === 7) return '每天';
      return `每周${days.map((day) => WEEKDAY_LABELS[day - 1].label).join('、')}`;
    }
    case 'everyNDays':
      return `每 ${habit.intervalDays ?? 2} 天`;
  }
};
