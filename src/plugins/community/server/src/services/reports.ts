import type { Core } from '@strapi/strapi';
import { NotFoundError } from '../../../../../utils/errors';
import { isUniqueViolation } from '../../../../../utils/db-errors';
import { UIDS } from '../content-types';
import { countingReporters } from '../domain/reports';
import { communityConfig, getService } from '../utils/get-service';
import type { CreateReportInput } from '../validation/requests';

/**
 * Users' reports (举报) of posts and comments. One report per user per item (the unique key
 * community_reports_user_target_uq: reporting again changes nothing). Reports are counted by the rule
 * of domain/reports.ts (distinct reporters with accounts old enough, never the author); at the threshold
 * the item is hidden pending review, with a decision by `reports` in the audit trail.
 */
type Row = Record<string, unknown>;

const reportsService = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The item as a reader may see it: a published post, or a published comment on a published post. */
  const visibleTarget = async (type: 'post' | 'comment', documentId: string): Promise<{ id: number; authorId: number | null } | null> => {
    if (type === 'post') {
      const post = (await strapi.db.query(UIDS.post).findOne({ where: { documentId, status: 'published' }, select: ['id'], populate: { user: { select: ['id'] } } })) as Row | null;
      return post ? { id: Number(post.id), authorId: ((post.user as Row | null)?.id as number | undefined) ?? null } : null;
    }
    const comment = (await strapi.db.query(UIDS.comment).findOne({
      where: { documentId, status: 'published', post: { status: 'published' } },
      select: ['id'],
      populate: { user: { select: ['id'] } },
    })) as Row | null;
    return comment ? { id: Number(comment.id), authorId: ((comment.user as Row | null)?.id as number | undefined) ?? null } : null;
  };

  return {
    /** Report an item; returns whether this call stored a new report (false: already reported, nothing changed). */
    async create(userId: number, input: CreateReportInput, now = new Date()): Promise<{ created: boolean; hidden: boolean }> {
      await getService(strapi, 'gate').assertNotMuted(userId);
      const target = await visibleTarget(input.targetType, input.targetDocumentId);
      if (!target) throw new NotFoundError(input.targetType === 'post' ? 'Post not found' : 'Comment not found');
      const key = { user: { id: userId }, targetType: input.targetType, targetId: target.id };
      if (await strapi.db.query(UIDS.report).findOne({ where: key, select: ['id'] })) return { created: false, hidden: false };
      await getService(strapi, 'limits').consume('report', userId);
      try {
        await strapi.db.query(UIDS.report).create({
          data: { user: userId, targetType: input.targetType, targetId: target.id, reason: input.reason, note: input.note ?? null, counted: false, resolved: false },
        });
      } catch (error) {
        // The same user reporting twice at once: the unique key lets one in.
        if (isUniqueViolation(error)) return { created: false, hidden: false };
        throw error;
      }

      const rule = communityConfig(strapi).reports;
      const what = input.targetType === 'post' ? '帖子' : '评论';
      const hidden = await getService(strapi, 'moderation').hideAutomatically(
        input.targetType,
        target.id,
        {
          hiddenReason: 'reports',
          source: 'reports',
          note: `${rule.threshold} reports from established accounts`,
          message: `你的${what}因被多人举报已被隐藏，等待管理员审核`,
        },
        // Recounted under the item's row lock, so concurrent reports cannot both miss (or both pass) the threshold.
        async (_trx, item) => {
          const open = (await strapi.db.query(UIDS.report).findMany({
            where: { targetType: input.targetType, targetId: target.id, resolved: false },
            select: ['id'],
            populate: { user: { select: ['id', 'createdAt'] } },
          })) as Row[];
          const authorId = ((item.user as Row | null)?.id as number | undefined) ?? -1;
          const counting = countingReporters(
            open.filter((report) => report.user).map((report) => ({ reporterId: Number((report.user as Row).id), reporterCreatedAt: new Date((report.user as Row).createdAt as string) })),
            authorId,
            now,
            rule,
          );
          const countedIds = open.filter((report) => report.user && counting.has(Number((report.user as Row).id))).map((report) => Number(report.id));
          if (countedIds.length > 0) await strapi.db.query(UIDS.report).updateMany({ where: { id: { $in: countedIds }, counted: false }, data: { counted: true } });
          await strapi.db.query(input.targetType === 'post' ? UIDS.post : UIDS.comment).update({ where: { id: target.id }, data: { reportCount: open.length } });
          return counting.size >= rule.threshold;
        },
      );
      return { created: true, hidden };
    },
  };
};

export type ReportsService = ReturnType<typeof reportsService>;
export default reportsService;
