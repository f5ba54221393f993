import crypto from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeWxPayServer, type FakeWxPay } from '../../fake/fake-wxpay-server';
import { createWxPayClient, type WxPayClient, type WxPayConfig } from '../client';
import { notificationFailureBody, WxPayError, WxPayNotificationError, WxPayUnavailable } from '../errors';
import type { WxNotification } from '../types';

/**
 * The client against the fake WeChat Pay over real HTTP: every request signed, every answer verified, and
 * notifications POSTed to a small receiver that verifies them with the same client (what the app's notify
 * route does).
 */
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
let fake: FakeWxPay;
let client: WxPayClient;
let receiver: Server;
let receiverUrl: string;
const received: WxNotification[] = [];
const refused: string[] = [];

const configFor = (server: FakeWxPay, overrides: Partial<WxPayConfig> = {}): WxPayConfig => ({
  mchId: server.mchId, appId: server.appId, merchantSerialNo: server.merchant.serialNo, merchantPrivateKey: server.merchant.privateKeyPem,
  apiV3Key: server.apiV3Key, baseUrl: server.url, notifyUrl: () => `${receiverUrl}/notify`, timeoutMs: 2000,
  publicKey: server.publicKey, platformCertificates: [server.platformCertificatePem], ...overrides,
});

const unique = (prefix: string) => `${prefix}${Date.now()}${crypto.randomInt(1e6)}`;
const prepaid = async (totalFen = 1990) => {
  const outTradeNo = unique('M');
  const { prepayId } = await client.prepayJsapi({ outTradeNo, description: '习惯商城-测试商品', totalFen, openid: OPENID, timeExpire: new Date(Date.now() + 15 * 60_000) });
  return { outTradeNo, prepayId };
};
const caught = async (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (error: unknown) => error);

beforeAll(async () => {
  fake = await startFakeWxPayServer({ appId: 'wx1234567890abcdef', refundDelayMs: 30, notifyRetryMs: [50, 50] });
  client = createWxPayClient(configFor(fake));
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      client.verifyNotification(req.headers, raw).then(
        (notification) => {
          received.push(notification);
          res.writeHead(204).end();
        },
        (error: unknown) => {
          const reason = error instanceof WxPayNotificationError ? error.failure : 'internal';
          refused.push(reason);
          res.writeHead(error instanceof WxPayNotificationError ? error.status : 500, { 'Content-Type': 'application/json' }).end(JSON.stringify(notificationFailureBody(reason)));
        },
      );
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('WeChat Pay client against the fake WeChat Pay', () => {
  it('prepays, the buyer pays, the notification verifies and a query says SUCCESS', async () => {
    const { outTradeNo, prepayId } = await prepaid(1990);
    expect(prepayId).toMatch(/^wx[0-9a-f]{32}$/);
    const trade = fake.transactions.get(outTradeNo);
    expect(trade).toMatchObject({ total: 1990, openid: OPENID, state: 'NOTPAY', appid: 'wx1234567890abcdef', mchid: fake.mchId });
    expect(trade?.time_expire).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect((await client.queryByOutTradeNo(outTradeNo)).trade_state).toBe('NOTPAY');

    expect(await fake.pay(outTradeNo)).toEqual([204]);
    const notification = received.find((n) => n.resource.out_trade_no === outTradeNo);
    expect(notification).toMatchObject({ kind: 'transaction', eventType: 'TRANSACTION.SUCCESS', resource: { trade_state: 'SUCCESS', amount: { total: 1990 } } });

    const found = await client.queryByOutTradeNo(outTradeNo);
    expect(found).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'SUCCESS', payer: { openid: OPENID }, amount: { total: 1990, payer_total: 1990, currency: 'CNY' } });
    expect(found.transaction_id).toMatch(/^4200\d{24}$/);
    expect(await client.query(outTradeNo)).toMatchObject({ tradeState: 'SUCCESS', totalFen: 1990, transactionId: found.transaction_id });
  });

  it('answers the same prepay_id to the same prepay, and refuses another order under the same number', async () => {
    const { outTradeNo, prepayId } = await prepaid(500);
    const again = await client.prepayJsapi({ outTradeNo, description: '习惯商城-测试商品', totalFen: 500, openid: OPENID, timeExpire: new Date(Date.now() + 15 * 60_000) });
    expect(again.prepayId).toBe(prepayId);
    const other = await caught(client.prepayJsapi({ outTradeNo, description: '习惯商城-测试商品', totalFen: 600, openid: OPENID, timeExpire: new Date() }));
    expect(other).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
  });

  it('refuses a prepay whose openid does not look like one (PARAM_ERROR)', async () => {
    const error = await caught(client.prepayJsapi({ outTradeNo: unique('M'), description: 'x', totalFen: 1, openid: 'not an openid', timeExpire: new Date() }));
    expect(error).toBeInstanceOf(WxPayError);
    expect(error).toMatchObject({ status: 400, code: 'PARAM_ERROR' });
  });

  it('closes an unpaid order, after which a query says CLOSED', async () => {
    const { outTradeNo } = await prepaid();
    await expect(client.closeOrThrow(outTradeNo)).resolves.toBeUndefined();
    expect((await client.queryByOutTradeNo(outTradeNo)).trade_state).toBe('CLOSED');
    expect(await client.close(outTradeNo)).toBe('closed');
  });

  it('refuses to close a paid order with ORDERPAID (the port says paid)', async () => {
    const { outTradeNo } = await prepaid();
    await fake.pay(outTradeNo, { deliver: 'none' });
    const error = await caught(client.closeOrThrow(outTradeNo));
    expect(error).toBeInstanceOf(WxPayError);
    expect(error).toMatchObject({ status: 400, code: 'ORDERPAID', wxMessage: '订单已支付' });
    expect(await client.close(outTradeNo)).toBe('paid');
  });

  it('refunds once for the same out_refund_no, PROCESSING then SUCCESS with a REFUND.SUCCESS notification', async () => {
    const { outTradeNo } = await prepaid(1000);
    await fake.pay(outTradeNo);
    const outRefundNo = unique('R');
    const first = await client.refundRaw({ outTradeNo, outRefundNo, refundFen: 400, totalFen: 1000, reason: '不想要了' });
    const second = await client.refundRaw({ outTradeNo, outRefundNo, refundFen: 400, totalFen: 1000, reason: '不想要了' });
    expect(first).toMatchObject({ out_refund_no: outRefundNo, out_trade_no: outTradeNo, status: 'PROCESSING', amount: { refund: 400, total: 1000 } });
    expect(second.refund_id).toBe(first.refund_id);
    expect([...fake.refunds.values()].filter((r) => r.out_trade_no === outTradeNo)).toHaveLength(1);
    expect(fake.transactions.get(outTradeNo)?.refunded).toBe(400);

    await fake.settled();
    expect(await client.queryRefund(outRefundNo)).toEqual({ outRefundNo, refundId: first.refund_id, status: 'SUCCESS' });
    expect(received.find((n) => n.kind === 'refund' && n.resource.out_refund_no === outRefundNo)).toMatchObject({ eventType: 'REFUND.SUCCESS', resource: { refund_status: 'SUCCESS' } });
    expect((await client.queryByOutTradeNo(outTradeNo)).trade_state).toBe('REFUND');
  });

  it('refuses a refund beyond what was paid with NOT_ENOUGH', async () => {
    const { outTradeNo } = await prepaid(1000);
    await fake.pay(outTradeNo);
    await client.refundRaw({ outTradeNo, outRefundNo: unique('R'), refundFen: 700, totalFen: 1000 });
    const error = await caught(client.refundRaw({ outTradeNo, outRefundNo: unique('R'), refundFen: 301, totalFen: 1000 }));
    expect(error).toBeInstanceOf(WxPayError);
    expect(error).toMatchObject({ status: 400, code: 'NOT_ENOUGH' });
    expect(await caught(client.refund({ outTradeNo, outRefundNo: unique('R'), refundFen: 1001, totalFen: 1000 }))).toMatchObject({ code: 'NOT_ENOUGH' });
  });

  it('says a missing order or refund is not there (ORDER_NOT_EXIST / RESOURCE_NOT_EXISTS)', async () => {
    expect(await caught(client.queryByOutTradeNo(unique('M')))).toMatchObject({ status: 404, code: 'ORDER_NOT_EXIST' });
    expect(await client.query(unique('M'))).toBeNull();
    expect(await client.queryRefund(unique('R'))).toBeNull();
  });

  it('refuses an answer whose body was changed after WeChat Pay signed it', async () => {
    const { outTradeNo } = await prepaid();
    fake.tamperNext('/v3/pay/transactions/out-trade-no/');
    const error = await caught(client.queryByOutTradeNo(outTradeNo));
    expect(error).toBeInstanceOf(WxPayUnavailable);
    expect(error).toMatchObject({ reason: 'unverified_answer', code: 'bad_signature' });
    expect((await client.queryByOutTradeNo(outTradeNo)).trade_state).toBe('NOTPAY');
  });

  it('refuses an answer signed with a key it does not know', async () => {
    const stranger = createWxPayClient(configFor(fake, { publicKey: undefined, platformCertificates: [] }));
    const { outTradeNo } = await prepaid();
    expect(await caught(stranger.queryByOutTradeNo(outTradeNo))).toMatchObject({ reason: 'unverified_answer', code: 'unknown_serial' });
  });

  it('maps SYSTEM_ERROR and FREQUENCY_LIMITED to WxPayUnavailable, retrying only the idempotent prepay once', async () => {
    const { outTradeNo } = await prepaid();
    fake.failNext('/v3/pay/transactions/out-trade-no/', 'SYSTEM_ERROR');
    const error = await caught(client.queryByOutTradeNo(outTradeNo));
    expect(error).toBeInstanceOf(WxPayUnavailable);
    expect(error).toMatchObject({ reason: 'server_error', status: 500, code: 'SYSTEM_ERROR' });

    const before = fake.stats['POST /v3/pay/transactions/jsapi'] ?? 0;
    fake.failNext('/v3/pay/transactions/jsapi', 500, 'SYSTEM_ERROR');
    await prepaid();
    expect(fake.stats['POST /v3/pay/transactions/jsapi']).toBe(before + 2);

    fake.failNext('/v3/pay/transactions/jsapi', 'FREQUENCY_LIMITED');
    expect(await caught(prepaid())).toMatchObject({ reason: 'server_error', status: 429, code: 'FREQUENCY_LIMITED' });
  });

  it('gives up after the timeout with a typed timeout error', async () => {
    const impatient = createWxPayClient(configFor(fake, { timeoutMs: 200 }));
    const { outTradeNo } = await prepaid();
    fake.delayNext('/v3/pay/transactions/out-trade-no/', 1000);
    const error = await caught(impatient.queryByOutTradeNo(outTradeNo));
    expect(error).toBeInstanceOf(WxPayUnavailable);
    expect(error).toMatchObject({ reason: 'timeout' });
  });

  it('maps an unreachable WeChat Pay to a typed network error', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const offline = createWxPayClient(configFor(fake, { baseUrl: `http://127.0.0.1:${port}` }));
    expect(await caught(offline.queryByOutTradeNo('M000001'))).toMatchObject({ reason: 'network' });
  });

  it('is refused SIGN_ERROR when it signs with a key WeChat Pay does not have', async () => {
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const forger = createWxPayClient(configFor(fake, { merchantPrivateKey: other }));
    const error = await caught(forger.queryByOutTradeNo('M000001'));
    expect(error).toBeInstanceOf(WxPayError);
    expect(error).toMatchObject({ status: 401, code: 'SIGN_ERROR' });
    expect(String((error as Error).message)).not.toContain('PRIVATE KEY');
  });

  it('downloads the platform certificates (decrypted with the APIv3 key) and then trusts answers signed by them', async () => {
    const certified = await startFakeWxPayServer({ appId: 'wx1234567890abcdef', signWith: 'certificate' });
    try {
      const downloader = createWxPayClient(configFor(certified, { publicKey: undefined, platformCertificates: [], fetchCertificates: true }));
      expect(downloader.keys.size).toBe(0);
      expect(await downloader.downloadCertificates()).toEqual([certified.platformCertificateSerialNo]);
      expect(downloader.keys.has(certified.platformCertificateSerialNo)).toBe(true);

      // A fresh client learns the certificate on the first answer naming its serial.
      const lazy = createWxPayClient(configFor(certified, { publicKey: undefined, platformCertificates: [], fetchCertificates: true }));
      expect(await lazy.query('M000000001')).toBeNull();
      await expect(lazy.prepayJsapi({ outTradeNo: unique('M'), description: 'x', totalFen: 1, openid: OPENID, timeExpire: new Date(Date.now() + 60_000) })).resolves.toMatchObject({ prepayId: expect.any(String) });
      expect(certified.stats['GET /v3/certificates']).toBe(2);

      // A download encrypted with another APIv3 key is not trusted.
      const wrongKey = createWxPayClient(configFor(certified, { apiV3Key: crypto.randomBytes(16).toString('hex'), publicKey: undefined, platformCertificates: [], fetchCertificates: true }));
      expect(await caught(wrongKey.downloadCertificates())).toMatchObject({ reason: 'unverified_answer', code: 'decrypt_failed' });
      expect(wrongKey.keys.size).toBe(0);

      // A download changed after WeChat Pay signed it is not trusted either, and nothing waits for ever.
      const wary = createWxPayClient(configFor(certified, { publicKey: undefined, platformCertificates: [], fetchCertificates: true }));
      certified.tamperNext('/v3/certificates');
      expect(await caught(wary.downloadCertificates())).toMatchObject({ reason: 'unverified_answer', code: 'bad_signature' });
      expect(wary.keys.size).toBe(0);
    } finally {
      await certified.close();
    }
  });

  it('verifies notifications in both modes when WeChat Pay switches from certificate to public key', async () => {
    const { outTradeNo } = await prepaid(300);
    fake.signWith('certificate');
    try {
      expect(await fake.pay(outTradeNo)).toEqual([204]);
    } finally {
      fake.signWith('publicKey');
    }
    expect(await fake.notify(outTradeNo)).toBe(204);
    expect(received.filter((n) => n.resource.out_trade_no === outTradeNo)).toHaveLength(2);
  });

  it('has forged notifications refused by the receiver with the failure body', async () => {
    const { outTradeNo } = await prepaid(300);
    const before = refused.length;
    expect(await fake.pay(outTradeNo, { tamper: 'bad_signature' })).toEqual([401]);
    expect(await fake.notify(outTradeNo, { tamper: 'stale' })).toBe(401);
    expect(await fake.notify(outTradeNo, { tamper: 'bad_key' })).toBe(400);
    expect(refused.slice(before)).toEqual(['bad_signature', 'stale', 'decrypt_failed']);
  });
});
