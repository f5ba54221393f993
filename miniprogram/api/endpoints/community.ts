import { wxUploadFile } from '../../platform/upload';
import type { ApiClient } from '../client';
import { apiErrorFrom } from '../errors';
import type { CommentOrder, FeedSort, MyPostsQuery, NewComment, NewPost, NewReport, UploadedImage } from '../paths';

/** A cursor page's options: `cursor` is the previous page's `meta.cursor.next` (none for the first page). */
export interface CursorOptions {
  cursor?: string | null;
  limit?: number;
}

/** Only the query keys that are set (a null cursor means "the first page"). */
const cursorQuery = ({ cursor, limit }: CursorOptions) => ({ ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) });

export type UploadOptions = {
  /** Called with 0..100 as wx.uploadFile reports progress. */
  onProgress?: (percent: number) => void;
  /** The uploader (tests pass their own; the app uses wx.uploadFile through platform/upload.ts). */
  upload?: typeof wxUploadFile;
};

/**
 * /api/community: boards (版块), feeds by cursor (a board's newest or hot, the people I follow, my own
 * posts with their status), posts with up to 9 images, threaded comments, likes (PUT / DELETE,
 * idempotent), follows, reports (举报) and notifications.
 *
 * Reads are public but still go with the token: answers say per caller whether a post is `liked`, `mine`
 * and whether a board `canPost`. Writes can be refused with 403 `details.reason` muted (with `until`),
 * board_inactive / membership_required / editors_only, comments_locked; 400 content_risky (内容含有违规信息);
 * 429 (the client waits Retry-After once, then fails with its message).
 */
export const communityApi = (client: ApiClient) => ({
  boards() {
    return client.request('get', '/api/community/boards');
  },
  /** A board's feed; `meta.pinned` holds its pinned posts on the first page. */
  feed(slug: string, { sort = 'newest', ...page }: CursorOptions & { sort?: FeedSort } = {}) {
    return client.request('get', '/api/community/boards/{slug}/posts', { path: { slug }, query: { sort, ...cursorQuery(page) } });
  },
  /** Posts by the people I follow, newest first. */
  following(page: CursorOptions = {}) {
    return client.request('get', '/api/community/feed/following', { query: cursorQuery(page) });
  },
  /** My own posts in every status (or one), newest first, with `moderationNote` for rejected / hidden ones. */
  myPosts({ status, ...page }: CursorOptions & { status?: MyPostsQuery['status'] } = {}) {
    return client.request('get', '/api/community/me/posts', { query: { ...(status ? { status } : {}), ...cursorQuery(page) } });
  },
  post(documentId: string) {
    return client.request('get', '/api/community/posts/{documentId}', { path: { documentId } });
  },
  /** 201 with `meta.moderation`: published (visible now) or pending (a moderator decides first). */
  createPost(body: NewPost) {
    return client.request('post', '/api/community/posts', { body });
  },
  removePost(documentId: string) {
    return client.request('delete', '/api/community/posts/{documentId}', { path: { documentId } });
  },
  likePost(documentId: string, liked: boolean) {
    return liked
      ? client.request('put', '/api/community/posts/{documentId}/like', { path: { documentId } })
      : client.request('delete', '/api/community/posts/{documentId}/like', { path: { documentId } });
  },
  /** Threads (top-level comments with their first replies, oldest first). */
  comments(postDocumentId: string, { order = 'newest', ...page }: CursorOptions & { order?: CommentOrder } = {}) {
    return client.request('get', '/api/community/posts/{documentId}/comments', { path: { documentId: postDocumentId }, query: { order, ...cursorQuery(page) } });
  },
  /** More replies of a thread, oldest first (the first page starts at the thread's first reply). */
  replies(threadDocumentId: string, page: CursorOptions = {}) {
    return client.request('get', '/api/community/comments/{documentId}/replies', { path: { documentId: threadDocumentId }, query: cursorQuery(page) });
  },
  /** A comment on the post, or a reply to one of its comments (`replyTo`). */
  comment(postDocumentId: string, body: NewComment) {
    return client.request('post', '/api/community/posts/{documentId}/comments', { path: { documentId: postDocumentId }, body });
  },
  removeComment(documentId: string) {
    return client.request('delete', '/api/community/comments/{documentId}', { path: { documentId } });
  },
  likeComment(documentId: string, liked: boolean) {
    return liked
      ? client.request('put', '/api/community/comments/{documentId}/like', { path: { documentId } })
      : client.request('delete', '/api/community/comments/{documentId}/like', { path: { documentId } });
  },
  follow(userDocumentId: string, following: boolean) {
    return following
      ? client.request('put', '/api/community/users/{documentId}/follow', { path: { documentId: userDocumentId } })
      : client.request('delete', '/api/community/users/{documentId}/follow', { path: { documentId: userDocumentId } });
  },
  /** 举报: reporting the same thing again changes nothing (still 200). */
  report(body: NewReport) {
    return client.request('post', '/api/community/reports', { body });
  },
  notifications(page: CursorOptions = {}) {
    return client.request('get', '/api/community/notifications', { query: cursorQuery(page) });
  },
  unreadCount() {
    return client.request('get', '/api/community/notifications/unread-count');
  },
  /** Mark these notifications read, or all of them (no ids); answers the unread count now. */
  markRead(ids?: string[]) {
    return client.request('post', '/api/community/notifications/read', { body: ids && ids.length > 0 ? { ids } : {} });
  },
  /**
   * POST /api/community/images: one local image (wx.chooseMedia's tempFilePath) as multipart "file";
   * pass the answer's documentId in the post's `images`. Like the avatar, a file upload cannot go through
   * wx.request: same token, one refresh on 401. A 429 is not waited out here (the write page offers a
   * retry per image), and no answer at all is a NetworkError.
   */
  async uploadImage(filePath: string, { onProgress, upload = wxUploadFile }: UploadOptions = {}): Promise<UploadedImage> {
    for (let renewed = false; ; renewed = true) {
      const token = await client.session.accessToken();
      const res = await upload({ url: `${client.baseUrl}/api/community/images`, filePath, field: 'file', headers: { Authorization: `Bearer ${token}` }, onProgress });
      if (res.status >= 200 && res.status < 300) return res.body as UploadedImage;
      if (res.status === 401 && !renewed) {
        await client.session.renew(token);
        continue;
      }
      throw apiErrorFrom(res.status, res.headers, res.body, client.platform.now());
    }
  },
});

export type CommunityApi = ReturnType<typeof communityApi>;
