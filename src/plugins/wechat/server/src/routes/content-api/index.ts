/**
 * Mounted at the API root (`prefix: ''`): /api/wechat/*, /api/auth/*, /api/me*. Sign-in and refresh
 * authenticate by their body (a WeChat code, a refresh token); the rest need the user's access token
 * and a permission granted to the authenticated role in src/bootstrap/permissions.ts.
 */
const rateLimit = (...buckets: string[]) => ({ name: 'plugin::wechat.rate-limit', config: { buckets } });

export default {
  type: 'content-api' as const,
  routes: [
    {
      method: 'POST',
      path: '/wechat/login',
      handler: 'auth.login',
      config: { prefix: '', auth: false as const, policies: [], middlewares: [rateLimit('login-failed-ip', 'login-ip', 'login-code')] },
    },
    {
      method: 'POST',
      path: '/wechat/phone',
      handler: 'auth.phone',
      config: { prefix: '', policies: [], middlewares: [] },
    },
    {
      method: 'POST',
      path: '/auth/refresh',
      handler: 'auth.refresh',
      config: { prefix: '', auth: false as const, policies: [], middlewares: [rateLimit('refresh-ip')] },
    },
    {
      method: 'POST',
      path: '/auth/logout',
      handler: 'auth.logout',
      config: { prefix: '', auth: false as const, policies: [], middlewares: [rateLimit('refresh-ip')] },
    },
    { method: 'GET', path: '/me', handler: 'me.find', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'PUT', path: '/me', handler: 'me.update', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'DELETE', path: '/me', handler: 'me.destroy', config: { prefix: '', policies: [], middlewares: [] } },
    { method: 'POST', path: '/me/avatar', handler: 'me.avatar', config: { prefix: '', policies: [], middlewares: [rateLimit('avatar-user')] } },
    { method: 'GET', path: '/me/export', handler: 'me.export', config: { prefix: '', policies: [], middlewares: [] } },
    // WeChat's message push (media check verdicts): public, authenticated by WECHAT_PUSH_TOKEN's signature.
    { method: 'GET', path: '/wechat/push', handler: 'push.verify', config: { prefix: '', auth: false as const, policies: [], middlewares: [] } },
    { method: 'POST', path: '/wechat/push', handler: 'push.receive', config: { prefix: '', auth: false as const, policies: [], middlewares: [] } },
  ],
};
