/**
 * The community's view models, shared by its pages: a post as a card (author, time, text, image grid,
 * linked habit, counts, status), likes toggled at once and put back when the server refuses, and what a
 * refused community call says (muted until when, board closed, comments locked, 内容含有违规信息, 429).
 */
import type { CommunityAuthor, CommunityBoard, CommunityImage, CommunityPost, LikeState, PostLink, PostStatus } from '../api/paths';
import { errorReason, errorStatus, messageOf, NETWORK_MESSAGE } from './load-state';

export type { CommunityBoard, CommunityPost };

/** Beijing time, as the server's people read it (the posts carry instants). */
const BEIJING_OFFSET_MINUTES = 480;

const beijing = (instant: string | Date) => new Date((typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + BEIJING_OFFSET_MINUTES * 60_000);
const two = (n: number) => String(n).padStart(2, '0');

/** "刚刚", "5 分钟前", "3 小时前", "昨天 08:30", "11-28 08:30", "2025-11-28" (Beijing time). */
export const timeAgo = (instant: string, now: Date): string => {
  const seconds = Math.floor((now.getTime() - Date.parse(instant)) / 1000);
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 60) return '刚刚';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分钟前`;
  const at = beijing(instant);
  const today = beijing(now);
  const dayOf = (d: Date) => d.toISOString().slice(0, 10);
  const clock = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
  if (dayOf(at) === dayOf(today)) return `${Math.floor(seconds / 3600)} 小时前`;
  if (dayOf(at) === dayOf(new Date(today.getTime() - 86_400_000))) return `昨天 ${clock}`;
  if (at.getUTCFullYear() === today.getUTCFullYear()) return `${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())} ${clock}`;
  return dayOf(at);
};

/** "12月10日 08:00" (Beijing time): when a mute ends. */
export const untilText = (instant: string): string => {
  const at = beijing(instant);
  if (Number.isNaN(at.getTime())) return '';
  return `${at.getUTCMonth() + 1}月${at.getUTCDate()}日 ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
};

/** 1.2万 past ten thousand, the number itself below. */
export const countText = (n: number): string => (n >= 10_000 ? `${(Math.floor(n / 1000) / 10).toFixed(1).replace(/\.0$/, '')}万` : String(n));

export type AuthorView = { name: string; avatar: string; initial: string; anonymous: boolean; documentId: string };

/** The author line: 匿名用户 (the server's word for others) with no avatar for an anonymous post. */
export const authorView = (author: CommunityAuthor | null | undefined): AuthorView => {
  if (!author) return { name: '已删除', avatar: '', initial: '?', anonymous: false, documentId: '' };
  const name = author.nickname.trim() || '微信用户';
  return { name, avatar: author.anonymous ? '' : author.avatar ?? '', initial: author.anonymous ? '匿' : [...name][0] ?? '?', anonymous: author.anonymous, documentId: author.documentId ?? '' };
};

export type ImageCell = { key: string; src: string; full: string };
export type ImageGrid = { layout: 'none' | 'one' | 'two' | 'three'; cells: ImageCell[] };

/** One image large; 2 and 4 in two columns; 3 and 5 to 9 in three. Cells show thumbnails, preview the full image. */
export const imageGrid = (images: readonly CommunityImage[]): ImageGrid => {
  const cells = images.map((image) => ({ key: image.documentId, src: image.thumbnailUrl ?? image.url, full: image.url }));
  const layout = cells.length === 0 ? 'none' : cells.length === 1 ? 'one' : cells.length === 2 || cells.length === 4 ? 'two' : 'three';
  return { layout, cells };
};

export type LinkCard = { kind: PostLink['kind']; title: string; lines: string[]; habitDocumentId: string };

const LINK_LABELS: Record<PostLink['kind'], string> = { habit: '习惯', checkIn: '打卡', challenge: '挑战' };

/** The shared habit / check-in / challenge, with its streak as the server read it now. */
export const linkCard = (link: PostLink | null): LinkCard | null => {
  if (!link) return null;
  const lines: string[] = [];
  if (link.localDate) lines.push(`${link.localDate} 打卡`);
  if (link.currentStreak !== null) lines.push(`连续 ${link.currentStreak} 天`);
  if (link.longestStreak !== null) lines.push(`最长 ${link.longestStreak} 天`);
  if (link.totalCheckIns !== null) lines.push(`累计 ${link.totalCheckIns} 次`);
  return { kind: link.kind, title: `${LINK_LABELS[link.kind]} · ${link.title}`, lines, habitDocumentId: link.kind === 'habit' ? link.documentId : '' };
};

export const STATUS_LABELS: Record<PostStatus, string> = { pending: '审核中', published: '已发布', rejected: '未通过', hidden: '已隐藏' };

export type StatusBadge = { status: PostStatus; text: string; note: string };

/** My posts' badge; rejected and hidden ones say why (the moderator's note, the author's only). */
export const statusBadge = (post: Pick<CommunityPost, 'status' | 'moderationNote'>): StatusBadge => ({
  status: post.status,
  text: STATUS_LABELS[post.status],
  note: (post.status === 'rejected' || post.status === 'hidden') && post.moderationNote ? `原因：${post.moderationNote}` : '',
});

export type PostCard = {
  documentId: string;
  board: string;
  title: string;
  /** The text, cut for a feed (the detail page shows it all). */
  excerpt: string;
  author: AuthorView;
  time: string;
  grid: ImageGrid;
  link: LinkCard | null;
  likeCount: string;
  commentCount: string;
  viewCount: string;
  liked: boolean;
  pinned: boolean;
  mine: boolean;
  status: StatusBadge;
  /** Whether to show the status badge (my own posts that are not simply published). */
  showStatus: boolean;
};

const EXCERPT = 120;

export const postCard = (post: CommunityPost, now: Date, { full = false }: { full?: boolean } = {}): PostCard => {
  const chars = [...post.content];
  return {
    documentId: post.documentId,
    board: post.board.name,
    title: post.title ?? '',
    excerpt: full || chars.length <= EXCERPT ? post.content : `${chars.slice(0, EXCERPT).join('')}…`,
    author: authorView(post.author),
    time: timeAgo(post.createdAt, now),
    grid: imageGrid(post.images),
    link: linkCard(post.link),
    likeCount: countText(post.likeCount),
    commentCount: countText(post.commentCount),
    viewCount: countText(post.viewCount),
    liked: post.liked,
    pinned: post.pinned,
    mine: post.mine,
    status: statusBadge(post),
    showStatus: post.mine && post.status !== 'published',
  };
};

/** The like a tap asks for, shown at once: the post (or comment) as if the server had said yes. */
export const toggledLike = <T extends { liked: boolean; likeCount: number }>(item: T): T => ({
  ...item,
  liked: !item.liked,
  likeCount: Math.max(0, item.likeCount + (item.liked ? -1 : 1)),
});

/** The server's word on a like (the count is everyone's, read after the write). */
export const withLike = <T extends { liked: boolean; likeCount: number }>(item: T, state: LikeState): T => ({ ...item, liked: state.liked, likeCount: state.likeCount });

/** Boards someone may post on; the write page's picker. */
export const postableBoards = (boards: readonly CommunityBoard[]): CommunityBoard[] => boards.filter((board) => board.canPost);

export type BoardRow = { slug: string; name: string; description: string; icon: string; initial: string; canPost: boolean; note: string };

const CLOSED_NOTES: Record<CommunityBoard['postPermission'], string> = { everyone: '', vip: '会员可发帖', editors: '仅编辑发帖' };

export const boardRow = (board: CommunityBoard): BoardRow => ({
  slug: board.slug,
  name: board.name,
  description: board.description ?? '',
  icon: board.icon ?? '',
  initial: [...board.name][0] ?? '版',
  canPost: board.canPost,
  note: board.canPost ? '' : CLOSED_NOTES[board.postPermission],
});

const BOARD_CLOSED: Record<string, string> = {
  board_inactive: '这个版块已关闭',
  membership_required: '这个版块仅会员可以发帖',
  editors_only: '这个版块仅编辑可以发帖',
};

export const RISKY_MESSAGE = '内容含有违规信息';

const detailsOf = (error: unknown): Record<string, unknown> => {
  const details = typeof error === 'object' && error !== null ? (error as { details?: unknown }).details : undefined;
  return typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {};
};

/** When a muted person may write again, from a 403 `{ reason: 'muted', until }`; '' for any other failure. */
export const mutedUntil = (error: unknown): string => {
  const until = detailsOf(error).until;
  return errorReason(error) === 'muted' && typeof until === 'string' ? until : '';
};

/** Which field WeChat's check found risky (400 content_risky), or ''. */
export const riskyField = (error: unknown): 'title' | 'content' | '' => {
  if (errorReason(error) !== 'content_risky') return '';
  const field = detailsOf(error).field;
  return field === 'title' ? 'title' : 'content';
};

/**
 * What a refused community call says to the person. The server's messages are mostly Chinese already;
 * these are worded from `details.reason` so they also read well where they are not (the mute's end is
 * an ISO instant in the message: shown in Beijing time here).
 */
export const communityError = (error: unknown): string => {
  const status = errorStatus(error);
  const reason = errorReason(error);
  if (status === 0) return messageOf(error) === NETWORK_MESSAGE ? NETWORK_MESSAGE : messageOf(error);
  if (reason === 'muted') {
    const until = mutedUntil(error);
    return until ? `你已被禁言至 ${untilText(until)}` : '你已被禁言';
  }
  if (reason === 'content_risky') return RISKY_MESSAGE;
  if (reason === 'comments_locked') return '评论已关闭';
  if (BOARD_CLOSED[reason]) return BOARD_CLOSED[reason];
  if (status === 401) return '登录已过期，请重新进入小程序';
  if (status === 404) return '内容不存在或已被删除';
  if (status === 429) {
    const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    const base = messageOf(error) || '操作太频繁，请稍后再试';
    return typeof seconds === 'number' && seconds > 0 ? `${base}（${seconds} 秒后可再试）` : base;
  }
  // Strapi's own refusals are English ("Forbidden", "Internal Server Error"): say them in Chinese.
  const message = messageOf(error);
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  if (status === 403) return '没有权限';
  if (status >= 500) return '服务器出错了，请稍后再试';
  return status === 400 ? '请求有误' : message;
};
