import type { Core } from '@strapi/strapi';

/** Wiring of the plugin: the check-in listener (progress), the finishing job. */
export default async ({ strapi: _strapi }: { strapi: Core.Strapi }) => {};
