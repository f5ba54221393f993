import type { Core } from '@strapi/strapi';

/**
 * Connects the payments service to WeChat Pay: the real API when WECHATPAY_* is configured, the fake
 * WeChat Pay server in WECHAT_MODE=fake, else nothing (WeChat Pay checkouts answer 503; points work).
 * Returns what stops it. (Filled in when the WeChat Pay client lands: mall-wxpay branch.)
 */
export const connectWeChatPay = async (_strapi: Core.Strapi): Promise<(() => Promise<void>) | null> => null;
