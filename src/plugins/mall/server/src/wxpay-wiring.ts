import type { Core } from '@strapi/strapi';
import { startFakeWxPayServer } from './fake/fake-wxpay-server';
import { createWxPayClient } from './wxpay/client';
import { wxPayEnvFrom } from './wxpay/config';
import { getService } from './utils/get-service';

const FAKE_APP_ID = 'wx0000000000fake00';

/**
 * Connects the payments service to WeChat Pay: the fake WeChat Pay server (started in-process, with keys it
 * generates) in WECHAT_MODE=fake, else the real API when WECHATPAY_* is configured, else nothing (WeChat Pay
 * checkouts answer 503; points orders work). Notifications are addressed to WECHATPAY_NOTIFY_BASE, else
 * PUBLIC_URL, else this server on 127.0.0.1, read at each prepay (tests listen on a port chosen late).
 * Returns what stops it.
 */
export const connectWeChatPay = async (strapi: Core.Strapi): Promise<(() => Promise<void>) | null> => {
  const payments = getService(strapi, 'payments');
  const base = () =>
    String(
      strapi.config.get('plugin::mall.notifyBase') || strapi.config.get('server.url') || `http://127.0.0.1:${strapi.config.get('server.port', 1337)}`,
    ).replace(/\/$/, '');
  const notifyUrl = () => `${base()}/api/mall/wxpay/notify`;
  const refundNotifyUrl = () => `${base()}/api/mall/wxpay/refund-notify`;

  if (strapi.config.get('plugin::wechat.mode') === 'fake') {
    const fake = await startFakeWxPayServer({ appId: String(strapi.config.get('plugin::wechat.appId') || FAKE_APP_ID) });
    const client = createWxPayClient({
      mchId: fake.mchId, appId: fake.appId, merchantSerialNo: fake.merchant.serialNo, merchantPrivateKey: fake.merchant.privateKeyPem,
      apiV3Key: fake.apiV3Key, baseUrl: fake.url, notifyUrl, refundNotifyUrl, timeoutMs: 5000,
      publicKey: fake.publicKey, platformCertificates: [fake.platformCertificatePem],
    });
    payments.use(client, { payAndWait: async (outTradeNo) => { await fake.pay(outTradeNo); } }, fake);
    strapi.log.info(`[mall] WECHAT_MODE=fake: fake WeChat Pay at ${fake.url}; POST /api/orders/{orderNo}/fake-pay has its buyer pay`);
    return () => fake.close();
  }

  const found = wxPayEnvFrom(process.env);
  if ('missing' in found) {
    strapi.log.info('[mall] WeChat Pay is not configured (WECHATPAY_MCH_ID ...): orders can be paid with points only');
    return null;
  }
  if ('problems' in found) {
    strapi.log.warn(`[mall] WeChat Pay is not usable: ${found.problems.join('; ')}`);
    return null;
  }
  payments.use(createWxPayClient({ ...found.settings, notifyUrl, refundNotifyUrl, maxAgeSeconds: 300 }));
  return null;
};
