import { errorReason, errorStatus, messageOf } from './load-state';

/**
 * The coach chat's screen state, moved only by what happens: the user sends, the server's streamed events
 * arrive (start, delta, replace, done, error), or the request fails before streaming. Pure, so every path
 * is tested without wx; the page (pages/coach) only renders it.
 *
 * Events (`POST /api/ai/chat` with `Accept: text/event-stream`, one `data: {json}` each):
 * `start { conversationId, messageId }`, `delta { text }` in order, `replace { text }` (the safety check
 * refused the answer: show this instead of what streamed), `done { message, quota }`, `error { status, name,
 * message }` (the answer broke off; what streamed stays, marked unfinished).
 */

export type CoachQuota = { remaining?: number | null; limit?: number | null; unit?: string | null; resetsAt?: string | null; tier?: string | null };

export type CoachEvent =
  | { type: 'start'; conversationId: string; questionId?: string; messageId?: string | number }
  | { type: 'delta'; text: string }
  | { type: 'replace'; text: string }
  | { type: 'done'; message?: { content?: string; status?: string } | null; quota?: CoachQuota | null }
  | { type: 'error'; status?: number; name?: string; message?: string };

export type ChatLine = {
  key: string;
  role: 'user' | 'assistant';
  content: string;
  /** streaming: still arriving; done; cut: broke off mid-way (kept as it was); refused: replaced by the safety check; failed: nothing came. */
  state: 'streaming' | 'done' | 'cut' | 'refused' | 'failed';
  note: string;
};

export type ChatState = {
  conversationId: string | null;
  lines: ChatLine[];
  sending: boolean;
  quota: CoachQuota | null;
  /** A banner above the input: over quota, membership needed, the coach unavailable. */
  banner: string;
  /** What the banner's button does, if it has one. */
  action: 'membership' | null;
};

export const emptyChat = (conversationId: string | null = null): ChatState => ({ conversationId, lines: [], sending: false, quota: null, banner: '', action: null });

const MAX_MESSAGE_LENGTH = 500;

/** What the input may send: trimmed, not empty, within the server's limit; else why not. */
export const checkDraft = (draft: string): { ok: true; text: string } | { ok: false; reason: string } => {
  const text = draft.trim();
  if (text === '') return { ok: false, reason: '先说点什么吧' };
  if (Array.from(text).length > MAX_MESSAGE_LENGTH) return { ok: false, reason: `一次最多 ${MAX_MESSAGE_LENGTH} 个字` };
  return { ok: true, text };
};

let sequence = 0;
const nextKey = (role: string) => `${role}-${Date.now().toString(36)}-${(sequence += 1)}`;

/** The user's turn shown at once, and an empty coach turn that the stream fills. */
export const startSending = (state: ChatState, text: string): ChatState => ({
  ...state,
  sending: true,
  banner: '',
  action: null,
  lines: [...state.lines, { key: nextKey('user'), role: 'user', content: text, state: 'done', note: '' }, { key: nextKey('assistant'), role: 'assistant', content: '', state: 'streaming', note: '' }],
});

const updateLast = (state: ChatState, change: (line: ChatLine) => ChatLine): ChatState => {
  const lines = state.lines.slice();
  const i = lines.length - 1;
  if (i < 0 || lines[i].role !== 'assistant') return state;
  lines[i] = change(lines[i]);
  return { ...state, lines };
};

export const applyEvent = (state: ChatState, event: CoachEvent): ChatState => {
  switch (event.type) {
    case 'start':
      return { ...state, conversationId: event.conversationId ?? state.conversationId };
    case 'delta':
      return updateLast(state, (line) => ({ ...line, content: line.content + event.text }));
    case 'replace':
      return updateLast(state, (line) => ({ ...line, content: event.text, state: 'refused', note: '这条回答未通过内容安全检查，已替换' }));
    case 'done': {
      const next = updateLast(state, (line) => {
        const content = line.state === 'refused' ? line.content : event.message?.content ?? line.content;
        return { ...line, content, state: line.state === 'refused' ? 'refused' : 'done' };
      });
      return { ...next, sending: false, quota: event.quota ?? state.quota };
    }
    case 'error': {
      const next = updateLast(state, (line) =>
        line.content === ''
          ? { ...line, content: '教练暂时没有回应，请稍后再试', state: 'failed', note: '' }
          : { ...line, state: 'cut', note: '回答中断了，以上是已收到的部分' },
      );
      return { ...next, sending: false, banner: event.message ? messageOf({ status: event.status ?? 503, message: event.message }) : '' };
    }
    default:
      return state;
  }
};

/** The request failed before any event: take the empty coach turn back and say why on the banner. */
export const failSending = (state: ChatState, error: unknown): ChatState => {
  const lines = state.lines.slice();
  const last = lines[lines.length - 1];
  if (last && last.role === 'assistant' && last.state === 'streaming' && last.content === '') lines.pop();
  const status = errorStatus(error);
  const reason = errorReason(error);
  let banner = messageOf(error);
  let action: ChatState['action'] = null;
  if (status === 429 && reason !== 'rate_limited') banner = `今日 AI 额度已用完${resetText(error)}`;
  if (status === 403) {
    banner = messageOf(error) || '开通会员后即可与 AI 教练对话';
    action = 'membership';
  }
  return { ...state, lines, sending: false, banner, action };
};

const resetText = (error: unknown): string => {
  const details = (typeof error === 'object' && error !== null ? (error as { details?: Record<string, unknown> }).details : undefined) ?? {};
  const at = typeof details.resetsAt === 'string' ? new Date(details.resetsAt) : null;
  if (!at || Number.isNaN(at.getTime())) return '';
  const hh = String(at.getHours()).padStart(2, '0');
  const mm = String(at.getMinutes()).padStart(2, '0');
  return `，${hh}:${mm} 后恢复`;
};

/** The quota line under the input. */
export const quotaLine = (quota: CoachQuota | null): string => {
  if (!quota) return '';
  if (quota.remaining === null || quota.remaining === undefined) return '';
  const unit = quota.unit === 'messages' ? '条' : quota.unit === 'tokens' ? ' tokens' : '';
  const limit = quota.limit === null || quota.limit === undefined ? '' : ` / ${quota.limit}${unit}`;
  return `今日剩余 ${quota.remaining}${limit === '' ? unit : limit}`;
};

/** Stored turns (GET /api/ai/conversations/{id}/messages) as the chat's lines. */
export const linesFromTurns = (turns: ReadonlyArray<{ id: string; role: 'user' | 'assistant'; content: string; status: string }>): ChatLine[] =>
  turns.map((turn) => ({
    key: `turn-${turn.id}`,
    role: turn.role,
    content: turn.content,
    state: turn.status === 'partial' ? 'cut' : turn.status === 'refused' ? 'refused' : turn.status === 'failed' ? 'failed' : 'done',
    note: turn.status === 'partial' ? '回答中断了，以上是已收到的部分' : '',
  }));
