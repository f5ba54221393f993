import type { ApiClient } from '../client';
import type { ConsentRequest, ReminderSettingsRequest } from '../paths';

/** /api/reminders: consent to WeChat subscribe messages (credits per template) and the reminder settings. */
export const remindersApi = (client: ApiClient) => ({
  subscriptions() {
    return client.request('get', '/api/reminders/subscriptions');
  },
  /** What wx.requestSubscribeMessage answered; the key makes a retried request add nothing twice. */
  recordConsent(body: ConsentRequest, idempotencyKey: string) {
    return client.request('post', '/api/reminders/subscriptions', { body, headers: { 'Idempotency-Key': idempotencyKey } });
  },
  settings() {
    return client.request('get', '/api/reminders/settings');
  },
  saveSettings(body: ReminderSettingsRequest) {
    return client.request('put', '/api/reminders/settings', { body });
  },
});

export type RemindersApi = ReturnType<typeof remindersApi>;
