import type { Core } from '@strapi/strapi';
import { pluginState } from './state';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  const state = pluginState(strapi);
  await state.purgeTask?.destroy();
  await state.fake?.close();
};

export default destroy;
