/**
 * The operators' admin routes (admin JWT), under /mall/admin: permission `plugin::mall.orders` (运营 and
 * 商家 roles; a 商家 admin reaches their own shop's orders only, see services/operators.ts).
 */
export const ORDERS_ACTION = 'plugin::mall.orders';

const operatorsOnly = () => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [ORDERS_ACTION] } }],
});

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET', path: '/admin/orders', handler: 'admin.list', config: operatorsOnly() },
    { method: 'GET', path: '/admin/orders.csv', handler: 'admin.exportCsv', config: operatorsOnly() },
    { method: 'GET', path: '/admin/orders/:orderNo', handler: 'admin.findOne', config: operatorsOnly() },
    { method: 'POST', path: '/admin/orders/:orderNo/ship', handler: 'admin.ship', config: operatorsOnly() },
    { method: 'POST', path: '/admin/orders/:orderNo/cancel', handler: 'admin.cancel', config: operatorsOnly() },
    { method: 'POST', path: '/admin/orders/:orderNo/refund-decision', handler: 'admin.decideRefund', config: operatorsOnly() },
  ],
};
