import crypto from 'node:crypto';
import { getStrapi, http } from './strapi';

/**
 * Admin users for admin-API tests: created with one role, signed in through POST /admin/login, and
 * deleted again by `removeAdmins()` (other files count admins for the first-admin bootstrap).
 */
export type AdminAuth = { Authorization: string };
export type TestAdmin = { id: number; auth: AdminAuth };

const PASSWORD = 'Moder4torPass';
const created: number[] = [];

export const adminWith = async (roleId: number, firstname = 'Mo'): Promise<TestAdmin> => {
  const email = `admin-${crypto.randomBytes(4).toString('hex')}@example.com`;
  const admin = await getStrapi().service('admin::user').create({ email, firstname, lastname: 'Derator', password: PASSWORD, isActive: true, roles: [roleId] });
  created.push(admin.id as number);
  const login = await http().post('/admin/login').send({ email, password: PASSWORD }).expect(200);
  return { id: admin.id as number, auth: { Authorization: `Bearer ${login.body.data.token ?? login.body.data.accessToken}` } };
};

/** The id of an admin role by its code (`community-moderator`, `strapi-editor` ...). */
export const adminRoleId = async (code: string): Promise<number> => {
  const role = await getStrapi().db.query('admin::role').findOne({ where: { code } });
  if (!role) throw new Error(`no admin role ${code}`);
  return role.id as number;
};

export const removeAdmins = async () => {
  for (const id of created.splice(0)) await getStrapi().db.query('admin::user').delete({ where: { id } });
};

/** The content manager's routes for one collection type, as the admin panel calls them (its form as the body). */
export const contentManager = (admin: { auth: AdminAuth }, uid: string) => {
  const base = `/content-manager/collection-types/${uid}`;
  return {
    create: (data: Record<string, unknown>) => http().post(base).set(admin.auth).send(data),
    update: (documentId: string, data: Record<string, unknown>) => http().put(`${base}/${documentId}`).set(admin.auth).send(data),
    findOne: (documentId: string) => http().get(`${base}/${documentId}`).set(admin.auth),
  };
};

/** A super admin, as the editors who make challenges and products are here. */
export const superAdmin = async (): Promise<TestAdmin> => adminWith(await adminRoleId('strapi-super-admin'), 'Editor');
