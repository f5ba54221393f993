import { documentsRoute as documents, shapeChecker, type Exchange } from './shape-check';
import { categories, order, ORDER_NO, orderSummary, product, productSummary } from '../helpers/mall-fixtures';
import { listingBody, orderBody, type CheckoutForm } from '../../logic/mall';

/**
 * The mall pages are tested against made-up answers (tests/helpers/mall-fixtures.ts). These hold every
 * fixture, every refusal the pages word, and every body the pages send, to the API document
 * (miniprogram/api/openapi.json).
 */

const exchange = (method: string, path: string, status: number, responseBody: unknown, requestBody?: unknown): Exchange => ({ method, path, requestBody, status, responseBody });
const refusal = (status: number, name: string, details: Record<string, unknown>) => ({ data: null, error: { status, name, message: 'refused', details } });
const address = { name: '张三', phone: '13800000000', region: '东校区', detail: '3号楼 201' };
const form = (over: Partial<CheckoutForm> = {}): CheckoutForm => ({ delivery: 'address', address, pickup: '', payWith: 'points', note: '', ...over });
const items = [{ sku: 'sku00000000002', quantity: 2 }];
const pending = order({ status: 'pending_payment', statusLabel: '待付款', payMethod: 'wechat', totalFen: 700, totalPoints: 0, actions: ['pay', 'cancel'], expiresAt: '2026-12-04T12:49:30.000Z', paidAt: null });
const payment = { appId: 'wx1234567890abcdef', timeStamp: '1764850000', nonceStr: 'n0nce', package: 'prepay_id=wx123', signType: 'RSA', paySign: 'c2ln' };
const listing = product({ documentId: 'list0000000001', name: '台灯', kind: 'secondHand', merchant: null, price: 2550, pointsPrice: null, review: 'pending', seller: { nickname: '小李', avatarUrl: null } });
const O = `/api/orders/${ORDER_NO}`;

const exchanges: Array<[string, Exchange]> = [
  ['the categories', exchange('GET', '/api/mall/categories', 200, { data: categories(), meta: {} })],
  ['a page of products', exchange('GET', '/api/mall/products', 200, { data: [productSummary(), productSummary({ documentId: 'prod0000000002', kind: 'secondHand', merchant: null, pointsPrice: null, image: null, soldOut: true })], meta: { nextCursor: 'c2' } })],
  ['the last page', exchange('GET', '/api/mall/products', 200, { data: [], meta: { nextCursor: null } })],
  ['a product', exchange('GET', '/api/mall/products/prod0000000001', 200, { data: product(), meta: {} })],
  ['a second-hand product', exchange('GET', '/api/mall/products/list0000000001', 200, { data: listing, meta: {} })],
  ['a points order placed', exchange('POST', '/api/orders', 201, { data: order(), meta: { balance: 300 } }, orderBody(items, form(), 'mp-key-12345678'))],
  ['a WeChat Pay order placed at a pickup point', exchange('POST', '/api/orders', 201, { data: pending, meta: { payment } }, orderBody(items, form({ delivery: 'pickup', pickup: '东区快递站', payWith: 'wechat', note: '下午取' }), 'mp-key-12345678'))],
  ['sold out', exchange('POST', '/api/orders', 409, refusal(409, 'ConflictError', { reason: 'sold_out', sku: 'sku00000000002' }))],
  ['not enough points', exchange('POST', '/api/orders', 400, refusal(400, 'ApplicationError', { reason: 'insufficient_points', needed: 50 }))],
  ['my orders', exchange('GET', '/api/orders', 200, { data: [orderSummary(), orderSummary({ status: 'cancelled', statusLabel: '已取消', actions: [] })], meta: { nextCursor: null } })],
  ['an order', exchange('GET', O, 200, { data: order(), meta: {} })],
  ['an order shipped, refund rejected', exchange('GET', O, 200, { data: order({ status: 'shipped', statusLabel: '待收货', carrier: '顺丰', trackingNumber: 'SF1', shippedAt: '2026-12-05T00:00:00.000Z', actions: ['confirm', 'refund'], refund: { status: 'rejected', method: 'points', amountFen: 0, amountPoints: 200, reason: '不想要了', decisionNote: '已发货', createdAt: '2026-12-05T01:00:00.000Z' } }), meta: {} })],
  ['the payment parameters', exchange('POST', `${O}/pay`, 200, { data: { orderNo: ORDER_NO, expiresAt: '2026-12-04T12:49:30.000Z', payment }, meta: {} })],
  ['the fake buyer pays', exchange('POST', `${O}/fake-pay`, 200, { data: pending, meta: {} })],
  ['a cancel', exchange('POST', `${O}/cancel`, 200, { data: order({ status: 'cancelled', statusLabel: '已取消', actions: [] }), meta: {} }, {})],
  ['a cancel refused', exchange('POST', `${O}/cancel`, 409, refusal(409, 'ConflictError', { reason: 'invalid_transition', action: 'cancel', status: 'paid' }))],
  ['a confirm', exchange('POST', `${O}/confirm`, 200, { data: order({ status: 'completed', statusLabel: '已完成', actions: ['refund'], afterSalesUntil: '2026-12-12T00:00:00.000Z' }), meta: {} })],
  ['a refund asked', exchange('POST', `${O}/refund`, 200, { data: order({ status: 'refund_requested', statusLabel: '退款申请中', actions: ['withdrawRefund'] }), meta: {} }, { reason: '质量问题：笔芯断了' })],
  ['a refund withdrawn', exchange('POST', `${O}/refund/withdraw`, 200, { data: order(), meta: {} })],
  ['a listing made', exchange('POST', '/api/mall/listings', 201, { data: listing, meta: {} }, listingBody({ name: '台灯', description: '九成新', price: '25.5', originalPrice: '89.9', region: '东校区', images: [3] }, 'mp-key-12345678'))],
  ['my listings', exchange('GET', '/api/me/listings', 200, { data: [listing], meta: {} })],
  ['a listing off the shelf', exchange('POST', '/api/mall/listings/list0000000001/off-shelf', 200, { data: { ...listing, active: false }, meta: {} })],
];

describe('the mall fixtures and requests match the API document', () => {
  it('has every route the client calls in the document', () => {
    expect(exchanges.filter(([, each]) => !documents(each.method, each.path)).map(([name, each]) => `${name}: ${each.method} ${each.path}`)).toEqual([]);
  });
  const check = shapeChecker();
  it.each(exchanges)('%s', (_name, each) => {
    expect(check(each)).toEqual([]);
  });
});
