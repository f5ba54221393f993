import cravings from './cravings';
import openapi from './openapi';
import profile from './profile';
import relapses from './relapses';
import report from './report';

const services = { profile, relapses, cravings, report, openapi };

/** name -> service type, so `getService(strapi, 'report')` is checked by the compiler (STYLE 7). */
export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export default services;
