import { z } from 'zod';
import { TRIGGERS } from '../domain/stats';

/**
 * What the quit routes accept (zod): the controllers parse with these through parseOrThrow (a 400 in
 * Strapi's envelope), the services take the inferred types, and the API document is generated from them.
 */
const idempotencyKey = z.string().regex(/^[A-Za-z0-9_.:-]{8,64}$/, 'idempotencyKey is 8-64 letters, digits or _ . : -');
/** An ISO date-time with an offset (an instant), or a local date-time without one, read in the user's timezone. */
const dateTime = z.string().min(16).max(40).describe('ISO 8601 date-time: with an offset (2026-12-01T08:00:00+08:00) or local (2026-12-01T08:00) in the user’s timezone');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const note = z.string().trim().max(200);

export const profileBodySchema = z
  .object({
    quitAt: dateTime.nullable(),
    cigarettesPerDay: z.number().int().min(0).max(200),
    /** Yuan, at most 2 decimals. */
    pricePerPack: z.number().min(0).max(10000).refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'pricePerPack has at most 2 decimals (fen)'),
    cigarettesPerPack: z.number().int().min(1).max(100),
    reasons: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
  })
  .strict();
export type ProfileInput = z.infer<typeof profileBodySchema>;

export const relapseBodySchema = z
  .object({
    count: z.number().int().min(1).max(100),
    at: dateTime.optional(),
    note: note.optional(),
    idempotencyKey: idempotencyKey.optional(),
  })
  .strict();
export type RelapseInput = z.infer<typeof relapseBodySchema>;

export const cravingBodySchema = z
  .object({
    intensity: z.number().int().min(1).max(5),
    trigger: z.enum(TRIGGERS),
    note: note.optional(),
    resisted: z.boolean(),
    at: dateTime.optional(),
    idempotencyKey: idempotencyKey.optional(),
  })
  .strict();
export type CravingInput = z.infer<typeof cravingBodySchema>;

export const cravingListQuerySchema = z
  .object({ startDate: localDate, endDate: localDate })
  .strict()
  .refine((q) => q.startDate <= q.endDate, { message: 'startDate is after endDate', path: ['startDate'] });
export type CravingListQuery = z.infer<typeof cravingListQuerySchema>;

export const cravingStatsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(90).default(7) }).strict();
export type CravingStatsQuery = z.infer<typeof cravingStatsQuerySchema>;

export const relapseListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }).strict();
