import { NotificationRefused, PayUnavailable } from '../services/pay-port';

/**
 * The WeChat Pay client's typed failures. None of them ever carries the merchant key, the APIv3 key or a
 * request body: only WeChat Pay's code and message, or the reason a signature was refused.
 */

/** WeChat Pay refused the request (4xx with `{ code, message }`): PARAM_ERROR, ORDERPAID, NOT_ENOUGH ... */
export class WxPayError extends Error {
  /** WeChat Pay's own words (`message` adds the status and code for logs). */
  readonly wxMessage: string;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`WeChat Pay ${status} ${code}: ${message}`);
    this.name = 'WxPayError';
    this.wxMessage = message;
  }
}

export type WxPayUnavailableReason = 'timeout' | 'network' | 'server_error' | 'unverified_answer';

/**
 * WeChat Pay could not be reached, timed out, failed on its side (5xx, 429 FREQUENCY_LIMITED), or answered
 * without a valid signature. A PayUnavailable, so the mall answers 503; `status` and `code` say what
 * WeChat Pay said when it said something.
 */
export class WxPayUnavailable extends PayUnavailable {
  constructor(
    readonly reason: WxPayUnavailableReason,
    readonly status: number | null = null,
    readonly code: string | null = null,
    detail = status === null ? reason : `${status} ${code ?? ''}`.trim(),
  ) {
    super(detail);
    this.name = 'WxPayUnavailable';
  }
}

/** Why a notification (or an answer) was not believed. */
export type NotificationFailure = 'bad_signature' | 'stale' | 'unknown_serial' | 'decrypt_failed' | 'malformed';

const STATUS: Record<NotificationFailure, 400 | 401> = {
  bad_signature: 401,
  stale: 401,
  unknown_serial: 401,
  decrypt_failed: 400,
  malformed: 400,
};

/**
 * A refused notification: a NotificationRefused (what the notify route catches) with a typed `failure`.
 * WeChat Pay treats any non-2xx as "not received" and retries.
 */
export class WxPayNotificationError extends NotificationRefused {
  constructor(readonly failure: NotificationFailure) {
    super(STATUS[failure], failure);
    this.name = 'WxPayNotificationError';
  }
}

/** The body WeChat Pay expects with a 4xx/5xx answer to a notification it should send again. */
export const notificationFailureBody = (reason: string): { code: 'FAIL'; message: string } => ({ code: 'FAIL', message: reason });
