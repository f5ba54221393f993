import type { Core } from '@strapi/strapi';
import type { PluginServices } from '../services';
import type { CommunityConfig } from '../config';

export const PLUGIN_ID = 'community';

export const getService = <K extends keyof PluginServices>(strapi: Core.Strapi, name: K): PluginServices[K] =>
  strapi.plugin(PLUGIN_ID).service(name) as PluginServices[K];

export const communityConfig = (strapi: Core.Strapi): CommunityConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as CommunityConfig;
