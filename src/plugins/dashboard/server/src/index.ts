import bootstrap from './bootstrap';
import config from './config';
import controllers from './controllers';
import destroy from './destroy';
import register from './register';
import routes from './routes';
import services from './services';

export default { register, bootstrap, destroy, config, controllers, routes, services };

/** The plugin's services by name, for typed `strapi.plugin('dashboard').service(name)` lookups. */
export type { PluginServices } from './services';
