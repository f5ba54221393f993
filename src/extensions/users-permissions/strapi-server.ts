/**
 * Adjustments to users-permissions for WeChat accounts:
 * - its refresh / logout / sessions routes (Strapi's session manager, which neither rotates atomically
 *   nor revokes a token family on reuse) make way for the wechat plugin's /api/auth/refresh and
 *   /api/auth/logout;
 * - a soft-deleted account authenticates as nobody, so its access tokens stop working at once, like a
 *   blocked account's (which users-permissions already refuses).
 */
type Route = { method: string; path: string };
type RoutesFactory = { routes: Route[] };
type UserService = { fetchAuthenticatedUser(id: unknown): Promise<{ deletedAt?: string | null } | null> };
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
  return plugin;
};
