import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // Seed 003's recovery timeline, created once (found by title): editors may change or add to it in the admin.
  await getService(strapi, 'report').seedMilestones();
};
