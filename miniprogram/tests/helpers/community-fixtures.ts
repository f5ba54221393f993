/**
 * Made-up community answers for the logic, page and screen tests, typed by the API document (so a
 * changed shape fails typecheck) and held to it at run time by tests/contract/community-fixtures.test.ts.
 */
import type {
  CommentThread,
  CommunityBoard,
  CommunityComment,
  CommunityNotification,
  CommunityPost,
  CreatedComment,
  CreatedPost,
  FeedPage,
  UploadedImage,
} from '../../api/paths';
import type { WxAnswer } from './wx-double';

/** A documentId as the server makes them (lower-case letters and digits, 10+). */
export const docId = (prefix: string, n: number | string = 1) => `${prefix}${String(n).padStart(10 - prefix.length, '0')}`;

export const NOW = new Date('2026-12-04T02:00:00.000Z');

export const board = (over: Partial<CommunityBoard> = {}): CommunityBoard => ({
  documentId: docId('board', 1),
  slug: 'campus',
  name: '校园',
  description: '校园生活、学习交流',
  icon: null,
  kind: 'forum',
  postPermission: 'everyone',
  canPost: true,
  ...over,
});

export const boards = (): CommunityBoard[] => [
  board(),
  board({ documentId: docId('board', 2), slug: 'habits', name: '打卡圈', description: '分享你的坚持', kind: 'habitFeed' }),
  board({ documentId: docId('board', 3), slug: 'notice', name: '公告', description: null, postPermission: 'editors', canPost: false }),
  board({ documentId: docId('board', 4), slug: 'vip', name: '会员专区', description: '会员交流', postPermission: 'vip', canPost: false }),
];

export const post = (n: number, over: Partial<CommunityPost> = {}): CommunityPost => ({
  documentId: docId('post', n),
  board: { slug: 'campus', name: '校园' },
  title: `第 ${n} 篇`,
  content: `今天也坚持早起了，第 ${n} 天。`,
  images: [],
  author: { documentId: docId('user', n), nickname: `同学${n}`, avatar: null, anonymous: false },
  link: null,
  likeCount: n,
  commentCount: 0,
  viewCount: 10 * n,
  liked: false,
  pinned: false,
  commentsLocked: false,
  mine: false,
  status: 'published',
  moderationNote: null,
  createdAt: new Date(NOW.getTime() - n * 3600_000).toISOString(),
  ...over,
});

export const image = (n: number): CommunityPost['images'][number] => ({
  documentId: docId('image', n),
  url: `http://127.0.0.1:1337/uploads/community/${n}.jpg`,
  width: 1080,
  height: 1080,
  thumbnailUrl: `http://127.0.0.1:1337/uploads/community/thumbnail_${n}.jpg`,
});

export const feedPage = (items: CommunityPost[], next: string | null = null, pinned: CommunityPost[] = []): FeedPage => ({ data: items, meta: { cursor: { next }, pinned } });

export const comment = (n: number, over: Partial<CommunityComment> = {}): CommunityComment => ({
  documentId: docId('comment', n),
  content: `评论 ${n}`,
  author: { documentId: docId('user', 100 + n), nickname: `评论者${n}`, avatar: null, anonymous: false },
  replyToName: null,
  threadDocumentId: null,
  likeCount: 0,
  liked: false,
  mine: false,
  deleted: false,
  status: 'published',
  createdAt: new Date(NOW.getTime() - n * 60_000).toISOString(),
  ...over,
});

export const thread = (n: number, replies: CommunityComment[] = [], over: Partial<CommentThread> = {}): CommentThread => ({
  ...comment(n),
  replies,
  replyCount: replies.length,
  ...over,
});

export const reply = (n: number, threadN: number, over: Partial<CommunityComment> = {}): CommunityComment =>
  comment(n, { threadDocumentId: docId('comment', threadN), ...over });

export const threadsPage = (items: CommentThread[], next: string | null = null) => ({ data: items, meta: { cursor: { next } } });
export const repliesPage = (items: CommunityComment[], next: string | null = null) => ({ data: items, meta: { cursor: { next } } });

export const createdPost = (data: CommunityPost, moderation: CreatedPost['meta']['moderation']): CreatedPost => ({ data, meta: { moderation } });
export const createdComment = (data: CommunityComment, moderation: CreatedComment['meta']['moderation'] = 'published'): CreatedComment => ({ data, meta: { moderation } });

export const uploaded = (n: number): UploadedImage => ({ data: image(n), meta: {} });

export const notification = (n: number, over: Partial<CommunityNotification> = {}): CommunityNotification => ({
  documentId: docId('notice', n),
  kind: 'liked',
  text: `同学${n} 赞了你的帖子`,
  actorName: `同学${n}`,
  targetType: 'post',
  targetDocumentId: docId('post', 1),
  postDocumentId: docId('post', 1),
  read: false,
  createdAt: new Date(NOW.getTime() - n * 600_000).toISOString(),
  ...over,
});

export const notificationsPage = (items: CommunityNotification[], unread: number, next: string | null = null) => ({ data: items, meta: { cursor: { next }, unread } });

export const likeAnswer = (liked: boolean, likeCount: number) => ({ data: { liked, likeCount }, meta: {} });

/** Strapi's error envelope as the community routes answer it (with a Retry-After header for 429). */
export const refusal = (status: number, name: string, message: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}): WxAnswer => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: { data: null, error: { status, name, message, details } },
});

export const MUTED_UNTIL = '2026-12-10T00:00:00.000Z';
export const muted = () => refusal(403, 'ForbiddenError', `你已被禁言至 ${MUTED_UNTIL}`, { reason: 'muted', until: MUTED_UNTIL });
export const risky = (field: 'title' | 'content' = 'content') => refusal(400, 'ValidationError', '内容含有违规信息', { reason: 'content_risky', field, label: 20001 });
export const locked = () => refusal(403, 'ForbiddenError', '评论已关闭', { reason: 'comments_locked' });
export const tooMany = (message = '发帖太频繁，请稍后再试', seconds = 120) => refusal(429, 'RateLimitError', message, { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
export const notFound = () => refusal(404, 'NotFoundError', 'Not Found');
export const unauthorized = () => refusal(401, 'UnauthorizedError', 'Missing or invalid credentials');
