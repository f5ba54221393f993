import type { Core } from '@strapi/strapi';

/** Scheduled jobs and listeners of this plugin, stopped when Strapi is destroyed. */
export const stoppers: Array<() => void> = [];

export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => {
  for (const stop of stoppers.splice(0)) stop();
};
