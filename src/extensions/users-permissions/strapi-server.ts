import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * Adjustments to users-permissions for WeChat accounts:
 * - its refresh / logout / sessions routes (Strapi's session manager, which neither rotates atomically
 *   nor revokes a token family on reuse) make way for the wechat plugin's /api/auth/refresh and
 *   /api/auth/logout;
 * - a soft-deleted account authenticates as nobody, so its access tokens stop working at once, like a
 *   blocked account's (which users-permissions already refuses);
 * - access tokens are verified with a secret key object made once: given the secret as a string,
 *   jsonwebtoken first tries (and fails) to parse it as a public key on every request, which was a
 *   fifth of the CPU of a check-in. Same secret, same algorithm, same errors.
 */
type Route = { method: string; path: string };
type RoutesFactory = { routes: Route[] };
type UserService = { fetchAuthenticatedUser(id: unknown): Promise<{ deletedAt?: string | null } | null> };
type JwtService = { verify(token: string): Promise<unknown> };
type StrapiConfig = { config: { get(key: string, fallback?: unknown): unknown } };
type UsersPermissionsPlugin = {
  routes: Record<string, RoutesFactory>;
  services: Record<string, (deps: { strapi: unknown }) => unknown>;
};

const REPLACED_PATHS = new Set(['/auth/refresh', '/auth/logout', '/auth/sessions', '/auth/sessions/:sessionId']);

export default (plugin: UsersPermissionsPlugin) => {
  const contentApi = plugin.routes['content-api'];
  contentApi.routes = contentApi.routes.filter((route) => !REPLACED_PATHS.has(route.path));

  const createUserService = plugin.services.user;
  plugin.services.user = (deps) => {
    const service = createUserService(deps) as UserService;
    const fetchAuthenticatedUser = service.fetchAuthenticatedUser.bind(service);
    return Object.assign(service, {
      async fetchAuthenticatedUser(id: unknown) {
        const user = await fetchAuthenticatedUser(id);
        return user && !user.deletedAt ? user : null;
      },
    });
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
