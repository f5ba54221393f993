import type { Core } from '@strapi/strapi';
import { scheduleLockedJob } from '../../../../services/jobs';
import { communityConfig, getService } from './utils/get-service';

/** Scheduled jobs of this plugin, stopped on destroy. */
export const jobs: { reconcileCounters?: { stop(): void } } = {};

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // Like / comment / reply counters recounted from their rows, on one instance (the job takes a lock).
  if (process.env.NODE_ENV !== 'test') {
    jobs.reconcileCounters = scheduleLockedJob(strapi, {
      name: 'community:reconcile-counters',
      cron: communityConfig(strapi).reconcileCron,
      lockSeconds: 30 * 60,
      run: () => getService(strapi, 'counters').reconcile(),
    });
  }
};
