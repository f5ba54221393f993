import bootstrap from './bootstrap';
import destroy from './destroy';
import register from './register';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import middlewares from './middlewares';
import policies from './policies';

export default {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  controllers,
  routes,
  services,
  middlewares,
  policies,
};

/** The plugin's services by name, for typed `strapi.plugin('wechat').service(name)` lookups from outside. */
export type { PluginServices } from './services';
