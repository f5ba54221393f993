import type { Core } from '@strapi/strapi';
import type { PluginServices } from '../services';
import type { MallConfig } from '../config';

export const PLUGIN_ID = 'mall';

export const getService = <K extends keyof PluginServices>(strapi: Core.Strapi, name: K): PluginServices[K] =>
  strapi.plugin(PLUGIN_ID).service(name) as PluginServices[K];

export const mallConfig = (strapi: Core.Strapi): MallConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as MallConfig;
