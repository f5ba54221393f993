import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { unauthorizedError } from '../../../../../utils/errors';

/** PUBLIC_URL when set (behind a proxy), else the origin this request came to: image URLs are absolute. */
export const baseUrlOf = (strapi: Core.Strapi, ctx: Context) => (strapi.config.get('server.url') as string | undefined) || ctx.origin;

export type Buyer = { id: number; openid?: string | null; timezone?: string | null };

/** The signed-in user (the route's permission already asks for one: this is the type, and a guard). */
export const callerOf = (ctx: Context): Buyer => {
  if (!ctx.state.user) throw unauthorizedError('Sign in first');
  return ctx.state.user as Buyer;
};
