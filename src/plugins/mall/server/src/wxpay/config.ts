import fs from 'node:fs';
import { z } from 'zod';

/**
 * WeChat Pay's settings from the environment (WXPAY.md). All of mchid, appid, the merchant key and its serial,
 * the APIv3 key, and a way to check WeChat Pay's signatures (its public key with its id, and/or platform
 * certificates) are needed; with any missing WeChat Pay is off (checkouts by WeChat Pay answer 503, points
 * orders work), and a partial setup is named in the log rather than failing at the first payment.
 */
const pemOrPath = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const inline = env[name];
  if (inline) return inline.replace(/\\n/g, '\n');
  const file = env[`${name}_PATH`];
  return file ? fs.readFileSync(file, 'utf8') : undefined;
};

export const wxPayEnvSchema = z.object({
  mchId: z.string().regex(/^\d{8,12}$/, 'WECHATPAY_MCH_ID: the merchant number (digits)'),
  appId: z.string().regex(/^wx[0-9A-Za-z]{16}$/, 'WECHATPAY_APP_ID (or WECHAT_APP_ID): the mini-program appid'),
  merchantSerialNo: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, 'WECHATPAY_SERIAL_NO: the merchant certificate serial'),
  merchantPrivateKey: z.string().includes('PRIVATE KEY', { message: 'WECHATPAY_PRIVATE_KEY(_PATH): the merchant private key PEM' }),
  apiV3Key: z.string().length(32, 'WECHATPAY_API_V3_KEY: 32 characters'),
  baseUrl: z.string().url(),
  timeoutMs: z.number().int().min(500).max(30_000),
  publicKey: z.object({ id: z.string().startsWith('PUB_KEY_ID_'), pem: z.string().includes('PUBLIC KEY') }).optional(),
  platformCertificates: z.array(z.string().includes('CERTIFICATE')).default([]),
  fetchCertificates: z.boolean(),
});
export type WxPayEnv = z.infer<typeof wxPayEnvSchema>;

/** The settings, `null` when WeChat Pay is not configured at all, or the problems of a partial setup. */
export const wxPayEnvFrom = (env: NodeJS.ProcessEnv): { settings: WxPayEnv } | { missing: true } | { problems: string[] } => {
  if (!env.WECHATPAY_MCH_ID) return { missing: true };
  const publicKeyPem = pemOrPath(env, 'WECHATPAY_PUBLIC_KEY');
  const certificate = pemOrPath(env, 'WECHATPAY_PLATFORM_CERT');
  const parsed = wxPayEnvSchema.safeParse({
    mchId: env.WECHATPAY_MCH_ID,
    appId: env.WECHATPAY_APP_ID || env.WECHAT_APP_ID,
    merchantSerialNo: env.WECHATPAY_SERIAL_NO,
    merchantPrivateKey: pemOrPath(env, 'WECHATPAY_PRIVATE_KEY'),
    apiV3Key: env.WECHATPAY_API_V3_KEY,
    baseUrl: env.WECHATPAY_BASE_URL || 'https://api.mch.weixin.qq.com',
    timeoutMs: Number(env.WECHATPAY_TIMEOUT_MS || 5000),
    publicKey: publicKeyPem ? { id: env.WECHATPAY_PUBLIC_KEY_ID, pem: publicKeyPem } : undefined,
    platformCertificates: certificate ? [certificate] : [],
    // Without the public key, the platform certificates are downloaded (and refreshed when a new serial shows).
    fetchCertificates: !publicKeyPem || env.WECHATPAY_FETCH_CERTIFICATES === 'true',
  });
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => issue.message) };
  return { settings: parsed.data };
};
