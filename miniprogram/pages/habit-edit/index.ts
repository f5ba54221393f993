import { askConsent, cachedSubscriptions, loadSubscriptions } from '../../api/consent';
import { getApi, messageFor } from '../../api/index';
import type { HabitTemplate, Weekday } from '../../api/paths';
import {
  addReminder, CATEGORIES, createBody, emptyForm, formFromHabit, formFromTemplate, formProblem, FREQUENCIES, frequencyText, removeReminder, toggleWeekday,
  updateBody, WEEKDAY_LABELS, type HabitForm,
} from '../../logic/habit-form';
import { consentToast, idsToAsk, MOMENT_KINDS } from '../../logic/reminders';
import { navigateBack, setTitle, toast } from '../../platform/ui';

/**
 * Create a habit (from a template or from scratch) or edit one (`?id=<documentId>`); `?template=<id>`
 * opens the form prefilled. All four frequencies, reminder times, start / end dates. Logic in
 * logic/habit-form.ts.
 */

const PAGE_SIZE = 20;
let editing: string | null = null;
let templates: HabitTemplate[] = [];
let templatePage = 0;
let templateTotal = 0;

type Data = {
  mode: 'pick' | 'form';
  state: 'loading' | 'empty' | 'error' | 'ready';
  error: string;
  templates: Array<{ documentId: string; title: string; description: string; schedule: string }>;
  canLoadMore: boolean;
  loadingMore: boolean;
  form: HabitForm;
  problem: string;
  saving: boolean;
  editing: boolean;
  frequencies: typeof FREQUENCIES;
  categories: typeof CATEGORIES;
  categoryIndex: number;
  weekdays: Array<{ day: Weekday; label: string; on: boolean }>;
  timesOptions: string[];
};

const weekdayChips = (form: HabitForm) => WEEKDAY_LABELS.map((each) => ({ ...each, on: form.weekdays.includes(each.day) }));

Page({
  data: {
    mode: 'pick',
    state: 'loading',
    error: '',
    templates: [],
    canLoadMore: false,
    loadingMore: false,
    form: emptyForm(),
    problem: '',
    saving: false,
    editing: false,
    frequencies: FREQUENCIES,
    categories: CATEGORIES,
    categoryIndex: 4,
    weekdays: weekdayChips(emptyForm()),
    timesOptions: ['1', '2', '3', '4', '5', '6', '7'],
  } as Data,

  onLoad(query: Record<string, string | undefined>) {
    editing = query.id ?? null;
    // The reminder templates, ahead of the save tap (WeChat's consent sheet opens only within the tap).
    void loadSubscriptions();
    templates = [];
    templatePage = 0;
    templateTotal = 0;
    if (editing) {
      setTitle('编辑习惯');
      void this.loadHabit(editing);
    } else if (query.template) {
      void this.loadTemplate(query.template);
    } else {
      void this.loadTemplates();
    }
  },

  setForm(form: HabitForm) {
    this.setData({
      form,
      weekdays: weekdayChips(form),
      categoryIndex: Math.max(0, CATEGORIES.findIndex((each) => each.value === form.category)),
      problem: '',
    });
  },

  async loadHabit(id: string) {
    this.setData({ mode: 'form', state: 'loading', editing: true });
    try {
      const { data } = await getApi().habits.get(id);
      this.setForm(formFromHabit(data));
      this.setData({ state: 'ready' });
    } catch (error) {
      this.setData({ state: 'error', error: messageFor(error) });
    }
  },

  async loadTemplate(id: string) {
    this.setData({ mode: 'form', state: 'loading' });
    try {
      const { data } = await getApi().habitTemplates.get(id);
      this.setForm(formFromTemplate(data));
      this.setData({ state: 'ready' });
    } catch (error) {
      this.setData({ state: 'error', error: messageFor(error) });
    }
  },

  async loadTemplates() {
    if (templatePage === 0) this.setData({ mode: 'pick', state: 'loading' });
    else this.setData({ loadingMore: true });
    try {
      const { data, meta } = await getApi().habitTemplates.list({ page: templatePage + 1, pageSize: PAGE_SIZE });
      templates = meta.pagination.page <= 1 ? [...data] : [...templates, ...data];
      templatePage = meta.pagination.page;
      templateTotal = meta.pagination.total;
      this.setData({
        state: 'ready',
        loadingMore: false,
        canLoadMore: templates.length < templateTotal,
        templates: templates.map((t) => ({ documentId: t.documentId, title: t.title, description: t.description ?? '', schedule: frequencyText(t) })),
      });
    } catch (error) {
      if (templatePage === 0) this.setData({ state: 'error', error: messageFor(error) });
      else {
        this.setData({ loadingMore: false });
        toast(messageFor(error));
      }
    }
  },

  onReachBottom() {
    if (this.data.mode === 'pick' && this.data.canLoadMore && !this.data.loadingMore) void this.loadTemplates();
  },

  onRetry() {
    if (editing) void this.loadHabit(editing);
    else void this.loadTemplates();
  },

  onPickTemplate(event: WechatMiniprogram.TouchEvent) {
    const { id } = event.currentTarget.dataset as { id: string };
    const template = templates.find((each) => each.documentId === id);
    if (!template) return;
    this.setForm(formFromTemplate(template));
    this.setData({ mode: 'form' });
  },

  onFromScratch() {
    this.setForm(emptyForm());
    this.setData({ mode: 'form', state: 'ready' });
  },

  onTitle(event: WechatMiniprogram.Input) {
    this.setData({ 'form.title': event.detail.value, problem: '' });
  },

  onDescription(event: WechatMiniprogram.Input) {
    this.setData({ 'form.description': event.detail.value });
  },

  onCategory(event: WechatMiniprogram.PickerChange) {
    const index = Number(event.detail.value);
    this.setData({ categoryIndex: index, 'form.category': CATEGORIES[index].value });
  },

  onKind(event: WechatMiniprogram.TouchEvent) {
    const { kind } = event.currentTarget.dataset as { kind: 'build' | 'quit' };
    this.setData({ 'form.kind': kind });
  },

  onFrequency(event: WechatMiniprogram.TouchEvent) {
    const { type } = event.currentTarget.dataset as { type: HabitForm['frequencyType'] };
    this.setData({ 'form.frequencyType': type, problem: '' });
  },

  onTimesPerWeek(event: WechatMiniprogram.PickerChange) {
    this.setData({ 'form.timesPerWeek': Number(event.detail.value) + 1 });
  },

  onIntervalDays(event: WechatMiniprogram.Input) {
    this.setData({ 'form.intervalDays': Number(event.detail.value) });
  },

  onWeekday(event: WechatMiniprogram.TouchEvent) {
    const { day } = event.currentTarget.dataset as { day: Weekday };
    this.setForm(toggleWeekday(this.data.form, Number(day) as Weekday));
  },

  onReminderSwitch(event: WechatMiniprogram.SwitchChange) {
    this.setData({ 'form.reminderEnabled': event.detail.value });
  },

  onAddReminder(event: WechatMiniprogram.PickerChange) {
    this.setForm(addReminder(this.data.form, String(event.detail.value)));
  },

  onRemoveReminder(event: WechatMiniprogram.TouchEvent) {
    const { time } = event.currentTarget.dataset as { time: string };
    this.setForm(removeReminder(this.data.form, time));
  },

  onStartDate(event: WechatMiniprogram.PickerChange) {
    this.setData({ 'form.startDate': String(event.detail.value) });
  },

  onEndDate(event: WechatMiniprogram.PickerChange) {
    this.setData({ 'form.endDate': String(event.detail.value) });
  },

  async onSave() {
    const problem = formProblem(this.data.form);
    if (problem) {
      this.setData({ problem: problem.message });
      return;
    }
    // A habit with reminder times: ask WeChat for the consent now, while this tap is being handled.
    const form = this.data.form;
    const consent = form.reminderEnabled && form.reminderTimes.length > 0 ? askConsent(idsToAsk(cachedSubscriptions(), MOMENT_KINDS.habitSaved)) : Promise.resolve(null);
    this.setData({ saving: true, problem: '' });
    try {
      if (editing) await getApi().habits.update(editing, updateBody(form));
      else await getApi().habits.create(createBody(form));
      const recorded = await consent;
      toast(recorded ? consentToast(recorded) : editing ? '已保存' : '习惯已创建', 'success');
      navigateBack();
    } catch (error) {
      this.setData({ problem: messageFor(error) });
    } finally {
      this.setData({ saving: false });
    }
  },
});
