import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isPostgres } from '../../../../../utils/dialect';
import { TABLES } from '../content-types';

/**
 * The counters readers see (DESIGN invariant 9: a counter equals the count of its rows):
 *
 * | counter | rows it counts |
 * |---|---|
 * | `post.likeCount` | likes with target (post, id) |
 * | `comment.likeCount` | likes with target (comment, id) |
 * | `post.commentCount` | the post's published comments, top-level and replies |
 * | `comment.replyCount` | a top-level comment's published replies (its thread) |
 *
 * Every write that adds or removes such a row changes the counter in the same transaction, by one
 * relative `UPDATE ... SET n = n ± 1` (knex: one statement the database applies atomically under the
 * row's lock, so concurrent writers never lose an update, which a read-modify-write through the Document
 * Service would). `reconcile` recounts everything from the rows and repairs any drift (a restore, a hand
 * edit, a bug); a locked job runs it (config.reconcileCron).
 *
 * Lock order, to keep PostgreSQL free of deadlocks: a like row before its target; a post before its
 * comments; a comment before its thread.
 */
export type LikeTarget = 'post' | 'comment';
export type Db = Knex | Knex.Transaction;

type CounterDefinition = {
  name: 'postLikes' | 'commentLikes' | 'postComments' | 'threadReplies';
  table: string;
  column: string;
  /** The rows counted: table, the column pointing at the counted row, and a filter. */
  rows: { table: string; key: string; where: Record<string, string> };
};

const COUNTERS: readonly CounterDefinition[] = [
  { name: 'postLikes', table: TABLES.posts, column: 'like_count', rows: { table: TABLES.likes, key: 'target_id', where: { target_type: 'post' } } },
  { name: 'commentLikes', table: TABLES.comments, column: 'like_count', rows: { table: TABLES.likes, key: 'target_id', where: { target_type: 'comment' } } },
  { name: 'postComments', table: TABLES.posts, column: 'comment_count', rows: { table: TABLES.comments, key: 'post_id', where: { status: 'published' } } },
  { name: 'threadReplies', table: TABLES.comments, column: 'reply_count', rows: { table: TABLES.comments, key: 'thread_id', where: { status: 'published' } } },
];

export type ReconcileReport = Record<CounterDefinition['name'], number>;

const tableOf = (target: LikeTarget) => (target === 'post' ? TABLES.posts : TABLES.comments);

/** `column = column + delta`, never below zero: drift is repaired by `reconcile`, never turned into a 500 by the CHECK. */
const plus = (db: Db, column: string, delta: number) =>
  delta >= 0 ? db.raw('?? + ?', [column, delta]) : db.raw('CASE WHEN ?? >= ? THEN ?? - ? ELSE 0 END', [column, -delta, column, -delta]);

const countersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  return {
    /** Add `delta` to a post's or comment's like count inside `trx`; the count as this transaction leaves it. */
    async addLikes(trx: Db, target: LikeTarget, id: number, delta: number): Promise<number> {
      if (delta !== 0) await trx(tableOf(target)).where({ id }).update({ like_count: plus(trx, 'like_count', delta) });
      return this.likeCount(trx, target, id);
    },

    async likeCount(db: Db, target: LikeTarget, id: number): Promise<number> {
      const row = await db(tableOf(target)).where({ id }).first('like_count');
      return Number(row?.like_count ?? 0);
    },

    /** A published comment came (+1) or went (-1): the post's comment count and, for a reply, its thread's reply count. */
    async addComments(trx: Db, place: { postId: number; threadId: number | null }, delta: number): Promise<void> {
      if (delta === 0) return;
      await trx(TABLES.posts).where({ id: place.postId }).update({ comment_count: plus(trx, 'comment_count', delta) });
      if (place.threadId !== null) await trx(TABLES.comments).where({ id: place.threadId }).update({ reply_count: plus(trx, 'reply_count', delta) });
    },

    /**
     * Hold a post's row until the transaction ends (PostgreSQL; SQLite runs one writer at a time anyway).
     * NO KEY UPDATE, the lock an UPDATE of the counters takes: it queues behind and before other counter
     * writers, but not behind a comment insert's foreign-key check (KEY SHARE) on the same post.
     */
    async lockPost(trx: Db, postId: number): Promise<void> {
      if (isPostgres(knex())) await trx.raw(`SELECT id FROM ?? WHERE id = ? FOR NO KEY UPDATE`, [TABLES.posts, postId]);
    },

    /**
     * Recount every counter from its rows and repair those that differ; how many were repaired, per counter.
     * Candidates are found in one pass; each is then recounted in its own short transaction that holds the
     * counted row first, so a like or comment committing meanwhile is either in the recount or adds its
     * own ±1 after it, never both and never neither.
     */
    async reconcile(): Promise<ReconcileReport> {
      const report = { postLikes: 0, commentLikes: 0, postComments: 0, threadReplies: 0 } as ReconcileReport;
      for (const counter of COUNTERS) {
        const [filterColumn, filterValue] = Object.entries(counter.rows.where)[0];
        const drifted: Array<{ id: number }> = await knex()
          .select('t.id')
          .from({ t: counter.table })
          .leftJoin(
            knex()(counter.rows.table).where(filterColumn, filterValue).whereNotNull(counter.rows.key).groupBy(counter.rows.key)
              .select({ k: counter.rows.key }).count({ n: '*' }).as('c'),
            'c.k',
            't.id',
          )
          .whereRaw('?? <> COALESCE(??, 0)', [`t.${counter.column}`, 'c.n']);
        for (const { id } of drifted) {
          const repaired = await knex().transaction(async (trx) => {
            if (isPostgres(knex())) await trx.raw('SELECT id FROM ?? WHERE id = ? FOR NO KEY UPDATE', [counter.table, id]);
            const [{ n }] = await trx(counter.rows.table).where(counter.rows.key, id).andWhere(filterColumn, filterValue).count({ n: '*' });
            const changed: unknown = await trx(counter.table).where({ id }).whereNot(counter.column, Number(n)).update({ [counter.column]: Number(n) });
            return Number(changed);
          });
          if (repaired > 0) report[counter.name] += 1;
        }
        if (report[counter.name] > 0) strapi.log.warn(`[community] reconcile repaired ${report[counter.name]} ${counter.name} counter(s)`);
      }
      return report;
    },
  };
};

export type CountersService = ReturnType<typeof countersService>;
export default countersService;
