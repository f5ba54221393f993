/**
 * The mall's content-API routes (/api/mall/..., /api/orders, /api/me/listings). Who may call each is granted
 * per role in src/bootstrap/permissions.ts; documented in services/openapi.ts. The WeChat Pay notification
 * routes are public (`auth: false`): WeChat's signature is their authentication, checked on the raw body.
 */
const config = { prefix: '', policies: [] as string[], middlewares: [] as string[] };
const ownConfig = <R extends { config: Record<string, unknown> }>(route: R): R => ({ ...route, config: { ...route.config } });

export default {
  type: 'content-api' as const,
  routes: [
    // catalogue
    { method: 'GET', path: '/mall/categories', handler: 'catalogue.categories', config },
    { method: 'GET', path: '/mall/products', handler: 'catalogue.products', config },
    { method: 'GET', path: '/mall/products/:documentId', handler: 'catalogue.product', config },
    // second-hand listings by users
    { method: 'POST', path: '/mall/listings/images', handler: 'listings.uploadImage', config },
    { method: 'POST', path: '/mall/listings', handler: 'listings.create', config },
    { method: 'POST', path: '/mall/listings/:documentId/off-shelf', handler: 'listings.offShelf', config },
    { method: 'GET', path: '/me/listings', handler: 'listings.mine', config },
    // orders
    { method: 'POST', path: '/orders', handler: 'orders.create', config },
    { method: 'GET', path: '/orders', handler: 'orders.list', config },
    { method: 'GET', path: '/orders/:orderNo', handler: 'orders.findOne', config },
    { method: 'POST', path: '/orders/:orderNo/pay', handler: 'orders.pay', config },
    { method: 'POST', path: '/orders/:orderNo/cancel', handler: 'orders.cancel', config },
    { method: 'POST', path: '/orders/:orderNo/confirm', handler: 'orders.confirm', config },
    { method: 'POST', path: '/orders/:orderNo/refund', handler: 'orders.requestRefund', config },
    { method: 'POST', path: '/orders/:orderNo/refund/withdraw', handler: 'orders.withdrawRefund', config },
    // WECHAT_MODE=fake only (404 otherwise): the fake WeChat Pay's buyer pays, for WeChat DevTools
    { method: 'POST', path: '/orders/:orderNo/fake-pay', handler: 'orders.fakePay', config },
    // WeChat Pay notifications (signed by WeChat Pay; verified on the raw body)
    { method: 'POST', path: '/mall/wxpay/notify', handler: 'notifications.payment', config: { ...config, auth: false } },
    { method: 'POST', path: '/mall/wxpay/refund-notify', handler: 'notifications.refund', config: { ...config, auth: false } },
  ].map(ownConfig),
};
