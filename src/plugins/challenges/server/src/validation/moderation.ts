import { z } from 'zod';

/** POST /challenges/moderation/:documentId/decision: approve, or reject with a reason the creator is told. */
export const challengeDecisionSchema = z
  .object({
    action: z.enum(['approve', 'reject']),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((input) => input.action !== 'reject' || (input.note ?? '').length > 0, { message: 'A rejection needs a reason for the creator', path: ['note'] });
export type ChallengeDecision = z.infer<typeof challengeDecisionSchema>;

export const pendingQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }).strict();
export const moderationParams = z.object({ documentId: z.string().min(1).max(64) }).strict();
