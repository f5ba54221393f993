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

/**
 * Posts and comments written straight to the database, in any status, for the moderation tests (the
 * posting routes run WeChat's checks; these stand for what those routes stored).
 */
type Status = 'pending' | 'published' | 'rejected' | 'hidden' | 'deleted';
export type TestItem = { id: number; documentId: string };

export const createPost = async (
  author: { id: number },
  board: { id: number },
  fields: Partial<{ title: string; content: string; status: Status; anonymous: boolean; textCheck: 'pass' | 'review' | 'unavailable'; imageFileIds: number[]; hiddenReason: 'reports' | 'media' | 'moderator'; createdAt: Date }> = {},
): Promise<TestItem> => {
  const { imageFileIds = [], status = 'published', ...rest } = fields;
  const post = await getStrapi()
    .db.query('plugin::community.post')
    .create({
      data: {
        user: author.id,
        board: board.id,
        content: `帖子 ${crypto.randomBytes(4).toString('hex')}`,
        anonymous: false,
        authorNickname: '作者',
        textCheck: status === 'pending' ? 'review' : 'pass',
        listedAt: status === 'published' ? new Date() : null,
        images: imageFileIds,
        status,
        ...rest,
      },
    });
  return { id: post.id as number, documentId: post.documentId as string };
};

export const createComment = async (
  author: { id: number },
  post: { id: number },
  fields: Partial<{ content: string; status: Status; thread: number; replyTo: number; textCheck: 'pass' | 'review' | 'unavailable' }> = {},
): Promise<TestItem> => {
  const comment = await getStrapi()
    .db.query('plugin::community.comment')
    .create({ data: { user: author.id, post: post.id, content: `评论 ${crypto.randomBytes(4).toString('hex')}`, authorNickname: '评论者', status: 'published', ...fields } });
  return { id: comment.id as number, documentId: comment.documentId as string };
};

/** An uploaded image's file row (the bytes are not needed: WeChat's fake judges the URL). */
export const createImageFile = async (name: string): Promise<number> => {
  const hash = `${name}_${crypto.randomBytes(5).toString('hex')}`;
  const file = await getStrapi()
    .db.query('plugin::upload.file')
    .create({ data: { name: `${name}.png`, hash, ext: '.png', mime: 'image/png', size: 1.2, width: 8, height: 8, url: `/uploads/${hash}.png`, provider: 'local', folderPath: '/' } });
  return file.id as number;
};

/** Make an account look `days` old (reports from young accounts do not count). */
export const ageAccount = async (user: { id: number }, days: number) => {
  await getStrapi()
    .db.query('plugin::users-permissions.user')
    .update({ where: { id: user.id }, data: { createdAt: new Date(Date.now() - days * 86_400_000) } });
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
