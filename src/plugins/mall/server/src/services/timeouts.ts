import type { Core } from '@strapi/strapi';
import type { ScheduledTask } from 'node-cron';
import { gamification } from '../../../../gamification/public';
import { scheduleLockedJob } from '../../../../../services/jobs';
import * as SQL from '../statements';
import { getService, mallConfig } from '../utils/get-service';

/**
 * The mall's locked job (one instance runs it each minute): unpaid orders past their deadline are cancelled
 * (WeChat Pay's order closed first, or its payment found and applied: the payment wins), shipped orders
 * complete by themselves after autoCompleteDays, refunds still processing are asked about, and the products'
 * copy of their SKUs' sales is brought up to date.
 * Better than a delay message alone: a sweep over the database cannot lose a deadline while the app is down.
 */
const timeoutsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => gamification(strapi, 'clock');
  const sql = () => gamification(strapi, 'sql');

  const service = {
    /** One pass; answers what it did (the tests and the admin call it directly). */
    async run(limit = 100) {
      const now = clock().now();
      const outcome = { cancelled: 0, paid: 0, failed: 0, completed: 0, refunds: { checked: 0, settled: 0 } };
      for (const { order_no: orderNo } of await sql().rows<{ order_no: string }>(SQL.EXPIRED_ORDERS, [now, limit])) {
        try {
          await getService(strapi, 'payments').cancel(orderNo, { type: 'system', name: 'timeout' }, `超时未支付，自动取消`);
          outcome.cancelled += 1;
        } catch (error) {
          const reason = (error as { details?: { reason?: string; status?: string } }).details;
          if (reason?.reason === 'invalid_transition') outcome.paid += 1;
          else {
            outcome.failed += 1;
            strapi.log.warn(`[mall] timeout of ${orderNo} not done this round: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }
      const shippedBefore = new Date(now.getTime() - mallConfig(strapi).autoCompleteDays * 86_400_000);
      for (const { order_no: orderNo } of await sql().rows<{ order_no: string }>(SQL.DUE_COMPLETIONS, [shippedBefore, limit])) {
        try {
          await getService(strapi, 'orders').move(orderNo, 'complete', { type: 'system', name: 'auto-complete' }, { reason: '自动确认收货' });
          outcome.completed += 1;
        } catch (error) {
          strapi.log.warn(`[mall] auto-complete of ${orderNo}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (getService(strapi, 'payments').configured()) outcome.refunds = await getService(strapi, 'refunds').sweep();
      await sql().rows(SQL.REFRESH_PRODUCT_SALES, []);
      return outcome;
    },

    schedule(): ScheduledTask {
      return scheduleLockedJob(strapi, { name: 'mall-timeouts', cron: mallConfig(strapi).timeoutCron, lockSeconds: 300, run: () => service.run() });
    },
  };
  return service;
};

export type TimeoutsService = ReturnType<typeof timeoutsService>;
export default timeoutsService;
