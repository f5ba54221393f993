import dashboard from './dashboard';

const services = { dashboard };

/** name -> service type, so `getService(strapi, 'dashboard')` is checked by the compiler (STYLE 7). */
export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export default services;
