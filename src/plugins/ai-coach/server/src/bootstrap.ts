import type { Core } from '@strapi/strapi';
import { scheduleLockedJob } from '../../../../services/jobs';
import { stoppers } from './destroy';
import { aiCoachConfig, getService } from './utils/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  stoppers.push(await getService(strapi, 'llm').connect());
  // Diary comments left by a nudge that never came (a restart) or put back after a failure: one instance a minute.
  const task = scheduleLockedJob(strapi, {
    name: 'ai-coach-diary-comments',
    cron: aiCoachConfig(strapi).diaryComments.cron,
    lockSeconds: 110,
    run: () => getService(strapi, 'diary-comments').runDue(),
  });
  stoppers.push(() => task.stop());
};
