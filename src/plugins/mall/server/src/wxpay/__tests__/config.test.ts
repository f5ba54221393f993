import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { selfSignedCertificate } from '../crypto';
import { wxPayConfigFromEnv, wxPayEnvFrom } from '../config';

const merchant = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const wechatPay = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKeyPem = merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const publicKeyPem = wechatPay.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const apiV3Key = crypto.randomBytes(16).toString('hex');

const complete = {
  WECHATPAY_MCH_ID: '1900000109',
  WECHATPAY_APP_ID: 'wx1234567890abcdef',
  WECHATPAY_SERIAL_NO: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  WECHATPAY_PRIVATE_KEY: privateKeyPem.replace(/\n/g, '\\n'),
  WECHATPAY_API_V3_KEY: apiV3Key,
  WECHATPAY_PUBLIC_KEY: publicKeyPem,
  WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0114232134912410000000000000',
};

describe('WeChat Pay settings from the environment', () => {
  it('reads a complete public-key setup, with the PEM given on one line with \\n escapes', () => {
    const found = wxPayConfigFromEnv({ ...complete, WECHATPAY_NOTIFY_URL: 'https://shop.example.com/api/mall/wxpay/notify' });
    if (!found.configured) throw new Error(found.problems.join('; '));
    expect(found.config).toMatchObject({
      mchId: '1900000109', appId: 'wx1234567890abcdef', apiV3Key, baseUrl: 'https://api.mch.weixin.qq.com', timeoutMs: 5000,
      notifyUrl: 'https://shop.example.com/api/mall/wxpay/notify', publicKey: { id: 'PUB_KEY_ID_0114232134912410000000000000' },
      platformCertificates: [], fetchCertificates: false,
    });
    expect(found.config.merchantPrivateKey).toBe(privateKeyPem);
  });

  it('reads keys and a platform certificate from files, the appid from WECHAT_APP_ID, and downloads certificates without a public key', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-'));
    const cert = selfSignedCertificate(crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }), 'Tenpay');
    fs.writeFileSync(path.join(dir, 'apiclient_key.pem'), privateKeyPem);
    fs.writeFileSync(path.join(dir, 'wechatpay.pem'), cert.pem);
    const found = wxPayConfigFromEnv({
      ...complete, WECHATPAY_APP_ID: undefined, WECHAT_APP_ID: 'wxabcdefabcdefabcd', WECHATPAY_PRIVATE_KEY: undefined, WECHATPAY_PUBLIC_KEY: undefined,
      WECHATPAY_PUBLIC_KEY_ID: undefined, WECHATPAY_PRIVATE_KEY_PATH: path.join(dir, 'apiclient_key.pem'),
      WECHATPAY_PLATFORM_CERT_PATH: path.join(dir, 'wechatpay.pem'), WECHATPAY_TIMEOUT_MS: '3000', WECHATPAY_BASE_URL: 'http://127.0.0.1:8080',
    });
    if (!found.configured) throw new Error(found.problems.join('; '));
    expect(found.config).toMatchObject({ appId: 'wxabcdefabcdefabcd', timeoutMs: 3000, baseUrl: 'http://127.0.0.1:8080', platformCertificates: [cert.pem], fetchCertificates: true });
    expect(found.config.publicKey).toBeUndefined();
    fs.rmSync(dir, { recursive: true });
  });

  it('is simply not configured when nothing is set', () => {
    expect(wxPayConfigFromEnv({})).toEqual({ configured: false, problems: [] });
    expect(wxPayEnvFrom({})).toEqual({ missing: true });
  });

  it('names what a partial setup lacks, never a secret, and never throws', () => {
    const found = wxPayConfigFromEnv({ WECHATPAY_MCH_ID: '1900000109', WECHATPAY_API_V3_KEY: 'short-secret-value', WECHATPAY_PRIVATE_KEY_PATH: '/nonexistent/apiclient_key.pem' });
    expect(found.configured).toBe(false);
    const problems = found.configured ? [] : found.problems;
    expect(problems).toEqual(expect.arrayContaining([
      'WECHATPAY_PRIVATE_KEY_PATH: cannot read /nonexistent/apiclient_key.pem',
      'WECHATPAY_APP_ID (or WECHAT_APP_ID) is missing',
      'WECHATPAY_SERIAL_NO is missing',
      'WECHATPAY_API_V3_KEY: 32 characters',
    ]));
    expect(problems.join(' ')).not.toContain('short-secret-value');
  });

  it('refuses a key that is not a key, and a public key without its id', () => {
    const found = wxPayConfigFromEnv({ ...complete, WECHATPAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----', WECHATPAY_PUBLIC_KEY_ID: undefined });
    expect(found.configured).toBe(false);
    expect(found.configured ? [] : found.problems).toEqual(expect.arrayContaining([
      'WECHATPAY_PRIVATE_KEY(_PATH): not a private key PEM (apiclient_key.pem)',
      'WECHATPAY_PUBLIC_KEY_ID is missing (PUB_KEY_ID_…)',
    ]));
  });
});
