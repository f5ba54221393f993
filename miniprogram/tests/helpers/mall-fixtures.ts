import type { MallCategory, Order, OrderSummary, Product, ProductSummary } from '../../api/paths';

/** Made-up mall answers for the logic and page tests (held to the API document by tests/contract/mall-fixtures.test.ts). */

export const SHOP = { documentId: 'shop0000000001', name: '东区小卖部' };

export const categories = (): MallCategory[] => [
  { documentId: 'cat00000000001', name: '文具', icon: '✏️', children: [{ documentId: 'cat00000000011', name: '笔', icon: null }, { documentId: 'cat00000000012', name: '本子', icon: null }] },
  { documentId: 'cat00000000002', name: '零食', icon: null, children: [] },
];

export const productSummary = (over: Partial<ProductSummary> = {}): ProductSummary => ({
  documentId: 'prod0000000001',
  name: '中性笔',
  image: 'https://img.example/pen.png',
  kind: 'mall',
  merchant: SHOP,
  originalPrice: null,
  price: 350,
  pointsPrice: 100,
  region: '东校区',
  salesCount: 12,
  soldOut: false,
  createdAt: '2026-12-01T02:00:00.000Z',
  ...over,
});

export const product = (over: Partial<Product> = {}): Product => ({
  ...productSummary(),
  active: true,
  description: '顺滑好写，0.5mm',
  category: { documentId: 'cat00000000011', name: '笔' },
  images: ['https://img.example/pen.png'],
  merchant: { ...SHOP, pickupPoints: ['东区快递站', '图书馆一楼'], region: '东校区' },
  review: 'approved',
  reviewNote: null,
  seller: null,
  skus: [
    { documentId: 'sku00000000001', spec: '黑色', price: 350, pointsPrice: 100, stock: 0, image: null },
    { documentId: 'sku00000000002', spec: '蓝色', price: 350, pointsPrice: 100, stock: 3, image: null },
    { documentId: 'sku00000000003', spec: '红色', price: 400, pointsPrice: null, stock: 150, image: null },
  ],
  ...over,
});

export const ORDER_NO = '20261204201900000ABCDEFGHJKLM';

export const order = (over: Partial<Order> = {}): Order => ({
  orderNo: ORDER_NO,
  title: '中性笔 蓝色',
  status: 'paid',
  statusLabel: '待发货',
  payMethod: 'points',
  totalFen: 0,
  totalPoints: 200,
  itemCount: 2,
  items: [{ name: '中性笔', spec: '蓝色', image: null, product: 'prod0000000001', sku: 'sku00000000002', quantity: 2, unitPrice: 0, unitPoints: 100 }],
  merchant: SHOP,
  address: { name: '张三', phone: '13800000000', region: '东校区', detail: '3号楼 201' },
  pickup: null,
  note: null,
  carrier: null,
  trackingNumber: null,
  refund: null,
  actions: ['refund'],
  createdAt: '2026-12-04T12:19:00.000Z',
  paidAt: '2026-12-04T12:19:00.000Z',
  expiresAt: null,
  shippedAt: null,
  completedAt: null,
  cancelledAt: null,
  refundedAt: null,
  afterSalesUntil: null,
  trail: [
    { from: null, to: 'pending_payment', by: 'user', reason: null, at: '2026-12-04T12:19:00.000Z' },
    { from: 'pending_payment', to: 'paid', by: 'system', reason: '积分支付', at: '2026-12-04T12:19:01.000Z' },
  ],
  ...over,
});

export const orderSummary = (over: Partial<OrderSummary> = {}): OrderSummary => {
  const { trail: _trail, ...rest } = order();
  return { ...rest, ...over };
};
