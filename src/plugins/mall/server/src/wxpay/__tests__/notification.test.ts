import crypto, { type KeyObject } from 'node:crypto';
import { createWxPayClient, type WxPayConfig } from '../client';
import { encryptResource, selfSignedCertificate, wechatPaySignature } from '../crypto';
import { notificationFailureBody, WxPayNotificationError, type NotificationFailure } from '../errors';

/**
 * verifyNotification on notifications built the way WeChat Pay builds them: a resource encrypted with the
 * APIv3 key, the raw body signed over `timestamp\nnonce\nbody\n` with the WeChat Pay public key's private
 * half (public-key mode) or the platform certificate's (certificate mode).
 */
const pem = (key: KeyObject, type: 'pkcs8' | 'spki') => key.export({ type, format: 'pem' }) as string;
const merchant = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const wechatPay = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const certificate = selfSignedCertificate(platform, 'Tenpay.com Root CA (test)');
const publicKeyId = 'PUB_KEY_ID_0114232134912410000000000000';
const apiV3Key = crypto.randomBytes(16).toString('hex');
const NOW = new Date('2026-12-04T12:00:00Z');
const seconds = (date: Date) => String(Math.floor(date.getTime() / 1000));

const config: WxPayConfig = {
  mchId: '1900000109', appId: 'wx1234567890abcdef', merchantSerialNo: 'ABCDEF0123456789', merchantPrivateKey: pem(merchant.privateKey, 'pkcs8'),
  apiV3Key, baseUrl: 'http://127.0.0.1:9', notifyUrl: 'https://example.com/notify', timeoutMs: 1000,
  publicKey: { id: publicKeyId, pem: pem(wechatPay.publicKey, 'spki') }, platformCertificates: [certificate.pem],
};
const client = createWxPayClient(config);

const transaction = {
  appid: 'wx1234567890abcdef', mchid: '1900000109', out_trade_no: 'M20261204000001', transaction_id: '4200000000202612040000000001',
  trade_type: 'JSAPI', trade_state: 'SUCCESS', trade_state_desc: '支付成功', success_time: '2026-12-04T20:00:00+08:00',
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' }, amount: { total: 1990, payer_total: 1990, currency: 'CNY', payer_currency: 'CNY' },
};

const notification = (options: { resource?: object; eventType?: string; key?: string; at?: Date; signer?: 'publicKey' | 'certificate'; signingKey?: KeyObject; serial?: string } = {}) => {
  const type = options.eventType?.startsWith('REFUND.') ? 'refund' : 'transaction';
  const body = JSON.stringify({
    id: 'EV-2018022511223320873', create_time: '2026-12-04T20:00:00+08:00', resource_type: 'encrypt-resource',
    event_type: options.eventType ?? 'TRANSACTION.SUCCESS', summary: '支付成功',
    resource: encryptResource(options.key ?? apiV3Key, JSON.stringify(options.resource ?? transaction), type, type),
  });
  const byCertificate = options.signer === 'certificate';
  const timestamp = seconds(options.at ?? NOW);
  const nonceStr = crypto.randomBytes(16).toString('hex');
  const headers = {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonceStr,
    'wechatpay-serial': options.serial ?? (byCertificate ? certificate.serialNo : publicKeyId),
    'wechatpay-signature': wechatPaySignature(options.signingKey ?? (byCertificate ? platform.privateKey : wechatPay.privateKey), timestamp, nonceStr, body),
  };
  return { headers, body };
};

const failureOf = async (promise: Promise<unknown>): Promise<NotificationFailure> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WxPayNotificationError) return error.failure;
    throw error;
  }
  throw new Error('the notification was accepted');
};

describe('verifyNotification', () => {
  it('accepts a payment notification signed with the WeChat Pay public key and returns the decrypted transaction', async () => {
    const { headers, body } = notification();
    const verified = await client.verifyNotification(headers, body, NOW);
    expect(verified).toEqual({ id: 'EV-2018022511223320873', eventType: 'TRANSACTION.SUCCESS', kind: 'transaction', resource: transaction });
  });

  it('accepts one signed with a platform certificate (both modes at once), from a Buffer and with headers in any case', async () => {
    const { headers, body } = notification({ signer: 'certificate' });
    const shouted = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.replace(/\b\w/g, (c) => c.toUpperCase()), value]));
    const verified = await client.verifyNotification(shouted, Buffer.from(body, 'utf8'), NOW);
    expect(verified.kind).toBe('transaction');
    expect(verified.resource).toMatchObject({ out_trade_no: 'M20261204000001', amount: { total: 1990 } });
  });

  it('returns a refund notification as a refund, and the PayPort view the order logic reads', async () => {
    const refund = { mchid: '1900000109', out_trade_no: 'M20261204000001', transaction_id: '4200000000202612040000000001', out_refund_no: 'R1', refund_id: '50000000382019052709732678859', refund_status: 'SUCCESS', amount: { total: 1990, refund: 1990, payer_total: 1990, payer_refund: 1990 } };
    const { headers, body } = notification({ resource: refund, eventType: 'REFUND.SUCCESS', at: new Date() });
    const verified = await client.verifyNotification(headers, body);
    expect(verified).toMatchObject({ kind: 'refund', eventType: 'REFUND.SUCCESS', resource: { out_refund_no: 'R1', refund_status: 'SUCCESS' } });
    expect(await client.verify(headers, body)).toEqual({
      id: 'EV-2018022511223320873', eventType: 'REFUND.SUCCESS', kind: 'refund',
      refund: { outRefundNo: 'R1', refundId: '50000000382019052709732678859', status: 'SUCCESS', outTradeNo: 'M20261204000001' },
    });
  });

  it('refuses a signature made with another key', async () => {
    const { headers, body } = notification({ signingKey: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey });
    expect(await failureOf(client.verifyNotification(headers, body, NOW))).toBe('bad_signature');
  });

  it('refuses a raw body changed by one byte, even when it parses the same', async () => {
    const { headers, body } = notification();
    expect(await failureOf(client.verifyNotification(headers, body.replace('"summary":"支付成功"', '"summary":"支付成功" '), NOW))).toBe('bad_signature');
    expect(await failureOf(client.verifyNotification(headers, `${body}\n`, NOW))).toBe('bad_signature');
    expect(await failureOf(client.verifyNotification(headers, JSON.stringify(JSON.parse(body), null, 1), NOW))).toBe('bad_signature');
  });

  it('refuses a notification without the signature headers', async () => {
    const { headers, body } = notification();
    expect(await failureOf(client.verifyNotification({ ...headers, 'wechatpay-signature': undefined }, body, NOW))).toBe('bad_signature');
  });

  it('refuses a timestamp more than 5 minutes old, and more than 5 minutes ahead', async () => {
    const old = notification({ at: new Date(NOW.getTime() - 5 * 60_000 - 1000) });
    expect(await failureOf(client.verifyNotification(old.headers, old.body, NOW))).toBe('stale');
    const future = notification({ at: new Date(NOW.getTime() + 5 * 60_000 + 1000) });
    expect(await failureOf(client.verifyNotification(future.headers, future.body, NOW))).toBe('stale');
    const edge = notification({ at: new Date(NOW.getTime() - 4 * 60_000) });
    await expect(client.verifyNotification(edge.headers, edge.body, NOW)).resolves.toMatchObject({ kind: 'transaction' });
  });

  it('refuses a serial it does not know (public key id or certificate serial)', async () => {
    const other = notification({ serial: 'PUB_KEY_ID_0114999999999999999999999999' });
    expect(await failureOf(client.verifyNotification(other.headers, other.body, NOW))).toBe('unknown_serial');
    const cert = notification({ serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', signer: 'certificate' });
    expect(await failureOf(client.verifyNotification(cert.headers, cert.body, NOW))).toBe('unknown_serial');
  });

  it('refuses a resource encrypted with another APIv3 key as decrypt_failed', async () => {
    const { headers, body } = notification({ key: crypto.randomBytes(16).toString('hex') });
    expect(await failureOf(client.verifyNotification(headers, body, NOW))).toBe('decrypt_failed');
  });

  it('refuses a signed body that is not a notification as malformed', async () => {
    const timestamp = seconds(NOW);
    const body = '{"id":"EV-1","event_type":"TRANSACTION.SUCCESS"}';
    const headers = { 'wechatpay-timestamp': timestamp, 'wechatpay-nonce': 'n', 'wechatpay-serial': publicKeyId, 'wechatpay-signature': wechatPaySignature(wechatPay.privateKey, timestamp, 'n', body) };
    expect(await failureOf(client.verifyNotification(headers, body, NOW))).toBe('malformed');
  });

  it('gives the notify route its failure statuses and the { code: FAIL } body, with no secret in the message', async () => {
    const { headers, body } = notification({ key: crypto.randomBytes(16).toString('hex') });
    const error = await client.verifyNotification(headers, body, NOW).then(
      () => {
        throw new Error('the notification was accepted');
      },
      (caught: unknown) => caught as WxPayNotificationError,
    );
    expect(error).toBeInstanceOf(WxPayNotificationError);
    expect(error).toMatchObject({ status: 400, reason: 'decrypt_failed' });
    expect(notificationFailureBody(error.reason)).toEqual({ code: 'FAIL', message: 'decrypt_failed' });
    expect(String(error.message)).not.toContain(apiV3Key);
    expect(new WxPayNotificationError('bad_signature').status).toBe(401);
  });
});
