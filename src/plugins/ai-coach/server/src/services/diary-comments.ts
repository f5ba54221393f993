import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { TABLES } from '../content-types';
import { newRowColumns } from '../utils/rows';

/**
 * Diary comments by the AI coach (issue 16 item 5), the durable queue only (work in progress): a published
 * diary gets one job row (unique per diary, `diary_key`) and the diary's aiCommentStatus `pending`, written in
 * the publish's transaction when one is given. The worker that claims jobs, asks the model and stores the comment is not built yet.
 */
const diaryCommentsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Queues the comment job of a published diary; a second call for the same diary changes nothing. */
  async enqueue(diaryId: number, now: Date, trx?: Knex.Transaction): Promise<void> {
    const db = trx ?? strapi.db.connection;
    await db(TABLES.commentJobs)
      .insert({ ...newRowColumns(now), diary_key: diaryId, status: 'queued', attempts: 0, run_at: now })
      .onConflict('diary_key')
      .ignore();
    await db('diaries').where({ id: diaryId }).whereNull('ai_comment_status').update({ ai_comment_status: 'pending' });
  },
});

export default diaryCommentsService;
