import { emptyMeta, instant, z } from '../../../../../utils/openapi';
import { LINK_KINDS } from './requests';

/**
 * What the community routes answer, as zod schemas: the API document is generated from them and
 * tests/e2e/openapi-conformance.test.ts holds real answers to them (strict objects: a new field is written
 * here too). The mini-program's types come from the document (miniprogram/api/schema.d.ts).
 */

const cursorMeta = z
  .object({ next: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }) })
  .strict()
  .openapi('CommunityCursor');

export const boardSchema = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    icon: z.string().nullable().openapi({ description: 'Icon URL' }),
    kind: z.enum(['forum', 'habitFeed']),
    postPermission: z.enum(['everyone', 'vip', 'editors']),
    canPost: z.boolean().openapi({ description: 'Whether the caller may post here (false for guests)' }),
  })
  .strict()
  .openapi('CommunityBoard');

export const boardListAnswerSchema = z.object({ data: z.array(boardSchema), meta: emptyMeta }).strict();

export const authorSchema = z
  .object({
    documentId: z.string().nullable().openapi({ description: 'The author to follow; null when anonymous (or deleted)' }),
    nickname: z.string().openapi({ description: '匿名用户 for an anonymous post, except to its author' }),
    avatar: z.string().nullable(),
    anonymous: z.boolean(),
  })
  .strict()
  .openapi('CommunityAuthor');

export const imageSchema = z
  .object({ documentId: z.string(), url: z.string(), width: z.number().int().nullable(), height: z.number().int().nullable(), thumbnailUrl: z.string().nullable() })
  .strict()
  .openapi('CommunityImage');

export const linkSchema = z
  .object({
    kind: z.enum(LINK_KINDS),
    documentId: z.string(),
    title: z.string().openapi({ description: 'The habit’s or challenge’s title, read when the post is shown' }),
    localDate: z.string().nullable().openapi({ description: 'A shared check-in’s day' }),
    currentStreak: z.number().int().nullable().openapi({ description: 'The habit’s streak now, read at render time' }),
    longestStreak: z.number().int().nullable(),
    totalCheckIns: z.number().int().nullable(),
  })
  .strict()
  .openapi('CommunityLink');

const STATUSES = ['pending', 'published', 'rejected', 'hidden'] as const;

export const postSchema = z
  .object({
    documentId: z.string(),
    board: z.object({ slug: z.string(), name: z.string() }).strict(),
    title: z.string().nullable(),
    content: z.string(),
    images: z.array(imageSchema),
    author: authorSchema,
    link: linkSchema.nullable().openapi({ description: 'A check-in, habit or challenge of the author’s; null when none or no longer there' }),
    likeCount: z.number().int(),
    commentCount: z.number().int(),
    viewCount: z.number().int(),
    liked: z.boolean(),
    pinned: z.boolean(),
    commentsLocked: z.boolean(),
    mine: z.boolean(),
    status: z.enum(STATUSES).openapi({ description: 'Readers only ever see published posts; the author sees each status' }),
    moderationNote: z.string().nullable().openapi({ description: 'Why a post was rejected or hidden: for its author only, null for others' }),
    createdAt: instant,
  })
  .strict()
  .openapi('CommunityPost');

export const feedAnswerSchema = z
  .object({
    data: z.array(postSchema),
    meta: z
      .object({
        cursor: cursorMeta,
        pinned: z.array(postSchema).openapi({ description: 'Pinned posts of the board, on the first page only (empty elsewhere)' }),
      })
      .strict(),
  })
  .strict()
  .openapi('CommunityFeed');

export const postAnswerSchema = z.object({ data: postSchema, meta: emptyMeta }).strict();

const MODERATION_OUTCOMES = ['published', 'pending'] as const;
export const createdPostAnswerSchema = z
  .object({
    data: postSchema,
    meta: z
      .object({
        moderation: z.enum(MODERATION_OUTCOMES).openapi({ description: 'published: visible now; pending: a moderator (or WeChat’s image check) decides first' }),
      })
      .strict(),
  })
  .strict();

/**
 * A comment's author, or null for a deleted one. Written out by hand: zod-to-openapi documents
 * `authorSchema.nullable()` as a bare reference (null refused) or as allOf with a typeless `nullable`
 * (invalid OpenAPI 3.0); this is OpenAPI 3.0's spelling of "a CommunityAuthor or null".
 */
const nullableAuthor = z
  .custom<z.infer<typeof authorSchema> | null>((value) => value === null || authorSchema.safeParse(value).success)
  .openapi({
    type: 'object',
    nullable: true,
    anyOf: [{ $ref: '#/components/schemas/CommunityAuthor' }, { type: 'object', nullable: true, enum: [null] }],
    description: 'null for a deleted comment',
  } as Record<string, unknown>);

// One shape for a comment and a thread: a thread written as `commentSchema.extend(...)` is documented as
// allOf [CommunityComment, {replies, replyCount}], which no answer can match (each part forbids the other's fields).
const commentFields = {
  documentId: z.string(),
  content: z.string().openapi({ description: '该评论已删除 for a deleted comment kept for its replies' }),
  author: nullableAuthor,
  replyToName: z.string().nullable().openapi({ description: 'Show “回复 @name” when set (a reply to a reply)' }),
  threadDocumentId: z.string().nullable().openapi({ description: 'The top-level comment a reply belongs to; null for a top-level comment' }),
  likeCount: z.number().int(),
  liked: z.boolean(),
  mine: z.boolean(),
  deleted: z.boolean(),
  status: z.enum(STATUSES),
  createdAt: instant,
};

export const commentSchema = z.object(commentFields).strict().openapi('CommunityComment');

export const threadSchema = z
  .object({
    ...commentFields,
    replies: z.array(commentSchema).openapi({ description: 'The first replies, oldest first' }),
    replyCount: z.number().int(),
  })
  .strict()
  .openapi('CommunityThread');

export const threadsAnswerSchema = z.object({ data: z.array(threadSchema), meta: z.object({ cursor: cursorMeta }).strict() }).strict();
export const repliesAnswerSchema = z.object({ data: z.array(commentSchema), meta: z.object({ cursor: cursorMeta }).strict() }).strict();
export const createdCommentAnswerSchema = z
  .object({ data: commentSchema, meta: z.object({ moderation: z.enum(MODERATION_OUTCOMES) }).strict() })
  .strict();

export const likeAnswerSchema = z
  .object({ data: z.object({ liked: z.boolean(), likeCount: z.number().int() }).strict(), meta: emptyMeta })
  .strict()
  .openapi('CommunityLikeAnswer');

export const followAnswerSchema = z.object({ data: z.object({ following: z.boolean() }).strict(), meta: emptyMeta }).strict();

export const reportAnswerSchema = z
  .object({ data: z.object({ reported: z.literal(true) }).strict(), meta: emptyMeta })
  .strict();

export const notificationSchema = z
  .object({
    documentId: z.string(),
    kind: z.enum(['approved', 'rejected', 'hidden', 'liked', 'replied', 'commented', 'muted']),
    text: z.string().openapi({ description: 'What to show, e.g. 你的帖子已通过审核 / 未通过：reason' }),
    actorName: z.string().nullable(),
    targetType: z.enum(['post', 'comment', 'challenge']).nullable(),
    targetDocumentId: z.string().nullable().openapi({ description: 'The post, comment or challenge it is about' }),
    postDocumentId: z.string().nullable().openapi({ description: 'The post to open' }),
    read: z.boolean(),
    createdAt: instant,
  })
  .strict()
  .openapi('CommunityNotification');

export const notificationsAnswerSchema = z
  .object({ data: z.array(notificationSchema), meta: z.object({ cursor: cursorMeta, unread: z.number().int() }).strict() })
  .strict();

export const unreadAnswerSchema = z.object({ data: z.object({ unread: z.number().int() }).strict(), meta: emptyMeta }).strict();

export const uploadedImageAnswerSchema = z.object({ data: imageSchema, meta: emptyMeta }).strict();

/** A write refused because a moderator muted the user: until when. */
export const mutedDetails = z.object({ reason: z.literal('muted'), until: instant }).strict().openapi('CommunityMuted');
/** A post refused on a board the caller may not post on. */
export const boardClosedDetails = z
  .object({ reason: z.enum(['board_inactive', 'membership_required', 'editors_only']) })
  .strict()
  .openapi('CommunityBoardClosed');
/** Text WeChat's check judged risky (400 内容含有违规信息). */
export const riskyDetails = z
  .object({ reason: z.literal('content_risky'), field: z.enum(['title', 'content']), label: z.number().int() })
  .strict()
  .openapi('CommunityContentRisky');
