import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { NotFoundError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';
import { getService } from '../utils/get-service';
import type { LikeTarget } from './counters';

/**
 * Likes on posts and comments: PUT likes, DELETE takes the like back, both idempotent. One like per
 * (user, target) is the database's unique key (database/constraints.ts community_likes_user_target_uq).
 *
 * Why knex and not the Document Service: a like is the hottest write of the community (200 people tapping
 * one post at once), and the row and the counter must change together. `INSERT ... ON CONFLICT DO
 * NOTHING` / `DELETE ... RETURNING` tell us whether this request actually added or removed the row, and
 * only then does the same transaction move the counter by one (`like_count = like_count ± 1`, atomic under
 * the row lock). The Document Service can do neither: a duplicate insert would abort the transaction, and
 * its update is a read-modify-write that loses concurrent increments.
 */
export type LikeAnswer = { liked: boolean; likeCount: number };

type Target = { id: number; documentId: string; authorId: number | null; postDocumentId: string };

const likesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /** A target readers may see: a published post, or a published comment on a published post. Else 404. */
  const findTarget = async (target: LikeTarget, documentId: string): Promise<Target> => {
    if (target === 'post') {
      const post = await strapi.db.query(UIDS.post).findOne({ where: { documentId, status: 'published' }, select: ['id', 'documentId'], populate: { user: { select: ['id'] } } });
      if (!post) throw new NotFoundError('No such post');
      return { id: post.id, documentId: post.documentId, authorId: post.user?.id ?? null, postDocumentId: post.documentId };
    }
    const comment = await strapi.db.query(UIDS.comment).findOne({
      where: { documentId, status: 'published', post: { status: 'published' } },
      select: ['id', 'documentId'],
      populate: { user: { select: ['id'] }, post: { select: ['documentId'] } },
    });
    if (!comment) throw new NotFoundError('No such comment');
    return { id: comment.id, documentId: comment.documentId, authorId: comment.user?.id ?? null, postDocumentId: comment.post.documentId };
  };

  /** The author hears of a like once per liker and target, however often it is taken back and given again. */
  const announce = async (target: LikeTarget, found: Target, liker: { id: number }) => {
    if (found.authorId === null || found.authorId === liker.id) return;
    const user = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: liker.id }, select: ['nickname'] });
    const name = (user?.nickname as string | null | undefined) || '微信用户';
    await getService(strapi, 'notifications').notifyOnce(found.authorId, `liked:${target}:${found.id}:${liker.id}`, {
      kind: 'liked',
      text: `${name} 赞了你的${target === 'post' ? '帖子' : '评论'}`,
      actorName: name,
      targetType: target,
      targetDocumentId: found.documentId,
      postDocumentId: found.postDocumentId,
    });
  };

  return {
    async like(target: LikeTarget, documentId: string, user: { id: number }): Promise<LikeAnswer> {
      const found = await findTarget(target, documentId);
      const counters = getService(strapi, 'counters');
      const now = new Date();
      const { inserted, likeCount } = await knex().transaction(async (trx) => {
        const rows = await trx(TABLES.likes)
          .insert({
            document_id: crypto.randomBytes(12).toString('hex'),
            user_id: user.id,
            target_type: target,
            target_id: found.id,
            created_at: now,
            updated_at: now,
            published_at: now,
          })
          .onConflict(['user_id', 'target_type', 'target_id'])
          .ignore()
          .returning('id');
        const added = rows.length > 0;
        return { inserted: added, likeCount: await counters.addLikes(trx, target, found.id, added ? 1 : 0) };
      });
      if (inserted) await announce(target, found, user);
      return { liked: true, likeCount };
    },

    async unlike(target: LikeTarget, documentId: string, user: { id: number }): Promise<LikeAnswer> {
      const found = await findTarget(target, documentId);
      const counters = getService(strapi, 'counters');
      const likeCount = await knex().transaction(async (trx) => {
        // PostgreSQL answers DELETE ... RETURNING with the rows; SQLite's driver with how many it deleted.
        const removed: unknown = await trx(TABLES.likes).where({ user_id: user.id, target_type: target, target_id: found.id }).del().returning('id');
        const count = Array.isArray(removed) ? removed.length : Number(removed);
        return counters.addLikes(trx, target, found.id, count > 0 ? -1 : 0);
      });
      return { liked: false, likeCount };
    },

    /** Which of `ids` (posts or comments) `userId` likes: for the `liked` flag of lists. */
    async likedAmong(userId: number | null, target: LikeTarget, ids: number[]): Promise<Set<number>> {
      if (userId === null || ids.length === 0) return new Set();
      const rows = await knex()(TABLES.likes).where({ user_id: userId, target_type: target }).whereIn('target_id', ids).select('target_id');
      return new Set(rows.map((row: { target_id: number }) => Number(row.target_id)));
    },
  };
};

export type LikesService = ReturnType<typeof likesService>;
export default likesService;
