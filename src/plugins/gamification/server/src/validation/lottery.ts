import { z } from 'zod';
import { idempotencyKeySchema } from './check-ins';

/** POST /api/lottery/draw: no body needed; an offline queue may send an idempotency key. */
export const drawBodySchema = z
  .object({ data: z.object({ idempotencyKey: idempotencyKeySchema.optional() }).strict().optional() })
  .strict();
