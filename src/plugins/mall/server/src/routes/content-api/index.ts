import { contentApiRoutes } from '../../../../../../utils/routes';

/**
 * The mall's content-API routes (/api/mall/..., /api/orders, /api/me/listings). Who may call each is granted
 * per role in src/bootstrap/permissions.ts; documented in services/openapi.ts. The WeChat Pay notification
 * routes are public (`auth: false`): WeChat's signature is their authentication, checked on the raw body.
 */
export default contentApiRoutes([
  // catalogue
  { method: 'GET', path: '/mall/categories', handler: 'catalogue.categories' },
  { method: 'GET', path: '/mall/products', handler: 'catalogue.products' },
  { method: 'GET', path: '/mall/products/:documentId', handler: 'catalogue.product' },
  // second-hand listings by users
  { method: 'POST', path: '/mall/listings/images', handler: 'listings.uploadImage' },
  { method: 'POST', path: '/mall/listings', handler: 'listings.create' },
  { method: 'POST', path: '/mall/listings/:documentId/off-shelf', handler: 'listings.offShelf' },
  { method: 'GET', path: '/me/listings', handler: 'listings.mine' },
  // orders
  { method: 'POST', path: '/orders', handler: 'orders.create' },
  { method: 'GET', path: '/orders', handler: 'orders.list' },
  { method: 'GET', path: '/orders/:orderNo', handler: 'orders.findOne' },
  { method: 'POST', path: '/orders/:orderNo/pay', handler: 'orders.pay' },
  { method: 'POST', path: '/orders/:orderNo/cancel', handler: 'orders.cancel' },
  { method: 'POST', path: '/orders/:orderNo/confirm', handler: 'orders.confirm' },
  { method: 'POST', path: '/orders/:orderNo/refund', handler: 'orders.requestRefund' },
  { method: 'POST', path: '/orders/:orderNo/refund/withdraw', handler: 'orders.withdrawRefund' },
  // WECHAT_MODE=fake only (404 otherwise): the fake WeChat Pay's buyer pays, for WeChat DevTools
  { method: 'POST', path: '/orders/:orderNo/fake-pay', handler: 'orders.fakePay' },
  // WeChat Pay notifications (signed by WeChat Pay; verified on the raw body)
  { method: 'POST', path: '/mall/wxpay/notify', handler: 'notifications.payment', config: { auth: false } },
  { method: 'POST', path: '/mall/wxpay/refund-notify', handler: 'notifications.refund', config: { auth: false } },
]);
