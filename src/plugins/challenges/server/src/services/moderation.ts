import type { Core } from '@strapi/strapi';
import { community, type Moderator } from '../../../../community/public';
import { conflictError, NotFoundError } from '../../../../../utils/errors';
import { TABLES } from '../content-types';
import { fieldsOf, type ChallengeRow } from './challenges';
import { rulesText } from '../domain/rules-text';
import type { ChallengeDecision } from '../validation/moderation';

/**
 * User-made challenges WeChat's text check sent to a person (review `pending`): the moderators' list and
 * their decision. Approve publishes it (joinable by its invite code); reject keeps it from everyone but its
 * creator. Each decision goes into the community's moderation audit trail (target `challenge`) and the
 * creator is told in their notifications. A pending challenge takes no joins, so a rejection owes nobody
 * points.
 */
export type PendingChallenge = {
  documentId: string;
  title: string;
  description: string | null;
  startDate: string;
  endDate: string;
  rules: string;
  entryCost: number;
  creator: { id: number; nickname: string | null } | null;
  createdAt: string;
};

const moderationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  return {
    /** Pending user-made challenges, oldest first (the longest waiting on top), and how many wait in all. */
    async pending(limit: number): Promise<{ items: PendingChallenge[]; total: number }> {
      const base = () => knex()(`${TABLES.challenges} as c`).where({ 'c.review': 'pending', 'c.is_official': false });
      const [rows, counted] = await Promise.all([
        base()
          .leftJoin('up_users as u', 'u.id', 'c.creator_id')
          .orderBy('c.created_at', 'asc')
          .orderBy('c.id', 'asc')
          .limit(limit)
          .select('c.*', 'u.nickname as creator_nickname') as Promise<Array<Record<string, unknown>>>,
        base().count({ n: '*' }),
      ]);
      return {
        total: Number((counted[0] as { n: unknown }).n),
        items: rows.map((row) => {
          const fields = fieldsOf(row as unknown as ChallengeRow);
          return {
            documentId: String(row.document_id),
            title: String(row.title),
            description: (row.description as string | null) ?? null,
            startDate: fields.startDate,
            endDate: fields.endDate,
            rules: rulesText(fields),
            entryCost: Number(row.entry_cost ?? 0),
            creator: row.creator_id ? { id: Number(row.creator_id), nickname: (row.creator_nickname as string | null) ?? null } : null,
            createdAt: new Date(row.created_at as string | number).toISOString(),
          };
        }),
      };
    },

    /** Approve or reject a pending challenge (409 when it is not pending: decided already, or never was). */
    async decide(documentId: string, input: ChallengeDecision, moderator: Moderator) {
      const to = input.action === 'approve' ? 'published' : 'rejected';
      const decided = await strapi.db.transaction(async ({ trx }) => {
        const row = (await trx(TABLES.challenges).where({ document_id: documentId, is_official: false }).forUpdate().first('id', 'title', 'review', 'creator_id')) as
          | { id: number; title: string; review: string; creator_id: number | null }
          | undefined;
        if (!row) throw new NotFoundError('No such user-made challenge', { reason: 'challenge_not_found' });
        if (row.review !== 'pending') throw conflictError(`This challenge is not waiting for a decision (it is ${row.review})`, { reason: 'not_pending', review: row.review });
        await trx(TABLES.challenges).where({ id: row.id }).update({ review: to, updated_at: new Date() });
        await community(strapi, 'decisions').record({
          source: 'moderator',
          moderator,
          targetType: 'challenge',
          targetId: Number(row.id),
          action: input.action,
          fromStatus: 'pending',
          toStatus: to,
          note: input.note ?? null,
        });
        return row;
      });
      if (decided.creator_id) {
        await community(strapi, 'notifications').notify(Number(decided.creator_id), {
          kind: input.action === 'approve' ? 'approved' : 'rejected',
          text: input.action === 'approve' ? `你的挑战「${decided.title}」已通过审核，可以邀请好友加入了` : `你的挑战「${decided.title}」未通过审核：${input.note}`,
          targetType: 'challenge',
          targetDocumentId: documentId,
        });
      }
      strapi.log.info(`[challenges] ${moderator.name} (admin ${moderator.id}) ${input.action === 'approve' ? 'approved' : 'rejected'} challenge ${documentId}`);
      return { documentId, review: to };
    },
  };
};

export type ModerationService = ReturnType<typeof moderationService>;
export default moderationService;
