import type { Core } from '@strapi/strapi';
import { NotFoundError, ValidationError } from '../../../../../utils/errors';
import { TABLES, UIDS } from '../content-types';

/**
 * Following another user (the following feed shows their non-anonymous posts). Both directions are
 * idempotent; one row per pair is kept by the unique key community_follows_pair_uq, so two concurrent
 * follows of the same person leave one row and both answer `following: true`.
 */
const isUniqueViolation = (error: unknown) => {
  const text = `${(error as { code?: unknown })?.code ?? ''} ${error instanceof Error ? error.message : String(error)}`;
  return /23505|SQLITE_CONSTRAINT|UNIQUE constraint failed|duplicate key/i.test(text);
};

const followsService = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The user `documentId` can be followed: exists, not deleted, not blocked. 404 otherwise. */
  const followee = async (documentId: string): Promise<number> => {
    const row = (await strapi.db.connection(TABLES.users).where({ document_id: documentId }).first('id', 'blocked', 'deleted_at')) as
      | { id: number; blocked: boolean | number | null; deleted_at: unknown }
      | undefined;
    if (!row || Boolean(row.blocked) || (row.deleted_at !== null && row.deleted_at !== undefined)) throw new NotFoundError('No such user');
    return Number(row.id);
  };

  return {
    async follow(userId: number, documentId: string): Promise<{ following: true }> {
      const target = await followee(documentId);
      if (target === userId) throw new ValidationError('You cannot follow yourself', { reason: 'self_follow' });
      const follows = strapi.db.query(UIDS.follow);
      if (await follows.findOne({ where: { user: { id: userId }, followee: { id: target } }, select: ['id'] })) return { following: true };
      try {
        await follows.create({ data: { user: userId, followee: target } });
      } catch (error) {
        // The same follow, concurrently: the unique key kept one row, which is what was asked for.
        if (!isUniqueViolation(error)) throw error;
      }
      return { following: true };
    },

    async unfollow(userId: number, documentId: string): Promise<{ following: false }> {
      const target = await followee(documentId);
      await strapi.db.query(UIDS.follow).deleteMany({ where: { user: { id: userId }, followee: { id: target } } });
      return { following: false };
    },
  };
};

export type FollowsService = ReturnType<typeof followsService>;
export default followsService;
