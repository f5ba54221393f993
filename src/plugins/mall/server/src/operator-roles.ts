import type { Core } from '@strapi/strapi';
import { UIDS } from './content-types';
import { ORDERS_ACTION } from './routes/admin';
import { MERCHANT_ROLE } from './merchant-access';

/**
 * The admin roles that work the mall's orders, kept at every boot (idempotent, like the community's
 * 审核员 role):
 *
 * - 运营 Operator (code `mall-operator`): the order workplace (`plugin::mall.orders`, all shops), the
 *   content manager's read of orders, create / read / update / delete of products, SKUs and shops, and the
 *   media library so product images can be chosen. Exactly these: anything added by hand is taken away at
 *   the next boot, as with the moderators' role.
 * - 商家 Merchant (code `mall-merchant`): owned by the catalogue (merchant-access.ts, with the content
 *   manager's own-shop conditions). Here it only gets `plugin::mall.orders` added when it lacks it, never
 *   loses anything; when it does not exist yet it is made with that one action, and the catalogue's boot
 *   adds the rest. The order routes scope a merchant's admins to their shop (services/operators.ts).
 */
export const OPERATOR_ROLE = { code: 'mall-operator', name: '运营 Operator', description: '商城运营：all shops’ orders (ship, cancel, refunds, export), products, SKUs and shops' };

type Permission = { action: string; subject: string | null; properties: Record<string, unknown>; conditions: string[] };
const CM = 'plugin::content-manager.explorer';
const SYSTEM_FIELDS = new Set(['createdBy', 'updatedBy', 'createdAt', 'updatedAt', 'publishedAt', 'locale', 'localizations']);
const UPLOAD_ACTIONS = ['plugin::upload.read', 'plugin::upload.assets.create', 'plugin::upload.assets.update', 'plugin::upload.assets.download', 'plugin::upload.assets.copy-link'];

const orders = (): Permission => ({ action: ORDERS_ACTION, subject: null, properties: {}, conditions: [] });

const operatorPermissions = (strapi: Core.Strapi): Permission[] => {
  const fieldsOf = (uid: string) =>
    Object.keys((strapi.contentType(uid as never) as { attributes?: Record<string, unknown> } | undefined)?.attributes ?? {}).filter((field) => !SYSTEM_FIELDS.has(field));
  const on = (action: string, uid: string): Permission => ({
    action: `${CM}.${action}`,
    subject: uid,
    properties: action === 'delete' ? {} : { fields: fieldsOf(uid) },
    conditions: [],
  });
  const crud = (uid: string) => (['create', 'read', 'update', 'delete'] as const).map((action) => on(action, uid));
  const permissions: Permission[] = [orders(), ...crud(UIDS.product), ...crud(UIDS.sku), ...crud(UIDS.merchant)];
  // Orders are read only in the content manager: they move through the order routes (the status table).
  if (strapi.contentType(UIDS.order as never)) permissions.push(on('read', UIDS.order));
  const registered = (action: string) => Boolean(strapi.service('admin::permission').actionProvider.get(action));
  for (const action of UPLOAD_ACTIONS) if (registered(action)) permissions.push({ action, subject: null, properties: {}, conditions: [] });
  return permissions;
};

type RoleRow = { id: number };
const findRole = async (strapi: Core.Strapi, code: string) => (await strapi.db.query('admin::role').findOne({ where: { code } })) as RoleRow | null;

/** Made under its name, or a distinct one when an admin already has a role of that name. */
const createRole = async (strapi: Core.Strapi, role: { code: string; name: string; description: string }) => {
  const taken = await strapi.db.query('admin::role').findOne({ where: { name: role.name } });
  return (await strapi.service('admin::role').create({ ...role, name: taken ? `${role.name} (mall)` : role.name })) as RoleRow;
};

const ensureRoles = async (strapi: Core.Strapi) => {
  const roles = strapi.service('admin::role');
  const operator = (await findRole(strapi, OPERATOR_ROLE.code)) ?? (await createRole(strapi, OPERATOR_ROLE));
  // Exactly these: assignPermissions adds what is missing and removes anything else.
  await roles.assignPermissions(operator.id, operatorPermissions(strapi));

  const merchant = await findRole(strapi, MERCHANT_ROLE.code);
  if (!merchant) {
    const made = await createRole(strapi, MERCHANT_ROLE);
    await roles.assignPermissions(made.id, [orders()]);
    return;
  }
  const has = await strapi.db.query('admin::permission').count({ where: { role: merchant.id, action: ORDERS_ACTION } });
  if (has === 0) await roles.addPermissions(merchant.id, [orders()]);
};

/** In bootstrap, after `plugin::mall.orders` is registered. */
export const keepOperatorRoles = async (strapi: Core.Strapi) => {
  if ((await strapi.db.query('admin::role').count()) > 0) {
    await ensureRoles(strapi);
    return;
  }
  // A fresh database: the admin makes its default roles after the plugins' bootstrap; ours follow them.
  strapi.eventHub.on('role.create', async (payload: unknown) => {
    if ((payload as { role?: { code?: string } } | null)?.role?.code === 'strapi-super-admin') await ensureRoles(strapi);
  });
};
