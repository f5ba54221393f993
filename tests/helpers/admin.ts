import crypto from 'node:crypto';
import { getStrapi, http } from './strapi';
import { registerSecret } from './audit';

/**
 * An editor of the admin panel: a super admin made through Strapi's own admin services, signed in over
 * HTTP (POST /admin/login) like the panel does. Its requests go to the admin API the panel calls.
 * `remove()` it in afterAll: the worker's database outlives the file, and other files count admins.
 */
export type TestEditor = { email: string; auth: { Authorization: string }; remove: () => Promise<void> };

export const signInAsEditor = async (): Promise<TestEditor> => {
  const strapi = getStrapi();
  const email = `editor-${crypto.randomBytes(4).toString('hex')}@example.com`;
  const password = `Ed1tor-${crypto.randomBytes(6).toString('hex')}`;
  registerSecret(password);
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  const admin = await strapi.service('admin::user').create({ email, firstname: 'Editor', password, registrationToken: null, isActive: true, roles: [superAdmin.id] });
  const login = await http().post('/admin/login').send({ email, password });
  if (login.status !== 200) throw new Error(`admin login answered ${login.status}: ${JSON.stringify(login.body)}`);
  const token = (login.body.data.token ?? login.body.data.accessToken) as string;
  return {
    email,
    auth: { Authorization: `Bearer ${token}` },
    // Through the query engine: the admin service refuses to delete the last super admin.
    remove: async () => {
      await strapi.db.query('admin::user').delete({ where: { id: admin.id } });
    },
  };
};

/** The content manager's routes for one collection type, as the admin panel calls them. */
export const contentManager = (editor: TestEditor, uid: string) => {
  const base = `/content-manager/collection-types/${uid}`;
  return {
    create: (data: Record<string, unknown>) => http().post(base).set(editor.auth).send(data),
    update: (documentId: string, data: Record<string, unknown>) => http().put(`${base}/${documentId}`).set(editor.auth).send(data),
    findOne: (documentId: string) => http().get(`${base}/${documentId}`).set(editor.auth),
  };
};
