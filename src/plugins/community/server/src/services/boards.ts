import type { Core } from '@strapi/strapi';
import { effectiveTier, satisfies } from '../../../../gamification/public';
import { UIDS } from '../content-types';
import { forbiddenError, NotFoundError } from '../../../../../utils/errors';

/** A board as the services work with it. */
export type Board = {
  id: number;
  documentId: string;
  slug: string;
  name: string;
  description: string | null;
  icon: string | null;
  kind: 'forum' | 'habitFeed';
  postPermission: 'everyone' | 'vip' | 'editors';
  active: boolean;
  sortOrder: number;
};

/** The membership fields of the caller users-permissions authenticated. */
export type Caller = { id: number; membershipTier?: unknown; membershipExpiresAt?: string | Date | null };

export type PostRefusal = 'board_inactive' | 'membership_required' | 'editors_only';

/** Whether `caller` may post on `board`: the refusal, or null. Editors-only boards take posts from the admin only. */
export const postRefusal = (board: Board, caller: Caller | null, now = new Date()): PostRefusal | null => {
  if (!board.active) return 'board_inactive';
  if (board.postPermission === 'editors') return 'editors_only';
  if (board.postPermission === 'vip') {
    const tier = caller ? effectiveTier({ tier: caller.membershipTier, expiresAt: caller.membershipExpiresAt }, now) : 'free';
    if (!satisfies(tier, 'vip')) return 'membership_required';
  }
  return null;
};

const boardsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const toBoard = (row: Record<string, unknown>): Board => ({
    id: row.id as number,
    documentId: row.documentId as string,
    slug: row.slug as string,
    name: row.name as string,
    description: (row.description as string | null) ?? null,
    icon: ((row.icon as { url?: string } | null)?.url as string | undefined) ?? null,
    kind: row.kind as Board['kind'],
    postPermission: row.postPermission as Board['postPermission'],
    active: Boolean(row.active),
    sortOrder: Number(row.sortOrder ?? 0),
  });

  return {
    /** The active boards in the editors' order, each with whether `caller` may post on it. */
    async listFor(caller: Caller | null) {
      const rows = await strapi.db.query(UIDS.board).findMany({
        where: { active: true },
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
        populate: { icon: { select: ['url'] } },
      });
      return rows.map((row: Record<string, unknown>) => {
        const board = toBoard(row);
        const { id: _id, active: _active, sortOrder: _sortOrder, ...shown } = board;
        return { ...shown, canPost: caller !== null && postRefusal(board, caller) === null };
      });
    },

    /** The active board `slug`, or 404. */
    async bySlug(slug: string): Promise<Board> {
      const row = await strapi.db.query(UIDS.board).findOne({ where: { slug, active: true }, populate: { icon: { select: ['url'] } } });
      if (!row) throw new NotFoundError('No such board');
      return toBoard(row);
    },

    /** The board `slug` if `caller` may post on it; else 403 with the reason (404 for no such board). */
    async forPosting(slug: string, caller: Caller): Promise<Board> {
      const row = await strapi.db.query(UIDS.board).findOne({ where: { slug }, populate: { icon: { select: ['url'] } } });
      if (!row) throw new NotFoundError('No such board');
      const board = toBoard(row);
      const refusal = postRefusal(board, caller);
      if (refusal) {
        const message = { board_inactive: '该版块已关闭', membership_required: '该版块仅限会员发帖', editors_only: '该版块仅限官方发布' }[refusal];
        throw forbiddenError(message, { reason: refusal });
      }
      return board;
    },
  };
};

export type BoardsService = ReturnType<typeof boardsService>;
export default boardsService;
