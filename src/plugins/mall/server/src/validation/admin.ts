import { z } from 'zod';
import { ORDER_STATUSES } from '../domain/status';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
/** GET /mall/admin/orders and its CSV export. */
export const adminOrderFiltersSchema = z
  .object({
    status: z.enum([...ORDER_STATUSES, 'refund'] as [string, ...string[]]).optional(),
    q: z.string().trim().min(1).max(40).optional(),
    merchant: z.coerce.number().int().positive().optional(),
    from: day.optional(),
    to: day.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export const adminCancelSchema = z.object({ reason: z.string().trim().min(1).max(200) }).strict();
