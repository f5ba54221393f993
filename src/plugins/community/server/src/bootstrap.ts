import type { Core } from '@strapi/strapi';
import { serviceUnavailableError } from '../../../../utils/errors';
import { MEDIA_CHECK_EVENT, POST_CREATED_EVENT, type MediaVerdict, type PostCreatedEvent } from './services/media-check';
import { scheduleLockedJob } from '../../../../services/jobs';
import { communityConfig, getService } from './utils/get-service';

/** Scheduled jobs of this plugin, stopped on destroy. */
export const jobs: { reconcileCounters?: { stop(): void } } = {};

/** The view-count flush job of this instance (stopped on destroy). */
export const viewFlushJob: { task?: { stop(): unknown } } = {};

/** Like / comment / reply counters recounted from their rows (services/counters.ts), on one instance at a time. */
export const reconcileCountersJob = (strapi: Core.Strapi) => ({
  name: 'community:reconcile-counters',
  cron: communityConfig(strapi).reconcileCron,
  lockSeconds: 30 * 60,
  run: () => getService(strapi, 'counters').reconcile(),
});

/**
 * Wiring: the moderators' admin permission (the 审核员 Moderator role that holds it is made by the app:
 * src/bootstrap/admin-roles.ts), WeChat's image check of new posts (the posts service
 * emits community.post.created) and its verdicts (the wechat plugin's push endpoint emits wechat.media-check).
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Moderate the community (社区审核)', uid: 'moderate', pluginName: 'community' },
  ]);
  // The habit feed is a board of its own, there from the first boot (idempotent, safe for concurrent boots).
  await getService(strapi, 'posts').ensureHabitFeedBoard();
  if (process.env.NODE_ENV !== 'test') {
    jobs.reconcileCounters = scheduleLockedJob(strapi, reconcileCountersJob(strapi));
    // Views counted in the store are added to the posts by one instance at a time (tests flush by hand).
    viewFlushJob.task = scheduleLockedJob(strapi, {
      name: 'community:flush-views',
      cron: communityConfig(strapi).viewFlushCron,
      lockSeconds: 5 * 60,
      run: () => getService(strapi, 'views').flushViews(),
    });
  }

  strapi.eventHub.on(POST_CREATED_EVENT, async (payload: unknown) => {
    const event = payload as PostCreatedEvent;
    if (!event || !Array.isArray(event.imageFileIds) || event.imageFileIds.length === 0) return;
    // Off the posting request: WeChat is asked once per image.
    setImmediate(() => {
      getService(strapi, 'mediaCheck')
        .submit(event)
        .catch((error: unknown) => strapi.log.error(`[community] image check of post ${event.postId} not submitted: ${error instanceof Error ? error.message : String(error)}`));
    });
  });

  strapi.eventHub.on(MEDIA_CHECK_EVENT, async (payload: unknown) => {
    try {
      await getService(strapi, 'mediaCheck').judge(payload as MediaVerdict);
    } catch (error) {
      if ((error as { status?: number }).status === 503) throw error;
      strapi.log.error(`[community] media check verdict not applied: ${error instanceof Error ? error.message : String(error)}`);
      // WeChat pushes again when the answer is not `success`.
      throw serviceUnavailableError('The verdict could not be applied now; push it again', { reason: 'not_applied' });
    }
  });
};
