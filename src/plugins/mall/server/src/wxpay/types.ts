import type { WxTradeState } from '../services/pay-port';

/**
 * WeChat Pay API v3's own shapes (snake_case, as on the wire) for JSAPI payments and domestic refunds. The
 * mall's order logic reads the narrow views of services/pay-port.ts; these are for the client, the fake
 * WeChat Pay and tests.
 */
export type WxTransaction = {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: WxTradeState;
  trade_state_desc?: string;
  bank_type?: string;
  attach?: string;
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total?: number; payer_total?: number; currency?: string; payer_currency?: string };
};

export type WxRefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

export type WxRefund = {
  refund_id?: string;
  out_refund_no: string;
  transaction_id?: string;
  out_trade_no?: string;
  channel?: string;
  user_received_account?: string;
  /** Answers carry `status`; refund notifications carry `refund_status`. */
  status?: WxRefundStatus;
  refund_status?: WxRefundStatus;
  create_time?: string;
  success_time?: string;
  amount?: { total?: number; refund?: number; payer_total?: number; payer_refund?: number; currency?: string };
};

export type WxEventType = 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED';

/** The envelope WeChat Pay POSTs to notify_url. */
export type WxNotificationEnvelope = {
  id: string;
  create_time: string;
  event_type: string;
  resource_type: 'encrypt-resource';
  summary: string;
  resource: { algorithm: 'AEAD_AES_256_GCM'; ciphertext: string; associated_data: string; original_type: string; nonce: string };
};

/** A verified, decrypted notification as verifyNotification returns it. */
export type WxNotification =
  | { id: string; eventType: string; kind: 'transaction'; resource: WxTransaction }
  | { id: string; eventType: string; kind: 'refund'; resource: WxRefund };

/** `GET /v3/certificates`. */
export type WxCertificateList = {
  data: Array<{
    serial_no: string;
    effective_time?: string;
    expire_time?: string;
    encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM'; nonce: string; associated_data: string; ciphertext: string };
  }>;
};

export type { RequestPaymentParams, WxTradeState } from '../services/pay-port';
