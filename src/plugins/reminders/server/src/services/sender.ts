import type { Core } from '@strapi/strapi';
import { gamification } from '../../../../gamification/public';
import { NO_ANSWER, wechat } from '../../../../wechat/public';
import { fill, renderData } from '../domain/fields';
import { TABLES, type SendStatus } from '../content-types';
import { getService, remindersConfig } from '../utils/get-service';
import { jsonValue, truthy } from '../utils/rows';

export type SendResult = 'sent' | 'retried' | 'failed' | 'refused' | 'noCredit' | 'interrupted' | 'skipped';
export type DrainOutcome = Record<Exclude<SendResult, 'skipped'>, number>;

/** WeChat errcodes and what a send does about them. */
const BUSY = new Set([-1, 45009]); // system busy; the daily send quota: try again later
const REFUSED = 43101; // the user has no consent left for the template
const BAD_DATA = 47003; // a value WeChat refuses: the data is already cut to its limits, so never blindly again

type WeChatLikeError = { name?: string; errcode?: number; errmsg?: string; reason?: string; endpoint?: string; message?: string };

/**
 * Sends what the send log holds. A row is claimed with a conditional UPDATE (queued or retry -> sending),
 * so two workers never send one row; a credit is spent once per row (creditSpent) before the first attempt.
 * What WeChat answers decides the row's end:
 * - ok -> sent (msgid);
 * - -1 / 45009 or no connection -> retry after retryBase x 2^(n-1) s, failed after maxAttempts (credit given back);
 * - 43101 -> refused, and the user's credits for the template zeroed;
 * - 47003 (a value too long or malformed) -> failed, never retried as it was; 40003 (openid), 40037 (template) -> failed;
 * - no answer in time (the request may have reached WeChat) -> interrupted, never resent: at most once.
 * A row left `sending` by an instance that died mid-send is swept to interrupted, never resent.
 */
const senderService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const now = () => gamification(strapi, 'clock').now();

  const finish = async (id: number, status: SendStatus, fields: Record<string, unknown> = {}) =>
    knex()(TABLES.sends).where({ id }).update({ state: status, updated_at: now(), ...fields });

  const service = {
    /** Rows `sending` for longer than staleSendingSeconds: their instance stopped mid-send. Marked, not resent. */
    async sweep(at: Date = now()): Promise<number> {
      const before = new Date(at.getTime() - remindersConfig(strapi).staleSendingSeconds * 1000);
      const swept = await knex()(TABLES.sends)
        .where({ state: 'sending' })
        .andWhere('claimed_at', '<', before)
        .update({ state: 'interrupted', error: 'the instance stopped during the send; not sent again (at most once)', updated_at: at });
      return Number(swept);
    },

    /**
     * Keeps the send log bounded: a million users without consent write a `noCredit` row per reminder time a day.
     * Unsent rows go after unsentRetentionDays, the rest after logRetentionDays (by when they were due; older
     * minutes are never looked at again, so their keys are not needed).
     */
    async prune(at: Date = now()): Promise<number> {
      const { unsentRetentionDays, logRetentionDays } = remindersConfig(strapi);
      const day = 86_400_000;
      const unsent = await knex()(TABLES.sends).whereIn('state', ['noCredit', 'quiet']).andWhere('due_at', '<', new Date(at.getTime() - unsentRetentionDays * day)).del();
      const old = await knex()(TABLES.sends).whereNotIn('state', ['queued', 'sending', 'retry']).andWhere('due_at', '<', new Date(at.getTime() - logRetentionDays * day)).del();
      return Number(unsent) + Number(old);
    },

    /** Sends due rows until none is left or `deadline` (epoch ms) passes. */
    async drain(deadline: number): Promise<DrainOutcome> {
      const outcome: DrainOutcome = { sent: 0, retried: 0, failed: 0, refused: 0, noCredit: 0, interrupted: 0 };
      const { sendConcurrency } = remindersConfig(strapi);
      const tried = new Set<number>();
      while (Date.now() < deadline) {
        const ids = (await knex()(TABLES.sends)
          .whereIn('state', ['queued', 'retry'])
          .andWhere('next_attempt_at', '<=', now())
          .whereNotIn('id', [...tried].slice(-1000))
          .orderBy([{ column: 'next_attempt_at', order: 'asc' }, { column: 'id', order: 'asc' }])
          .limit(200)
          .pluck('id')) as number[];
        if (ids.length === 0) break;
        let next = 0;
        const worker = async () => {
          while (next < ids.length && Date.now() < deadline) {
            const id = Number(ids[next++]);
            tried.add(id);
            const result = await service.sendOne(id);
            if (result !== 'skipped') outcome[result] += 1;
          }
        };
        await Promise.all(Array.from({ length: Math.min(sendConcurrency, ids.length) }, worker));
      }
      return outcome;
    },

    /** Claims one row and sends it, to its end for this attempt. */
    async sendOne(id: number): Promise<SendResult> {
      const at = now();
      const claimed = await knex()(TABLES.sends)
        .where({ id })
        .whereIn('state', ['queued', 'retry'])
        .update({ state: 'sending', claimed_at: at, attempts: knex().raw('attempts + 1'), updated_at: at });
      if (Number(claimed) !== 1) return 'skipped';
      const row = await knex()(TABLES.sends).where({ id }).first('user_id', 'template_id', 'attempts', 'credit_spent', 'values', 'page', 'test');
      const template = await getService(strapi, 'templates').byId(Number(row.template_id));
      if (!template || !template.active) {
        await finish(id, 'failed', { error: 'the template is gone or inactive' });
        return 'failed';
      }
      const userId = Number(row.user_id);
      const user = await knex()(TABLES.users).where({ id: userId }).first('openid');
      if (!user?.openid) {
        await finish(id, 'failed', { error: 'the user has no WeChat openid' });
        return 'failed';
      }
      const subscriptions = getService(strapi, 'subscriptions');
      let creditSpent = truthy(row.credit_spent);
      if (!creditSpent) {
        creditSpent = await subscriptions.spend(userId, template.id, template.longTerm);
        // An editor's test message goes out without a counted credit: WeChat itself says whether consent is left.
        if (!creditSpent && !truthy(row.test)) {
          await finish(id, 'noCredit', { error: 'no consent credit left when it was sent' });
          return 'noCredit';
        }
        if (creditSpent) await knex()(TABLES.sends).where({ id }).update({ credit_spent: true });
      }
      const giveBack = () => (creditSpent ? subscriptions.refund(userId, template.id, template.longTerm) : Promise.resolve());
      const values = jsonValue<Record<string, string | number>>(row.values, {});
      const { data, truncated } = renderData(template.fields, values);
      // The page as the template has it now (an event's row carries its own).
      const page = row.page ? String(row.page) : template.page ? fill(template.page, values) : null;
      const config = remindersConfig(strapi);
      try {
        const { msgid } = await wechat(strapi, 'wechatApi').sendSubscribeMessage({
          touser: user.openid,
          template_id: template.templateId,
          ...(page ? { page } : {}),
          data,
          miniprogram_state: config.miniprogramState,
          lang: config.lang,
        });
        await finish(id, 'sent', { sent_at: now(), msgid, page, data: JSON.stringify(data), errcode: null, error: truncated.length ? `cut to WeChat's limits: ${truncated.join(', ')}` : null });
        return 'sent';
      } catch (raw) {
        const error = raw as WeChatLikeError;
        const attempts = Number(row.attempts);
        const stored = { data: JSON.stringify(data) };
        if (error?.name === 'WeChatApiError' && typeof error.errcode === 'number') {
          const errcode = error.errcode;
          const message = String(error.errmsg ?? '').slice(0, 200);
          if (BUSY.has(errcode)) return service.retryOrFail(id, attempts, giveBack, { ...stored, errcode, error: message });
          if (errcode === REFUSED) {
            await subscriptions.zero(userId, template.id);
            await finish(id, 'refused', { ...stored, errcode, error: message });
            return 'refused';
          }
          // 47003 (data), 40003 (openid), 40037 (template) and anything else: this row cannot succeed as it is.
          if (errcode !== 40003) await giveBack();
          await finish(id, 'failed', { ...stored, errcode, error: errcode === BAD_DATA ? `WeChat refused the data: ${message}` : message });
          return 'failed';
        }
        // Only a send that went unanswered may have reached WeChat; a token fetch that timed out sent nothing.
        const maybeSent = error?.endpoint === 'subscribe_send' && String(error.reason ?? '').startsWith(NO_ANSWER);
        if (error?.name === 'WeChatUnavailableError' && !maybeSent) {
          return service.retryOrFail(id, attempts, giveBack, { ...stored, errcode: null, error: String(error.message).slice(0, 200) });
        }
        // No answer in time (WeChat may have sent it), or something unexpected: never sent twice.
        await finish(id, 'interrupted', { ...stored, error: String(error?.message ?? raw).slice(0, 200) });
        if (error?.name !== 'WeChatUnavailableError') strapi.log.error(`[reminders] send ${id} failed unexpectedly: ${String(error?.message ?? raw)}`);
        return 'interrupted';
      }
    },

    async retryOrFail(id: number, attempts: number, giveBack: () => Promise<unknown>, fields: Record<string, unknown>): Promise<SendResult> {
      const { maxAttempts, retryBaseSeconds } = remindersConfig(strapi);
      if (attempts >= maxAttempts) {
        await giveBack();
        await finish(id, 'failed', { ...fields, error: `gave up after ${attempts} attempts: ${String(fields.error ?? '')}`.slice(0, 250) });
        return 'failed';
      }
      const next = new Date(now().getTime() + retryBaseSeconds * 1000 * 2 ** (attempts - 1));
      await finish(id, 'retry', { ...fields, next_attempt_at: next });
      return 'retried';
    },
  };
  return service;
};

export type SenderService = ReturnType<typeof senderService>;
export default senderService;
