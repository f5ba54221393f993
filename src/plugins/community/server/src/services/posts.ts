import type { Core, UID } from '@strapi/strapi';
import { isPostgres } from '../../../../../utils/dialect';
import { NotFoundError, ValidationError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';
import { getService } from '../utils/get-service';
import type { CreatePostInput } from '../validation/requests';
import type { Caller } from './boards';
import { POST_COLUMNS, postsFrom, type PostRow, type PostView, type Viewer } from './post-views';

/**
 * Writing, reading and deleting one post. A post is published at once when WeChat's text check passes
 * (listed from that instant); when WeChat asks for a review or cannot be reached it waits for a moderator
 * (pending, never published unchecked); risky text is refused before anything is stored (services/gate.ts).
 * Images are checked by WeChat afterwards: `community.post.created` tells the moderation side which files.
 *
 * Readers see a post only while it is published on an active board; everything else is 404 to them, as
 * if it did not exist. Its author sees it in every status but deleted, with the moderator's note.
 */
export const POST_CREATED_EVENT = 'community.post.created';
export type PostCreatedEvent = { postId: number; documentId: string; userId: number; imageFileIds: number[] };

export const HABIT_FEED_BOARD = { slug: 'habit-feed', name: '习惯打卡', kind: 'habitFeed', description: '晒打卡、晒连续天数，为彼此加油' } as const;

/** What a post may link to, and whose it must be. */
const LINK_TARGETS: Record<NonNullable<CreatePostInput['link']>['kind'], { uid: UID.ContentType; owned: boolean; name: string }> = {
  checkIn: { uid: 'api::check-in.check-in', owned: true, name: 'check-in' },
  habit: { uid: 'api::habit.habit', owned: true, name: 'habit' },
  challenge: { uid: 'api::challenge.challenge', owned: false, name: 'challenge' },
};

const postsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const render = (rows: PostRow[], viewer: Viewer, baseUrl: string) => getService(strapi, 'postViews').render(rows, viewer, baseUrl);

  /** The author's own check-in or habit, or an existing challenge; 404 otherwise (another user's looks missing). */
  const assertLinkable = async (userId: number, link: NonNullable<CreatePostInput['link']>) => {
    const target = LINK_TARGETS[link.kind];
    const where = target.owned ? { documentId: link.documentId, user: { id: userId } } : { documentId: link.documentId };
    const found = await strapi.db.query(target.uid).findOne({ where, select: ['id'] });
    if (!found) throw new NotFoundError(`No such ${target.name}${target.owned ? ' among yours' : ''}`, { field: 'link', reason: 'link_not_found' });
  };

  const rowById = async (id: number): Promise<PostRow & { board_active: boolean | number }> =>
    (await postsFrom(knex()).select(...POST_COLUMNS, 'b.active as board_active').where('p.id', id).first()) as PostRow & { board_active: boolean | number };

  return {
    /** POST /api/community/posts. */
    async create(caller: Caller, input: CreatePostInput, baseUrl: string): Promise<{ data: PostView; meta: { moderation: 'published' | 'pending' } }> {
      const userId = caller.id;
      await getService(strapi, 'limits').consume('post', userId);
      const gate = getService(strapi, 'gate');
      await gate.assertNotMuted(userId);
      const board = await getService(strapi, 'boards').forPosting(input.board, caller);
      const images = await getService(strapi, 'images').usable(userId, input.images);
      if (input.link) await assertLinkable(userId, input.link);
      // Last, so WeChat is asked only about a post that can otherwise be stored; a risky text throws 400 here.
      const verdict = await gate.checkText(userId, 3, { title: input.title, content: input.content });

      const author = (await knex()(TABLES.users).where({ id: userId }).first('nickname', 'avatar', 'username')) as
        | { nickname: string | null; avatar: string | null; username: string | null }
        | undefined;
      const published = verdict === 'pass';
      const created = await strapi.db.transaction(async ({ trx }) => {
        const post = (await strapi.db.query(UIDS.post).create({
          data: {
            user: userId,
            board: board.id,
            title: input.title ?? null,
            content: input.content,
            anonymous: input.anonymous,
            authorNickname: author?.nickname ?? null,
            authorAvatar: author?.avatar ?? null,
            linkKind: input.link?.kind ?? null,
            linkDocumentId: input.link?.documentId ?? null,
            status: published ? 'published' : 'pending',
            textCheck: verdict,
            mediaCheck: images.length > 0 ? 'pending' : 'none',
            listedAt: published ? new Date() : null,
            images: images.map((image) => image.fileId),
          },
        })) as { id: number; documentId: string };
        if (images.length > 0) {
          // knex: claim the images only if still unclaimed, in one conditional UPDATE, so two posts sent at
          // once with the same image cannot both have it (the loser's transaction rolls back: 400).
          const claimed = await knex()(TABLES.images)
            .transacting(trx)
            .whereIn('id', images.map((image) => image.id))
            .andWhere('user_id', userId)
            .whereNull('post_id')
            .update({ post_id: post.id });
          if (Number(claimed) !== images.length) {
            throw new ValidationError('Each image must be one you uploaded and not yet used in a post', { field: 'images', reason: 'image_unusable' });
          }
        }
        return post;
      });

      if (images.length > 0) {
        const event: PostCreatedEvent = { postId: created.id, documentId: created.documentId, userId, imageFileIds: images.map((image) => image.fileId) };
        // After the commit: the moderation side asks WeChat to check these files (mediaCheckAsync).
        strapi.eventHub.emit(POST_CREATED_EVENT, event);
      }
      const [view] = await render([await rowById(created.id)], { id: userId }, baseUrl);
      return { data: view, meta: { moderation: published ? 'published' : 'pending' } };
    },

    /** GET /api/community/posts/:documentId: counts a reader's view (not the author's). */
    async findOne(documentId: string, viewer: Viewer, baseUrl: string): Promise<PostView> {
      const row = (await postsFrom(knex()).select(...POST_COLUMNS, 'b.active as board_active').where('p.document_id', documentId).first()) as
        | (PostRow & { board_active: boolean | number })
        | undefined;
      if (!row || row.status === 'deleted') throw new NotFoundError('No such post');
      const mine = viewer !== null && row.user_id !== null && Number(row.user_id) === viewer.id;
      if (!mine && (row.status !== 'published' || !row.board_active)) throw new NotFoundError('No such post');
      const [view] = await render([row], viewer, baseUrl);
      // The stored count plus the views not flushed yet (this one included): what the next flush makes it.
      const views = getService(strapi, 'views');
      view.viewCount += mine ? await views.pending(Number(row.id)).catch(() => 0) : await views.count(Number(row.id));
      return view;
    },

    /** DELETE /api/community/posts/:documentId: the author's own post only (another's is 404). */
    async remove(documentId: string, userId: number): Promise<void> {
      const posts = strapi.db.query(UIDS.post);
      const own = await posts.findOne({ where: { documentId, user: { id: userId }, status: { $ne: 'deleted' } }, select: ['id'] });
      if (!own) throw new NotFoundError('No such post');
      await posts.update({ where: { id: own.id }, data: { status: 'deleted' } });
    },

    /**
     * The habit feed's board (kind habitFeed), made at boot when missing. Concurrent boots on one
     * PostgreSQL serialise on a transaction-scoped advisory lock; SQLite serialises every write anyway.
     * An editor may rename or close it later: only a missing board is created.
     */
    async ensureHabitFeedBoard(): Promise<void> {
      await strapi.db.transaction(async ({ trx }) => {
        if (isPostgres(knex())) await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['community:habit-feed-board']);
        const boards = strapi.db.query(UIDS.board);
        if (await boards.findOne({ where: { slug: HABIT_FEED_BOARD.slug }, select: ['id'] })) return;
        await boards.create({ data: { ...HABIT_FEED_BOARD, postPermission: 'everyone', active: true, sortOrder: 0 } });
      });
    },
  };
};

export type PostsService = ReturnType<typeof postsService>;
export default postsService;
