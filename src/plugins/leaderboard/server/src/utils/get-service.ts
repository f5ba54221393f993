import type { Core } from '@strapi/strapi';
import type { PluginServices } from '../services';

export const PLUGIN_ID = 'leaderboard';

export const getService = <K extends keyof PluginServices>(strapi: Core.Strapi, name: K): PluginServices[K] =>
  strapi.plugin(PLUGIN_ID).service(name) as PluginServices[K];
