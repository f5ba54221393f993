import crypto from 'node:crypto';
import { authorization, decryptResource, encryptResource, parseAuthorization, paySign, selfSignedCertificate } from '../crypto';
import { createWxPayClient } from '../client';

const merchant = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKeyPem = merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

const verifies = (message: string, signature: string) =>
  crypto.createVerify('RSA-SHA256').update(message, 'utf8').verify(merchant.publicKey, signature, 'base64');

describe('WeChat Pay v3 signatures', () => {
  it('signs a request as WECHATPAY2-SHA256-RSA2048 over METHOD, path with query, timestamp, nonce and body', () => {
    const body = JSON.stringify({ mchid: '1900000109' });
    const header = authorization({ mchId: '1900000109', serialNo: 'ABC123DEF456', privateKey: privateKeyPem }, 'post', '/v3/pay/transactions/out-trade-no/T1/close', body, {
      timestamp: '1700000000',
      nonceStr: 'NONCE123',
    });
    expect(header).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="NONCE123",signature="[A-Za-z0-9+/=]+",timestamp="1700000000",serial_no="ABC123DEF456"$/);
    const parts = parseAuthorization(header);
    expect(parts).toMatchObject({ mchid: '1900000109', nonce_str: 'NONCE123', timestamp: '1700000000', serial_no: 'ABC123DEF456' });
    expect(verifies(`POST\n/v3/pay/transactions/out-trade-no/T1/close\n1700000000\nNONCE123\n${body}\n`, String(parts?.signature))).toBe(true);
    // One byte of the body changed: the same signature no longer holds.
    expect(verifies(`POST\n/v3/pay/transactions/out-trade-no/T1/close\n1700000000\nNONCE123\n${body} \n`, String(parts?.signature))).toBe(false);
  });

  it('signs a GET with an empty body line and the query in the path', () => {
    const header = authorization({ mchId: '1900000109', serialNo: 'ABC', privateKey: privateKeyPem }, 'GET', '/v3/pay/transactions/out-trade-no/T1?mchid=1900000109', '', { timestamp: '1', nonceStr: 'N' });
    expect(verifies('GET\n/v3/pay/transactions/out-trade-no/T1?mchid=1900000109\n1\nN\n\n', String(parseAuthorization(header)?.signature))).toBe(true);
  });

  it('builds wx.requestPayment parameters whose paySign verifies with the merchant public key', () => {
    const client = createWxPayClient({
      mchId: '1900000109', appId: 'wx1234567890abcdef', merchantSerialNo: 'ABC', merchantPrivateKey: privateKeyPem,
      apiV3Key: 'k'.repeat(32), baseUrl: 'http://127.0.0.1:9', notifyUrl: 'https://example.com/notify', timeoutMs: 1000,
      publicKey: { id: 'PUB_KEY_ID_0114000000000000', pem: merchant.publicKey.export({ type: 'spki', format: 'pem' }) as string },
    });
    const params = client.paymentParams('wx201410272009395522657a690389285100');
    expect(params).toMatchObject({ appId: 'wx1234567890abcdef', package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA' });
    expect(params.timeStamp).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(params.timeStamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(params.nonceStr).toMatch(/^[0-9A-Z]{32}$/);
    expect(verifies(`${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`, params.paySign)).toBe(true);
    expect(params.paySign).toBe(paySign(privateKeyPem, params.appId, params.timeStamp, params.nonceStr, params.package));
  });

  it('decrypts AEAD_AES_256_GCM resources (tag in the last 16 bytes) and refuses another key or associated data', () => {
    const key = crypto.randomBytes(16).toString('hex');
    const encrypted = encryptResource(key, '{"out_trade_no":"T1"}', 'transaction', 'transaction');
    expect(Buffer.from(encrypted.ciphertext, 'base64')).toHaveLength(Buffer.byteLength('{"out_trade_no":"T1"}') + 16);
    expect(decryptResource(key, encrypted)).toBe('{"out_trade_no":"T1"}');
    expect(() => decryptResource(crypto.randomBytes(16).toString('hex'), encrypted)).toThrow();
    expect(() => decryptResource(key, { ...encrypted, associated_data: 'refund' })).toThrow();
  });

  it('makes a self-signed platform certificate node:crypto reads, with its serial in upper-case hex', () => {
    const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { pem, serialNo } = selfSignedCertificate(pair, 'Tenpay.com Root CA (fake)');
    const cert = new crypto.X509Certificate(pem);
    expect(cert.serialNumber.toUpperCase()).toBe(serialNo);
    expect(serialNo).toMatch(/^[0-9A-F]+$/);
    expect(cert.verify(pair.publicKey)).toBe(true);
    expect(cert.publicKey.export({ type: 'spki', format: 'pem' })).toBe(pair.publicKey.export({ type: 'spki', format: 'pem' }));
  });

  it('always writes a serial OpenSSL accepts (a random serial with a leading zero byte once failed 1 in 512 boots)', () => {
    const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const serials = new Set<string>();
    for (let i = 0; i < 3000; i += 1) {
      const { pem, serialNo } = selfSignedCertificate(pair, 'Tenpay.com Root CA (fake)');
      expect(new crypto.X509Certificate(pem).serialNumber.toUpperCase()).toBe(serialNo);
      expect(serialNo).toMatch(/^[4-7][0-9A-F]{31}$/);
      serials.add(serialNo);
    }
    expect(serials.size).toBe(3000);
  });
});
