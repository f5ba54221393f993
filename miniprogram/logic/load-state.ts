/**
 * Loading / empty / error / ready: the four states every page and list shows (components/state-view),
 * and how an API failure reads on screen. Errors are read by shape (status, message, details.reason of
 * the server's envelope, as api/errors.ts's ApiError carries them), so these helpers also take the
 * plain objects tests throw.
 */

export type LoadState = 'loading' | 'empty' | 'error' | 'ready';

export type ErrorLike = { status?: number; message?: string; details?: Record<string, unknown> | null };

const asErrorLike = (error: unknown): ErrorLike => (typeof error === 'object' && error !== null ? (error as ErrorLike) : {});

/** The HTTP status of an API failure; 0 for a network failure or anything else. */
export const errorStatus = (error: unknown): number => {
  const status = asErrorLike(error).status;
  return typeof status === 'number' ? status : 0;
};

/** `details.reason` of the server's envelope (`daily_limit`, `membership_required`, ...), or ''. */
export const errorReason = (error: unknown): string => {
  const reason = asErrorLike(error).details?.reason;
  return typeof reason === 'string' ? reason : '';
};

/**
 * The server's messages often carry the Chinese sentence for users first and an English explanation for
 * developers after it ("今日抽奖次数已用完: at most 5 draws a day", "…即可查看 (the national leaderboard
 * is for …)"). Users see the first part only when there is one.
 */
export const userMessage = (message: string): string => {
  const cut = message.search(/[:：(（]\s*[A-Za-z]/);
  const head = cut > 0 ? message.slice(0, cut).trim() : message.trim();
  return /[\u4e00-\u9fff]/.test(head) ? head : message.trim();
};

export const NETWORK_MESSAGE = '网络不给力，请稍后重试';
export const GENERIC_MESSAGE = '出错了，请稍后再试';

/**
 * What an error view says for any failure: the server's message for an answered request (its Chinese
 * part), the network message when no answer came (api NetworkError, or a bare failure), and a generic
 * one for anything else (a bug should not show its stack to users).
 */
export const messageOf = (error: unknown): string => {
  const { message } = asErrorLike(error);
  if (errorStatus(error) > 0) return message ? userMessage(message) : GENERIC_MESSAGE;
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === 'NetworkError' || !message) return NETWORK_MESSAGE;
  return GENERIC_MESSAGE;
};

/** The state of a screen showing `count` items (or one record: count 1 / 0). */
export const stateOf = (input: { loading: boolean; error: string; count: number }): LoadState => {
  if (input.count > 0) return 'ready';
  if (input.loading) return 'loading';
  if (input.error) return 'error';
  return 'empty';
};
