import { z } from 'zod';

/** What the coach's routes accept (zod): parsed by the controllers (400 in Strapi's envelope), documented from here. */
export const chatBodySchema = z
  .object({
    message: z.string().trim().min(1, 'message is empty').max(500, 'message is at most 500 characters'),
    conversationId: z.string().min(1).max(64).optional().describe('Continue this conversation (yours); a new one without it'),
    idempotencyKey: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{8,64}$/, 'idempotencyKey is 8-64 letters, digits or _ . : -')
      .optional()
      .describe('A retry with the same key gets the stored answer: the model is not asked, nor the quota charged, twice'),
  })
  .strict();
export type ChatBody = z.infer<typeof chatBodySchema>;

export const chatQuerySchema = z
  .object({ stream: z.enum(['0', '1', 'true', 'false']).optional().describe('1: stream the answer (as Accept: text/event-stream does)') })
  .strict();

export const conversationListQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(1000).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

export const messageListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(100) }).strict();
