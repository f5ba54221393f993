import type { Core } from '@strapi/strapi';
import { scheduleLockedJob } from '../../../../services/jobs';
import { communityConfig, getService } from './utils/get-service';

/** Scheduled jobs of this plugin, stopped on destroy. */
export const jobs: { reconcileCounters?: { stop(): void } } = {};

/** Like / comment / reply counters recounted from their rows (services/counters.ts), on one instance at a time. */
export const reconcileCountersJob = (strapi: Core.Strapi) => ({
  name: 'community:reconcile-counters',
  cron: communityConfig(strapi).reconcileCron,
  lockSeconds: 30 * 60,
  run: () => getService(strapi, 'counters').reconcile(),
});

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  if (process.env.NODE_ENV !== 'test') jobs.reconcileCounters = scheduleLockedJob(strapi, reconcileCountersJob(strapi));
};
