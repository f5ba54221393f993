import type { Core } from '@strapi/strapi';
import { UIDS } from './content-types';
import { ORDERS_ACTION } from './routes/admin';

/**
 * The mall's share of the 运营 Operator admin role (code `mall-operator`). The role itself, its name and when
 * its permissions are (re)applied live in the app's table of admin roles (src/bootstrap/admin-roles.ts);
 * this file says what of the mall an operator works:
 *
 * - the order workplace (`plugin::mall.orders`, all shops: ship, cancel, refunds, export);
 * - the content manager's read of orders (they move through the order routes, along the status table);
 * - create / read / update / delete of products, SKUs and shops;
 * - the media library, so product images can be chosen.
 *
 * services/operators.ts scopes the order routes by this code: an operator sees every shop's orders.
 */
export const OPERATOR_ROLE = { code: 'mall-operator', name: '运营 Operator', description: '商城运营：all shops’ orders (ship, cancel, refunds, export), products, SKUs and shops, redeem codes and points grants' };

export type RolePermission = { action: string; subject: string | null; properties: Record<string, unknown>; conditions: string[] };
const CM = 'plugin::content-manager.explorer';
const SYSTEM_FIELDS = new Set(['createdBy', 'updatedBy', 'createdAt', 'updatedAt', 'publishedAt', 'locale', 'localizations']);
const UPLOAD_ACTIONS = ['plugin::upload.read', 'plugin::upload.assets.create', 'plugin::upload.assets.update', 'plugin::upload.assets.download', 'plugin::upload.assets.copy-link'];

export const ordersPermission = (): RolePermission => ({ action: ORDERS_ACTION, subject: null, properties: {}, conditions: [] });

/** What of the mall a 运营 Operator may do (only content types and actions that exist in this app). */
export const operatorPermissions = (strapi: Core.Strapi): RolePermission[] => {
  const fieldsOf = (uid: string) =>
    Object.keys((strapi.contentType(uid as never) as { attributes?: Record<string, unknown> } | undefined)?.attributes ?? {}).filter((field) => !SYSTEM_FIELDS.has(field));
  const on = (action: string, uid: string): RolePermission => ({
    action: `${CM}.${action}`,
    subject: uid,
    properties: action === 'delete' ? {} : { fields: fieldsOf(uid) },
    conditions: [],
  });
  const crud = (uid: string) => (['create', 'read', 'update', 'delete'] as const).map((action) => on(action, uid));
  const permissions: RolePermission[] = [ordersPermission(), ...crud(UIDS.product), ...crud(UIDS.sku), ...crud(UIDS.merchant)];
  if (strapi.contentType(UIDS.order as never)) permissions.push(on('read', UIDS.order));
  const registered = (action: string) => Boolean(strapi.service('admin::permission').actionProvider.get(action));
  for (const action of UPLOAD_ACTIONS) if (registered(action)) permissions.push({ action, subject: null, properties: {}, conditions: [] });
  return permissions;
};
