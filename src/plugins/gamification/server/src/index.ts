import bootstrap, { jobs } from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';

export default {
  register() {},
  bootstrap,
  destroy() {
    jobs.expireMemberships?.stop();
  },
  config,
  contentTypes,
  controllers,
  routes,
  services,
  middlewares: {},
  policies: {},
};
