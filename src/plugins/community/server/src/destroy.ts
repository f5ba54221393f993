import type { Core } from '@strapi/strapi';
import { jobs, viewFlushJob } from './bootstrap';

export default async ({ strapi: _strapi }: { strapi: Core.Strapi }) => {
  jobs.reconcileCounters?.stop();
  jobs.reconcileCounters = undefined;
  viewFlushJob.task?.stop();
  viewFlushJob.task = undefined;
};
