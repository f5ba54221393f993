import { z } from 'zod';

/** POST /api/redeem-codes/redeem { code }: as typed (any case, dashes or spaces); the service normalises it. */
export const redeemBodySchema = z.object({ code: z.string({ required_error: 'code is required' }).min(1, 'code is required').max(40, 'code is too long') }).strict();
