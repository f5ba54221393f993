import type { Core } from '@strapi/strapi';
import { UIDS } from './content-types';
import { ordersPermission, type RolePermission } from './operator-roles';

/**
 * Shops' own admin accounts (a merchant's `admins`) see only their shop in the content manager.
 *
 * - The RBAC condition `plugin::mall.is-own-shop` (商家本店): for a permission on products or orders it is
 *   `merchant.admins.id = the admin`, on SKUs `product.merchant.admins.id = the admin`. Strapi turns it into
 *   the list's filter and checks it on every record read or written (another shop's record: 403).
 * - The admin role 商家 Merchant (code `mall-merchant`; made and kept by the app's table of admin roles,
 *   src/bootstrap/admin-roles.ts, from `merchantPermissions` here): content-manager read and update of
 *   products and SKUs and read of orders, each under that condition, and the mall's order handling
 *   (`plugin::mall.orders`, whose routes scope themselves by the same `admins` list: services/operators.ts).
 *   A merchant cannot move a product or SKU to another shop (the `merchant` / `product` fields are not
 *   among the fields they may update), nor change a listing's review.
 *
 * Strapi 5.54 calls a condition's handler with the admin user, the permission merged in as `permission`
 * (@strapi/permissions engine: `condition.handler(merge(user, { permission }))`).
 */
export const OWN_SHOP_CONDITION = 'plugin::mall.is-own-shop';
export const MERCHANT_ROLE = { code: 'mall-merchant', name: '商家 Merchant', description: '校园商家：only their own shop’s products, SKUs and orders' };

const SHOP_PATH: Record<string, string> = {
  [UIDS.product]: 'merchant.admins.id',
  [UIDS.order]: 'merchant.admins.id',
  [UIDS.sku]: 'product.merchant.admins.id',
};

const CM = 'plugin::content-manager.explorer';
const PRODUCT_READ = ['name', 'description', 'images', 'category', 'kind', 'merchant', 'region', 'review', 'reviewNote', 'price', 'originalPrice', 'pointsPrice', 'salesCount', 'sortOrder', 'active'];
const PRODUCT_UPDATE = ['name', 'description', 'images', 'category', 'region', 'originalPrice', 'sortOrder', 'active'];
const SKU_READ = ['product', 'spec', 'price', 'pointsPrice', 'stock', 'restock', 'reserved', 'salesCount', 'image', 'sortOrder', 'active'];
const SKU_UPDATE = ['spec', 'price', 'pointsPrice', 'restock', 'image', 'sortOrder', 'active'];

type Permission = RolePermission;

/** The role's permissions (only fields the type has: an order type without one of them still boots). */
export const merchantPermissions = (strapi: Core.Strapi): Permission[] => {
  const fieldsOf = (uid: string, wanted?: string[]) => {
    const attributes = (strapi.contentType(uid as never) as { attributes?: Record<string, { private?: boolean }> } | undefined)?.attributes ?? {};
    // Private fields (an order's idempotency key ...) stay on the server, for merchants too.
    const all = Object.keys(attributes).filter((field) => !attributes[field].private && !['createdBy', 'updatedBy', 'createdAt', 'updatedAt', 'publishedAt', 'locale', 'localizations'].includes(field));
    return wanted ? wanted.filter((field) => all.includes(field)) : all;
  };
  const own = (action: string, subject: string, fields: string[]): Permission => ({ action: `${CM}.${action}`, subject, properties: { fields }, conditions: [OWN_SHOP_CONDITION] });
  const permissions = [
    own('read', UIDS.product, fieldsOf(UIDS.product, PRODUCT_READ)),
    own('update', UIDS.product, fieldsOf(UIDS.product, PRODUCT_UPDATE)),
    own('read', UIDS.sku, fieldsOf(UIDS.sku, SKU_READ)),
    own('update', UIDS.sku, fieldsOf(UIDS.sku, SKU_UPDATE)),
  ];
  if (strapi.contentType(UIDS.order as never)) permissions.push(own('read', UIDS.order, fieldsOf(UIDS.order).filter((field) => field !== 'user')));
  permissions.push(ordersPermission());
  return permissions;
};

/** In bootstrap (conditions are registered before the app has loaded). */
export const registerOwnShopCondition = async (strapi: Core.Strapi) => {
  await strapi.service('admin::permission').conditionProvider.register({
    displayName: '本店 Own shop (merchant admins)',
    name: 'is-own-shop',
    plugin: 'mall',
    category: 'mall',
    handler: (user: { id?: number; permission?: { subject?: string | null } }) => {
      const path = SHOP_PATH[user.permission?.subject ?? ''];
      // A subject without a shop: the condition grants nothing.
      if (!path || typeof user.id !== 'number') return false;
      return { [path]: user.id };
    },
  });
};
