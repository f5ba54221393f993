import type { Context } from 'koa';
import { ValidationError } from '../../../../../utils/errors';
import { parseOrThrow } from '../../../../../utils/validation';
import { idempotencyKeySchema } from '../validation/check-ins';
import { idempotentRequest, type IdempotentRequest } from '../services/idempotency';

/**
 * A write's idempotency key: from the body (already validated by its schema) or, as an offline queue may
 * send it, from the Idempotency-Key header. Both present and different is a 400.
 */
export const idempotencyKeyFrom = (ctx: Context, bodyKey: string | undefined): string | undefined => {
  const header = ctx.get('Idempotency-Key') || undefined;
  if (header === undefined) return bodyKey;
  if (bodyKey !== undefined && bodyKey !== header) {
    throw new ValidationError('Idempotency-Key header and data.idempotencyKey differ', { field: 'idempotencyKey' });
  }
  return parseOrThrow(idempotencyKeySchema, header, 'Idempotency-Key header');
};

/**
 * The idempotent request this write is, or undefined without a key: `scope` names the route, `data` is
 * the validated body (its own idempotencyKey left out of the fingerprint, wherever the key was sent).
 */
export const idempotentRequestFrom = (
  ctx: Context,
  scope: string,
  data: { idempotencyKey?: string } & Record<string, unknown> = {},
): IdempotentRequest | undefined => {
  const { idempotencyKey, ...payload } = data;
  const key = idempotencyKeyFrom(ctx, idempotencyKey);
  return key === undefined ? undefined : idempotentRequest(scope, key, payload);
};
