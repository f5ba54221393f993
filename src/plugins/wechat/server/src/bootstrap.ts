import type { Core } from '@strapi/strapi';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.log.debug('[wechat] plugin bootstrapped');
};

export default bootstrap;
