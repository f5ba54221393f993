import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';

/**
 * WeChat Pay's settings from the environment (../../../WXPAY.md). All of mchid, appid, the merchant key and
 * its serial, the APIv3 key, and a way to check WeChat Pay's signatures (its public key with its id, and/or
 * platform certificates, configured or downloaded) are needed; with any missing WeChat Pay is off (checkouts
 * by WeChat Pay answer 503, points orders work), and a partial setup is named in the log rather than
 * failing at boot or at the first payment. Keys are parsed here, so a bad PEM is a problem, not a crash.
 * Messages name variables, never their values.
 */
type Env = Record<string, string | undefined>;

const pemOrPath = (env: Env, name: string, problems: string[]): string | undefined => {
  const inline = env[name];
  if (inline) return inline.replace(/\\n/g, '\n');
  const file = env[`${name}_PATH`];
  if (!file) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    problems.push(`${name}_PATH: cannot read ${file}`);
    return undefined;
  }
};

const parses = (read: (pem: string) => unknown) => (pem: string) => {
  try {
    read(pem);
    return true;
  } catch {
    return false;
  }
};

export const wxPayEnvSchema = z
  .object({
    mchId: z.string({ required_error: 'WECHATPAY_MCH_ID is missing' }).regex(/^\d{8,12}$/, 'WECHATPAY_MCH_ID: the merchant number (digits)'),
    appId: z.string({ required_error: 'WECHATPAY_APP_ID (or WECHAT_APP_ID) is missing' }).regex(/^wx[0-9A-Za-z]{16}$/, 'WECHATPAY_APP_ID (or WECHAT_APP_ID): the mini-program appid'),
    merchantSerialNo: z.string({ required_error: 'WECHATPAY_SERIAL_NO is missing' }).regex(/^[0-9A-Fa-f]{8,64}$/, 'WECHATPAY_SERIAL_NO: the merchant certificate serial (hex)'),
    merchantPrivateKey: z
      .string({ required_error: 'WECHATPAY_PRIVATE_KEY or WECHATPAY_PRIVATE_KEY_PATH is missing' })
      .refine(parses((pem) => crypto.createPrivateKey(pem)), 'WECHATPAY_PRIVATE_KEY(_PATH): not a private key PEM (apiclient_key.pem)'),
    apiV3Key: z.string({ required_error: 'WECHATPAY_API_V3_KEY is missing' }).refine((key) => Buffer.byteLength(key, 'utf8') === 32, 'WECHATPAY_API_V3_KEY: 32 characters'),
    baseUrl: z.string().url('WECHATPAY_BASE_URL: a URL'),
    notifyUrl: z.string().url('WECHATPAY_NOTIFY_URL: an https URL WeChat Pay can reach').optional(),
    timeoutMs: z.number({ invalid_type_error: 'WECHATPAY_TIMEOUT_MS: milliseconds' }).int('WECHATPAY_TIMEOUT_MS: milliseconds').min(500).max(30_000),
    publicKey: z
      .object({
        id: z.string({ required_error: 'WECHATPAY_PUBLIC_KEY_ID is missing (PUB_KEY_ID_…)' }).startsWith('PUB_KEY_ID_', 'WECHATPAY_PUBLIC_KEY_ID: PUB_KEY_ID_…'),
        pem: z.string().refine(parses((pem) => crypto.createPublicKey(pem)), 'WECHATPAY_PUBLIC_KEY(_PATH): not a public key PEM (pub_key.pem)'),
      })
      .optional(),
    platformCertificates: z.array(z.string().refine(parses((pem) => new crypto.X509Certificate(pem)), 'WECHATPAY_PLATFORM_CERT(_PATH): not a certificate PEM')).default([]),
    fetchCertificates: z.boolean(),
  })
  .refine((settings) => settings.publicKey || settings.platformCertificates.length > 0 || settings.fetchCertificates, {
    message: 'WeChat Pay signatures cannot be checked: set WECHATPAY_PUBLIC_KEY + WECHATPAY_PUBLIC_KEY_ID, or WECHATPAY_PLATFORM_CERT, or allow the certificate download',
  });
export type WxPayEnv = z.infer<typeof wxPayEnvSchema>;

/** The settings, `missing` when WeChat Pay is not configured at all, or the problems of a partial setup. */
export const wxPayEnvFrom = (env: Env): { settings: WxPayEnv } | { missing: true } | { problems: string[] } => {
  if (!env.WECHATPAY_MCH_ID) return { missing: true };
  const problems: string[] = [];
  const publicKeyPem = pemOrPath(env, 'WECHATPAY_PUBLIC_KEY', problems);
  const certificate = pemOrPath(env, 'WECHATPAY_PLATFORM_CERT', problems);
  const parsed = wxPayEnvSchema.safeParse({
    mchId: env.WECHATPAY_MCH_ID,
    appId: env.WECHATPAY_APP_ID || env.WECHAT_APP_ID,
    merchantSerialNo: env.WECHATPAY_SERIAL_NO,
    merchantPrivateKey: pemOrPath(env, 'WECHATPAY_PRIVATE_KEY', problems),
    apiV3Key: env.WECHATPAY_API_V3_KEY,
    baseUrl: env.WECHATPAY_BASE_URL || 'https://api.mch.weixin.qq.com',
    notifyUrl: env.WECHATPAY_NOTIFY_URL || undefined,
    timeoutMs: Number(env.WECHATPAY_TIMEOUT_MS || 5000),
    publicKey: publicKeyPem ? { id: env.WECHATPAY_PUBLIC_KEY_ID, pem: publicKeyPem } : undefined,
    platformCertificates: certificate ? [certificate] : [],
    // Without the public key, the platform certificates are downloaded (and again when a new serial shows).
    fetchCertificates: !publicKeyPem || env.WECHATPAY_FETCH_CERTIFICATES === 'true',
  });
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => issue.message));
  if (problems.length > 0 || !parsed.success) return { problems };
  return { settings: parsed.data };
};

/**
 * The brief's shape of the same: `{ configured: true, config }` (notifyUrl from WECHATPAY_NOTIFY_URL, which
 * the caller may replace) or `{ configured: false, problems }` (empty problems: nothing set at all).
 */
export const wxPayConfigFromEnv = (
  env: Env,
): { configured: true; config: WxPayEnv & { notifyUrl: string } } | { configured: false; problems: string[] } => {
  const found = wxPayEnvFrom(env);
  if ('missing' in found) return { configured: false, problems: [] };
  if ('problems' in found) return { configured: false, problems: found.problems };
  return { configured: true, config: { ...found.settings, notifyUrl: found.settings.notifyUrl ?? '' } };
};
