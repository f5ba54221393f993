import boards from './boards';
import gate from './gate';
import limits from './limits';
import notifications from './notifications';
import openapi from './openapi';
import comments from './comments';
import counters from './counters';
import likes from './likes';

const services = { boards, gate, limits, notifications, openapi, comments, counters, likes };

/** name -> service type, so `getService(strapi, 'boards')` is checked by the compiler (STYLE 7). */
export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export default services;
