import crypto, { type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptResource, parseAuthorization, selfSignedCertificate, wechatPaySignature } from '../wxpay/crypto';

/**
 * A fake of WeChat Pay API v3 (api.mch.weixin.qq.com) for mini-program payments. It is a real HTTP server
 * that speaks the real protocol with keys generated at start: it checks each request's merchant signature
 * (401 SIGN_ERROR), answers prepay, query, close, refund and refund query with WeChat Pay's shapes and
 * error codes, signs every answer (with its WeChat Pay public key `PUB_KEY_ID_…`, or its platform
 * certificate), serves /v3/certificates encrypted with the APIv3 key, and sends notifications the real way.
 *
 * What the buyer does, and what a test wants to go wrong, are methods (never HTTP routes of the app):
 * `pay(outTradeNo, { deliver, delayMs, tamper })` pays and notifies (twice, late, with a wrong amount, a bad
 * signature, a stale timestamp, another merchant), `notify` sends again, `failNext` makes the next call to a
 * path fail, `refundOutcome` decides how refunds end.
 */
export type Tamper = 'wrong_amount' | 'bad_signature' | 'stale' | 'wrong_mchid' | 'bad_key';
export type Delivery = { kind: 'payment' | 'refund'; outTradeNo: string; status: number | 'failed'; tamper?: Tamper };

type Trade = {
  appid: string; mchid: string; out_trade_no: string; description: string; notify_url: string; total: number; openid: string;
  time_expire: string; prepay_id: string; state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND'; transaction_id?: string; success_time?: string;
  refunded: number;
};
type RefundRecord = { refund_id: string; out_refund_no: string; out_trade_no: string; transaction_id: string; amount: number; total: number; status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED'; notify_url?: string; create_time: string };

export type FakeWxPayOptions = {
  mchId?: string;
  appId?: string;
  /** Which key signs the answers and notifications: the WeChat Pay public key (default) or the platform certificate. */
  signWith?: 'publicKey' | 'certificate';
  /** How long a refund stays PROCESSING before it succeeds (and its notification is sent). */
  refundDelayMs?: number;
};

export type FakeWxPay = Awaited<ReturnType<typeof startFakeWxPayServer>>;

const now3339 = () => `${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

export const startFakeWxPayServer = async (options: FakeWxPayOptions = {}) => {
  const mchId = options.mchId ?? '1900000109';
  const appId = options.appId ?? 'wx0000000000fake00';
  const apiV3Key = crypto.randomBytes(16).toString('hex');
  const merchantPair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const merchantSerialNo = crypto.randomBytes(20).toString('hex').toUpperCase();
  const wechatPair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyId = `PUB_KEY_ID_0114${crypto.randomBytes(14).toString('hex').toUpperCase()}`;
  const platformPair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certificate = selfSignedCertificate(platformPair, 'Tenpay.com Root CA (fake)');
  let signWith = options.signWith ?? 'publicKey';

  const trades = new Map<string, Trade>();
  const refunds = new Map<string, RefundRecord>();
  const deliveries: Delivery[] = [];
  const failures = new Map<string, { status: number; code: string }>();
  let refundOutcome: RefundRecord['status'] = 'SUCCESS';
  const stats: Record<string, number> = {};
  const pending = new Set<Promise<unknown>>();

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

  const send = (res: ServerResponse, status: number, payload?: unknown) => {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    res.writeHead(status, { 'Content-Type': 'application/json', ...signedHeaders(body) });
    res.end(body);
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

  /** The merchant's signature over `METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY\n`, with the merchant key we issued. */
  const signedByMerchant = (req: IncomingMessage, body: string) => {
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth || auth.mchid !== mchId || auth.serial_no !== merchantSerialNo) return false;
    const message = `${req.method}\n${req.url}\n${auth.timestamp}\n${auth.nonce_str}\n${body}\n`;
    return crypto.createVerify('RSA-SHA256').update(message, 'utf8').verify(merchantPair.publicKey, auth.signature, 'base64');
  };

  const transactionOf = (t: Trade) => ({
    appid: t.appid, mchid: t.mchid, out_trade_no: t.out_trade_no, transaction_id: t.transaction_id,
    trade_type: 'JSAPI', trade_state: t.state, trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭', REFUND: '转入退款' }[t.state],
    bank_type: t.state === 'SUCCESS' ? 'OTHERS' : undefined, attach: '', success_time: t.success_time, payer: { openid: t.openid },
    amount: { total: t.total, payer_total: t.state === 'NOTPAY' ? undefined : t.total, currency: 'CNY', payer_currency: 'CNY' },
  });
  const refundOf = (r: RefundRecord) => ({
    refund_id: r.refund_id, out_refund_no: r.out_refund_no, transaction_id: r.transaction_id, out_trade_no: r.out_trade_no,
    channel: 'ORIGINAL', user_received_account: '支付用户零钱', status: r.status, create_time: r.create_time,
    success_time: r.status === 'SUCCESS' ? now3339() : undefined,
    amount: { total: r.total, refund: r.amount, payer_total: r.total, payer_refund: r.amount, currency: 'CNY' },
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = `${req.method} ${url.pathname}`;
    stats[route.replace(/\/out-trade-no\/[^/]+|\/refunds\/[^/]+$/, '/:id')] = (stats[route] ?? 0) + 1;
    const injected = [...failures.entries()].find(([path]) => url.pathname.startsWith(path));
    if (injected) {
      failures.delete(injected[0]);
      return fail(res, injected[1].status, injected[1].code, '系统繁忙，请稍后再试');
    }
    if (!signedByMerchant(req, body)) return fail(res, 401, 'SIGN_ERROR', '签名错误');
    const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};

    if (route === 'GET /v3/certificates') {
      const encrypted = encryptResource(apiV3Key, certificate.pem, 'certificate', 'certificate');
      return send(res, 200, { data: [{ serial_no: certificate.serialNo, effective_time: now3339(), expire_time: now3339(), encrypt_certificate: encrypted }] });
    }
    if (route === 'POST /v3/pay/transactions/jsapi') {
      const amount = input.amount as { total?: number } | undefined;
      const payer = input.payer as { openid?: string } | undefined;
      const outTradeNo = String(input.out_trade_no ?? '');
      if (input.appid !== appId || input.mchid !== mchId) return fail(res, 400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
      if (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(outTradeNo) || !Number.isInteger(amount?.total) || (amount?.total ?? 0) <= 0 || !payer?.openid || !input.notify_url || !input.description) {
        return fail(res, 400, 'PARAM_ERROR', '参数错误');
      }
      const existing = trades.get(outTradeNo);
      if (existing) {
        if (existing.state === 'SUCCESS') return fail(res, 400, 'ORDERPAID', '该订单已支付');
        if (existing.state === 'CLOSED') return fail(res, 400, 'ORDER_CLOSED', '订单已关闭');
        if (existing.total !== amount?.total) return fail(res, 400, 'INVALID_REQUEST', '订单金额与原订单不一致');
        return send(res, 200, { prepay_id: existing.prepay_id });
      }
      const trade: Trade = {
        appid: appId, mchid: mchId, out_trade_no: outTradeNo, description: String(input.description), notify_url: String(input.notify_url),
        total: Number(amount?.total), openid: String(payer.openid), time_expire: String(input.time_expire ?? ''),
        prepay_id: `wx${crypto.randomBytes(16).toString('hex')}`, state: 'NOTPAY', refunded: 0,
      };
      trades.set(outTradeNo, trade);
      return send(res, 200, { prepay_id: trade.prepay_id });
    }
    const byNo = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(url.pathname);
    if (byNo) {
      const trade = trades.get(decodeURIComponent(byNo[1]));
      if (!trade) return fail(res, 404, 'ORDER_NOT_EXIST', '订单不存在');
      if (req.method === 'GET' && !byNo[2]) return send(res, 200, transactionOf(trade));
      if (req.method === 'POST' && byNo[2]) {
        if (trade.state === 'SUCCESS' || trade.state === 'REFUND') return fail(res, 400, 'ORDERPAID', '订单已支付');
        trade.state = 'CLOSED';
        return send(res, 204);
      }
    }
    if (route === 'POST /v3/refund/domestic/refunds') {
      const amount = input.amount as { refund?: number; total?: number } | undefined;
      const outRefundNo = String(input.out_refund_no ?? '');
      const trade = trades.get(String(input.out_trade_no ?? ''));
      if (!trade) return fail(res, 404, 'RESOURCE_NOT_EXISTS', '订单不存在');
      const existing = refunds.get(outRefundNo);
      if (existing) return send(res, 200, refundOf(existing));
      if (trade.state !== 'SUCCESS' && trade.state !== 'REFUND') return fail(res, 400, 'INVALID_REQUEST', '订单未支付');
      if (!Number.isInteger(amount?.refund) || (amount?.refund ?? 0) <= 0 || amount?.total !== trade.total) return fail(res, 400, 'PARAM_ERROR', '参数错误');
      if (trade.refunded + Number(amount?.refund) > trade.total) return fail(res, 403, 'NOT_ENOUGH', '可退款金额不足');
      trade.refunded += Number(amount?.refund);
      trade.state = 'REFUND';
      const record: RefundRecord = {
        refund_id: `50${crypto.randomInt(10 ** 9, 10 ** 10 - 1)}${crypto.randomInt(10 ** 9, 10 ** 10 - 1)}`, out_refund_no: outRefundNo, out_trade_no: trade.out_trade_no,
        transaction_id: trade.transaction_id ?? '', amount: Number(amount?.refund), total: trade.total, status: 'PROCESSING',
        notify_url: input.notify_url ? String(input.notify_url) : undefined, create_time: now3339(),
      };
      refunds.set(outRefundNo, record);
      const settle = async () => {
        await new Promise((resolve) => setTimeout(resolve, options.refundDelayMs ?? 50));
        record.status = refundOutcome;
        if (record.notify_url) await deliver('refund', record.notify_url, trade.out_trade_no, refundOf(record), `REFUND.${refundOutcome}`);
      };
      track(settle());
      return send(res, 200, refundOf(record));
    }
    const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(url.pathname);
    if (refundQuery && req.method === 'GET') {
      const record = refunds.get(decodeURIComponent(refundQuery[1]));
      return record ? send(res, 200, refundOf(record)) : fail(res, 404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    }
    if (route.startsWith('POST /fake/pay/')) {
      await fake.pay(decodeURIComponent(url.pathname.slice('/fake/pay/'.length)));
      return send(res, 204);
    }
    return fail(res, 404, 'RESOURCE_NOT_EXISTS', 'not found');
  };

  const track = <T>(promise: Promise<T>) => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
    return promise;
  };

  /** POSTs a signed, encrypted notification as WeChat Pay does; records what the app answered. */
  const deliver = async (kind: 'payment' | 'refund', notifyUrl: string, outTradeNo: string, resource: object, eventType: string, tamper?: Tamper) => {
    const plain = JSON.stringify(resource);
    const encrypted = encryptResource(tamper === 'bad_key' ? crypto.randomBytes(16).toString('hex') : apiV3Key, plain, kind === 'payment' ? 'transaction' : 'refund', kind === 'payment' ? 'transaction' : 'refund');
    const body = JSON.stringify({
      id: crypto.randomUUID(), create_time: now3339(), resource_type: 'encrypt-resource', event_type: eventType,
      summary: kind === 'payment' ? '支付成功' : '退款成功', resource: encrypted,
    });
    const headers = signedHeaders(body, {
      timestamp: tamper === 'stale' ? String(Math.floor(Date.now() / 1000) - 600) : undefined,
      key: tamper === 'bad_signature' ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey : undefined,
    });
    let status: number | 'failed';
    try {
      const response = await fetch(notifyUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(10_000) });
      status = response.status;
      await response.text();
    } catch {
      status = 'failed';
    }
    deliveries.push({ kind, outTradeNo, status, tamper });
    return status;
  };

  const paymentResource = (trade: Trade, tamper?: Tamper) => ({
    ...transactionOf(trade),
    mchid: tamper === 'wrong_mchid' ? '1900000999' : trade.mchid,
    amount: { ...transactionOf(trade).amount, total: tamper === 'wrong_amount' ? trade.total + 1 : trade.total },
  });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => fail(res, 500, 'SYSTEM_ERROR', '系统错误'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake = {
    url: `http://127.0.0.1:${port}`,
    mchId,
    appId,
    apiV3Key,
    merchant: { serialNo: merchantSerialNo, privateKeyPem: merchantPair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string },
    publicKey: { id: publicKeyId, pem: wechatPair.publicKey.export({ type: 'spki', format: 'pem' }) as string },
    platformCertificatePem: certificate.pem,
    trades,
    refunds,
    deliveries,
    stats,
    /** Sign answers and notifications from now on with the public key or the platform certificate. */
    signWith(mode: 'publicKey' | 'certificate') {
      signWith = mode;
    },
    /** The next request to a path starting with `path` fails (SYSTEM_ERROR 500, FREQUENCY_LIMITED 429 ...). */
    failNext(path: string, status = 500, code = 'SYSTEM_ERROR') {
      failures.set(path, { status, code });
    },
    /** How refunds end from now on (after PROCESSING). */
    refundOutcome(outcome: RefundRecord['status']) {
      refundOutcome = outcome;
    },
    /**
     * The buyer pays (the trade becomes SUCCESS) and WeChat Pay notifies: once (default), twice, not at all
     * (`none`: only a query finds it), after `delayMs`, or tampered. Resolves when the notifications were answered.
     */
    async pay(outTradeNo: string, opts: { deliver?: 'once' | 'twice' | 'none'; delayMs?: number; tamper?: Tamper } = {}) {
      const trade = trades.get(outTradeNo);
      if (!trade) throw new Error(`fake WeChat Pay: no prepaid order ${outTradeNo}`);
      if (trade.state !== 'NOTPAY') throw new Error(`fake WeChat Pay: order ${outTradeNo} is ${trade.state}`);
      trade.state = 'SUCCESS';
      trade.transaction_id = `42000${crypto.randomInt(10 ** 9, 10 ** 10 - 1)}${crypto.randomInt(10 ** 9, 10 ** 10 - 1)}`;
      trade.success_time = now3339();
      const times = opts.deliver === 'none' ? 0 : opts.deliver === 'twice' ? 2 : 1;
      const run = async () => {
        if (opts.delayMs) await new Promise((resolve) => setTimeout(resolve, opts.delayMs));
        const statuses: Array<number | 'failed'> = [];
        for (let i = 0; i < times; i += 1) statuses.push(await deliver('payment', trade.notify_url, outTradeNo, paymentResource(trade, opts.tamper), 'TRANSACTION.SUCCESS', opts.tamper));
        return statuses;
      };
      return track(run());
    },
    /** Send the payment notification (again) for a paid trade, e.g. WeChat Pay's retry a day later. */
    async notify(outTradeNo: string, opts: { tamper?: Tamper } = {}) {
      const trade = trades.get(outTradeNo);
      if (!trade) throw new Error(`fake WeChat Pay: no order ${outTradeNo}`);
      return deliver('payment', trade.notify_url, outTradeNo, paymentResource(trade, opts.tamper), 'TRANSACTION.SUCCESS', opts.tamper);
    },
    /** Everything sent in the background (refund notifications, delayed payments) has been answered. */
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
};
