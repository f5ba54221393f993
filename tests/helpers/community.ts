import crypto from 'node:crypto';
import { getStrapi } from './strapi';

/**
 * Community test data (STYLE 13: test data lives in helpers). Boards are editors' records, made here the
 * way the admin would; posts and comments are written over HTTP by the tests themselves.
 */
export type TestBoard = { id: number; documentId: string; slug: string; name: string };

export const createBoard = async (
  fields: Partial<{ name: string; slug: string; postPermission: 'everyone' | 'vip' | 'editors'; kind: 'forum' | 'habitFeed'; active: boolean; sortOrder: number }> = {},
): Promise<TestBoard> => {
  const suffix = crypto.randomBytes(4).toString('hex');
  const board = await getStrapi()
    .documents('plugin::community.board')
    .create({ data: { name: `版块-${suffix}`, slug: `board-${suffix}`, postPermission: 'everyone', kind: 'forum', active: true, sortOrder: 0, ...fields } });
  return { id: board.id as number, documentId: board.documentId, slug: board.slug as string, name: board.name as string };
};

export type TestPost = { id: number; documentId: string };

/**
 * A post on `board` by `author`, stored directly (status published and listed unless `fields` says
 * otherwise), for tests of what hangs off posts (comments, likes) without going through post creation.
 */
export const createPublishedPost = async (
  author: { id: number },
  board: TestBoard,
  fields: Partial<{ title: string; content: string; anonymous: boolean; status: 'pending' | 'published' | 'rejected' | 'hidden' | 'deleted'; commentsLocked: boolean }> = {},
): Promise<TestPost> => {
  const post = await getStrapi()
    .db.query('plugin::community.post')
    .create({
      data: {
        user: author.id,
        board: board.id,
        content: `帖子 ${crypto.randomBytes(4).toString('hex')}`,
        anonymous: false,
        authorNickname: null,
        status: 'published',
        textCheck: 'pass',
        listedAt: new Date(),
        ...fields,
      },
    });
  return { id: post.id as number, documentId: post.documentId as string };
};
