import crypto, { type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptResource, parseAuthorization, selfSignedCertificate, wechatPaySignature } from '../wxpay/crypto';

/**
 * A fake of WeChat Pay API v3 (api.mch.weixin.qq.com) for mini-program payments. It is a real HTTP server on
 * 127.0.0.1 that speaks the real protocol with keys generated at start: it checks each request's merchant
 * signature (401 SIGN_ERROR), answers prepay, query, close, refund and refund query with WeChat Pay's
 * shapes and error codes, signs every answer (with its WeChat Pay public key `PUB_KEY_ID_…`, or its
 * platform certificate), serves /v3/certificates encrypted with the APIv3 key, and sends notifications the
 * real way, retrying those the app does not answer with 2xx.
 *
 * What the buyer does, and what a test wants to go wrong, are methods (never routes of the app):
 * `pay(outTradeNo, { deliver, delayMs, tamper })` pays and notifies (twice, late, with a wrong amount, a bad
 * signature, a stale timestamp, another merchant), `notify` sends again, `failNext` makes the next call to a
 * path fail, `tamperNext` / `delayNext` spoil or slow the next answer, `refundOutcome` decides how refunds
 * end. For a dev app in WECHAT_MODE=fake, `POST /fake/pay/{out_trade_no}` on this server (no signature) is
 * the buyer paying, and `autoPay` pays every prepaid order after a while. See WXPAY.md.
 */
export type Tamper = 'wrong_amount' | 'bad_signature' | 'stale' | 'wrong_mchid' | 'bad_key';
export type Delivery = {
  kind: 'payment' | 'refund';
  outTradeNo: string;
  eventType: string;
  /** The app's HTTP status, or `failed` when it could not be reached. */
  status: number | 'failed';
  /** 1 for the first POST of a notification, 2... for WeChat Pay's retries of it. */
  attempt: number;
  tamper?: Tamper;
};

type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';
export type FakeTrade = {
  appid: string; mchid: string; out_trade_no: string; description: string; notify_url: string; total: number; openid: string;
  time_expire: string; attach?: string; prepay_id: string; state: TradeState; transaction_id?: string; success_time?: string;
  refunded: number;
};
export type FakeRefund = {
  refund_id: string; out_refund_no: string; out_trade_no: string; transaction_id: string; amount: number; total: number;
  status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED'; notify_url?: string; reason?: string; create_time: string; success_time?: string;
};

export type FakeWxPayOptions = {
  mchId?: string;
  appId?: string;
  /** The app's own merchant key (public half) and serial; without them the fake generates a merchant key pair and exposes it as `merchant`. */
  merchantPublicKeyPem?: string;
  merchantSerialNo?: string;
  /** Which key signs the answers and notifications: the WeChat Pay public key (default) or the platform certificate. */
  signWith?: 'publicKey' | 'certificate';
  /** How long a refund stays PROCESSING before it ends (and its notification is sent); 50 ms by default. */
  refundDelayMs?: number;
  /** The waits before each retry of a notification the app did not take (2xx); WeChat Pay's are 15s, 15s, 30s, 3m, 10m ... */
  notifyRetryMs?: number[];
  /** Dev: every prepaid order is paid this long after its prepay. */
  autoPay?: { afterMs: number };
  /** Serve `POST /fake/pay/{out_trade_no}` (default true). */
  devEndpoints?: boolean;
};

export type FakeWxPay = Awaited<ReturnType<typeof startFakeWxPayServer>>;

const DEFAULT_RETRY_MS = [15_000, 15_000, 30_000, 180_000, 600_000];
const STATUS_OF_CODE: Record<string, number> = { SYSTEM_ERROR: 500, BANKERROR: 500, FREQUENCY_LIMITED: 429, SIGN_ERROR: 401, PARAM_ERROR: 400 };
const MESSAGE_OF_CODE: Record<string, string> = { SYSTEM_ERROR: '系统错误', BANKERROR: '银行系统异常', FREQUENCY_LIMITED: '频率超限', SIGN_ERROR: '签名错误', PARAM_ERROR: '参数错误' };

const rfc3339 = (at = Date.now()) => `${new Date(at + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;
/** Real openids are 28 characters from [0-9A-Za-z_-], starting with `o`; test users' are a little longer. */
const OPENID = /^o[0-9A-Za-z_-]{15,63}$/;
/** out_trade_no: 6–32 characters; out_refund_no: 1–64 (WeChat Pay's documented lengths). */
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const digits = (n: number) => Array.from({ length: n }, () => crypto.randomInt(10)).join('');

export const startFakeWxPayServer = async (options: FakeWxPayOptions = {}) => {
  const mchId = options.mchId ?? '1900000109';
  const appId = options.appId ?? 'wx0000000000fake00';
  const apiV3Key = crypto.randomBytes(16).toString('hex');
  const generatedMerchant = options.merchantPublicKeyPem ? null : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const merchantPublicKey: KeyObject = generatedMerchant
    ? generatedMerchant.publicKey
    : options.merchantPublicKeyPem?.includes('CERTIFICATE')
      ? new crypto.X509Certificate(options.merchantPublicKeyPem).publicKey
      : crypto.createPublicKey(String(options.merchantPublicKeyPem));
  const merchantSerialNo = options.merchantSerialNo ?? crypto.randomBytes(20).toString('hex').toUpperCase();
  const wechatPair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyId = `PUB_KEY_ID_0114${digits(10)}${crypto.randomBytes(9).toString('hex').toUpperCase()}`;
  const platformPair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certificate = selfSignedCertificate(platformPair, 'Tenpay.com Root CA (fake)');
  let signWith = options.signWith ?? 'publicKey';
  const retrySchedule = options.notifyRetryMs ?? DEFAULT_RETRY_MS;

  const trades = new Map<string, FakeTrade>();
  const refunds = new Map<string, FakeRefund>();
  const deliveries: Delivery[] = [];
  const failures = new Map<string, { status: number; code: string }>();
  const tampered = new Map<string, true>();
  const delays = new Map<string, number>();
  let refundOutcome: FakeRefund['status'] = 'SUCCESS';
  const stats: Record<string, number> = {};
  const pending = new Set<Promise<unknown>>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) run();
    }, ms);
    timer.unref();
    timers.add(timer);
  };
  const sleep = (ms: number) => new Promise<void>((resolve) => later(ms, resolve));

  const signer = (): { serial: string; key: KeyObject } =>
    signWith === 'publicKey' ? { serial: publicKeyId, key: wechatPair.privateKey } : { serial: certificate.serialNo, key: platformPair.privateKey };

  const signedHeaders = (body: string, at?: { timestamp?: string; key?: KeyObject; serial?: string }) => {
    const { serial, key } = signer();
    const timestamp = at?.timestamp ?? String(Math.floor(Date.now() / 1000));
    const nonceStr = crypto.randomBytes(16).toString('hex');
    return {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonceStr,
      'Wechatpay-Serial': at?.serial ?? serial,
      'Wechatpay-Signature': wechatPaySignature(at?.key ?? key, timestamp, nonceStr, body),
      'Request-ID': crypto.randomUUID(),
    };
  };

  /** The first entry whose path prefixes `pathname`, removed (a one-shot control). */
  const takeOnce = <T>(map: Map<string, T>, pathname: string): T | undefined => {
    const key = [...map.keys()].find((path) => pathname.startsWith(path));
    if (key === undefined) return undefined;
    const value = map.get(key);
    map.delete(key);
    return value;
  };

  const send = (res: ServerResponse, status: number, pathname: string, payload?: unknown) => {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const headers = signedHeaders(body);
    // tamperNext: the answer's body changes after it was signed (a man in the middle), so its signature no longer holds.
    const sent = takeOnce(tampered, pathname) && body ? body.replace(/}$/, ' }') : body;
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(sent);
  };
  const fail = (res: ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Request-ID': crypto.randomUUID() });
    res.end(JSON.stringify({ code, message }));
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => resolve(raw));
      req.on('error', reject);
    });

  /** The merchant's signature over `METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY\n`, within 5 minutes, with the merchant key we know. */
  const signedByMerchant = (req: IncomingMessage, body: string) => {
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth || auth.mchid !== mchId || auth.serial_no?.toUpperCase() !== merchantSerialNo.toUpperCase()) return false;
    if (!auth.nonce_str || !/^\d+$/.test(auth.timestamp ?? '') || Math.abs(Date.now() / 1000 - Number(auth.timestamp)) > 300) return false;
    const message = `${req.method}\n${req.url}\n${auth.timestamp}\n${auth.nonce_str}\n${body}\n`;
    try {
      return crypto.createVerify('RSA-SHA256').update(message, 'utf8').verify(merchantPublicKey, auth.signature ?? '', 'base64');
    } catch {
      return false;
    }
  };

  const transactionOf = (t: FakeTrade) => ({
    appid: t.appid, mchid: t.mchid, out_trade_no: t.out_trade_no, transaction_id: t.transaction_id,
    trade_type: 'JSAPI', trade_state: t.state,
    trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭', REFUND: '转入退款', REVOKED: '已撤销', USERPAYING: '用户支付中', PAYERROR: '支付失败' }[t.state],
    bank_type: t.transaction_id ? 'OTHERS' : undefined, attach: t.attach ?? '', success_time: t.success_time, payer: { openid: t.openid },
    amount: { total: t.total, payer_total: t.transaction_id ? t.total : undefined, currency: 'CNY', payer_currency: 'CNY' },
  });
  const refundOf = (r: FakeRefund) => ({
    refund_id: r.refund_id, out_refund_no: r.out_refund_no, transaction_id: r.transaction_id, out_trade_no: r.out_trade_no,
    channel: 'ORIGINAL', user_received_account: '支付用户零钱', status: r.status, create_time: r.create_time, success_time: r.success_time,
    amount: { total: r.total, refund: r.amount, payer_total: r.total, payer_refund: r.amount, currency: 'CNY' },
  });
  /** A refund notification's resource (refund_status, not status). */
  const refundResourceOf = (r: FakeRefund, trade: FakeTrade) => ({
    mchid: mchId, out_trade_no: r.out_trade_no, transaction_id: r.transaction_id, out_refund_no: r.out_refund_no, refund_id: r.refund_id,
    refund_status: r.status, success_time: r.success_time, user_received_account: '支付用户零钱',
    amount: { total: trade.total, refund: r.amount, payer_total: trade.total, payer_refund: r.amount },
  });

  const prepay = (res: ServerResponse, pathname: string, input: Record<string, unknown>) => {
    const amount = input.amount as { total?: unknown; currency?: unknown } | undefined;
    const payer = input.payer as { openid?: unknown } | undefined;
    const outTradeNo = typeof input.out_trade_no === 'string' ? input.out_trade_no : '';
    if (input.appid !== appId || input.mchid !== mchId) return fail(res, 400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    const problem =
      !OUT_TRADE_NO.test(outTradeNo) ? 'out_trade_no'
        : typeof input.description !== 'string' || !input.description || input.description.length > 127 ? 'description'
          : !Number.isInteger(amount?.total) || Number(amount?.total) <= 0 ? 'amount.total'
            : amount?.currency !== undefined && amount.currency !== 'CNY' ? 'amount.currency'
              : typeof payer?.openid !== 'string' || !OPENID.test(payer.openid) ? 'payer.openid'
                : typeof input.notify_url !== 'string' || !/^https?:\/\//.test(input.notify_url) ? 'notify_url'
                  : input.time_expire !== undefined && (typeof input.time_expire !== 'string' || !RFC3339.test(input.time_expire)) ? 'time_expire'
                    : input.attach !== undefined && (typeof input.attach !== 'string' || input.attach.length > 128) ? 'attach'
                      : null;
    if (problem) return fail(res, 400, 'PARAM_ERROR', `参数错误: ${problem}`);
    const openid = String(payer?.openid);
    const existing = trades.get(outTradeNo);
    if (existing) {
      // WeChat Pay answers the same prepay_id to the same order; another order under the same number is refused.
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return fail(res, 400, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') return fail(res, 400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.total !== amount?.total || existing.openid !== openid || existing.description !== input.description) {
        return fail(res, 400, 'INVALID_REQUEST', '201 商户订单号重复');
      }
      return send(res, 200, pathname, { prepay_id: existing.prepay_id });
    }
    const trade: FakeTrade = {
      appid: appId, mchid: mchId, out_trade_no: outTradeNo, description: String(input.description), notify_url: String(input.notify_url),
      total: Number(amount?.total), openid, time_expire: String(input.time_expire ?? ''), attach: typeof input.attach === 'string' ? input.attach : undefined,
      prepay_id: `wx${crypto.randomBytes(16).toString('hex')}`, state: 'NOTPAY', refunded: 0,
    };
    trades.set(outTradeNo, trade);
    if (options.autoPay) later(options.autoPay.afterMs, () => void fake.pay(outTradeNo).catch(() => undefined));
    return send(res, 200, pathname, { prepay_id: trade.prepay_id });
  };

  const refund = (res: ServerResponse, pathname: string, input: Record<string, unknown>) => {
    const amount = input.amount as { refund?: unknown; total?: unknown; currency?: unknown } | undefined;
    const outRefundNo = typeof input.out_refund_no === 'string' ? input.out_refund_no : '';
    if (!OUT_REFUND_NO.test(outRefundNo) || !Number.isInteger(amount?.refund) || Number(amount?.refund) <= 0 || !Number.isInteger(amount?.total) || amount?.currency !== 'CNY') {
      return fail(res, 400, 'PARAM_ERROR', '参数错误');
    }
    const existing = refunds.get(outRefundNo);
    // The same out_refund_no is the same refund, whatever else the retry says.
    if (existing) return send(res, 200, pathname, refundOf(existing));
    const trade = trades.get(String(input.out_trade_no ?? ''));
    if (!trade) return fail(res, 404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    if (trade.state !== 'SUCCESS' && trade.state !== 'REFUND') return fail(res, 400, 'INVALID_REQUEST', '订单未支付');
    if (amount?.total !== trade.total) return fail(res, 400, 'PARAM_ERROR', '订单金额与原订单不一致');
    if (trade.refunded + Number(amount?.refund) > trade.total) return fail(res, 400, 'NOT_ENOUGH', '申请退款金额超过订单可退金额');
    trade.refunded += Number(amount?.refund);
    trade.state = 'REFUND';
    const record: FakeRefund = {
      refund_id: `50${digits(28)}`, out_refund_no: outRefundNo, out_trade_no: trade.out_trade_no, transaction_id: trade.transaction_id ?? '',
      amount: Number(amount?.refund), total: trade.total, status: 'PROCESSING', reason: typeof input.reason === 'string' ? input.reason : undefined,
      notify_url: typeof input.notify_url === 'string' && input.notify_url ? input.notify_url : undefined, create_time: rfc3339(),
    };
    refunds.set(outRefundNo, record);
    const settle = async () => {
      await sleep(options.refundDelayMs ?? 50);
      if (closed) return;
      record.status = refundOutcome;
      if (record.status === 'SUCCESS') record.success_time = rfc3339();
      if (record.status !== 'SUCCESS') trade.refunded -= record.amount;
      if (record.notify_url) await deliver('refund', record.notify_url, trade.out_trade_no, refundResourceOf(record, trade), `REFUND.${record.status}`);
    };
    track(settle());
    return send(res, 200, pathname, refundOf(record));
  };

  /** `POST /fake/pay/{out_trade_no}`: the buyer pays (dev only; on this fake, never on the app). */
  const devPay = async (res: ServerResponse, outTradeNo: string) => {
    const trade = trades.get(outTradeNo);
    if (!trade) return fail(res, 404, 'ORDER_NOT_EXIST', '订单不存在');
    if (trade.state !== 'NOTPAY') return fail(res, 400, trade.state === 'CLOSED' ? 'ORDER_CLOSED' : 'ORDERPAID', `订单状态 ${trade.state}`);
    const notified = await fake.pay(outTradeNo);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ out_trade_no: outTradeNo, trade_state: trade.state, transaction_id: trade.transaction_id, notified }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = `${req.method} ${url.pathname}`;
    const counted = route.replace(/\/out-trade-no\/[^/]+/, '/out-trade-no/:no').replace(/\/refunds\/[^/]+$/, '/refunds/:no');
    stats[counted] = (stats[counted] ?? 0) + 1;
    if (req.method === 'POST' && url.pathname.startsWith('/fake/pay/') && options.devEndpoints !== false) {
      return devPay(res, decodeURIComponent(url.pathname.slice('/fake/pay/'.length)));
    }
    const delay = takeOnce(delays, url.pathname);
    if (delay !== undefined) await sleep(delay);
    const injected = takeOnce(failures, url.pathname);
    if (injected) return fail(res, injected.status, injected.code, MESSAGE_OF_CODE[injected.code] ?? '系统繁忙，请稍后再试');
    if (!signedByMerchant(req, body)) return fail(res, 401, 'SIGN_ERROR', '签名错误');
    const input = body ? safeParse(body) : {};
    if (!input) return fail(res, 400, 'PARAM_ERROR', '请求体不是 JSON');

    if (route === 'GET /v3/certificates') {
      const encrypted = encryptResource(apiV3Key, certificate.pem, 'certificate', 'certificate');
      return send(res, 200, url.pathname, {
        data: [{ serial_no: certificate.serialNo, effective_time: rfc3339(Date.now() - 86_400_000), expire_time: rfc3339(Date.now() + 365 * 86_400_000), encrypt_certificate: encrypted }],
      });
    }
    if (route === 'POST /v3/pay/transactions/jsapi') return prepay(res, url.pathname, input);
    const byNo = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(url.pathname);
    if (byNo) {
      if (req.method === 'GET' && !byNo[2] && url.searchParams.get('mchid') !== mchId) return fail(res, 400, 'PARAM_ERROR', '参数错误: mchid');
      if (req.method === 'POST' && byNo[2] && input.mchid !== mchId) return fail(res, 400, 'PARAM_ERROR', '参数错误: mchid');
      const trade = trades.get(decodeURIComponent(byNo[1]));
      if (!trade) return fail(res, 404, 'ORDER_NOT_EXIST', '订单不存在');
      if (req.method === 'GET' && !byNo[2]) return send(res, 200, url.pathname, transactionOf(trade));
      if (req.method === 'POST' && byNo[2]) {
        if (trade.state === 'SUCCESS' || trade.state === 'REFUND') return fail(res, 400, 'ORDERPAID', '订单已支付');
        trade.state = 'CLOSED';
        res.writeHead(204, signedHeaders(''));
        return res.end();
      }
    }
    if (route === 'POST /v3/refund/domestic/refunds') return refund(res, url.pathname, input);
    const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(url.pathname);
    if (refundQuery && req.method === 'GET') {
      const record = refunds.get(decodeURIComponent(refundQuery[1]));
      return record ? send(res, 200, url.pathname, refundOf(record)) : fail(res, 404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    }
    return fail(res, 404, 'RESOURCE_NOT_EXISTS', '接口不存在');
  };

  const track = <T>(promise: Promise<T>) => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise)).catch(() => undefined);
    return promise;
  };

  /** POSTs a signed, encrypted notification as WeChat Pay does; records what the app answered. */
  const post = async (kind: Delivery['kind'], notifyUrl: string, outTradeNo: string, resource: object, eventType: string, attempt: number, tamper?: Tamper) => {
    const type = kind === 'payment' ? 'transaction' : 'refund';
    const encrypted = encryptResource(tamper === 'bad_key' ? crypto.randomBytes(16).toString('hex') : apiV3Key, JSON.stringify(resource), type, type);
    const body = JSON.stringify({
      id: crypto.randomUUID(), create_time: rfc3339(), resource_type: 'encrypt-resource', event_type: eventType,
      summary: kind === 'payment' ? '支付成功' : eventType === 'REFUND.SUCCESS' ? '退款成功' : '退款异常', resource: encrypted,
    });
    const headers = signedHeaders(body, {
      timestamp: tamper === 'stale' ? String(Math.floor(Date.now() / 1000) - 600) : undefined,
      key: tamper === 'bad_signature' ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey : undefined,
    });
    let status: number | 'failed';
    try {
      const response = await fetch(notifyUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/4.0', ...headers }, body, signal: AbortSignal.timeout(5_000) });
      status = response.status;
      await response.text();
    } catch {
      status = 'failed';
    }
    deliveries.push({ kind, outTradeNo, eventType, status, attempt, ...(tamper ? { tamper } : {}) });
    return status;
  };

  /**
   * One notification: the first POST now (its status is returned), then, while the app does not take it
   * (non-2xx or unreachable), WeChat Pay's retries on the schedule. A tampered notification is a forgery,
   * not WeChat Pay's, so it is never retried.
   */
  const deliver = async (kind: Delivery['kind'], notifyUrl: string, outTradeNo: string, resource: object, eventType: string, tamper?: Tamper) => {
    const first = await post(kind, notifyUrl, outTradeNo, resource, eventType, 1, tamper);
    const taken = (status: number | 'failed') => typeof status === 'number' && status >= 200 && status < 300;
    if (!taken(first) && !tamper) {
      const retry = (index: number) => {
        if (index >= retrySchedule.length) return;
        later(retrySchedule[index], () => {
          void post(kind, notifyUrl, outTradeNo, resource, eventType, index + 2).then((status) => {
            if (!taken(status)) retry(index + 1);
          });
        });
      };
      retry(0);
    }
    return first;
  };

  const paymentResource = (trade: FakeTrade, tamper?: Tamper) => ({
    ...transactionOf(trade),
    mchid: tamper === 'wrong_mchid' ? '1900000999' : trade.mchid,
    amount: { ...transactionOf(trade).amount, total: tamper === 'wrong_amount' ? trade.total + 1 : trade.total },
  });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) fail(res, 500, 'SYSTEM_ERROR', '系统错误');
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake = {
    url: `http://127.0.0.1:${port}`,
    mchId,
    appId,
    apiV3Key,
    /** The merchant key pair the fake generated (when the options gave none): configure the app's client with it. */
    merchant: {
      serialNo: merchantSerialNo,
      privateKeyPem: generatedMerchant ? (generatedMerchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) : '',
    },
    publicKey: { id: publicKeyId, pem: wechatPair.publicKey.export({ type: 'spki', format: 'pem' }) as string },
    platformCertificatePem: certificate.pem,
    platformCertificateSerialNo: certificate.serialNo,
    /** The orders by out_trade_no (`transactions` is the same map). */
    trades,
    transactions: trades,
    refunds,
    /** Each notification POST and what the app answered. */
    deliveries,
    /** Requests per route (`POST /v3/pay/transactions/jsapi`, `GET /v3/pay/transactions/out-trade-no/:no` ...). */
    stats,
    /** Sign answers and notifications from now on with the public key or the platform certificate. */
    signWith(mode: 'publicKey' | 'certificate') {
      signWith = mode;
    },
    /**
     * The next request to a path starting with `path` fails before any check: `failNext(path, 'FREQUENCY_LIMITED')`,
     * or `failNext(path, 500, 'SYSTEM_ERROR')`. Calling it again for the same path replaces, not adds.
     */
    failNext(path: string, statusOrCode: number | string = 500, code?: string) {
      const failure =
        typeof statusOrCode === 'string'
          ? { status: STATUS_OF_CODE[statusOrCode] ?? 500, code: statusOrCode }
          : { status: statusOrCode, code: code ?? (statusOrCode === 429 ? 'FREQUENCY_LIMITED' : 'SYSTEM_ERROR') };
      failures.set(path, failure);
    },
    /** The next answer to a path starting with `path` is changed after it was signed (the client must refuse it). */
    tamperNext(path: string) {
      tampered.set(path, true);
    },
    /** The next answer to a path starting with `path` comes after `ms` (timeouts). */
    delayNext(path: string, ms: number) {
      delays.set(path, ms);
    },
    /** How refunds end from now on (after PROCESSING). */
    refundOutcome(outcome: FakeRefund['status']) {
      refundOutcome = outcome;
    },
    /**
     * The buyer pays (the trade becomes SUCCESS) and WeChat Pay notifies: once (default), twice, not at all
     * (`none`: only a query finds it), after `delayMs`, or tampered. Resolves with the app's statuses to the
     * first POST of each notification (retries happen later, in `deliveries`).
     */
    async pay(outTradeNo: string, opts: { deliver?: 'once' | 'twice' | 'none'; delayMs?: number; tamper?: Tamper } = {}) {
      const trade = trades.get(outTradeNo);
      if (!trade) throw new Error(`fake WeChat Pay: no prepaid order ${outTradeNo}`);
      if (trade.state !== 'NOTPAY') throw new Error(`fake WeChat Pay: order ${outTradeNo} is ${trade.state}`);
      trade.state = 'SUCCESS';
      trade.transaction_id = `4200${digits(24)}`;
      trade.success_time = rfc3339();
      const times = opts.deliver === 'none' ? 0 : opts.deliver === 'twice' ? 2 : 1;
      const run = async () => {
        if (opts.delayMs) await sleep(opts.delayMs);
        const statuses: Array<number | 'failed'> = [];
        for (let i = 0; i < times; i += 1) statuses.push(await deliver('payment', trade.notify_url, outTradeNo, paymentResource(trade, opts.tamper), 'TRANSACTION.SUCCESS', opts.tamper));
        return statuses;
      };
      return track(run());
    },
    /** Send the payment notification (again) for a trade, e.g. WeChat Pay's retry a day later. Resolves with the app's status. */
    async notify(outTradeNo: string, opts: { tamper?: Tamper } = {}) {
      const trade = trades.get(outTradeNo);
      if (!trade) throw new Error(`fake WeChat Pay: no order ${outTradeNo}`);
      return track(deliver('payment', trade.notify_url, outTradeNo, paymentResource(trade, opts.tamper), 'TRANSACTION.SUCCESS', opts.tamper));
    },
    /** Everything sent in the background (refund notifications, delayed payments) has been answered once. */
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
};

const safeParse = (body: string): Record<string, unknown> | null => {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};
