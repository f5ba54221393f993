import type { Context } from 'koa';
import { unauthorizedError, ValidationError } from '../../../../../utils/errors';
import { idempotentRequestFrom, type IdempotentRequest } from '../../../../gamification/public';
import type { QuitUser } from '../services/context';

/** The signed-in user (the route's permission already asks for one: this is the type, and a guard). */
export const callerOf = (ctx: Context): QuitUser => {
  if (!ctx.state.user) throw unauthorizedError('Sign in first');
  const user = ctx.state.user as QuitUser;
  return { id: user.id, timezone: user.timezone, dayStartHour: user.dayStartHour };
};

/** A write's idempotency key (body or Idempotency-Key header) is required: an offline queue replays these. */
export const requiredIdempotentRequest = (ctx: Context, scope: string, data: { idempotencyKey?: string } & Record<string, unknown>): IdempotentRequest => {
  const request = idempotentRequestFrom(ctx, scope, data);
  if (!request) throw new ValidationError('idempotencyKey is required (in the body or the Idempotency-Key header)', { field: 'idempotencyKey' });
  return request;
};
