import type { ApiClient } from '../client';
import type { NewOrder, OrderListStatus } from '../paths';

/**
 * /api/orders: place an order (one shop, one way to pay; points orders answer `paid` with
 * `meta.balance`, WeChat Pay orders `pending_payment` with `meta.payment`), my orders by status (cursor,
 * `meta.nextCursor`), one order with its trail and `actions`, and the user's moves on it.
 *
 * Refusals: 409 sold_out (`details.sku`); 400 insufficient_points / price_missing / mixed_shops /
 * address_required / pickup_unknown; 409 invalid_transition / after_sales_closed on a move the status
 * does not allow; 503 when WeChat Pay cannot be reached (the order is kept: `pay` again).
 */
export const ordersApi = (client: ApiClient) => ({
  /** Send the same `idempotencyKey` on a retry: the server answers the first order. */
  place(body: NewOrder) {
    return client.request('post', '/api/orders', { body });
  },
  list({ status = 'all', cursor, limit }: { status?: OrderListStatus; cursor?: string | null; limit?: number } = {}) {
    return client.request('get', '/api/orders', { query: { status, ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) } });
  },
  get(orderNo: string) {
    return client.request('get', '/api/orders/{orderNo}', { path: { orderNo } });
  },
  /** The wx.requestPayment parameters (a new prepay when the last one expired). */
  pay(orderNo: string) {
    return client.request('post', '/api/orders/{orderNo}/pay', { path: { orderNo } });
  },
  /** Local development against WECHAT_MODE=fake only (404 elsewhere): the fake WeChat Pay's buyer pays. */
  fakePay(orderNo: string) {
    return client.request('post', '/api/orders/{orderNo}/fake-pay', { path: { orderNo } });
  },
  cancel(orderNo: string, reason?: string) {
    return client.request('post', '/api/orders/{orderNo}/cancel', { path: { orderNo }, body: reason ? { reason } : {} });
  },
  confirm(orderNo: string) {
    return client.request('post', '/api/orders/{orderNo}/confirm', { path: { orderNo } });
  },
  refund(orderNo: string, reason: string) {
    return client.request('post', '/api/orders/{orderNo}/refund', { path: { orderNo }, body: { reason } });
  },
  withdrawRefund(orderNo: string) {
    return client.request('post', '/api/orders/{orderNo}/refund/withdraw', { path: { orderNo } });
  },
});

export type OrdersApi = ReturnType<typeof ordersApi>;
