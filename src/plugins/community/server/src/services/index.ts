import boards from './boards';
import gate from './gate';
import limits from './limits';
import notifications from './notifications';
import openapi from './openapi';

const services = { boards, gate, limits, notifications, openapi };

/** name -> service type, so `getService(strapi, 'boards')` is checked by the compiler (STYLE 7). */
export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export default services;
