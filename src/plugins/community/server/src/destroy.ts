import type { Core } from '@strapi/strapi';
import { viewFlushJob } from './bootstrap';

export default async ({ strapi: _strapi }: { strapi: Core.Strapi }) => {
  viewFlushJob.task?.stop();
  viewFlushJob.task = undefined;
};
