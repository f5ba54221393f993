import type { Core } from '@strapi/strapi';
import bootstrap, { jobs } from './bootstrap';
import config from './config';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import { getService } from './utils/get-service';

export default {
  register() {},
  bootstrap,
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    jobs.rebuild?.stop();
    clearInterval(jobs.storeWatch);
    await getService(strapi, 'feed').stop();
  },
  config,
  contentTypes: {},
  controllers,
  routes,
  services,
  middlewares: {},
  policies: {},
};

/** The plugin's services by name, for typed `strapi.plugin('leaderboard').service(name)` lookups from outside. */
export type { PluginServices } from './services';
