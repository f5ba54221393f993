import crypto from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWxPayClient, type WxPayClient } from '../../wxpay/client';
import { authorization } from '../../wxpay/crypto';
import type { WxNotification } from '../../wxpay/types';
import { startFakeWxPayServer, type FakeWxPay } from '../fake-wxpay-server';

/**
 * The fake WeChat Pay as a protocol peer: it refuses unsigned or stale requests, checks WeChat Pay's rules
 * on prepay, sends notifications the real way and retries those not taken, and offers the dev endpoint and
 * controls tests and `npm run develop` use.
 */
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
const merchant = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchantSerialNo = '3775B6A45ACD588826D15E583A95F5DD2D5E1C3A';
let fake: FakeWxPay;
let client: WxPayClient;
let receiver: Server;
let receiverUrl: string;
/** What the receiver answers next, one status per POST (then 204). */
const answers: number[] = [];
const received: WxNotification[] = [];

const unique = (prefix: string) => `${prefix}${Date.now()}${crypto.randomInt(1e6)}`;
const prepaid = async (totalFen = 100) => {
  const outTradeNo = unique('F');
  await client.prepayJsapi({ outTradeNo, description: '测试', totalFen, openid: OPENID, timeExpire: new Date(Date.now() + 600_000) });
  return outTradeNo;
};
const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
/** A request signed by the merchant key, as any SDK would send it. */
const signed = (method: 'GET' | 'POST', pathWithQuery: string, body?: object, at?: { timestamp?: string }) => {
  const payload = body ? JSON.stringify(body) : '';
  return fetch(`${fake.url}${pathWithQuery}`, {
    method,
    headers: { Authorization: authorization({ mchId: fake.mchId, serialNo: merchantSerialNo, privateKey: merchant.privateKey }, method, pathWithQuery, payload, at), 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body ? payload : undefined,
  });
};

beforeAll(async () => {
  // The app's own merchant key: the fake is told its public half and serial.
  fake = await startFakeWxPayServer({
    appId: 'wx1234567890abcdef', merchantPublicKeyPem: merchant.publicKey.export({ type: 'spki', format: 'pem' }) as string, merchantSerialNo,
    notifyRetryMs: [30, 30, 30], refundDelayMs: 20,
  });
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const status = answers.shift() ?? 204;
      if (status !== 204) return res.writeHead(status, { 'Content-Type': 'application/json' }).end('{"code":"FAIL","message":"busy"}');
      client.verifyNotification(req.headers, raw).then(
        (notification) => {
          received.push(notification);
          res.writeHead(204).end();
        },
        () => res.writeHead(401).end('{"code":"FAIL","message":"refused"}'),
      );
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  client = createWxPayClient({
    mchId: fake.mchId, appId: fake.appId, merchantSerialNo, merchantPrivateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    apiV3Key: fake.apiV3Key, baseUrl: fake.url, notifyUrl: `${receiverUrl}/notify`, timeoutMs: 2000, publicKey: fake.publicKey,
  });
});

afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('fake WeChat Pay server', () => {
  it('generates its WeChat Pay public key (PUB_KEY_ID_0114…), a platform certificate and a 32-character APIv3 key', () => {
    expect(fake.publicKey.id).toMatch(/^PUB_KEY_ID_0114[0-9A-F]{28}$/);
    expect(new crypto.X509Certificate(fake.platformCertificatePem).serialNumber.toUpperCase()).toBe(fake.platformCertificateSerialNo);
    expect(Buffer.byteLength(fake.apiV3Key)).toBe(32);
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The merchant key was given, so none was generated.
    expect(fake.merchant).toEqual({ serialNo: merchantSerialNo, privateKeyPem: '' });
  });

  it('answers SIGN_ERROR to unsigned, stale, foreign-serial and forged requests', async () => {
    const path = '/v3/pay/transactions/out-trade-no/X000001?mchid=1900000109';
    const unsigned = await fetch(`${fake.url}${path}`);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ code: 'SIGN_ERROR', message: '签名错误' });
    expect((await signed('GET', path, undefined, { timestamp: String(Math.floor(Date.now() / 1000) - 600) })).status).toBe(401);
    const forged = authorization({ mchId: fake.mchId, serialNo: merchantSerialNo, privateKey: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }, 'GET', path, '');
    expect((await fetch(`${fake.url}${path}`, { headers: { Authorization: forged } })).status).toBe(401);
    const otherSerial = authorization({ mchId: fake.mchId, serialNo: 'ABCDEF', privateKey: merchant.privateKey }, 'GET', path, '');
    expect((await fetch(`${fake.url}${path}`, { headers: { Authorization: otherSerial } })).status).toBe(401);
    // The signature covers the path: signed for one order, sent for another.
    const forOne = authorization({ mchId: fake.mchId, serialNo: merchantSerialNo, privateKey: merchant.privateKey }, 'GET', path, '');
    expect((await fetch(`${fake.url}${path.replace('X000001', 'X000002')}`, { headers: { Authorization: forOne } })).status).toBe(401);
    expect((await signed('GET', path)).status).toBe(404);
  });

  it('checks prepay fields the way WeChat Pay does (PARAM_ERROR naming the field, APPID_MCHID_NOT_MATCH)', async () => {
    const body = {
      appid: fake.appId, mchid: fake.mchId, description: '测试', out_trade_no: unique('P'), time_expire: '2026-12-04T20:00:00+08:00',
      notify_url: `${receiverUrl}/notify`, amount: { total: 100, currency: 'CNY' }, payer: { openid: OPENID },
    };
    expect((await signed('POST', '/v3/pay/transactions/jsapi', body)).status).toBe(200);
    const cases: Array<[object, string]> = [
      [{ time_expire: '2026-12-04 20:00:00' }, 'PARAM_ERROR'],
      [{ amount: { total: 0, currency: 'CNY' } }, 'PARAM_ERROR'],
      [{ amount: { total: 1.5, currency: 'CNY' } }, 'PARAM_ERROR'],
      [{ payer: { openid: '' } }, 'PARAM_ERROR'],
      [{ description: '' }, 'PARAM_ERROR'],
      [{ notify_url: 'not-a-url' }, 'PARAM_ERROR'],
      [{ out_trade_no: 'a b' }, 'PARAM_ERROR'],
      [{ appid: 'wx0000000000000000' }, 'APPID_MCHID_NOT_MATCH'],
    ];
    for (const [change, code] of cases) {
      const response = await signed('POST', '/v3/pay/transactions/jsapi', { ...body, out_trade_no: unique('P'), ...change });
      expect([response.status, ((await response.json()) as { code: string }).code]).toEqual([400, code]);
    }
  });

  it('has the buyer pay through POST /fake/pay/{out_trade_no}, without a signature, and notifies the order', async () => {
    const outTradeNo = await prepaid(250);
    const paid = await fetch(`${fake.url}/fake/pay/${outTradeNo}`, { method: 'POST' });
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'SUCCESS', notified: [204] });
    expect(received.find((n) => n.resource.out_trade_no === outTradeNo)).toMatchObject({ kind: 'transaction', resource: { trade_state: 'SUCCESS', amount: { total: 250 } } });
    const twice = await fetch(`${fake.url}/fake/pay/${outTradeNo}`, { method: 'POST' });
    expect([twice.status, ((await twice.json()) as { code: string }).code]).toEqual([400, 'ORDERPAID']);
    expect((await fetch(`${fake.url}/fake/pay/NOSUCHORDER1`, { method: 'POST' })).status).toBe(404);
  });

  it('retries a notification the app did not take until it answers 2xx, on the schedule', async () => {
    const outTradeNo = await prepaid();
    answers.push(500, 503);
    expect(await fake.pay(outTradeNo)).toEqual([500]);
    await until(() => fake.deliveries.some((d) => d.outTradeNo === outTradeNo && d.status === 204));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(fake.deliveries.filter((d) => d.outTradeNo === outTradeNo).map((d) => [d.attempt, d.status])).toEqual([[1, 500], [2, 503], [3, 204]]);
  });

  it('stops retrying after the last wait of the schedule, and never retries a forgery', async () => {
    const outTradeNo = await prepaid();
    answers.push(500, 500, 500, 500);
    await fake.pay(outTradeNo);
    await until(() => fake.deliveries.filter((d) => d.outTradeNo === outTradeNo).length === 4);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(fake.deliveries.filter((d) => d.outTradeNo === outTradeNo).map((d) => d.attempt)).toEqual([1, 2, 3, 4]);

    expect(await fake.notify(outTradeNo, { tamper: 'bad_signature' })).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(fake.deliveries.filter((d) => d.outTradeNo === outTradeNo && d.tamper)).toEqual([expect.objectContaining({ attempt: 1, status: 401, tamper: 'bad_signature' })]);
  });

  it('delivers twice, not at all, or late, as asked', async () => {
    const twice = await prepaid();
    expect(await fake.pay(twice, { deliver: 'twice' })).toEqual([204, 204]);
    const none = await prepaid();
    expect(await fake.pay(none, { deliver: 'none' })).toEqual([]);
    expect(fake.deliveries.some((d) => d.outTradeNo === none)).toBe(false);
    expect((await client.queryByOutTradeNo(none)).trade_state).toBe('SUCCESS');
    const late = await prepaid();
    const started = Date.now();
    expect(await fake.pay(late, { delayMs: 100 })).toEqual([204]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('ends refunds as told: REFUND.ABNORMAL gives the amount back to refund again', async () => {
    const outTradeNo = await prepaid(800);
    await fake.pay(outTradeNo);
    fake.refundOutcome('ABNORMAL');
    try {
      const outRefundNo = unique('R');
      expect((await client.refund({ outTradeNo, outRefundNo, refundFen: 800, totalFen: 800 })).status).toBe('PROCESSING');
      await fake.settled();
      expect(received.find((n) => n.kind === 'refund' && n.resource.out_refund_no === outRefundNo)).toMatchObject({ eventType: 'REFUND.ABNORMAL', resource: { refund_status: 'ABNORMAL' } });
      expect(fake.transactions.get(outTradeNo)?.refunded).toBe(0);
    } finally {
      fake.refundOutcome('SUCCESS');
    }
    await expect(client.refund({ outTradeNo, outRefundNo: unique('R'), refundFen: 800, totalFen: 800 })).resolves.toMatchObject({ status: 'PROCESSING' });
  });

  it('pays every prepaid order by itself with autoPay (dev), and stops its timers on close', async () => {
    const auto = await startFakeWxPayServer({ appId: 'wx1234567890abcdef', merchantPublicKeyPem: merchant.publicKey.export({ type: 'spki', format: 'pem' }) as string, merchantSerialNo, autoPay: { afterMs: 50 } });
    const autoClient = createWxPayClient({
      mchId: auto.mchId, appId: auto.appId, merchantSerialNo, merchantPrivateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      apiV3Key: auto.apiV3Key, baseUrl: auto.url, notifyUrl: `${receiverUrl}/notify`, timeoutMs: 2000, publicKey: auto.publicKey,
    });
    try {
      const outTradeNo = unique('A');
      await autoClient.prepayJsapi({ outTradeNo, description: '自动支付', totalFen: 1, openid: OPENID, timeExpire: new Date(Date.now() + 600_000) });
      await until(() => auto.transactions.get(outTradeNo)?.state === 'SUCCESS');
      await auto.settled();
      expect(auto.deliveries).toEqual([expect.objectContaining({ outTradeNo, status: 401, attempt: 1 })]); // the receiver trusts the other fake's key, not this one's
      const unpaid = unique('A');
      await autoClient.prepayJsapi({ outTradeNo: unpaid, description: '自动支付', totalFen: 1, openid: OPENID, timeExpire: new Date(Date.now() + 600_000) });
      await auto.close();
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(auto.transactions.get(unpaid)?.state).toBe('NOTPAY');
    } finally {
      await auto.close().catch(() => undefined);
    }
  });

  it('counts requests per route and can answer late', async () => {
    const outTradeNo = await prepaid();
    const before = fake.stats['GET /v3/pay/transactions/out-trade-no/:no'] ?? 0;
    fake.delayNext('/v3/pay/transactions/out-trade-no/', 80);
    const started = Date.now();
    await client.queryByOutTradeNo(outTradeNo);
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    expect(fake.stats['GET /v3/pay/transactions/out-trade-no/:no']).toBe(before + 1);
  });
});
