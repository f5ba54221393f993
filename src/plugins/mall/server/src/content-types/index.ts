import merchant from './merchant/schema.json';
import orderEvent from './order-event/schema.json';
import orderItem from './order-item/schema.json';
import payNotification from './pay-notification/schema.json';
import refund from './refund/schema.json';
import sku from './sku/schema.json';

export default {
  sku: { schema: sku },
  merchant: { schema: merchant },
  'order-item': { schema: orderItem },
  'order-event': { schema: orderEvent },
  refund: { schema: refund },
  'pay-notification': { schema: payNotification },
};

/** Typed names of the mall's content types, and of the catalogue and order types it runs (STYLE 9). */
export const UIDS = {
  product: 'api::product.product',
  category: 'api::product-category.product-category',
  order: 'api::order.order',
  sku: 'plugin::mall.sku',
  merchant: 'plugin::mall.merchant',
  orderItem: 'plugin::mall.order-item',
  orderEvent: 'plugin::mall.order-event',
  refund: 'plugin::mall.refund',
  payNotification: 'plugin::mall.pay-notification',
} as const;

/** Table names, for the knex statements of the hot, concurrent paths (stock, status moves, refunds). */
export const TABLES = {
  products: 'products',
  categories: 'product_categories',
  orders: 'orders',
  skus: 'mall_skus',
  merchants: 'mall_merchants',
  orderItems: 'mall_order_items',
  orderEvents: 'mall_order_events',
  refunds: 'mall_refunds',
  payNotifications: 'mall_pay_notifications',
} as const;
