import type { Core } from '@strapi/strapi';

/** What bootstrap started and destroy stops (the minute job). */
export const stoppers: Array<() => unknown> = [];

export default async (_: { strapi: Core.Strapi }) => {
  while (stoppers.length > 0) await stoppers.pop()?.();
};
