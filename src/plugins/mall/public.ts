/**
 * The mall plugin's public surface (STYLE 16): what code outside the plugin may import. Services are
 * reached through Strapi's registry (`strapi.plugin('mall').service(name)`).
 */
import type { Core } from '@strapi/strapi';
import type { PluginServices } from './server/src/services';

export type MallServices = PluginServices;

/** A mall service, typed: `mall(strapi, 'operators').waiting(scope)` (the admin's home page counts orders waiting). */
export const mall = <K extends keyof MallServices>(strapi: Core.Strapi, name: K): MallServices[K] => strapi.plugin('mall').service(name) as MallServices[K];
export type { OperatorScope } from './server/src/services/operators';

// Emitted for each entry of an order's trail after its transaction commits (the app's metrics count orders by status).
export { ORDER_MOVED_EVENT, type OrderMoved } from './server/src/services/orders';
// The mall's share of the 运营 Operator and 商家 Merchant admin roles (the app's table: src/bootstrap/admin-roles.ts).
export { OPERATOR_ROLE, operatorPermissions, type RolePermission } from './server/src/operator-roles';
export { MERCHANT_ROLE, OWN_SHOP_CONDITION, merchantPermissions } from './server/src/merchant-access';
export { ORDERS_ACTION } from './server/src/routes/admin';
export { UIDS as MALL_UIDS } from './server/src/content-types';
