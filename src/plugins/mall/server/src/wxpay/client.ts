import crypto, { type KeyObject } from 'node:crypto';
import type { PayPort, RequestPaymentParams, VerifiedNotification, WxRefundView, WxTransactionView } from '../services/pay-port';
import { authorization, decryptResource, nonce, paySign, verifyWechatPaySignature } from './crypto';
import { WxPayError, WxPayNotificationError, WxPayUnavailable } from './errors';
import type { WxCertificateList, WxNotification, WxRefund, WxTransaction } from './types';

/**
 * A WeChat Pay API v3 client (直连商户, JSAPI for mini-programs) on node:crypto and fetch. It signs every
 * request with the merchant key, checks WeChat Pay's signature on every answer and notification with the
 * key its serial names (the WeChat Pay public key `PUB_KEY_ID_…`, or a platform certificate, configured or
 * downloaded from /v3/certificates; both at once during WeChat's migration), and maps WeChat Pay's errors:
 * a business refusal is a WxPayError (status, code, message); WeChat Pay unreachable, slow, failing on its
 * side or answering unsigned is a WxPayUnavailable (a PayUnavailable: the mall answers 503).
 *
 * Only prepay (by out_trade_no), close and refund (by out_refund_no) are retried, once, on a network error
 * or a 5xx: WeChat Pay makes them idempotent. Nothing else is retried.
 */
export type WxPayConfig = {
  mchId: string;
  appId: string;
  merchantSerialNo: string;
  /** PEM (PKCS#8 `-----BEGIN PRIVATE KEY-----`, as in apiclient_key.pem). */
  merchantPrivateKey: string;
  /** The 32-character APIv3 key. */
  apiV3Key: string;
  baseUrl: string;
  /** Where WeChat Pay sends payment notifications; a function when it is known only once the server listens. */
  notifyUrl: string | (() => string);
  /** Where refund notifications go (defaults to notifyUrl). */
  refundNotifyUrl?: string | (() => string);
  timeoutMs: number;
  /** The WeChat Pay public key (公钥模式) and its id `PUB_KEY_ID_…`. */
  publicKey?: { id: string; pem: string };
  /** Platform certificates (平台证书模式), PEM. */
  platformCertificates?: string[];
  /** Download the platform certificates when an answer or notification names a serial not known yet. */
  fetchCertificates?: boolean;
  /** Signatures this far from now (either way) are refused; WeChat Pay's own SDKs use 5 minutes. */
  maxAgeSeconds?: number;
  /** Sent as User-Agent. */
  userAgent?: string;
};

type Headers_ = Headers | Record<string, string | string[] | undefined>;

const rfc3339 = (date: Date) => `${new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

/** At most one download of /v3/certificates per this many ms for serials nobody knows (a forged serial must not make us hammer WeChat). */
const UNKNOWN_SERIAL_REFETCH_MS = 60_000;

const readHeader = (headers: Headers_, name: string): string => {
  if (headers instanceof Headers) return headers.get(name) ?? '';
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  }
  return '';
};

const safeJson = <T>(text: string): T | null => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
};

export const transactionView = (t: WxTransaction): WxTransactionView => ({
  outTradeNo: t.out_trade_no,
  transactionId: t.transaction_id ?? null,
  tradeState: t.trade_state,
  totalFen: Number(t.amount?.total ?? 0),
  mchId: t.mchid,
  appId: t.appid,
});

export const refundView = (r: WxRefund): WxRefundView => ({
  outRefundNo: r.out_refund_no,
  refundId: r.refund_id ?? null,
  status: (r.status ?? r.refund_status) as WxRefundView['status'],
});

const isNotFound = (error: unknown) => error instanceof WxPayError && (error.code === 'ORDER_NOT_EXIST' || error.code === 'RESOURCE_NOT_EXISTS');

export const createWxPayClient = (config: WxPayConfig) => {
  const merchantKey = crypto.createPrivateKey(config.merchantPrivateKey);
  /** Verification keys by serial: the public key's id, or a platform certificate's serial (upper-case hex). */
  const keys = new Map<string, KeyObject>();
  if (config.publicKey) keys.set(config.publicKey.id, crypto.createPublicKey(config.publicKey.pem));
  for (const pem of config.platformCertificates ?? []) {
    const cert = new crypto.X509Certificate(pem);
    keys.set(cert.serialNumber.toUpperCase(), cert.publicKey);
  }
  const maxAge = config.maxAgeSeconds ?? 300;
  const base = config.baseUrl.replace(/\/$/, '');
  const userAgent = config.userAgent ?? 'habit-platform-mall/1.0 (node:crypto WeChatPay-APIv3)';
  const urlOf = (url: string | (() => string) | undefined) => (typeof url === 'function' ? url() : (url ?? ''));

  let download: Promise<void> | null = null;
  let lastDownloadAt = 0;

  const keyFor = async (serial: string): Promise<KeyObject | undefined> => {
    const known = keys.get(serial.toUpperCase()) ?? keys.get(serial);
    if (known || !config.fetchCertificates || serial.startsWith('PUB_KEY_ID_')) return known;
    if (!download && Date.now() - lastDownloadAt >= UNKNOWN_SERIAL_REFETCH_MS) {
      lastDownloadAt = Date.now();
      download = downloadCertificates()
        .then(() => undefined)
        .catch(() => undefined)
        .finally(() => {
          download = null;
        });
    }
    if (download) await download;
    return keys.get(serial.toUpperCase());
  };

  /** Checks WeChat Pay's signature over `timestamp\nnonce\nbody\n`; throws the typed reason. */
  const checkSigned = async (headers: Headers_, body: string, now: Date, checkingDownload?: { fresh: Map<string, KeyObject> }) => {
    const timestamp = readHeader(headers, 'Wechatpay-Timestamp');
    const nonceStr = readHeader(headers, 'Wechatpay-Nonce');
    const signature = readHeader(headers, 'Wechatpay-Signature');
    const serial = readHeader(headers, 'Wechatpay-Serial');
    if (!timestamp || !nonceStr || !signature || !serial) throw new WxPayNotificationError('bad_signature');
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > maxAge) throw new WxPayNotificationError('stale');
    // While checking a certificate download, never start another one (it would wait for itself).
    const key = checkingDownload ? (checkingDownload.fresh.get(serial.toUpperCase()) ?? keys.get(serial.toUpperCase()) ?? keys.get(serial)) : await keyFor(serial);
    if (!key) throw new WxPayNotificationError('unknown_serial');
    if (!verifyWechatPaySignature(key, timestamp, nonceStr, body, signature)) throw new WxPayNotificationError('bad_signature');
  };

  type Answer<T> = { status: number; headers: Headers; text: string; data: T | null };

  const request = async <T>(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body?: unknown,
    options: { retry?: boolean; verify?: boolean } = {},
  ): Promise<Answer<T>> => {
    const payload = body === undefined ? '' : JSON.stringify(body);
    for (let attempt = 0; ; attempt += 1) {
      const again = options.retry === true && attempt === 0;
      let response: Response;
      let text: string;
      try {
        response = await fetch(`${base}${pathWithQuery}`, {
          method,
          headers: {
            Authorization: authorization({ mchId: config.mchId, serialNo: config.merchantSerialNo, privateKey: merchantKey }, method, pathWithQuery, payload),
            Accept: 'application/json',
            'Content-Type': 'application/json',
            'User-Agent': userAgent,
          },
          body: body === undefined ? undefined : payload,
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        if (again) continue;
        // Not `instanceof Error`: fetch's DOMException may come from another realm (jest's vm context, for one).
        const name = (error as { name?: unknown } | null)?.name;
        const timedOut = name === 'TimeoutError' || name === 'AbortError';
        throw new WxPayUnavailable(timedOut ? 'timeout' : 'network');
      }
      if (response.status >= 500 || response.status === 429) {
        if (again && response.status >= 500) continue;
        const code = safeJson<{ code?: string }>(text)?.code ?? (response.status === 429 ? 'FREQUENCY_LIMITED' : 'SYSTEM_ERROR');
        throw new WxPayUnavailable('server_error', response.status, code);
      }
      if (response.status >= 400) {
        const error = safeJson<{ code?: string; message?: string }>(text) ?? {};
        throw new WxPayError(response.status, error.code ?? 'UNKNOWN', error.message ?? '');
      }
      if (options.verify !== false) {
        try {
          await checkSigned(response.headers, text, new Date());
        } catch (error) {
          // An answer that does not carry WeChat Pay's signature is not believed, whatever it says.
          throw new WxPayUnavailable('unverified_answer', response.status, (error as WxPayNotificationError).failure ?? 'bad_signature');
        }
      }
      return { status: response.status, headers: response.headers, text, data: text ? safeJson<T>(text) : null };
    }
  };

  /**
   * GET /v3/certificates: decrypts each platform certificate with the APIv3 key, checks the answer's
   * signature (with a key already known or with one of the certificates just decrypted, as WeChat Pay's
   * SDKs do), and only then trusts them. Returns the serials now known.
   */
  const downloadCertificates = async (): Promise<string[]> => {
    const answer = await request<WxCertificateList>('GET', '/v3/certificates', undefined, { verify: false });
    const fresh = new Map<string, KeyObject>();
    for (const item of answer.data?.data ?? []) {
      let pem: string;
      try {
        pem = decryptResource(config.apiV3Key, item.encrypt_certificate);
      } catch {
        throw new WxPayUnavailable('unverified_answer', answer.status, 'decrypt_failed');
      }
      const cert = new crypto.X509Certificate(pem);
      if (new Date(cert.validTo).getTime() < Date.now()) continue;
      fresh.set(cert.serialNumber.toUpperCase(), cert.publicKey);
    }
    try {
      await checkSigned(answer.headers, answer.text, new Date(), { fresh });
    } catch (error) {
      throw new WxPayUnavailable('unverified_answer', answer.status, (error as WxPayNotificationError).failure ?? 'bad_signature');
    }
    for (const [serial, key] of fresh) keys.set(serial, key);
    return [...fresh.keys()];
  };

  const prepayJsapi = async (input: { outTradeNo: string; description: string; totalFen: number; openid: string; timeExpire: Date; attach?: string }) => {
    const { data } = await request<{ prepay_id?: string }>(
      'POST',
      '/v3/pay/transactions/jsapi',
      {
        appid: config.appId,
        mchid: config.mchId,
        description: input.description,
        out_trade_no: input.outTradeNo,
        time_expire: rfc3339(input.timeExpire),
        ...(input.attach === undefined ? {} : { attach: input.attach }),
        notify_url: urlOf(config.notifyUrl),
        amount: { total: input.totalFen, currency: 'CNY' },
        payer: { openid: input.openid },
      },
      { retry: true },
    );
    if (typeof data?.prepay_id !== 'string' || !data.prepay_id) throw new WxPayUnavailable('server_error', 200, 'NO_PREPAY_ID');
    return { prepayId: data.prepay_id };
  };

  const paymentParams = (prepayId: string, at: { timeStamp?: string; nonceStr?: string } = {}): RequestPaymentParams => {
    const timeStamp = at.timeStamp ?? String(Math.floor(Date.now() / 1000));
    const nonceStr = at.nonceStr ?? nonce();
    const pkg = `prepay_id=${prepayId}`;
    return { appId: config.appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: paySign(merchantKey, config.appId, timeStamp, nonceStr, pkg) };
  };

  const queryByOutTradeNo = async (outTradeNo: string): Promise<WxTransaction> => {
    const { data } = await request<WxTransaction>('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(config.mchId)}`);
    if (!data?.out_trade_no || !data.trade_state) throw new WxPayUnavailable('server_error', 200, 'MALFORMED_ANSWER');
    return data;
  };

  /** Close; throws WxPayError ORDERPAID when the buyer paid (ORDER_CLOSED when already closed). */
  const closeOrThrow = async (outTradeNo: string): Promise<void> => {
    await request('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: config.mchId }, { retry: true });
  };

  const refundRaw = async (input: { outTradeNo: string; outRefundNo: string; refundFen: number; totalFen: number; reason?: string }): Promise<WxRefund> => {
    const { data } = await request<WxRefund>(
      'POST',
      '/v3/refund/domestic/refunds',
      {
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        ...(input.reason ? { reason: input.reason } : {}),
        notify_url: urlOf(config.refundNotifyUrl ?? config.notifyUrl),
        amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
      },
      { retry: true },
    );
    if (!data?.out_refund_no) throw new WxPayUnavailable('server_error', 200, 'MALFORMED_ANSWER');
    return data;
  };

  const fetchRefund = async (outRefundNo: string): Promise<WxRefund> => {
    const { data } = await request<WxRefund>('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
    if (!data?.out_refund_no) throw new WxPayUnavailable('server_error', 200, 'MALFORMED_ANSWER');
    return data;
  };

  /**
   * A notification POSTed by WeChat Pay: the signature over the RAW body, the timestamp within 5 minutes
   * either way, a known serial, then AEAD_AES_256_GCM with the APIv3 key. Throws WxPayNotificationError
   * (bad_signature, stale, unknown_serial, decrypt_failed, malformed).
   */
  const verifyNotification = async (headers: Headers_, rawBody: string | Buffer, now: Date = new Date()): Promise<WxNotification> => {
    const raw = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
    await checkSigned(headers, raw, now);
    const envelope = safeJson<{ id?: unknown; event_type?: unknown; resource?: { ciphertext?: unknown; nonce?: unknown; associated_data?: unknown } }>(raw);
    const resource = envelope?.resource;
    if (
      typeof envelope?.id !== 'string' ||
      typeof envelope.event_type !== 'string' ||
      typeof resource?.ciphertext !== 'string' ||
      typeof resource.nonce !== 'string'
    ) {
      throw new WxPayNotificationError('malformed');
    }
    let plain: string;
    try {
      plain = decryptResource(config.apiV3Key, {
        ciphertext: resource.ciphertext,
        nonce: resource.nonce,
        associated_data: typeof resource.associated_data === 'string' ? resource.associated_data : '',
      });
    } catch {
      throw new WxPayNotificationError('decrypt_failed');
    }
    const decoded = safeJson<Record<string, unknown>>(plain);
    if (!decoded || typeof decoded !== 'object') throw new WxPayNotificationError('malformed');
    if (envelope.event_type.startsWith('REFUND.')) {
      if (typeof decoded.out_refund_no !== 'string' || typeof decoded.out_trade_no !== 'string') throw new WxPayNotificationError('malformed');
      return { id: envelope.id, eventType: envelope.event_type, kind: 'refund', resource: decoded as unknown as WxRefund };
    }
    if (typeof decoded.out_trade_no !== 'string' || typeof decoded.trade_state !== 'string') throw new WxPayNotificationError('malformed');
    return { id: envelope.id, eventType: envelope.event_type, kind: 'transaction', resource: decoded as unknown as WxTransaction };
  };

  const port: PayPort = {
    mchId: config.mchId,
    appId: config.appId,
    prepay: (input) => prepayJsapi(input),
    paymentParams: (prepayId) => paymentParams(prepayId),
    async query(outTradeNo) {
      try {
        return transactionView(await queryByOutTradeNo(outTradeNo));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async close(outTradeNo) {
      try {
        await closeOrThrow(outTradeNo);
        return 'closed';
      } catch (error) {
        if (error instanceof WxPayError && error.code === 'ORDERPAID') return 'paid';
        if (error instanceof WxPayError && (error.code === 'ORDER_CLOSED' || error.code === 'ORDER_NOT_EXIST')) return 'closed';
        throw error;
      }
    },
    refund: async (input) => refundView(await refundRaw(input)),
    async queryRefund(outRefundNo) {
      try {
        return refundView(await fetchRefund(outRefundNo));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async verify(headers, rawBody): Promise<VerifiedNotification> {
      const notification = await verifyNotification(headers, rawBody);
      if (notification.kind === 'refund') {
        const refund = notification.resource;
        return { id: notification.id, eventType: notification.eventType, kind: 'refund', refund: { ...refundView(refund), outTradeNo: String(refund.out_trade_no) } };
      }
      return { id: notification.id, eventType: notification.eventType, kind: 'transaction', transaction: transactionView(notification.resource) };
    },
  };

  return {
    ...port,
    /** Verification keys by serial (tests and diagnostics read it). */
    keys,
    prepayJsapi,
    paymentParams,
    queryByOutTradeNo,
    closeOrThrow,
    refundRaw,
    fetchRefund,
    verifyNotification,
    downloadCertificates,
  };
};

export type WxPayClient = ReturnType<typeof createWxPayClient>;

export { WxPayError, WxPayNotificationError, WxPayUnavailable } from './errors';
