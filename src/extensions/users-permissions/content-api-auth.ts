import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isDatabaseUnavailable } from '../../utils/db-errors';
import DataLoader from 'dataloader';
// Strapi's own row -> entity transform (columns to attribute names, field types), as its query engine uses it.
import { fromRow } from '@strapi/database/dist/query/helpers/transform';
import { invalidationBus } from '../../services/invalidation';

/**
 * Content-API authentication without the per-request queries, for every route.
 *
 * users-permissions' strategy (plugin-users-permissions/server/strategies/users-permissions.js) asks the
 * database four to six times per authenticated request: the user with its role, the plugin's advanced
 * settings, the role's permissions, and then builds a CASL ability from them; the admin's API-token
 * strategy, consulted first, hashes every bearer token and looks it up too. This module keeps those
 * rules and their answers, and changes only where the answers come from:
 *
 * - **The user** is read fresh on every request (so a block, a soft deletion, a role or membership change
 *   applies to the very next request, on every instance, whatever wrote it), but the requests in flight
 *   share one statement: every lookup asked in one event-loop turn goes into one `id IN (...)` query
 *   (`fetchAuthenticatedUser`, batched with dataloader; same entity, role populated, as before).
 * - **Each role's ability** (its permissions turned into CASL), the public role's, and the advanced
 *   settings are built once and kept until a permission, a role or the plugin's settings change: the
 *   database lifecycles of those models publish on the invalidation bus, which every instance (this one
 *   included) hears. A fill that raced a change is not kept (a generation counter).
 * - **API tokens** are long hex strings; a JWT has dots. The API-token strategy is skipped for a JWT, which
 *   it could never match, instead of hashing it and querying the tokens table on every request.
 *
 * Everything else is users-permissions' own: the same JWT service (`getToken`), the same checks in the same
 * order, the same `verify`, the same answers. The strategy keeps the name `users-permissions`.
 */

export const AUTH_TOPIC = 'auth:permissions';

type Ability = { can(action: string): boolean };
type Permission = { action: string };
type RoleRef = { id: number; type?: string };
export type AuthenticatedUser = { id: number; blocked?: boolean | null; confirmed?: boolean | null; deletedAt?: unknown; role?: RoleRef | null };
type AuthResult = { authenticated?: boolean; credentials?: unknown; ability?: Ability | null; error?: string };
type Strategy = { name: string; authenticate(ctx: AuthContext): Promise<AuthResult>; verify?(auth: unknown, config: unknown): unknown };
type AuthContext = { request: { header: { authorization?: string } }; state: Record<string, unknown> };

type UpServices = {
  jwt: { getToken(ctx: AuthContext): Promise<{ id?: unknown; sessionId?: unknown } | null> };
  user: { fetchAuthenticatedUser(id: unknown): Promise<AuthenticatedUser | null> };
  permission: { findRolePermissions(roleId: number): Promise<Permission[]>; findPublicPermissions(): Promise<Permission[]> };
};
const upService = <K extends keyof UpServices>(strapi: Core.Strapi, name: K): UpServices[K] =>
  strapi.plugin('users-permissions').service(name) as unknown as UpServices[K];

const USER_UID = 'plugin::users-permissions.user';
const ROLE_UID = 'plugin::users-permissions.role';
/** The role id selected with a user; no attribute has this column name, so the row transform leaves it out. */
const ROLE_ID_COLUMN = '__auth_role_id';
/** Models whose writes change what a role may do, or how users-permissions authenticates. */
export const PERMISSION_MODELS = ['plugin::users-permissions.permission', 'plugin::users-permissions.role'];
const ADVANCED_SETTINGS_KEY = 'plugin_users-permissions_advanced';

/** A bearer token that is a JWT (three base64url parts) can never be an API token (hex, no dots). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const bearerToken = (ctx: AuthContext): string | null => {
  const parts = ctx.request?.header?.authorization?.split(/\s+/);
  return parts && parts.length === 2 && parts[0].toLowerCase() === 'bearer' ? parts[1] : null;
};

/** The API-token strategy, unchanged for API tokens, and a plain "not mine" for JWTs. */
export const skipApiTokenStrategyForJwts = (strategy: Strategy): Strategy => ({
  ...strategy,
  async authenticate(ctx) {
    const token = bearerToken(ctx);
    if (token !== null && JWT_SHAPE.test(token)) return { authenticated: false };
    return strategy.authenticate(ctx);
  },
});

/** Per-instance caches of what authentication needs that changes only when an editor changes it. */
const createAuthCaches = (strapi: Core.Strapi) => {
  let generation = 0;
  let abilities = new Map<number | 'public', Promise<Ability | null>>();
  let advanced: Promise<{ email_confirmation?: boolean } | null> | null = null;
  let authenticatedRoleId: Promise<number | null> | null = null;
  let roles: Promise<Map<number, RoleRef>> | null = null;

  const generateAbility = (permissions: Permission[]) =>
    (strapi as unknown as { contentAPI: { permissions: { engine: { generateAbility(p: Permission[]): Promise<Ability> } } } }).contentAPI.permissions.engine.generateAbility(
      permissions.map(({ action }) => ({ action })),
    );

  /** `fill()` once per key; a failed fill is not kept, and neither is one that started before a change. */
  const remember = <T>(get: () => Promise<T> | null, set: (value: Promise<T> | null) => void, fill: () => Promise<T>): Promise<T> => {
    const cached = get();
    if (cached) return cached;
    const startedAt = generation;
    const filling = fill();
    set(filling);
    filling.then(
      () => {
        if (generation !== startedAt && get() === filling) set(null);
      },
      () => {
        if (get() === filling) set(null);
      },
    );
    return filling;
  };

  return {
    abilityForRole(roleId: number): Promise<Ability | null> {
      return remember(
        () => abilities.get(roleId) ?? null,
        (value) => (value ? abilities.set(roleId, value) : abilities.delete(roleId)),
        async () => generateAbility(await upService(strapi, 'permission').findRolePermissions(roleId)),
      );
    },
    /** The public role's ability, or null when it may do nothing (then anonymous requests are not authenticated). */
    publicAbility(): Promise<Ability | null> {
      return remember(
        () => abilities.get('public') ?? null,
        (value) => (value ? abilities.set('public', value) : abilities.delete('public')),
        async () => {
          const permissions = await upService(strapi, 'permission').findPublicPermissions();
          return permissions.length === 0 ? null : generateAbility(permissions);
        },
      );
    },
    /** A role as users-permissions populates it on a user (every role, read once until the roles change). */
    async role(roleId: number): Promise<RoleRef | null> {
      const all = await remember(
        () => roles,
        (value) => {
          roles = value;
        },
        async () => new Map(((await strapi.db.query(ROLE_UID).findMany({})) as RoleRef[]).map((role) => [Number(role.id), role])),
      );
      return all.get(roleId) ?? null;
    },
    /** The ability of the role signed-in users get (type `authenticated`), or null when there is none. */
    async authenticatedAbility(): Promise<Ability | null> {
      const roleId = await remember(
        () => authenticatedRoleId,
        (value) => {
          authenticatedRoleId = value;
        },
        async () => ((await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' }, select: ['id'] })) as RoleRef | null)?.id ?? null,
      );
      return roleId === null ? null : this.abilityForRole(roleId);
    },
    advancedSettings() {
      return remember(
        () => advanced,
        (value) => {
          advanced = value;
        },
        async () => ((await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) ?? null) as { email_confirmation?: boolean } | null,
      );
    },
    clear() {
      generation += 1;
      abilities = new Map();
      advanced = null;
      authenticatedRoleId = null;
      roles = null;
    },
  };
};

type AuthCaches = ReturnType<typeof createAuthCaches>;
const cachesByInstance = new WeakMap<Core.Strapi, AuthCaches>();
export const authCaches = (strapi: Core.Strapi): AuthCaches => {
  let caches = cachesByInstance.get(strapi);
  if (!caches) {
    caches = createAuthCaches(strapi);
    cachesByInstance.set(strapi, caches);
  }
  return caches;
};

/** 401 for an account that cannot sign in any more: the client should sign in again, not refresh forever. */
const ACCOUNT_GONE = 'Invalid credentials: this account is blocked or deleted; sign in again';

/**
 * users-permissions' strategy with its answers cached as above. Same checks, same order: a token without
 * a user id is not authenticated, a missing (or soft-deleted) user, an unconfirmed one when confirmation
 * is on, or a blocked one is a 401, anything else that throws is not authenticated (except the database
 * being unreachable: a 503); no token means the public role's ability, if it has any permission.
 *
 * One answer differs, on purpose: a request without a token for a route that signed-in users may call
 * (the authenticated role has the permission) is 401, "sign in", not users-permissions' 403; the
 * mini-program refreshes or signs in on a 401 (src/plugins/wechat/README.md). 403 stays for a signed-in
 * caller whose role lacks the permission, and for routes no signed-in user may call either.
 */
export const cachedUsersPermissionsStrategy = (strapi: Core.Strapi, original: Strategy): Strategy => ({
  name: original.name,
  async verify(auth, config) {
    try {
      return await original.verify?.(auth, config);
    } catch (error) {
      const anonymous = (auth as { credentials?: unknown }).credentials === null;
      const scopes = (config as { scope?: string | string[] } | undefined)?.scope;
      if (anonymous && error instanceof errors.ForbiddenError && scopes) {
        const signedIn = await authCaches(strapi).authenticatedAbility();
        if (signedIn && [scopes].flat().every((scope) => signedIn.can(scope))) throw new errors.UnauthorizedError('Sign in first');
      }
      throw error;
    }
  },
  async authenticate(ctx) {
    const caches = authCaches(strapi);
    try {
      const token = await upService(strapi, 'jwt').getToken(ctx);
      if (token) {
        const { id, sessionId } = token;
        if (id === undefined) return { authenticated: false };
        const user = await upService(strapi, 'user').fetchAuthenticatedUser(id);
        if (!user) return { error: ACCOUNT_GONE };
        const advanced = await caches.advancedSettings();
        if (advanced?.email_confirmation && !user.confirmed) return { error: 'Invalid credentials' };
        if (user.blocked) return { error: ACCOUNT_GONE };
        // A user without a role throws here, as in users-permissions: not authenticated.
        const ability = await caches.abilityForRole((user.role as RoleRef).id);
        ctx.state.user = user;
        if (sessionId) ctx.state.session = { id: sessionId };
        return { authenticated: true, credentials: user, ability };
      }
      const ability = await caches.publicAbility();
      return ability ? { authenticated: true, credentials: null, ability } : { authenticated: false };
    } catch (error) {
      // The database gone under the user's read is not a bad token: a 503 (src/middlewares/unavailable.ts),
      // so the client retries instead of dropping its session and signing in again.
      if (isDatabaseUnavailable(error)) throw error;
      return { authenticated: false };
    }
  },
});

/**
 * `fetchAuthenticatedUser` for every request in one event-loop turn in one statement: the same user entity
 * users-permissions loads (every column, mapped by Strapi's own row transform, with its role), read fresh
 * each time; a soft-deleted account is nobody. users-permissions reads the role with a second query
 * (populate); here the role id comes with the user (a join on the role link table) and the role itself
 * from the roles cache, which changes only with the roles.
 */
export const batchedUserLoader = (strapi: Core.Strapi) => {
  type Meta = Parameters<typeof fromRow>[0] & { tableName: string; attributes: Record<string, { joinTable?: JoinTable }> };
  type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  let shape: { meta: Meta; link: JoinTable } | null = null;
  const shapeOf = () => {
    if (!shape) {
      const meta = strapi.db.metadata.get(USER_UID) as unknown as Meta;
      const link = meta.attributes.role?.joinTable;
      if (!link) throw new Error('users-permissions user has no role join table');
      shape = { meta, link };
    }
    return shape;
  };
  const loader = new DataLoader<number, AuthenticatedUser | null>(
    async (ids) => {
      const { meta, link } = shapeOf();
      const rows = (await strapi.db
        .connection(`${meta.tableName} as u`)
        .leftJoin(`${link.name} as l`, `l.${link.joinColumn.name}`, 'u.id')
        .whereIn('u.id', [...new Set(ids)])
        .select('u.*', `l.${link.inverseJoinColumn.name} as ${ROLE_ID_COLUMN}`)) as Array<Record<string, unknown>>;
      const caches = authCaches(strapi);
      const byId = new Map<number, AuthenticatedUser>();
      for (const row of rows) {
        const user = fromRow(meta, row) as unknown as AuthenticatedUser;
        const roleId = row[ROLE_ID_COLUMN];
        user.role = roleId === null || roleId === undefined ? null : await caches.role(Number(roleId));
        byId.set(Number(user.id), user);
      }
      return ids.map((id) => {
        const user = byId.get(id);
        return user && !user.deletedAt ? user : null;
      });
    },
    { cache: false, maxBatchSize: 200 },
  );
  return (id: unknown): Promise<AuthenticatedUser | null> => {
    const key = typeof id === 'number' ? id : Number(id);
    return Number.isSafeInteger(key) && key > 0 ? loader.load(key) : Promise.resolve(null);
  };
};

type LifecycleEvent = { model: { uid: string }; params: { data?: Record<string, unknown>; where?: Record<string, unknown> }; result?: unknown };

/**
 * Forget the cached abilities and settings whenever a permission, a role or the plugin's advanced
 * settings change, on every instance: at the write, and again when its transaction commits (a fill in
 * between may have read the old rows).
 */
export const invalidateOnPermissionChanges = (strapi: Core.Strapi) => {
  const bus = invalidationBus(strapi);
  bus.subscribe(AUTH_TOPIC, () => authCaches(strapi).clear());
  const publish = () => {
    void bus.publish(AUTH_TOPIC);
    if (strapi.db.inTransaction()) {
      void strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() => void bus.publish(AUTH_TOPIC));
      });
    }
  };
  const writes = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'];
  strapi.db.lifecycles.subscribe({
    models: PERMISSION_MODELS,
    ...Object.fromEntries(writes.map((name) => [name, publish])),
  } as never);
  const touchesAdvanced = (event: LifecycleEvent) => {
    const key = (event.params.data?.key ?? event.params.where?.key ?? (event.result as { key?: unknown } | undefined)?.key) as unknown;
    return key === undefined || key === ADVANCED_SETTINGS_KEY;
  };
  strapi.db.lifecycles.subscribe({
    models: ['strapi::core-store'],
    ...Object.fromEntries(writes.map((name) => [name, (event: LifecycleEvent) => touchesAdvanced(event) && publish()])),
  } as never);
};
