import crypto, { type KeyObject } from 'node:crypto';
import { NotificationRefused, PayUnavailable, type PayPort, type VerifiedNotification, type WxRefundView, type WxTransactionView } from '../services/pay-port';
import { authorization, decryptResource, nonce, paySign, verifyWechatPaySignature } from './crypto';

/**
 * A WeChat Pay API v3 client (直连商户, JSAPI for mini-programs) on node:crypto and fetch. It signs every
 * request with the merchant key, checks WeChat Pay's signature on every answer and notification with the
 * key its serial names (the WeChat Pay public key `PUB_KEY_ID_…`, or a platform certificate, configured or
 * downloaded from /v3/certificates), and maps WeChat Pay's errors: a business refusal is a WxPayError
 * (code, message), WeChat Pay unreachable, slow or failing on its side is PayUnavailable.
 */
export type WxPayConfig = {
  mchId: string;
  appId: string;
  merchantSerialNo: string;
  merchantPrivateKey: string;
  apiV3Key: string;
  baseUrl: string;
  /** Where WeChat Pay sends notifications; a function when it is known only once the server listens. */
  notifyUrl: string | (() => string);
  refundNotifyUrl: string | (() => string);
  timeoutMs: number;
  publicKey?: { id: string; pem: string };
  platformCertificates?: string[];
  /** Download the platform certificates when an answer names a serial not known yet. */
  fetchCertificates?: boolean;
  /** Notifications this far from now (either way) are refused. */
  maxAgeSeconds?: number;
};

export class WxPayError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(`WeChat Pay ${status} ${code}: ${message}`);
  }
}

type Transaction = {
  appid: string; mchid: string; out_trade_no: string; transaction_id?: string; trade_state: WxTransactionView['tradeState'];
  amount?: { total?: number; payer_total?: number };
};
type Refund = { refund_id?: string; out_refund_no: string; out_trade_no?: string; status?: WxRefundView['status']; refund_status?: WxRefundView['status'] };

const rfc3339 = (date: Date) => `${new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

export const createWxPayClient = (config: WxPayConfig): PayPort & { readonly keys: Map<string, KeyObject> } => {
  const merchantKey = crypto.createPrivateKey(config.merchantPrivateKey);
  const keys = new Map<string, KeyObject>();
  if (config.publicKey) keys.set(config.publicKey.id, crypto.createPublicKey(config.publicKey.pem));
  for (const pem of config.platformCertificates ?? []) {
    const cert = new crypto.X509Certificate(pem);
    keys.set(cert.serialNumber.toUpperCase(), cert.publicKey);
  }
  const maxAge = config.maxAgeSeconds ?? 300;
  const base = config.baseUrl.replace(/\/$/, '');

  const header = (headers: Headers | Record<string, string | string[] | undefined>, name: string): string => {
    if (headers instanceof Headers) return headers.get(name) ?? '';
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] ?? '' : value ?? '';
  };

  const keyFor = async (serial: string): Promise<KeyObject | undefined> => {
    if (!keys.has(serial) && config.fetchCertificates && !serial.startsWith('PUB_KEY_ID_')) await downloadCertificates().catch(() => undefined);
    return keys.get(serial);
  };

  /** Checks WeChat Pay's signature on an answer or notification; throws the reason. */
  const checkSigned = async (headers: Headers | Record<string, string | string[] | undefined>, body: string, now: Date) => {
    const timestamp = header(headers, 'Wechatpay-Timestamp');
    const nonceStr = header(headers, 'Wechatpay-Nonce');
    const signature = header(headers, 'Wechatpay-Signature');
    const serial = header(headers, 'Wechatpay-Serial');
    if (!timestamp || !nonceStr || !signature || !serial) throw new NotificationRefused(401, 'unsigned');
    if (!/^\d+$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > maxAge) throw new NotificationRefused(401, 'stale');
    const key = await keyFor(serial);
    if (!key) throw new NotificationRefused(401, 'unknown_serial');
    if (!verifyWechatPaySignature(key, timestamp, nonceStr, body, signature)) throw new NotificationRefused(401, 'bad_signature');
  };

  const request = async <T>(method: 'GET' | 'POST', pathWithQuery: string, body?: unknown, options: { retry?: boolean; verify?: boolean } = {}): Promise<{ status: number; data: T | null }> => {
    const payload = body === undefined ? '' : JSON.stringify(body);
    for (let attempt = 0; ; attempt += 1) {
      let response: Response;
      let text: string;
      try {
        response = await fetch(`${base}${pathWithQuery}`, {
          method,
          headers: {
            Authorization: authorization({ mchId: config.mchId, serialNo: config.merchantSerialNo, privateKey: merchantKey }, method, pathWithQuery, payload),
            Accept: 'application/json',
            'Content-Type': 'application/json',
            'User-Agent': 'habit-platform-mall/1.0',
          },
          body: body === undefined ? undefined : payload,
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        if (options.retry && attempt === 0) continue;
        throw new PayUnavailable(error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable');
      }
      if (response.status >= 500 || response.status === 429) {
        if (options.retry && attempt === 0) continue;
        const code = safeJson<{ code?: string }>(text)?.code ?? 'SYSTEM_ERROR';
        throw new PayUnavailable(`${response.status} ${code}`);
      }
      if (response.status >= 400) {
        const error = safeJson<{ code?: string; message?: string }>(text) ?? {};
        throw new WxPayError(response.status, error.code ?? 'UNKNOWN', error.message ?? '');
      }
      if (options.verify !== false) {
        try {
          await checkSigned(response.headers, text, new Date());
        } catch (error) {
          // An answer that does not carry WeChat Pay's signature is not believed.
          throw new PayUnavailable(`answer not verified (${(error as NotificationRefused).reason})`);
        }
      }
      return { status: response.status, data: text ? (JSON.parse(text) as T) : null };
    }
  };

  const downloadCertificates = async () => {
    const { data } = await request<{ data: Array<{ serial_no: string; encrypt_certificate: { ciphertext: string; nonce: string; associated_data: string } }> }>('GET', '/v3/certificates', undefined, { verify: false });
    for (const item of data?.data ?? []) {
      const pem = decryptResource(config.apiV3Key, item.encrypt_certificate);
      keys.set(new crypto.X509Certificate(pem).serialNumber.toUpperCase(), new crypto.X509Certificate(pem).publicKey);
    }
  };

  const transactionView = (t: Transaction): WxTransactionView => ({
    outTradeNo: t.out_trade_no,
    transactionId: t.transaction_id ?? null,
    tradeState: t.trade_state,
    totalFen: Number(t.amount?.total ?? 0),
    mchId: t.mchid,
    appId: t.appid,
  });
  const refundView = (r: Refund): WxRefundView => ({ outRefundNo: r.out_refund_no, refundId: r.refund_id ?? null, status: (r.status ?? r.refund_status) as WxRefundView['status'] });

  return {
    keys,
    mchId: config.mchId,
    appId: config.appId,

    async prepay(input) {
      const { data } = await request<{ prepay_id: string }>('POST', '/v3/pay/transactions/jsapi', {
        appid: config.appId,
        mchid: config.mchId,
        description: input.description,
        out_trade_no: input.outTradeNo,
        time_expire: rfc3339(input.timeExpire),
        notify_url: typeof config.notifyUrl === 'function' ? config.notifyUrl() : config.notifyUrl,
        amount: { total: input.totalFen, currency: 'CNY' },
        payer: { openid: input.openid },
      }, { retry: true });
      return { prepayId: String(data?.prepay_id) };
    },

    paymentParams(prepayId) {
      const timeStamp = String(Math.floor(Date.now() / 1000));
      const nonceStr = nonce();
      const pkg = `prepay_id=${prepayId}`;
      return { appId: config.appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: paySign(merchantKey, config.appId, timeStamp, nonceStr, pkg) };
    },

    async query(outTradeNo) {
      try {
        const { data } = await request<Transaction>('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${config.mchId}`);
        return data ? transactionView(data) : null;
      } catch (error) {
        if (error instanceof WxPayError && (error.code === 'ORDER_NOT_EXIST' || error.code === 'RESOURCE_NOT_EXISTS')) return null;
        throw error;
      }
    },

    async close(outTradeNo) {
      try {
        await request('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: config.mchId }, { retry: true });
        return 'closed';
      } catch (error) {
        if (error instanceof WxPayError && error.code === 'ORDERPAID') return 'paid';
        if (error instanceof WxPayError && (error.code === 'ORDER_CLOSED' || error.code === 'ORDER_NOT_EXIST')) return 'closed';
        throw error;
      }
    },

    async refund(input) {
      const { data } = await request<Refund>('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        reason: input.reason,
        notify_url: typeof config.refundNotifyUrl === 'function' ? config.refundNotifyUrl() : config.refundNotifyUrl,
        amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
      }, { retry: true });
      return refundView(data as Refund);
    },

    async queryRefund(outRefundNo) {
      try {
        const { data } = await request<Refund>('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
        return data ? refundView(data) : null;
      } catch (error) {
        if (error instanceof WxPayError && (error.code === 'RESOURCE_NOT_EXISTS' || error.code === 'ORDER_NOT_EXIST')) return null;
        throw error;
      }
    },

    async verify(headers, rawBody): Promise<VerifiedNotification> {
      await checkSigned(headers, rawBody, new Date());
      const envelope = safeJson<{ id?: string; event_type?: string; resource?: { ciphertext: string; nonce: string; associated_data: string } }>(rawBody);
      if (!envelope?.id || !envelope.event_type || !envelope.resource) throw new NotificationRefused(400, 'malformed');
      let plain: string;
      try {
        plain = decryptResource(config.apiV3Key, envelope.resource);
      } catch {
        throw new NotificationRefused(400, 'decrypt_failed');
      }
      const resource = safeJson<Transaction & Refund>(plain);
      if (!resource) throw new NotificationRefused(400, 'malformed');
      if (envelope.event_type.startsWith('REFUND.')) {
        return { id: envelope.id, eventType: envelope.event_type, kind: 'refund', refund: { ...refundView(resource), outTradeNo: String(resource.out_trade_no) } };
      }
      return { id: envelope.id, eventType: envelope.event_type, kind: 'transaction', transaction: transactionView(resource) };
    },
  };
};

const safeJson = <T>(text: string): T | null => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
};
