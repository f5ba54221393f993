import type { Core } from '@strapi/strapi';
import { scheduleLockedJob } from '../../../../services/jobs';
import { communityConfig, getService } from './utils/get-service';

/** The view-count flush job of this instance (stopped on destroy). */
export const viewFlushJob: { task?: { stop(): unknown } } = {};

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // The habit feed is a board of its own, there from the first boot (idempotent, safe for concurrent boots).
  await getService(strapi, 'posts').ensureHabitFeedBoard();
  // Views counted in the store are added to the posts by one instance at a time (tests flush by hand).
  if (process.env.NODE_ENV !== 'test') {
    viewFlushJob.task = scheduleLockedJob(strapi, {
      name: 'community:flush-views',
      cron: communityConfig(strapi).viewFlushCron,
      lockSeconds: 5 * 60,
      run: () => getService(strapi, 'views').flushViews(),
    });
  }
};
