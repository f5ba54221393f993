import { z } from 'zod';
import { recordsQuerySchema } from './check-ins';

/** What a redeem code gives: membership days (vip, ai), makeup cards, or points. */
export const REDEEM_KINDS = ['vipDays', 'aiDays', 'makeupCards', 'points'] as const;
export type RedeemKind = (typeof REDEEM_KINDS)[number];
const redeemKind = z.enum(REDEEM_KINDS, { errorMap: () => ({ message: `kind is ${REDEEM_KINDS.join(', ')}` }) });

/** GET /api/redeem-codes/history?kind=&page=&pageSize= */
export const redeemHistoryQuerySchema = recordsQuerySchema.extend({ kind: redeemKind.optional() });

/** POST /api/redeem-codes/redeem { code }: as typed (any case, dashes or spaces); the service normalises it. */
export const redeemBodySchema = z.object({ code: z.string({ required_error: 'code is required' }).min(1, 'code is required').max(40, 'code is too long') }).strict();

/** POST /gamification/redeem-batches (admin API). */
export const batchBodySchema = z
  .object({
    name: z.string().min(1, 'name is required').max(100),
    kind: redeemKind,
    amount: z.number().int().min(1).max(1_000_000),
    maxUses: z.number().int().min(1).max(1_000_000),
    count: z.number().int().min(1).max(10_000, 'at most 10,000 codes a batch'),
    validFrom: z.string().datetime({ offset: true }).optional(),
    validUntil: z.string().datetime({ offset: true }).optional(),
    format: z.enum(['csv', 'json']).optional(),
  })
  .strict()
  .refine((b) => !b.validFrom || !b.validUntil || new Date(b.validUntil) > new Date(b.validFrom), { message: 'validUntil must be after validFrom', path: ['validUntil'] });

/** GET /gamification/redeem-batches?page=&pageSize= (admin API). */
export const batchListQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
