import { aiCoach } from '../../../plugins/ai-coach/public';
import { diaryListQuerySchema, gamification } from '../../../plugins/gamification/public';
import { lastDayOfMonth } from '../../../utils/calendar';
import { ValidationError } from '../../../utils/errors';
import { scopedController } from '../../../utils/scoped-controller';
import { parseOrThrow } from '../../../utils/validation';

/**
 * Diaries (seed 002): one per user per local date (409 on a second: edit it instead), drafts allowed.
 * The first diary a user publishes on a local day earns points (gamification diaries service), in the
 * same transaction as the write.
 */
export default scopedController('api::diary.diary', {
  label: 'Diary',
  readOnlyFields: ['aiComment', 'aiCommentStatus', 'aiCommentAt', 'pointsAwarded'],
  createOnlyFields: ['localDate'],
  conflictMessage: 'You already have a diary for this date; edit it instead',
  // The diary that holds the date, so the client can open it for editing.
  conflictDetails: async (data, { user, strapi }) => {
    const existing = await strapi.documents('api::diary.diary').findFirst({
      filters: { user: { id: user.id }, localDate: data.localDate } as never,
      fields: ['localDate', 'isDraft'],
    });
    return {
      reason: 'diary_exists',
      diary: existing ? { id: existing.id, documentId: existing.documentId, localDate: existing.localDate, isDraft: existing.isDraft } : null,
    };
  },
  onCreate: (data, { user, strapi }) => {
    const today = gamification(strapi, 'clock').localDay(user);
    const localDate = typeof data.localDate === 'string' ? data.localDate : today;
    // YYYY-MM-DD strings compare in calendar order.
    if (localDate > today) throw new ValidationError('A diary cannot be written for a future date', { field: 'localDate' });
    return { ...data, localDate };
  },
  afterWrite: async (entity, { user, strapi, trx, existing }) => {
    const published = entity.isDraft === false && (existing === null || existing.isDraft === true);
    if (!published) return undefined;
    const points = await gamification(strapi, 'diaries').awardFirstOfDay(trx, user, { id: Number(entity.id), documentId: String(entity.documentId) });
    // The AI coach's comment is queued with the publish (issue 16 item 5); the model is never awaited here.
    await aiCoach(strapi, 'diary-comments').enqueue(Number(entity.id), gamification(strapi, 'clock').now(), trx);
    return { aiCommentStatus: 'pending', ...(points > 0 ? { pointsAwarded: points } : {}) };
  },
  // GET /api/diaries?month=YYYY-MM&page=&pageSize=: newest date first, 10 a page, in Strapi's list format.
  listQuery: (query) => {
    const { month, page, pageSize, ...strapiQuery } = parseOrThrow(diaryListQuerySchema, query, 'query');
    const filters = strapiQuery.filters as Record<string, unknown> | undefined;
    const inMonth = month ? { localDate: { $gte: `${month}-01`, $lte: lastDayOfMonth(month) } } : undefined;
    const pagination = strapiQuery.pagination as Record<string, unknown> | undefined;
    return {
      ...strapiQuery,
      ...(inMonth ? { filters: filters ? { $and: [filters, inMonth] } : inMonth } : {}),
      sort: strapiQuery.sort ?? ['localDate:desc', 'id:desc'],
      pagination: pagination ?? { page: page ?? 1, pageSize: pageSize ?? 10 },
    };
  },
});
