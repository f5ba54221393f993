import type { Core } from '@strapi/strapi';
import type { PluginServices } from './server/src/services';

/**
 * The wechat plugin's public surface (STYLE 16): the typed service lookup and the client's errors.
 * The reminders: `wechat(strapi, 'wechatApi').sendSubscribeMessage(...)`.
 */
export type WeChatServices = PluginServices;

export const wechat = <K extends keyof WeChatServices>(strapi: Core.Strapi, name: K): WeChatServices[K] =>
  strapi.plugin('wechat').service(name) as WeChatServices[K];

export { NO_ANSWER, WeChatApiError, WeChatUnavailableError } from './server/src/services/wechat-api';
