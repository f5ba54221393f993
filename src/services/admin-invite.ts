import type { Core } from '@strapi/strapi';
import { ADMIN_ROLES, adminRoleByKey, type AdminRoleKey } from '../bootstrap/admin-roles';
import { MALL_UIDS } from '../plugins/mall/public';

/**
 * `npm run admin:invite` (scripts/admin-invite.js): an inactive admin with one of the job roles and the link
 * that lets them choose their own password, as Settings → Users → Invite does. Never a password.
 */
export type InviteInput = { role: string; email: string; firstname?: string; lastname?: string; shop?: string };
type Shop = { id: number; name: string };
export type Invitation = { id: number; email: string; role: { code: string; name: string }; shop: Shop | null; link: string };

/** Refused input: the script prints the message and exits with 2. */
export class InviteRefused extends Error {
  constructor(
    message: string,
    readonly reason: 'unknown_role' | 'bad_email' | 'email_taken' | 'no_such_shop' | 'shop_not_for_role' | 'role_missing',
  ) {
    super(message);
    this.name = 'InviteRefused';
  }
}

export const INVITE_ROLE_KEYS = Object.keys(ADMIN_ROLES) as AdminRoleKey[];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Where invitations point: the admin's public URL (PUBLIC_URL + /admin), or the local server's. */
export const adminUrl = (strapi: Core.Strapi) => {
  const absolute = strapi.config.get('admin.absoluteUrl') as string | undefined;
  if (absolute && /^https?:\/\//.test(absolute)) return absolute.replace(/\/$/, '');
  const host = strapi.config.get('server.host', '127.0.0.1') as string;
  const port = strapi.config.get('server.port', 1337) as number;
  const path = (strapi.config.get('admin.path', '/admin') as string) || '/admin';
  return `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
};

export const inviteAdmin = async (strapi: Core.Strapi, input: InviteInput): Promise<Invitation> => {
  const definition = adminRoleByKey(input.role);
  if (!definition) throw new InviteRefused(`Unknown role "${input.role}"; known roles: ${INVITE_ROLE_KEYS.join(', ')}`, 'unknown_role');
  const email = input.email?.trim() ?? '';
  if (!EMAIL.test(email)) throw new InviteRefused(`"${email}" is not an e-mail address`, 'bad_email');
  if (input.shop !== undefined && definition !== ADMIN_ROLES.merchant) throw new InviteRefused('--shop is for the merchant role only', 'shop_not_for_role');

  // Not one transaction: the admin's user service sends its metrics after returning, outside any transaction.
  const role = (await strapi.db.query('admin::role').findOne({ where: { code: definition.code } })) as { id: number; code: string; name: string } | null;
  if (!role) throw new InviteRefused(`The role ${definition.code} does not exist yet; start the app once so it is made`, 'role_missing');
  if (await strapi.db.query('admin::user').findOne({ where: { email: { $eqi: email } }, select: ['id'] })) {
    throw new InviteRefused(`An admin with the e-mail ${email} already exists`, 'email_taken');
  }
  let shop: Shop | null = null;
  if (input.shop !== undefined) {
    const key = input.shop.trim();
    shop = (await strapi.db.query(MALL_UIDS.merchant).findOne({ where: /^\d+$/.test(key) ? { id: Number(key) } : { documentId: key }, select: ['id', 'name'] })) as Shop | null;
    if (!shop) throw new InviteRefused(`No shop with the id or documentId "${key}"`, 'no_such_shop');
  }
  // Without a password and inactive: the admin's own user service gives it a registration token.
  const user = (await strapi.service('admin::user').create({
    email,
    firstname: input.firstname?.trim() || email.split('@')[0],
    lastname: input.lastname?.trim() || null,
    isActive: false,
    roles: [role.id],
  })) as { id: number; email: string; registrationToken: string };
  // A merchant works their own shop only: its `admins` list is what the own-shop condition reads.
  if (shop) await strapi.db.query(MALL_UIDS.merchant).update({ where: { id: shop.id }, data: { admins: { connect: [user.id] } } });
  return {
    id: user.id,
    email: user.email,
    role: { code: role.code, name: role.name },
    shop,
    link: `${adminUrl(strapi)}/auth/register?registrationToken=${user.registrationToken}`,
  };
};
