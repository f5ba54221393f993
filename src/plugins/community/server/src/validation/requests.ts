import { z } from 'zod';

/**
 * What the community routes accept (zod): the controllers parse with these through parseOrThrow (a 400
 * in Strapi's envelope), the services take the inferred types, and the API document is generated from them.
 * Text is plain text: stored as written, never HTML; control characters other than newlines are refused.
 */
const PLAIN_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
const plainText = (max: number) =>
  z
    .string()
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`).regex(PLAIN_TEXT, 'plain text only (no control characters)'));

export const documentId = z.string().regex(/^[a-z0-9]{10,64}$/, 'a documentId');
export const boardSlug = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a board slug');

export const TEXT_LIMITS = { title: 60, post: 2000, comment: 500, reportNote: 200, moderationNote: 500 } as const;
export const MAX_IMAGES = 9;

const limit = z.coerce.number().int().min(1).max(50).default(20);
const cursor = z.string().min(1).max(512).optional();

export const feedQuerySchema = z.object({ sort: z.enum(['newest', 'hot']).default('newest'), cursor, limit }).strict();
export type FeedQuery = z.infer<typeof feedQuerySchema>;

export const followingQuerySchema = z.object({ cursor, limit }).strict();
export type FollowingQuery = z.infer<typeof followingQuerySchema>;

export const POST_STATUSES = ['pending', 'published', 'rejected', 'hidden'] as const;
export const myPostsQuerySchema = z.object({ status: z.enum(POST_STATUSES).optional(), cursor, limit }).strict();
export type MyPostsQuery = z.infer<typeof myPostsQuerySchema>;

export const LINK_KINDS = ['checkIn', 'habit', 'challenge'] as const;

export const createPostSchema = z
  .object({
    board: boardSlug,
    title: plainText(TEXT_LIMITS.title).optional(),
    content: plainText(TEXT_LIMITS.post),
    images: z.array(documentId).max(MAX_IMAGES, `at most ${MAX_IMAGES} images`).default([]),
    anonymous: z.boolean().default(false),
    link: z.object({ kind: z.enum(LINK_KINDS), documentId }).strict().optional(),
  })
  .strict();
export type CreatePostInput = z.infer<typeof createPostSchema>;

export const commentsQuerySchema = z.object({ order: z.enum(['newest', 'oldest']).default('newest'), cursor, limit }).strict();
export type CommentsQuery = z.infer<typeof commentsQuerySchema>;

export const repliesQuerySchema = z.object({ cursor, limit }).strict();
export type RepliesQuery = z.infer<typeof repliesQuerySchema>;

export const createCommentSchema = z
  .object({ content: plainText(TEXT_LIMITS.comment), replyTo: documentId.optional() })
  .strict();
export type CreateCommentInput = z.infer<typeof createCommentSchema>;

export const REPORT_REASONS = ['spam', 'abuse', 'porn', 'politics', 'fraud', 'other'] as const;
export const createReportSchema = z
  .object({
    targetType: z.enum(['post', 'comment']),
    targetDocumentId: documentId,
    reason: z.enum(REPORT_REASONS),
    note: plainText(TEXT_LIMITS.reportNote).optional(),
  })
  .strict();
export type CreateReportInput = z.infer<typeof createReportSchema>;

export const notificationsQuerySchema = z.object({ cursor, limit }).strict();
export type NotificationsQuery = z.infer<typeof notificationsQuerySchema>;

export const markReadSchema = z.object({ ids: z.array(documentId).min(1).max(100).optional() }).strict();
export type MarkReadInput = z.infer<typeof markReadSchema>;

export const documentIdParams = z.object({ documentId }).strict();
export const slugParams = z.object({ slug: boardSlug }).strict();

// The moderators' admin routes.
export const MODERATION_ACTIONS = ['approve', 'reject', 'hide', 'restore', 'pin', 'unpin', 'lock', 'unlock', 'delete'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];
export const decisionSchema = z
  .object({ action: z.enum(MODERATION_ACTIONS), note: plainText(TEXT_LIMITS.moderationNote).optional() })
  .strict();
export type DecisionInput = z.infer<typeof decisionSchema>;

export const queueQuerySchema = z
  .object({ kind: z.enum(['pending', 'reported', 'all']).default('all'), targetType: z.enum(['post', 'comment']).optional(), cursor, limit })
  .strict();
export type QueueQuery = z.infer<typeof queueQuerySchema>;

export const muteSchema = z
  .object({ userId: z.number().int().positive(), days: z.number().int().min(1).max(3650), note: plainText(TEXT_LIMITS.moderationNote) })
  .strict();
export type MuteInput = z.infer<typeof muteSchema>;

export const decisionsQuerySchema = z
  .object({
    before: z.coerce.number().int().positive().optional(),
    limit,
    targetType: z.enum(['post', 'comment', 'user', 'challenge']).optional(),
    targetId: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type DecisionsQuery = z.infer<typeof decisionsQuerySchema>;

export const muteIdParams = z.object({ id: z.coerce.number().int().positive() }).strict();
