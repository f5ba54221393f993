import type { ConsentResult } from '../api/paths';

/**
 * wx.requestSubscribeMessage: WeChat shows its "allow these messages?" sheet and answers per template id.
 * WeChat runs it only from a user's tap (or a payment callback): call `requestSubscribe` first thing in a tap
 * handler, before anything is awaited (the wx call happens synchronously inside it). At most 3 ids, and
 * one-time and long-term ids never in one call (logic/reminders.ts picks them).
 */
export type SubscribeOutcome =
  /** The user answered (or WeChat answered for them: 'filter' when a template was taken down, 'ban' after "always refuse"). */
  | { kind: 'answered'; results: Record<string, ConsentResult> }
  /** The user turned off all subscription messages in the app's settings (errCode 20004): nothing to ask. */
  | { kind: 'off' }
  /** Not from a tap, a bad id, or anything else (errCode, errMsg kept for the log). */
  | { kind: 'failed'; errCode: number; message: string };

const RESULTS = new Set<string>(['accept', 'reject', 'ban', 'filter']);

export const requestSubscribe = (tmplIds: string[]): Promise<SubscribeOutcome> =>
  new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds,
      success: (res) => {
        const results: Record<string, ConsentResult> = {};
        for (const id of tmplIds) {
          const value = (res as unknown as Record<string, unknown>)[id];
          if (typeof value === 'string' && RESULTS.has(value)) results[id] = value as ConsentResult;
        }
        resolve({ kind: 'answered', results });
      },
      fail: (err) => {
        const errCode = Number((err as { errCode?: number }).errCode ?? 0);
        resolve(errCode === 20004 ? { kind: 'off' } : { kind: 'failed', errCode, message: String(err.errMsg ?? '') });
      },
    } as WechatMiniprogram.RequestSubscribeMessageOption);
  });
