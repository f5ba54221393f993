import type { Core } from '@strapi/strapi';
import { unauthorizedError } from '../../../../../utils/errors';
import { booleanColumn } from '../utils/rows';

/**
 * Authentication for the hot write paths (check-in), with the same rules as users-permissions but
 * without its per-request queries (user + role, advanced settings, role permissions, ability):
 * - the JWT is verified by users-permissions' own jwt service (same secret, same expiry);
 * - which roles may call the action is read from the permissions table and cached for CACHE_MS
 *   (a permission removed in the admin takes effect within that time);
 * - the user's role, blocked flag and soft deletion are checked by the service in the same SQL
 *   statement that loads the habit (see check-ins.ts `loadHabit`), so a blocked user is refused at once.
 */
const CACHE_MS = 10_000;

export type HotAuth = { userId: number; allowedRoleIds: number[] };

/** The account columns the hot paths read in their own statement, to be checked by `admitsAccount`. */
export type AccountState = { blocked: unknown; deleted_at: unknown; role_id: number | null };

/** Whether an authenticated caller's account may go on: not blocked, not deleted, in a role allowed the action. */
export const admitsAccount = (account: AccountState, allowedRoleIds: readonly number[]): boolean =>
  !booleanColumn(account.blocked) && account.deleted_at === null && allowedRoleIds.includes(Number(account.role_id));

const hotAuthService = ({ strapi }: { strapi: Core.Strapi }) => {
  const roleCache = new Map<string, { roleIds: number[]; at: number }>();

  const rolesAllowedTo = async (action: string): Promise<number[]> => {
    const cached = roleCache.get(action);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.roleIds;
    const rows: Array<{ role_id: number }> = await strapi.db
      .connection('up_permissions as p')
      .join('up_permissions_role_lnk as l', 'l.permission_id', 'p.id')
      .where('p.action', action)
      .select('l.role_id');
    const roleIds = rows.map((row) => Number(row.role_id));
    roleCache.set(action, { roleIds, at: Date.now() });
    return roleIds;
  };

  return {
    /** The caller of `action`, from the Authorization header; 401 without a valid access token. */
    async authenticate(authorization: string | undefined, action: string): Promise<HotAuth> {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token) throw unauthorizedError('Missing access token: send Authorization: Bearer <jwt>');
      let payload: { id?: unknown };
      try {
        payload = await strapi.plugin('users-permissions').service('jwt').verify(token);
      } catch {
        throw unauthorizedError('Invalid or expired access token: refresh it with POST /api/auth/refresh');
      }
      if (typeof payload.id !== 'number') throw unauthorizedError('Invalid access token');
      return { userId: payload.id, allowedRoleIds: await rolesAllowedTo(action) };
    },
    invalidate() {
      roleCache.clear();
    },
  };
};

export type HotAuthService = ReturnType<typeof hotAuthService>;
export default hotAuthService;
