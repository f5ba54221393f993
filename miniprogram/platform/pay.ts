import type { PaymentParams } from '../api/paths';

export type PaymentOutcome = 'paid' | 'cancelled' | 'failed';

/**
 * wx.requestPayment with the server's parameters. 'paid' means WeChat says the person paid (the order
 * moves when WeChat Pay's notification reaches the server: poll it); 'cancelled' when they closed the
 * cashier; 'failed' otherwise (with WeChat's message).
 */
export const requestPayment = (params: PaymentParams): Promise<{ outcome: PaymentOutcome; message: string }> =>
  new Promise((resolve) => {
    wx.requestPayment({
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
      signType: params.signType,
      paySign: params.paySign,
      success: () => resolve({ outcome: 'paid', message: '' }),
      fail: (err) => resolve({ outcome: /cancel/.test(err.errMsg) ? 'cancelled' : 'failed', message: err.errMsg }),
    });
  });
