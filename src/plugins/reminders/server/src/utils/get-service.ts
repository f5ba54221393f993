import type { Core } from '@strapi/strapi';
import type { RemindersConfig } from '../config';
import type { PluginServices } from '../services';

export const PLUGIN_ID = 'reminders';

export const getService = <K extends keyof PluginServices>(strapi: Core.Strapi, name: K): PluginServices[K] =>
  strapi.plugin(PLUGIN_ID).service(name) as PluginServices[K];

export const remindersConfig = (strapi: Core.Strapi): RemindersConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as RemindersConfig;
