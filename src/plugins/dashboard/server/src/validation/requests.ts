import { z } from 'zod';

/** GET /dashboard/lottery-stock?threshold=: the plugin's `lowStockThreshold` unless asked otherwise. */
export const lotteryStockQuerySchema = z
  .object({
    threshold: z.coerce.number({ invalid_type_error: 'threshold is a whole number' }).int('threshold is a whole number').min(0).max(1_000_000).optional(),
  })
  .strict();

export type LotteryStockQuery = z.infer<typeof lotteryStockQuerySchema>;
