import type { Core } from '@strapi/strapi';
import type { PluginServices } from '../services';
import type { ChallengesConfig } from '../config';

export const PLUGIN_ID = 'challenges';

export const getService = <K extends keyof PluginServices>(strapi: Core.Strapi, name: K): PluginServices[K] =>
  strapi.plugin(PLUGIN_ID).service(name) as PluginServices[K];

export const challengesConfig = (strapi: Core.Strapi): ChallengesConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as ChallengesConfig;
