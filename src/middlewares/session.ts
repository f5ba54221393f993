import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { createSession, type CreateSessionOptions } from 'koa-session';

/**
 * Strapi's cookie session (`strapi::session`, koa-session with Strapi's defaults), run only where a
 * session is used: everything outside the content API (the admin, `/documentation`'s password page) and
 * users-permissions' OAuth `connect` routes, which keep the provider handshake in it. Every other
 * content-API request is a bearer-token call from the mini-program that never reads a cookie session,
 * and koa-session's per-request setup and commit were about a sixth of the CPU of a signed-in
 * `GET /api/me` (bench/README.md, "Every route").
 */
const DEFAULTS: Partial<CreateSessionOptions> = {
  key: 'koa.sess',
  maxAge: 86400000,
  autoCommit: true,
  overwrite: true,
  httpOnly: true,
  signed: true,
  rolling: false,
  renew: false,
  secure: process.env.NODE_ENV === 'production',
  sameSite: undefined,
};

/** Whether a request path may use the cookie session. */
export const usesSession = (path: string, apiPrefix: string): boolean =>
  !(path === apiPrefix || path.startsWith(`${apiPrefix}/`)) || path.startsWith(`${apiPrefix}/connect/`) || path === `${apiPrefix}/connect`;

export default (config: Partial<CreateSessionOptions>, { strapi }: { strapi: Core.Strapi }) => {
  const { keys } = strapi.server.app;
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((key) => !key)) {
    throw new Error("App keys are required. Please set app.keys in config/server.ts (ex: keys: ['myKeyA', 'myKeyB'])");
  }
  const session = createSession({ ...DEFAULTS, ...config }, strapi.server.app as never);
  const apiPrefix = strapi.config.get('api.rest.prefix', '/api') as string;
  return (ctx: Context, next: Next) => (usesSession(ctx.path, apiPrefix) ? session(ctx as never, next) : next());
};
