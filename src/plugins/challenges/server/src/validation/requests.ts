import { z } from 'zod';

/**
 * What the challenges' routes accept (zod): the controllers parse with these through parseOrThrow (a 400
 * in Strapi's envelope), the services take the inferred types, and the API document is generated from
 * them. Shared by the parts of the work: each appends its own schemas below the core ones.
 */
export const documentId = z.string().regex(/^[a-z0-9]{10,64}$/, 'a documentId');

const limit = z.coerce.number().int().min(1).max(50).default(20);
const cursor = z.string().min(1).max(512).optional();

// --- core: list, detail, join, leave, my challenges ---

export const documentIdParams = z.object({ documentId }).strict();

export const challengeListQuerySchema = z.object({ cursor, limit }).strict();
export type ChallengeListQuery = z.infer<typeof challengeListQuerySchema>;

/** POST /challenges/:documentId/join: the caller's habit to link; left out, one of theirs of the template is linked or one is made from it. */
export const joinBodySchema = z.object({ habit: documentId.optional() }).strict();
export type JoinInput = z.infer<typeof joinBodySchema>;

export const CHALLENGE_LIST_STATUSES = ['active', 'ended'] as const;
export const myChallengesQuerySchema = z.object({ status: z.enum(CHALLENGE_LIST_STATUSES).default('active') }).strict();
export type MyChallengesQuery = z.infer<typeof myChallengesQuerySchema>;
