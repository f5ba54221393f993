/**
 * What the mall needs of a WeChat Pay v3 client (wxpay/ implements it on node:crypto; the fake WeChat Pay
 * server answers it in WECHAT_MODE=fake). Kept narrow so the order logic reads without the protocol.
 */
export type WxTradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';
export type WxTransactionView = { outTradeNo: string; transactionId: string | null; tradeState: WxTradeState; totalFen: number; mchId: string; appId: string };
export type WxRefundView = { outRefundNo: string; refundId: string | null; status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL' };
export type RequestPaymentParams = { appId: string; timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string };

export type VerifiedNotification =
  | { id: string; eventType: string; kind: 'transaction'; transaction: WxTransactionView }
  | { id: string; eventType: string; kind: 'refund'; refund: WxRefundView & { outTradeNo: string } };

export interface PayPort {
  readonly mchId: string;
  readonly appId: string;
  prepay(input: { outTradeNo: string; description: string; totalFen: number; openid: string; timeExpire: Date }): Promise<{ prepayId: string }>;
  paymentParams(prepayId: string): RequestPaymentParams;
  query(outTradeNo: string): Promise<WxTransactionView | null>;
  close(outTradeNo: string): Promise<'closed' | 'paid'>;
  refund(input: { outTradeNo: string; outRefundNo: string; refundFen: number; totalFen: number; reason?: string }): Promise<WxRefundView>;
  queryRefund(outRefundNo: string): Promise<WxRefundView | null>;
  verify(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<VerifiedNotification>;
}

/** Why a notification was refused: the HTTP status WeChat gets back, and words for the log. */
export class NotificationRefused extends Error {
  constructor(readonly status: 400 | 401, readonly reason: string) {
    super(`WeChat Pay notification refused: ${reason}`);
  }
}

/** WeChat Pay could not be reached, or answered an error the caller cannot act on: a 503 for the user. */
export class PayUnavailable extends Error {
  constructor(readonly detail: string) {
    super(`WeChat Pay unavailable: ${detail}`);
  }
}

/** The fake WeChat Pay's buyer (WECHAT_MODE=fake): pays an order and waits until its notification was answered. */
export interface FakeBuyer {
  payAndWait(outTradeNo: string): Promise<void>;
}
