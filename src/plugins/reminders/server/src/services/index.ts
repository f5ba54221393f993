import admin from './admin';
import notify from './notify';
import openapi from './openapi';
import scheduler from './scheduler';
import sender from './sender';
import settings from './settings';
import slots from './slots';
import subscriptions from './subscriptions';
import templates from './templates';

const services = { templates, subscriptions, settings, slots, scheduler, sender, notify, admin, openapi };

/** name -> service type, so `getService(strapi, 'scheduler')` is checked by the compiler (STYLE 7). */
export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export default services;
