import type { Core } from '@strapi/strapi';
import type { PluginServices } from './server/src/services';

/**
 * The quit plugin's public surface (STYLE 16): the only file code outside the plugin imports.
 * The AI coach: `quit(strapi, 'report').contextFor(userId)` (a QuitContext).
 */
export type QuitServices = PluginServices;

export const quit = <K extends keyof QuitServices>(strapi: Core.Strapi, name: K): QuitServices[K] =>
  strapi.plugin('quit').service(name) as QuitServices[K];

export type { QuitContext, QuitReport } from './server/src/services/report';
export { UIDS as QUIT_UIDS } from './server/src/content-types';
