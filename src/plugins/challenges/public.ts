import type { Core } from '@strapi/strapi';
import type { PluginServices } from './server/src/services';

/**
 * The challenges plugin's public surface (STYLE 16): the only file code outside the plugin imports.
 */
export type ChallengesServices = PluginServices;

export const challenges = <K extends keyof ChallengesServices>(strapi: Core.Strapi, name: K): ChallengesServices[K] =>
  strapi.plugin('challenges').service(name) as ChallengesServices[K];

export { UIDS as CHALLENGE_UIDS } from './server/src/content-types';
