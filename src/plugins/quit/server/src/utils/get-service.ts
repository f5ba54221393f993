import type { Core } from '@strapi/strapi';
import type { PluginServices } from '../services';
import type { QuitConfig } from '../config';

export const PLUGIN_ID = 'quit';

export const getService = <K extends keyof PluginServices>(strapi: Core.Strapi, name: K): PluginServices[K] =>
  strapi.plugin(PLUGIN_ID).service(name) as PluginServices[K];

export const quitConfig = (strapi: Core.Strapi): QuitConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as QuitConfig;
