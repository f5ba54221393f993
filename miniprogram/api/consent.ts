import { consentBody } from '../logic/reminders';
import { newIdempotencyKey } from '../logic/mall';
import { requestSubscribe } from '../platform/subscribe';
import { getApi } from './index';
import type { ConsentRequest, ReminderSubscription } from './paths';

/**
 * Asking for reminder consent from a page. WeChat opens its sheet only while a tap is being handled, so a
 * page loads the templates ahead (`loadSubscriptions` in onLoad / onShow) and a tap handler calls
 * `askConsent(ids)` before it awaits anything; the answer is then recorded on the server.
 */
let cached: ReminderSubscription[] = [];

/** The templates and the user's credits (kept for the next tap); the last known list when offline. */
export const loadSubscriptions = async (): Promise<ReminderSubscription[]> => {
  try {
    cached = [...(await getApi().reminders.subscriptions()).data];
  } catch {
    // A reminder prompt is a nicety: without the list, no prompt.
  }
  return cached;
};

export const cachedSubscriptions = (): ReminderSubscription[] => cached;

/**
 * Shows WeChat's sheet for `ids` at once (call it first thing in a tap handler) and records what the user
 * chose. Resolves with what was recorded, or null (nothing asked, the user turned all messages off, WeChat
 * refused, or the server could not be told: the next moment asks again).
 */
export const askConsent = (ids: string[]): Promise<ConsentRequest | null> => {
  if (ids.length === 0) return Promise.resolve(null);
  const asking = requestSubscribe(ids);
  return asking.then(async (outcome) => {
    if (outcome.kind !== 'answered') return null;
    const body = consentBody(ids, outcome.results);
    if (!body) return null;
    try {
      const api = getApi();
      cached = [...(await api.reminders.recordConsent(body, newIdempotencyKey(api.client.platform.now()))).data];
      return body;
    } catch {
      return null;
    }
  });
};
