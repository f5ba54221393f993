import type { Core } from '@strapi/strapi';
import { stoppers } from './destroy';
import { getService } from './utils/get-service';

/** Wiring of the plugin: the check-in listener (progress), the finishing job. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // finish: the locked finishing job (tests run it by hand, like the other plugins' jobs).
  if (process.env.NODE_ENV !== 'test') getService(strapi, 'finish').schedule();
  // progress: the challenge boards' store, and progress recomputed after every check-in / makeup / undo.
  await getService(strapi, 'board').init();
  stoppers.push(getService(strapi, 'progress').listen());
};
