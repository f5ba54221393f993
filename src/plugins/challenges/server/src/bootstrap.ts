import type { Core } from '@strapi/strapi';
import { stoppers } from './destroy';
import { getService } from './utils/get-service';

/** Wiring of the plugin: the check-in listener (progress), the finishing job. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // progress: the challenge boards' store, and progress recomputed after every check-in / makeup / undo.
  await getService(strapi, 'board').init();
  stoppers.push(getService(strapi, 'progress').listen());
};
