import type { Core } from '@strapi/strapi';
import { scheduleLockedJob } from '../../../../services/jobs';
import { TABLES } from './content-types';
import { stoppers } from './destroy';
import { getService, remindersConfig } from './utils/get-service';
import { watchSources } from './sources';

/**
 * Wiring: the admin permissions, the slot index kept in step with habits and users (lifecycles, whoever
 * writes: the app, the admin panel, a challenge join), the events that send at once (an order shipped, a post
 * reviewed), and the minute job behind the lock.
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read reminder stats', uid: 'read', pluginName: 'reminders' },
    { section: 'plugins', displayName: 'Send test reminders', uid: 'test', pluginName: 'reminders' },
  ]);
  watchSources(strapi);

  // A database from before this plugin (or restored without the derived table): derive the slots once.
  const [{ n: slots }] = await strapi.db.connection(TABLES.slots).count({ n: '*' });
  if (Number(slots) === 0) {
    const [{ n: habits }] = await strapi.db.connection(TABLES.habits).where({ reminder_enabled: true }).count({ n: '*' });
    if (Number(habits) > 0) strapi.log.info(`[reminders] derived ${await getService(strapi, 'slots').rebuildAll()} reminder slots from the habits`);
  }

  const config = remindersConfig(strapi);
  assertSweepOutlastsSends(config.staleSendingSeconds, Number(strapi.config.get('plugin::wechat.timeoutMs', 5000)));
  if (config.scheduler) {
    const task = scheduleLockedJob(strapi, {
      name: 'reminders-minute',
      cron: config.cron,
      lockSeconds: config.lockSeconds,
      run: () => getService(strapi, 'scheduler').run(),
    });
    const prune = scheduleLockedJob(strapi, {
      name: 'reminders-prune',
      cron: '17 3 * * *',
      lockSeconds: 600,
      run: () => getService(strapi, 'sender').prune(),
    });
    stoppers.push(() => task.stop(), () => prune.stop());
  }
};

/**
 * A live send may take a token fetch, the send, WeChat's one retry of -1 and a resend after a refused token: up
 * to SEND_TIMEOUTS timeouts. The sweep takes a row `sending` for longer than staleSendingSeconds for one whose
 * instance died; were that shorter, it would mark sends still under way (and the message might arrive anyway).
 */
const SEND_TIMEOUTS = 5;
export const assertSweepOutlastsSends = (staleSendingSeconds: number, wechatTimeoutMs: number) => {
  const needed = Math.ceil((SEND_TIMEOUTS * wechatTimeoutMs) / 1000);
  if (staleSendingSeconds < needed) {
    throw new Error(
      `[reminders] REMINDERS_STALE_SENDING_SECONDS is ${staleSendingSeconds} s but a send may take ${needed} s (${SEND_TIMEOUTS} x WECHAT_TIMEOUT_MS ${wechatTimeoutMs} ms): raise it or lower the timeout`,
    );
  }
};
