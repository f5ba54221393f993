import type { Core } from '@strapi/strapi';

/**
 * For local use: when ADMIN_EMAIL and ADMIN_PASSWORD are both set and no admin exists yet, create the
 * first super admin. There is no default password: without both variables the admin panel asks
 * for the first account itself, as Strapi always does.
 */
export const ensureFirstAdmin = async (strapi: Core.Strapi) => {
  const email = process.env.ADMIN_EMAIL?.trim();
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) return;

  // Strapi's own rule for admin passwords (its service layer does not check it, only the admin form).
  if (password.length < 8 || !/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password)) {
    throw new Error('ADMIN_PASSWORD must have at least 8 characters with a lowercase letter, an uppercase letter and a digit');
  }

  const adminUsers = strapi.service('admin::user');
  if ((await adminUsers.count()) > 0) return;

  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdminRole) throw new Error('The Super Admin role is missing; the admin panel did not bootstrap');

  try {
    await adminUsers.create({
      email,
      firstname: process.env.ADMIN_FIRSTNAME ?? 'Admin',
      lastname: process.env.ADMIN_LASTNAME ?? '',
      password,
      registrationToken: null,
      isActive: true,
      roles: [superAdminRole.id],
    });
  } catch (error) {
    // A weak password or a bad e-mail: say which rule failed, never echo the password.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not create the first admin from ADMIN_EMAIL / ADMIN_PASSWORD: ${reason}`);
  }
  strapi.log.info(`[admin] created the first super admin ${email} from ADMIN_EMAIL / ADMIN_PASSWORD`);
};
