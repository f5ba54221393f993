import type { Core } from '@strapi/strapi';
import type { DashboardConfig } from '../config';
import type { PluginServices } from '../services';

export const PLUGIN_ID = 'dashboard';

export const getService = <K extends keyof PluginServices>(strapi: Core.Strapi, name: K): PluginServices[K] =>
  strapi.plugin(PLUGIN_ID).service(name) as PluginServices[K];

export const dashboardConfig = (strapi: Core.Strapi): DashboardConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as DashboardConfig;
