import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Core } from '@strapi/strapi';
import { batchedUserLoader, cachedUsersPermissionsStrategy, invalidateOnPermissionChanges, skipApiTokenStrategyForJwts } from './content-api-auth';

/**
 * Adjustments to users-permissions for WeChat accounts:
 * - its refresh / logout / sessions routes (Strapi's session manager, which neither rotates atomically
 *   nor revokes a token family on reuse) make way for the wechat plugin's /api/auth/refresh and
 *   /api/auth/logout;
 * - a soft-deleted account authenticates as nobody, so its access tokens stop working at once, like a
 *   blocked account's (which users-permissions already refuses);
 * - access tokens are verified with a secret key object made once: given the secret as a string,
 *   jsonwebtoken first tries (and fails) to parse it as a public key on every request, which was a
 *   fifth of the CPU of a check-in. Same secret, same algorithm, same errors;
 * - content-API authentication keeps its rules but not its per-request queries: users are loaded in
 *   batches, role abilities and settings are cached until an editor changes them (content-api-auth.ts).
 */
type Route = { method: string; path: string };
type RoutesFactory = { routes: Route[] };
type UserService = { fetchAuthenticatedUser(id: unknown): Promise<unknown> };
type JwtService = { verify(token: string): Promise<unknown> };
type StrapiConfig = { config: { get(key: string, fallback?: unknown): unknown } };
type UsersPermissionsPlugin = {
  routes: Record<string, RoutesFactory>;
  services: Record<string, (deps: { strapi: unknown }) => unknown>;
  bootstrap?: (deps: { strapi: Core.Strapi }) => unknown;
};
type Strategy = Parameters<typeof skipApiTokenStrategyForJwts>[0];
type AuthRegistry = { register(type: string, strategy: Strategy): unknown };

/**
 * The content-API strategies are registered by the admin (API tokens) and by users-permissions during
 * Strapi's register phase, into a list that is not reachable afterwards; this extension runs before that
 * phase, so it swaps them as they are registered. (The extension hook is handed the plugin alone, hence
 * the global `strapi`.)
 */
const swapContentApiStrategies = (strapi: Core.Strapi) => {
  const auth = strapi.get('auth') as AuthRegistry;
  const register = auth.register.bind(auth);
  auth.register = (type: string, strategy: Strategy) => {
    if (type !== 'content-api') return register(type, strategy);
    if (strategy.name === 'users-permissions') return register(type, cachedUsersPermissionsStrategy(strapi, strategy));
    if (strategy.name === 'content-api-token' || strategy.name === 'api-token') return register(type, skipApiTokenStrategyForJwts(strategy));
    return register(type, strategy);
  };
};

const REPLACED_PATHS = new Set(['/auth/refresh', '/auth/logout', '/auth/sessions', '/auth/sessions/:sessionId']);

export default (plugin: UsersPermissionsPlugin) => {
  const contentApi = plugin.routes['content-api'];
  contentApi.routes = contentApi.routes.filter((route) => !REPLACED_PATHS.has(route.path));

  swapContentApiStrategies(strapi);
  const bootstrap = plugin.bootstrap;
  plugin.bootstrap = async (deps) => {
    await bootstrap?.(deps);
    invalidateOnPermissionChanges(deps.strapi);
  };

  const createUserService = plugin.services.user;
  plugin.services.user = (deps) => {
    const service = createUserService(deps) as UserService;
    // Soft-deleted accounts are nobody (the loader drops them); concurrent requests share one query.
    return Object.assign(service, { fetchAuthenticatedUser: batchedUserLoader(deps.strapi as Core.Strapi) });
  };
  const createJwtService = plugin.services.jwt;
  plugin.services.jwt = (deps) => {
    const service = createJwtService(deps) as JwtService;
    const verifyWithStrapi = service.verify.bind(service);
    const { config } = deps.strapi as StrapiConfig;
    let cached: { secret: string; key: KeyObject } | null = null;
    const keyFor = (secret: string) => {
      if (cached?.secret !== secret) cached = { secret, key: createSecretKey(Buffer.from(secret)) };
      return cached.key;
    };
    return Object.assign(service, {
      verify(token: string): Promise<unknown> {
        const algorithm = (config.get('plugin::users-permissions.jwt', {}) as { algorithm?: string }).algorithm ?? 'HS256';
        const secret = config.get('plugin::users-permissions.jwtSecret');
        // Session-manager mode and asymmetric keys keep users-permissions' own path.
        if (config.get('plugin::users-permissions.jwtManagement', 'legacy-support') !== 'legacy-support' || !algorithm.startsWith('HS') || typeof secret !== 'string') {
          return verifyWithStrapi(token);
        }
        return new Promise((resolve, reject) => {
          jwt.verify(token, keyFor(secret), { algorithms: [algorithm as jwt.Algorithm] }, (error, payload) => {
            if (error) reject(new Error('Invalid token.'));
            else resolve(payload ?? {});
          });
        });
      },
    });
  };
  return plugin;
};
