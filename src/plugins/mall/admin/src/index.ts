import { ShoppingCart } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { ORDERS, PLUGIN_ID } from './permissions';

/**
 * Admin entry of the mall plugin: the operators' workplace 订单 Orders (list, one order, ship, cancel,
 * refund decisions, CSV). Found by the admin bundler through `exports["./strapi-admin"]` of
 * ../../package.json; type-checked by src/admin/tsconfig.json (`npm run typecheck`).
 */
export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ShoppingCart,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: '订单 Orders' },
      permissions: ORDERS,
      Component: () => import('./pages/OrdersApp'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Mall' });
  },
};
