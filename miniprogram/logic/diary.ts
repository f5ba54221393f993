/**
 * Diaries (GET/POST /api/diaries, GET/PUT/DELETE /api/diaries/:id): one per local date, drafts allowed.
 * The list is by month; the editor writes a new diary or edits one, as a draft or published.
 */
import { errorStatus } from './load-state';

export const MOODS = [
  { value: 'happy', label: '开心', icon: '😄' },
  { value: 'excited', label: '兴奋', icon: '🤩' },
  { value: 'calm', label: '平静', icon: '🙂' },
  { value: 'tired', label: '疲惫', icon: '😪' },
  { value: 'sad', label: '难过', icon: '😢' },
  { value: 'angry', label: '生气', icon: '😠' },
  { value: 'anxious', label: '焦虑', icon: '😰' },
] as const;
export const WEATHERS = [
  { value: 'sunny', label: '晴', icon: '☀️' },
  { value: 'cloudy', label: '多云', icon: '⛅' },
  { value: 'overcast', label: '阴', icon: '☁️' },
  { value: 'rainy', label: '雨', icon: '🌧️' },
  { value: 'snowy', label: '雪', icon: '❄️' },
  { value: 'windy', label: '风', icon: '🌬️' },
  { value: 'foggy', label: '雾', icon: '🌫️' },
] as const;
export type Mood = (typeof MOODS)[number]['value'];
export type Weather = (typeof WEATHERS)[number]['value'];

/** A diary as the server sends it (Strapi's flat v5 format). */
export type Diary = {
  documentId: string;
  localDate: string;
  title: string | null;
  content: string | null;
  mood: Mood | null;
  weather: Weather | null;
  tags: string[] | null;
  isDraft: boolean;
  aiComment?: string | null;
  /** The AI coach's comment: pending (being written after a publish), ready, failed, refused; null for a draft. */
  aiCommentStatus?: AiCommentStatus | null;
  pointsAwarded?: number;
};

export type AiCommentStatus = 'pending' | 'ready' | 'failed' | 'refused';

/**
 * A diary as the API document types it: Strapi's generated CRUD schema marks almost every field
 * optional (the server always sends them). Read through `diaryOf`, so the rest of the client has one
 * complete shape.
 */
export type DiaryLike = {
  documentId?: string | null;
  localDate?: string | null;
  title?: string | null;
  content?: string | null;
  mood?: string | null;
  weather?: string | null;
  tags?: unknown;
  isDraft?: boolean | null;
  aiComment?: string | null;
  aiCommentStatus?: string | null;
  pointsAwarded?: number | null;
};

const isMood = (value: unknown): value is Mood => MOODS.some((m) => m.value === value);
const isWeather = (value: unknown): value is Weather => WEATHERS.some((w) => w.value === value);

export const diaryOf = (raw: DiaryLike): Diary => ({
  documentId: raw.documentId ?? '',
  localDate: raw.localDate ?? '',
  title: raw.title ?? null,
  content: raw.content ?? null,
  mood: isMood(raw.mood) ? raw.mood : null,
  weather: isWeather(raw.weather) ? raw.weather : null,
  tags: Array.isArray(raw.tags) ? raw.tags.filter((tag): tag is string => typeof tag === 'string') : null,
  isDraft: raw.isDraft ?? false,
  aiComment: raw.aiComment ?? null,
  aiCommentStatus: (['pending', 'ready', 'failed', 'refused'] as const).find((status) => status === raw.aiCommentStatus) ?? null,
  pointsAwarded: raw.pointsAwarded ?? 0,
});

/** What the diary page says of the AI comment: the comment, or that it is being written; nothing otherwise. */
export const aiCommentView = (diary: Pick<Diary, 'aiComment' | 'aiCommentStatus'>): { text: string; pending: boolean } => {
  if (diary.aiComment) return { text: diary.aiComment, pending: false };
  if (diary.aiCommentStatus === 'pending') return { text: 'AI 老师正在读你的日记，稍后回来看看点评吧', pending: true };
  return { text: '', pending: false };
};

export type DiaryRow = { key: string; documentId: string; dateText: string; weekday: string; title: string; excerpt: string; moodIcon: string; weatherIcon: string; isDraft: boolean };

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export const diaryRow = (diary: Diary): DiaryRow => {
  const text = (diary.content ?? '').replace(/\s+/g, ' ').trim();
  return {
    key: diary.documentId,
    documentId: diary.documentId,
    dateText: `${Number(diary.localDate.slice(5, 7))}月${Number(diary.localDate.slice(8, 10))}日`,
    weekday: WEEKDAY_NAMES[new Date(`${diary.localDate}T00:00:00Z`).getUTCDay()],
    title: diary.title?.trim() || (text ? [...text].slice(0, 16).join('') : '无标题'),
    excerpt: [...text].slice(0, 60).join('') + ([...text].length > 60 ? '…' : ''),
    moodIcon: MOODS.find((m) => m.value === diary.mood)?.icon ?? '',
    weatherIcon: WEATHERS.find((w) => w.value === diary.weather)?.icon ?? '',
    isDraft: diary.isDraft,
  };
};

/** The month before or after `month` (YYYY-MM). */
export const shiftMonth = (month: string, by: number): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

export const monthTitle = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** The editor's form. */
export type DiaryForm = { localDate: string; title: string; content: string; mood: Mood | ''; weather: Weather | ''; tags: string };

export const emptyForm = (localDate: string): DiaryForm => ({ localDate, title: '', content: '', mood: '', weather: '', tags: '' });

export const formOf = (diary: Diary): DiaryForm => ({
  localDate: diary.localDate,
  title: diary.title ?? '',
  content: diary.content ?? '',
  mood: diary.mood ?? '',
  weather: diary.weather ?? '',
  tags: (diary.tags ?? []).join(' '),
});

/** Tags as typed (spaces, commas, #), deduplicated, at most 10 of at most 20 characters. */
export const parseTags = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,，#＃]+/)
      .map((tag) => tag.trim())
      .filter((tag) => tag.length > 0)
      .map((tag) => [...tag].slice(0, 20).join('')),
  ),
].slice(0, 10);

export type DiaryInput = { title: string | null; content: string; mood: Mood | null; weather: Weather | null; tags: string[]; isDraft: boolean; localDate?: string };

/**
 * The `data` of a POST (new: with its date) or PUT (edit: the date is fixed once written). A published
 * diary needs some content; a draft may be anything.
 */
export const diaryInput = (form: DiaryForm, options: { isDraft: boolean; isNew: boolean }): { ok: true; data: DiaryInput } | { ok: false; message: string } => {
  const content = form.content.trim();
  if (!options.isDraft && content.length === 0) return { ok: false, message: '写点什么再发布吧' };
  if ([...form.title].length > 100) return { ok: false, message: '标题最多 100 个字' };
  if (content.length > 20000) return { ok: false, message: '正文最多 20000 个字' };
  const data: DiaryInput = {
    title: form.title.trim() || null,
    content,
    mood: form.mood || null,
    weather: form.weather || null,
    tags: parseTags(form.tags),
    isDraft: options.isDraft,
  };
  return { ok: true, data: options.isNew ? { ...data, localDate: form.localDate } : data };
};

/** A new diary for a date that already has one is refused with 409: the editor opens that one instead. */
export const isDateTaken = (error: unknown): boolean => errorStatus(error) === 409;

/**
 * The diary that holds the date, when the 409 names it (`details.diary.documentId`, reason
 * `diary_exists`); servers without that detail leave the client to find it by month.
 */
export const existingDiaryId = (error: unknown): string | null => {
  const diary = (error as { details?: { diary?: { documentId?: unknown } | null } } | null)?.details?.diary;
  return diary && typeof diary.documentId === 'string' ? diary.documentId : null;
};

/**
 * What was typed for a date that turned out to have a diary, added to that diary: its text after the
 * existing text, its title, mood and weather where the existing one has none, the tags of both.
 */
export const mergeForms = (existing: DiaryForm, typed: DiaryForm): DiaryForm => ({
  localDate: existing.localDate,
  title: existing.title || typed.title,
  content: [existing.content.trim(), typed.content.trim()].filter(Boolean).join('\n\n'),
  mood: existing.mood || typed.mood,
  weather: existing.weather || typed.weather,
  tags: parseTags(`${existing.tags} ${typed.tags}`).join(' '),
});

/** A local copy of the editor's form while it is being written, so a closed page loses nothing. */
export const draftStorageKey = (localDate: string, documentId?: string): string => `diary-draft:${documentId ?? `new:${localDate}`}`;
