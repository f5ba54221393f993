import { getApi } from '../../api';
import { localDayFor } from '../../logic/dates';
import { aiCommentView, diaryInput, diaryOf, draftStorageKey, emptyForm, existingDiaryId, formOf, isDateTaken, mergeForms, MOODS, WEATHERS, type Diary, type DiaryForm } from '../../logic/diary';
import { messageOf, type LoadState } from '../../logic/load-state';
import { confirm, navigateBack, redirectTo, setTitle, toast } from '../../platform/ui';

/**
 * 写日记 / edit one: `?id=<documentId>` edits (GET/PUT/DELETE /api/diaries/:id), no id writes a new one
 * (POST /api/diaries, `?date=` for a past day). "存草稿" saves it as a draft, "发布" publishes it (the
 * first published diary of a day earns points). A new diary for a date that already has one is refused
 * with 409: the editor finds that diary and opens it instead. What is typed is also kept on the phone
 * until it is saved, so closing the page loses nothing.
 */
const RESTORED = '已恢复上次未保存的内容';

Page({
  data: {
    state: 'loading' as LoadState,
    error: '',
    id: '',
    isNew: true,
    isDraft: false,
    today: '',
    form: emptyForm(''),
    aiComment: '',
    aiCommentPending: false,
    moods: MOODS,
    weathers: WEATHERS,
    saving: false,
    message: '',
    /** Said when the form shows what was typed before and not saved yet (kept on the phone). */
    notice: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    const today = localDayFor(getApi().session.user ?? {}, new Date());
    const date = query.date && /^\d{4}-\d{2}-\d{2}$/.test(query.date) && query.date <= today ? query.date : today;
    this.setData({ id: query.id ?? '', isNew: !query.id, today, form: emptyForm(date) });
    if (query.id) setTitle('编辑日记');
    void this.load();
  },

  storage() {
    return getApi().client.platform.storage;
  },

  localKey() {
    return draftStorageKey(this.data.form.localDate, this.data.id || undefined);
  },

  async load() {
    const { id, form } = this.data;
    if (!id) {
      const kept = this.storage().get<DiaryForm>(draftStorageKey(form.localDate));
      this.setData({ state: 'ready', form: kept ?? form, notice: kept ? RESTORED : '' });
      return;
    }
    this.setData({ state: 'loading', error: '' });
    try {
      const data = diaryOf((await getApi().diaries.get(id)).data ?? {});
      const kept = this.storage().get<DiaryForm>(draftStorageKey(data.localDate, id));
      this.setData({ state: 'ready', isDraft: data.isDraft, form: kept ?? formOf(data), aiComment: aiCommentView(data).text, aiCommentPending: aiCommentView(data).pending, notice: kept ? RESTORED : '' });
    } catch (error) {
      this.setData({ state: 'error', error: messageOf(error) });
    }
  },

  keep(form: DiaryForm) {
    this.setData({ form, message: '' });
    this.storage().set(this.localKey(), form);
  },

  onField(event: WechatMiniprogram.Input) {
    const field = event.currentTarget.dataset.field as 'title' | 'content' | 'tags';
    this.keep({ ...this.data.form, [field]: event.detail.value });
  },

  onChoice(event: WechatMiniprogram.TouchEvent) {
    const { field, value } = event.currentTarget.dataset as { field: 'mood' | 'weather'; value: string };
    // A second tap on the chosen one clears it.
    this.keep({ ...this.data.form, [field]: this.data.form[field] === value ? '' : value });
  },

  onDate(event: WechatMiniprogram.PickerChange) {
    const before = this.localKey();
    const form = { ...this.data.form, localDate: String(event.detail.value) };
    this.storage().remove(before);
    this.keep(form);
  },

  async save(event: WechatMiniprogram.TouchEvent) {
    if (this.data.saving) return;
    const isDraft = Boolean(event.currentTarget.dataset.draft);
    const { id, isNew, form } = this.data;
    const input = diaryInput(form, { isDraft, isNew });
    if (!input.ok) {
      this.setData({ message: input.message });
      return;
    }
    this.setData({ saving: true, message: '' });
    const api = getApi();
    try {
      const answer = isNew ? await api.diaries.create(input.data) : await api.diaries.update(id, input.data);
      this.storage().remove(this.localKey());
      this.setData({ saving: false });
      const points = answer.data?.pointsAwarded ?? 0;
      toast(isDraft ? '草稿已保存' : points > 0 ? `已发布 +${points} 积分` : '已发布', isDraft ? 'none' : 'success');
      navigateBack();
    } catch (error) {
      this.setData({ saving: false });
      if (isNew && isDateTaken(error)) {
        await this.openExisting(form.localDate, existingDiaryId(error));
        return;
      }
      this.setData({ message: messageOf(error) });
    }
  },

  /**
   * The date already has a diary: the 409 names it (or it is found in its month: one per date, so one
   * page of 31 holds it). Edit that one, with what was just typed added to its end (kept on the phone
   * until saved there).
   */
  async openExisting(localDate: string, knownId: string | null) {
    const api = getApi();
    try {
      const existing: Diary | undefined = knownId
        ? diaryOf((await api.diaries.get(knownId)).data ?? {})
        : ((await api.diaries.list({ month: localDate.slice(0, 7), page: 1, pageSize: 31 })).data ?? []).map(diaryOf).find((diary) => diary.localDate === localDate);
      if (!existing) {
        this.setData({ message: '这一天已经有日记了' });
        return;
      }
      this.storage().set(draftStorageKey(localDate, existing.documentId), mergeForms(formOf(existing), this.data.form));
      this.storage().remove(draftStorageKey(localDate));
      toast('这一天已经写过日记，已为你打开');
      redirectTo(`/pages/diary-edit/index?id=${existing.documentId}`);
    } catch (error) {
      this.setData({ message: messageOf(error) });
    }
  },

  async remove() {
    if (!(await confirm('删除日记', '删除后无法恢复，确定删除吗？', '删除'))) return;
    try {
      await getApi().diaries.remove(this.data.id);
      this.storage().remove(this.localKey());
      toast('已删除');
      navigateBack();
    } catch (error) {
      toast(messageOf(error));
    }
  },
});
