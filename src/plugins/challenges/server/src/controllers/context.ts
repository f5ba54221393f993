import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { unauthorizedError } from '../../../../../utils/errors';
import type { Caller } from '../services/challenges';

/** PUBLIC_URL when set (behind a proxy), else the origin this request came to: cover URLs are absolute. */
export const baseUrlOf = (strapi: Core.Strapi, ctx: Context) => (strapi.config.get('server.url') as string | undefined) || ctx.origin;
/** The signed-in user, or null for a guest (public reads). */
export const viewerOf = (ctx: Context): Caller | null => (ctx.state.user ? (ctx.state.user as Caller) : null);
/** The signed-in user (the route's permission already asks for one: this is the type, and a guard). */
export const callerOf = (ctx: Context): Caller & { timezone?: string | null } => {
  if (!ctx.state.user) throw unauthorizedError('Sign in first');
  return ctx.state.user as Caller & { timezone?: string | null };
};
