import type { Core } from '@strapi/strapi';
import { ValidationError } from '../../../../utils/errors';
import { TABLES, UIDS } from './content-types';
import { mappingProblems } from './domain/fields';
import { getService } from './utils/get-service';
import { CHECK_IN_CHANGED_EVENT, type CheckInChanged } from '../../../gamification/public';

const TEMPLATE_UID = UIDS.template;
const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

type Event = { action: string; params?: { where?: unknown; data?: Record<string, unknown> }; result?: unknown; state: Record<string, unknown> };

const HABIT_UID = 'api::habit.habit';
const USER_UID = 'plugin::users-permissions.user';
/** Habit fields the slots are derived from. */
const SLOT_FIELDS = ['reminderEnabled', 'reminderTimes', 'archived', 'user'];

/** Emitted by the mall after an order moved to shipped (its transaction committed). */
export const ORDER_SHIPPED_EVENT = 'mall.order.shipped';
export type OrderShipped = { userId: number; orderNo: string; title: string; carrier: string; trackingNumber: string };
/** Emitted by the community after a moderator's decision on an author's post (approved, rejected, hidden). */
export const POST_REVIEWED_EVENT = 'community.post.reviewed';
export type PostReviewed = { userId: number; postDocumentId: string; result: 'approved' | 'rejected' | 'hidden'; text: string };

const STREAK_UNITS: Record<NonNullable<CheckInChanged['streak']>['unit'], string> = { days: '天', weeks: '周', periods: '个周期' };

const RESULT_LABELS: Record<PostReviewed['result'], string> = { approved: '已通过', rejected: '未通过', hidden: '已隐藏' };

/**
 * What keeps the slot index in step and what sends at once:
 * - habits written through Strapi's query engine (the API, the admin, a challenge join): the habit's slots are
 *   derived again in the write's own transaction;
 * - a user's timezone changed: their slots move with it;
 * - an order shipped, a post reviewed: one message each (the send log's key makes a repeated event a no-op);
 * - a check-in that reached a streak milestone (one that earned a streak bonus): 里程碑达成, once.
 */
export const watchSources = (strapi: Core.Strapi) => {
  const slots = () => getService(strapi, 'slots');
  const idsOf = (result: unknown): number[] => {
    const list = Array.isArray(result) ? result : [result];
    return list.map((row) => Number((row as { id?: unknown } | null)?.id)).filter((id) => Number.isInteger(id) && id > 0);
  };
  const idsWhere = async (uid: string, where: unknown): Promise<number[]> =>
    ((await strapi.db.query(uid as never).findMany({ where: (where ?? {}) as Record<string, unknown>, select: ['id'] })) as Array<{ id: number }>).map((row) => row.id);
  /** On the write's transaction (SQLite has one connection: a statement outside it would wait forever). */
  const inWrite = (work: (trx: import('knex').Knex.Transaction) => Promise<void>) =>
    strapi.db.transaction(({ trx }) => work(trx as unknown as import('knex').Knex.Transaction));

  const touches = (event: Event) => !event.params?.data || SLOT_FIELDS.some((field) => field in (event.params?.data ?? {}));
  const before = async (event: Event) => {
    event.state.habitIds = await idsWhere(HABIT_UID, event.params?.where);
  };
  const after = async (event: Event) => {
    if (event.action.startsWith('afterUpdate') && !touches(event)) return;
    const ids = [...((event.state.habitIds as number[] | undefined) ?? []), ...idsOf(event.result)];
    if (event.action === 'afterCreateMany') ids.push(...(((event.result as { ids?: number[] } | undefined)?.ids ?? []).map(Number)));
    await inWrite((trx) => slots().syncHabits(ids, trx));
  };
  strapi.db.lifecycles.subscribe({
    models: [HABIT_UID],
    beforeUpdateMany: before,
    beforeDelete: before,
    beforeDeleteMany: before,
    afterCreate: after,
    afterCreateMany: after,
    afterUpdate: after,
    afterUpdateMany: after,
    afterDelete: after,
    afterDeleteMany: after,
  } as never);

  // An editor's field mapping is checked where every write passes (the admin shows the message).
  const checkTemplate = async (event: Event) => {
    const fields = event.params?.data?.fields;
    if (fields === undefined) return;
    const problems = mappingProblems(typeof fields === 'string' ? safeJson(fields) : fields);
    if (problems.length > 0) throw new ValidationError(`fields: ${problems.join('; ')}`, { field: 'fields', problems });
  };
  strapi.db.lifecycles.subscribe({ models: [TEMPLATE_UID], beforeCreate: checkTemplate, beforeUpdate: checkTemplate } as never);

  const userAfter = async (event: Event) => {
    const timezone = event.params?.data?.timezone;
    if (timezone === undefined) return;
    const ids = idsOf(event.result);
    for (const id of ids) await inWrite((trx) => slots().syncUserTimezone(id, timezone, trx));
  };
  strapi.db.lifecycles.subscribe({ models: [USER_UID], afterUpdate: userAfter } as never);

  const notify = () => getService(strapi, 'notify');
  const quietly = async (what: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      strapi.log.error(`[reminders] ${what}: ${(error as Error).message}`);
    }
  };
  strapi.eventHub.on(ORDER_SHIPPED_EVENT, (payload: unknown) => {
    const order = payload as OrderShipped;
    return quietly('order shipped', () =>
      notify().send('orderShipped', order.userId, {
        reason: `order:${order.orderNo}`, slot: 'shipped',
        values: { orderNo: order.orderNo, title: order.title, carrier: order.carrier, trackingNumber: order.trackingNumber },
      }),
    );
  });
  strapi.eventHub.on(CHECK_IN_CHANGED_EVENT, (payload: unknown) => {
    const change = payload as CheckInChanged;
    if (change.kind !== 'check-in' || !change.streak?.milestone) return Promise.resolve();
    const { current, unit } = change.streak;
    return quietly('streak milestone', async () => {
      const habit = await strapi.db.connection(TABLES.habits).where({ id: change.habitId }).first('title', 'document_id');
      if (!habit) return;
      const milestone = `「${habit.title}」连续打卡 ${current} ${STREAK_UNITS[unit]}`;
      await notify().send('milestoneReached', change.userId, {
        reason: `habit:${change.habitId}`, slot: `streak-${current}`, settings: 'defer',
        values: { milestone, habit: habit.title, streak: current, habitDocumentId: habit.document_id },
      });
    });
  });
  strapi.eventHub.on(POST_REVIEWED_EVENT, (payload: unknown) => {
    const review = payload as PostReviewed;
    return quietly('post reviewed', () =>
      notify().send('postReviewed', review.userId, {
        reason: `post:${review.postDocumentId}`, slot: review.result,
        values: { result: RESULT_LABELS[review.result] ?? review.result, text: review.text, postDocumentId: review.postDocumentId },
      }),
    );
  });
};
