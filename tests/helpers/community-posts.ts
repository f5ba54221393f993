import crypto from 'node:crypto';
import type { Response } from 'supertest';
import { getStrapi, http } from './strapi';
import type { TestUser } from './users';

/**
 * Posts for the feed and post tests (STYLE 13). `writePost` goes through the API (WeChat's check and
 * all); `insertPost` stores a row directly, in any status and with any counts or age, standing for what
 * the API and the moderators made, so the feed tests can lay out hundreds of posts quickly.
 */
export type PostStatus = 'pending' | 'published' | 'rejected' | 'hidden' | 'deleted';
export type StoredPost = { id: number; documentId: string };

export const insertPost = async (
  author: { id: number } | null,
  board: { id: number },
  fields: Partial<{
    title: string;
    content: string;
    status: PostStatus;
    anonymous: boolean;
    pinned: boolean;
    likeCount: number;
    commentCount: number;
    listedAt: Date | null;
    authorNickname: string;
    moderationNote: string;
  }> = {},
): Promise<StoredPost> => {
  const status = fields.status ?? 'published';
  const post = await getStrapi()
    .db.query('plugin::community.post')
    .create({
      data: {
        user: author?.id ?? null,
        board: board.id,
        content: `帖子 ${crypto.randomBytes(4).toString('hex')}`,
        anonymous: false,
        authorNickname: '作者',
        textCheck: 'pass',
        mediaCheck: 'none',
        listedAt: status === 'published' ? new Date() : null,
        status,
        ...fields,
      },
    });
  return { id: post.id as number, documentId: post.documentId as string };
};

export const setPost = async (post: { id: number }, data: Record<string, unknown>) =>
  getStrapi().db.query('plugin::community.post').update({ where: { id: post.id }, data });

export const writePost = (user: TestUser, body: Record<string, unknown>) => http().post('/api/community/posts').set(user.auth).send(body);

/** An 8x8 PNG, and a 1x1 GIF: real images the upload plugin can read. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWMwXlWOFTEMLQkAJbdVAbuCg2sAAAAASUVORK5CYII=',
  'base64',
);
export const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export const uploadImage = (user: TestUser, bytes: Buffer = PNG, filename = 'photo.png', contentType = 'image/png') =>
  http().post('/api/community/images').set(user.auth).attach('file', bytes, { filename, contentType });

/** Every page of a feed, following `meta.cursor.next`; `between` runs after each page (to write posts meanwhile). */
export const pageThrough = async (
  path: string,
  options: { auth?: Record<string, string>; limit?: number; between?: (page: number) => Promise<void> } = {},
): Promise<{ pages: Response[]; documentIds: string[] }> => {
  const pages: Response[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page += 1) {
    const query: Record<string, string | number> = { limit: options.limit ?? 5 };
    if (cursor) query.cursor = cursor;
    const res = await http().get(path).query(query).set(options.auth ?? {});
    if (res.status !== 200) throw new Error(`${path} page ${page}: ${res.status} ${JSON.stringify(res.body)}`);
    pages.push(res);
    cursor = res.body.meta.cursor.next as string | null;
    if (!cursor) break;
    await options.between?.(page);
  }
  return { pages, documentIds: pages.flatMap((res) => (res.body.data as Array<{ documentId: string }>).map((post) => post.documentId)) };
};
