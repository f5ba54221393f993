import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { calendarDate, gamification } from '../../../../gamification/public';
import { TABLES } from '../content-types';
import { LlmError, type ChatMessage } from '../llm/client';
import { aiCoachConfig, getService } from '../utils/get-service';
import { newRowColumns } from '../utils/rows';

const MOODS: Record<string, string> = { happy: '开心', excited: '兴奋', calm: '平静', tired: '疲惫', sad: '难过', angry: '生气', anxious: '焦虑' };

/** The model's messages for one diary: a warm paragraph for a child, from the diary alone (no name, no id). */
export const commentPromptFor = (diary: { title: string | null; content: string | null; mood: string | null; localDate: string }): ChatMessage[] => [
  {
    role: 'system',
    content:
      '你是一位温暖、耐心的老师，正在读一个孩子写的成长日记。请用简体中文写一段 60 到 120 字的点评：先具体地肯定日记里的一件事，' +
      '再给一句温柔的鼓励或一个小问题。语气亲切，适合孩子阅读；不评判、不说教，不提及任何个人信息。',
  },
  {
    role: 'user',
    content: [`日期：${diary.localDate}`, diary.mood ? `心情：${MOODS[diary.mood] ?? diary.mood}` : '', diary.title ? `标题：${diary.title}` : '', `日记：${(diary.content ?? '').slice(0, 2000)}`]
      .filter(Boolean)
      .join('\n'),
  },
];

export type RunOutcome = { claimed: number; ready: number; retried: number; failed: number; refused: number };

/**
 * Diary comments by the AI coach (seed 002): a published diary gets one job row (unique per diary), written in
 * the publish's own transaction, and its `aiCommentStatus` becomes `pending`; the request never waits for the
 * model. A worker — the locked minute job, and a nudge just after a publish — claims due jobs one by one with a
 * conditional UPDATE (queued, or running with its lease run out), asks the model, passes the answer through
 * WeChat's msgSecCheck (risky: no comment, `refused`) and writes only the diary's comment fields. A provider
 * failure puts the job back with a growing delay (`retryBaseSeconds` × 2^(attempt-1), at most an hour), and
 * after `maxAttempts` the diary's status is `failed`. The diary itself is never touched nor lost. Editing a
 * published diary keeps its first comment (one job per diary).
 */
const diaryCommentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const now = () => gamification(strapi, 'clock').now();

  const service = {
    /** Queues the comment job of a published diary; a second call for the same diary changes nothing. */
    async enqueue(diaryId: number, at: Date, trx?: Knex.Transaction): Promise<void> {
      const db = trx ?? knex();
      await db(TABLES.commentJobs).insert({ ...newRowColumns(at), diary_key: diaryId, status: 'queued', attempts: 0, run_at: at }).onConflict('diary_key').ignore();
      await db('diaries').where({ id: diaryId }).whereNull('ai_comment_status').update({ ai_comment_status: 'pending' });
      const { nudgeMs } = aiCoachConfig(strapi).diaryComments;
      // After the publish has committed; a nudge that finds nothing leaves the job to the minute job.
      if (nudgeMs > 0) setTimeout(() => void service.runDue(5).catch(() => undefined), nudgeMs).unref();
    },

    /** Claims one job if it is still due and free: the claim is the UPDATE that succeeds. */
    async claim(jobId: number, at: Date): Promise<boolean> {
      const leaseUntil = new Date(at.getTime() + aiCoachConfig(strapi).diaryComments.leaseSeconds * 1000);
      const claimed = await knex()(TABLES.commentJobs)
        .where({ id: jobId })
        .andWhere('run_at', '<=', at)
        .andWhere((q) => q.where({ status: 'queued' }).orWhere((r) => r.where({ status: 'running' }).andWhere('lease_until', '<', at)))
        .update({ status: 'running', lease_until: leaseUntil, attempts: knex().raw('attempts + 1'), updated_at: at });
      return Number(claimed) === 1;
    },

    /** Runs up to `limit` due jobs, one at a time. */
    async runDue(limit = 20): Promise<RunOutcome> {
      const outcome: RunOutcome = { claimed: 0, ready: 0, retried: 0, failed: 0, refused: 0 };
      const at = now();
      const due = await knex()(TABLES.commentJobs)
        .where('run_at', '<=', at)
        .andWhere((q) => q.where({ status: 'queued' }).orWhere((r) => r.where({ status: 'running' }).andWhere('lease_until', '<', at)))
        .orderBy('run_at', 'asc')
        .limit(limit)
        .select('id');
      for (const { id } of due) {
        if (!(await service.claim(Number(id), at))) continue;
        outcome.claimed += 1;
        const result = await service.work(Number(id));
        outcome[result] += 1;
      }
      return outcome;
    },

    /** One claimed job, to its end. */
    async work(jobId: number): Promise<'ready' | 'retried' | 'failed' | 'refused'> {
      const config = aiCoachConfig(strapi).diaryComments;
      const job = await knex()(TABLES.commentJobs).where({ id: jobId }).first('diary_key', 'attempts');
      const diary = await knex()('diaries').where({ id: job.diary_key }).first('id', 'user_id', 'title', 'content', 'mood', 'local_date', 'is_draft');
      const finish = async (status: 'done' | 'failed' | 'refused', lastError: string | null = null) =>
        knex()(TABLES.commentJobs).where({ id: jobId }).update({ status, lease_until: null, last_error: lastError, updated_at: now() });
      if (!diary) {
        await finish('done', 'the diary is gone');
        return 'ready';
      }
      try {
        const answer = await getService(strapi, 'llm').client().complete({
          messages: commentPromptFor({ title: diary.title, content: diary.content, mood: diary.mood, localDate: calendarDate(diary.local_date) }),
          maxTokens: 300,
          timeoutMs: config.timeoutMs,
        });
        const comment = answer.text.trim();
        if (comment === '') throw new LlmError('unavailable', 'the model answered nothing');
        if (await getService(strapi, 'textCheck').isRisky(diary.user_id, comment)) {
          await knex()('diaries').where({ id: diary.id }).update({ ai_comment_status: 'refused', ai_comment_at: now() });
          await finish('refused');
          return 'refused';
        }
        await knex()('diaries').where({ id: diary.id }).update({ ai_comment: comment, ai_comment_status: 'ready', ai_comment_at: now() });
        await finish('done');
        return 'ready';
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const attempts = Number(job.attempts);
        if (attempts >= config.maxAttempts) {
          await knex()('diaries').where({ id: diary.id }).update({ ai_comment_status: 'failed' });
          await finish('failed', message);
          strapi.log.warn(`[ai-coach] a diary comment gave up after ${attempts} attempts: ${message}`);
          return 'failed';
        }
        const delaySeconds = Math.min(3600, config.retryBaseSeconds * 2 ** (attempts - 1));
        await knex()(TABLES.commentJobs)
          .where({ id: jobId })
          .update({ status: 'queued', lease_until: null, run_at: new Date(now().getTime() + delaySeconds * 1000), last_error: message, updated_at: now() });
        return 'retried';
      }
    },
  };
  return service;
};

export type DiaryCommentsService = ReturnType<typeof diaryCommentsService>;
export default diaryCommentsService;
