import type { Core } from '@strapi/strapi';
import { stoppers } from './destroy';
import { getService } from './utils/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  stoppers.push(await getService(strapi, 'llm').connect());
};
