import accounts from './accounts';
import dataCipher from './data-cipher';
import openapi from './openapi';
import profile from './profile';
import push from './push';
import rateLimits from './rate-limits';
import refreshTokens from './refresh-tokens';
import wechatApi from './wechat-api';

const services = { accounts, dataCipher, openapi, profile, push, rateLimits, refreshTokens, wechatApi };

/** name -> service type, so `getService(strapi, 'accounts')` is checked by the compiler. */
export type PluginServices = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

export default services;
