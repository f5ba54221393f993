import { NetworkError } from '../platform/types';

export { NetworkError };

/**
 * A failure the server answered, from Strapi's envelope `{ data: null, error: { status, name, message,
 * details } }`. `message` is written for people (show it); act on `status` and `details.reason`.
 */
export class ApiError extends Error {
  readonly status: number;
  /** Strapi's error name: ValidationError, NotFoundError, ConflictError, ForbiddenError ... */
  readonly errorName: string;
  readonly details: Record<string, unknown>;
  /** Seconds the server asked us to wait (429 Retry-After), when it said. */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, errorName: string, message: string, details: Record<string, unknown> = {}, retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errorName = errorName;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** `details.reason` when the server gave one (day_passed, no_cards, membership_required ...). */
  get reason(): string | undefined {
    return typeof this.details.reason === 'string' ? this.details.reason : undefined;
  }

  /** 409: the thing is already done (checked in today, code already used ...). */
  get alreadyDone(): boolean {
    return this.status === 409;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const DEFAULT_MESSAGES: Record<number, string> = {
  400: '请求有误',
  401: '请重新登录',
  403: '没有权限',
  404: '内容不存在',
  409: '已经完成了',
  429: '操作太频繁，请稍后再试',
  500: '服务器出错了，请稍后再试',
  502: '服务暂时不可用，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
};

/** Seconds from a Retry-After header (seconds or an HTTP date), or from details.retryAfterSeconds. */
export const retryAfterSecondsOf = (headers: Record<string, string>, details: Record<string, unknown>, now: Date): number | null => {
  const header = headers['retry-after'];
  if (header !== undefined && header.trim() !== '') {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds;
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
  }
  const fromDetails = details.retryAfterSeconds;
  return typeof fromDetails === 'number' && Number.isFinite(fromDetails) && fromDetails >= 0 ? fromDetails : null;
};

/**
 * The ApiError of a non-2xx answer. A body that is not Strapi's envelope (a proxy's HTML page, an empty
 * 502) still becomes an ApiError with the status and a generic message.
 */
export const apiErrorFrom = (status: number, headers: Record<string, string>, body: unknown, now: Date = new Date()): ApiError => {
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : null;
  const details = envelope && isRecord(envelope.details) ? envelope.details : {};
  const message =
    envelope && typeof envelope.message === 'string' && envelope.message !== ''
      ? envelope.message
      : DEFAULT_MESSAGES[status] ?? (status >= 500 ? DEFAULT_MESSAGES[500] : `请求失败 (${status})`);
  const name = envelope && typeof envelope.name === 'string' ? envelope.name : `HTTP${status}`;
  const code = envelope && typeof envelope.status === 'number' ? envelope.status : status;
  return new ApiError(code, name, message, details, retryAfterSecondsOf(headers, details, now));
};

/** What to show a person for any failure of a call. */
export const messageFor = (error: unknown): string => {
  if (error instanceof NetworkError) return '网络不可用，请检查网络后重试';
  if (error instanceof ApiError) return error.message;
  return '出错了，请稍后再试';
};
