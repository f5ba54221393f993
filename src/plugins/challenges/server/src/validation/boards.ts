import { z } from '../../../../../utils/openapi';

/**
 * The challenge board routes' requests and answers (zod), in a file of their own so the board (progress
 * helper) and the list / join routes (validation/requests.ts, answers.ts) change apart. The answers are
 * strict: the conformance test holds real answers to them.
 */
export const challengeDocumentId = z.string().regex(/^[a-z0-9]{10,64}$/, 'a documentId');
export const boardParams = z.object({ documentId: challengeDocumentId }).strict();
export const boardQuerySchema = z
  .object({
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type BoardQuery = z.infer<typeof boardQuerySchema>;

export const boardEntrySchema = z
  .object({
    rank: z.number().int().min(1),
    nickname: z.string().nullable().openapi({ description: 'null for a blocked or deleted account' }),
    avatar: z.string().nullable(),
    daysDone: z.number().int().min(0),
    daysNeeded: z.number().int().min(0),
    reachedAt: z.string().nullable().openapi({ description: 'When the participant first met the rule (ISO 8601); null while they have not' }),
    isMe: z.boolean(),
  })
  .strict()
  .openapi('ChallengeBoardEntry');

export const boardPageAnswerSchema = z
  .object({ data: z.array(boardEntrySchema), meta: z.object({ total: z.number().int().min(0) }).strict() })
  .strict()
  .openapi('ChallengeBoardPage');

export const boardMeAnswerSchema = z
  .object({
    data: z
      .object({
        rank: z.number().int().min(1).nullable().openapi({ description: 'null when the caller is not on the board (not joined, or left)' }),
        daysDone: z.number().int().min(0),
        daysNeeded: z.number().int().min(0),
        total: z.number().int().min(0),
        around: z.array(boardEntrySchema).openapi({ description: 'The caller and up to 2 participants on each side' }),
      })
      .strict(),
  })
  .strict()
  .openapi('ChallengeBoardMe');
