import type { Core } from '@strapi/strapi';
import type { PluginServices } from './server/src/services';

/**
 * The community plugin's public surface (STYLE 16): the only file code outside the plugin imports.
 * Services are reached through Strapi's registry, typed by the plugin's PluginServices map.
 */
export type CommunityServices = PluginServices;

export const community = <K extends keyof CommunityServices>(strapi: Core.Strapi, name: K): CommunityServices[K] =>
  strapi.plugin('community').service(name) as CommunityServices[K];

export { UIDS as COMMUNITY_UIDS } from './server/src/content-types';
/** The admin permission of the moderators (the 审核员 role): other plugins' moderation routes ask for it too. */
export { MODERATE_ACTION } from './server/src/routes/admin';
/** The signed-in admin of a moderation request, as the audit trail names them. */
export { moderatorOf } from './server/src/utils/moderator';
export type { Moderator } from './server/src/services/decisions';
