/**
 * Writing a post: the form (board, title, text, anonymous, a linked habit), its counters against the
 * server's text limits, up to 9 images uploaded one at a time (each with its progress, a failed one
 * retried or removed by the person), the body sent, and what the answer or the refusal means.
 */
import type { CommunityBoard, CreatedPost, Moderation, NewPost } from '../api/paths';
import { communityError, mutedUntil, riskyField, RISKY_MESSAGE, untilText } from './community';
import { errorStatus } from './load-state';

/**
 * The server's limits (src/plugins/community/server/src/validation/requests.ts TEXT_LIMITS, MAX_IMAGES;
 * a test holds these copies to them). The API document does not carry them: its text fields are parsed
 * through a transform, which the generator cannot describe.
 */
export const TEXT_LIMITS = { title: 60, post: 2000, comment: 500, reportNote: 200 } as const;
export const MAX_IMAGES = 9;

/** As the server counts: \r\n as one newline, the ends trimmed, UTF-16 units (zod's max). */
export const normalizedText = (text: string): string => text.replace(/\r\n?/g, '\n').trim();

export type Counter = { text: string; over: boolean; length: number };

export const counter = (text: string, max: number): Counter => {
  const length = normalizedText(text).length;
  return { text: `${length}/${max}`, over: length > max, length };
};

export type SlotState = 'waiting' | 'uploading' | 'done' | 'failed';

export type ImageSlot = {
  key: string;
  /** The local file (wx.chooseMedia's temp path), shown until uploaded. */
  path: string;
  state: SlotState;
  progress: number;
  /** The stored image's documentId once uploaded. */
  documentId: string;
  error: string;
};

/** Chosen images after those already there, up to 9 in all. */
export const withChosen = (slots: readonly ImageSlot[], paths: readonly string[], keyOf: (index: number) => string): ImageSlot[] => [
  ...slots,
  ...paths.slice(0, Math.max(0, MAX_IMAGES - slots.length)).map((path, i) => ({ key: keyOf(slots.length + i), path, state: 'waiting' as const, progress: 0, documentId: '', error: '' })),
];

/** How many more images may be chosen. */
export const roomForImages = (slots: readonly ImageSlot[]): number => Math.max(0, MAX_IMAGES - slots.length);

/** The next image to send: one at a time, in the order chosen; none while one is on its way. */
export const nextUpload = (slots: readonly ImageSlot[]): ImageSlot | null =>
  slots.some((slot) => slot.state === 'uploading') ? null : slots.find((slot) => slot.state === 'waiting') ?? null;

export const changeSlot = (slots: readonly ImageSlot[], key: string, change: Partial<ImageSlot>): ImageSlot[] =>
  slots.map((slot) => (slot.key === key ? { ...slot, ...change } : slot));

export const uploadStarted = (slots: readonly ImageSlot[], key: string) => changeSlot(slots, key, { state: 'uploading', progress: 0, error: '' });
export const uploadProgress = (slots: readonly ImageSlot[], key: string, percent: number) =>
  changeSlot(slots, key, { progress: Math.max(0, Math.min(100, Math.round(percent))) });
export const uploadDone = (slots: readonly ImageSlot[], key: string, documentId: string) => changeSlot(slots, key, { state: 'done', progress: 100, documentId });
export const uploadFailed = (slots: readonly ImageSlot[], key: string, error: unknown) =>
  changeSlot(slots, key, { state: 'failed', progress: 0, error: communityError(error) });
/** A failed image goes back in line. */
export const retryUpload = (slots: readonly ImageSlot[], key: string) => changeSlot(slots, key, { state: 'waiting', error: '' });
export const withoutSlot = (slots: readonly ImageSlot[], key: string) => slots.filter((slot) => slot.key !== key);

/** What a slot shows over its picture: 上传中 42%, 等待上传, 上传失败 (tap to retry), or nothing. */
export const slotCaption = (slot: ImageSlot): string =>
  ({ waiting: '等待上传', uploading: `${slot.progress}%`, done: '', failed: '上传失败，点击重试' })[slot.state];

export type WriteForm = {
  board: string;
  title: string;
  content: string;
  anonymous: boolean;
  /** documentId of the linked habit, '' for none. */
  habit: string;
};

export const emptyForm = (board = ''): WriteForm => ({ board, title: '', content: '', anonymous: false, habit: '' });

export type FormCheck = {
  title: Counter;
  content: Counter;
  /** Why the post cannot be sent yet ('' when it can). */
  blocker: string;
  canSubmit: boolean;
};

export const checkForm = (form: WriteForm, slots: readonly ImageSlot[], boards: readonly CommunityBoard[]): FormCheck => {
  const title = counter(form.title, TEXT_LIMITS.title);
  const content = counter(form.content, TEXT_LIMITS.post);
  const board = boards.find((each) => each.slug === form.board);
  let blocker = '';
  if (!board) blocker = '请选择版块';
  else if (!board.canPost) blocker = '这个版块不能发帖';
  else if (content.length === 0) blocker = '请写点内容';
  else if (title.over) blocker = `标题最多 ${TEXT_LIMITS.title} 字`;
  else if (content.over) blocker = `正文最多 ${TEXT_LIMITS.post} 字`;
  else if (slots.some((slot) => slot.state === 'waiting' || slot.state === 'uploading')) blocker = '图片上传中…';
  else if (slots.some((slot) => slot.state === 'failed')) blocker = '有图片上传失败：点击重试或删除';
  return { title, content, blocker, canSubmit: blocker === '' };
};

/** POST /api/community/posts's body: only what is set, texts as the server will store them. */
export const postBody = (form: WriteForm, slots: readonly ImageSlot[]): NewPost => {
  const title = normalizedText(form.title);
  const images = slots.filter((slot) => slot.state === 'done').map((slot) => slot.documentId);
  return {
    board: form.board,
    ...(title ? { title } : {}),
    content: normalizedText(form.content),
    ...(images.length > 0 ? { images } : {}),
    ...(form.anonymous ? { anonymous: true } : {}),
    ...(form.habit ? { link: { kind: 'habit' as const, documentId: form.habit } } : {}),
  };
};

export type WriteOutcome = { moderation: Moderation; postDocumentId: string; title: string; text: string };

export const writeOutcome = (answer: CreatedPost): WriteOutcome =>
  answer.meta.moderation === 'published'
    ? { moderation: 'published', postDocumentId: answer.data.documentId, title: '发布成功', text: '' }
    : { moderation: 'pending', postDocumentId: answer.data.documentId, title: '审核中', text: '帖子已提交，审核通过后会出现在版块里，结果会通过消息通知你' };

export type WriteRefusal = {
  /** The message under the form. */
  message: string;
  /** The field WeChat found risky, marked red. */
  field: 'title' | 'content' | '';
  /** A muted person's banner: until when ('' when not muted). */
  mutedUntil: string;
  /** Whether the form may be sent again as it is (network, 429, 5xx): the draft is kept either way. */
  retryable: boolean;
};

export const writeRefusal = (error: unknown): WriteRefusal => {
  const field = riskyField(error);
  const until = mutedUntil(error);
  const status = errorStatus(error);
  return {
    message: field ? `${RISKY_MESSAGE}，请修改${field === 'title' ? '标题' : '正文'}后再发` : communityError(error),
    field,
    mutedUntil: until ? untilText(until) : '',
    retryable: status === 0 || status === 429 || status >= 500,
  };
};
