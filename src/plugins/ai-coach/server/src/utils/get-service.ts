import type { Core } from '@strapi/strapi';
import type { AiCoachConfig } from '../config';
import type { PluginServices } from '../services';

export const PLUGIN_ID = 'ai-coach';

export const getService = <K extends keyof PluginServices>(strapi: Core.Strapi, name: K): PluginServices[K] =>
  strapi.plugin(PLUGIN_ID).service(name) as PluginServices[K];

export const aiCoachConfig = (strapi: Core.Strapi): AiCoachConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as AiCoachConfig;
