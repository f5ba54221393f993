import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { forbiddenError } from '../../../../../utils/errors';
import { addDays, startOfLocalDay, type DaySettings } from '../../../../../utils/clock';
import { gamification, type Tier } from '../../../../gamification/public';
import { TABLES, UIDS } from '../content-types';
import { newRowColumns } from '../utils/rows';

/** What editors set (AI 教练额度 in the admin); the defaults when they have not. */
export type QuotaSettings = { freeDailyTokens: number; vipTrialDays: number; vipDailyTokens: number; aiDailyTokens: number };
export const DEFAULT_QUOTAS: QuotaSettings = { freeDailyTokens: 1500, vipTrialDays: 4, vipDailyTokens: 20000, aiDailyTokens: 60000 };

export type CoachUser = DaySettings & { id: number; membershipTier?: unknown; membershipExpiresAt?: string | Date | null };

/** A user's budget today: `limit` tokens on their local `day`, which ends at `resetsAt`. */
export type Budget = { tier: Tier; day: string; limit: number; resetsAt: string; trialEndsAt: string | null };

export type QuotaView = { tier: Tier; unit: 'tokens'; limit: number; used: number; remaining: number; day: string; resetsAt: string; trialEndsAt: string | null };

const timezoneOf = (user: DaySettings) => (typeof user.timezone === 'string' && user.timezone ? user.timezone : 'Asia/Shanghai');

/**
 * The coach's daily token budgets by membership (seed 003): free users a small daily trial (editors may set
 * it to 0), VIP members a trial of `vipTrialDays` from their first chat as VIP, AI members their budget for
 * their term. Usage is the provider's own count. Concurrent chats cannot overspend: each reserves its most
 * (the prompt's characters, an upper bound of its tokens, plus max_tokens) with one conditional UPDATE that
 * admits it only while `used + reserved` is under the limit, and settles to the provider's count after; the
 * day's total can pass the limit by at most one message.
 */
const quotaService = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => gamification(strapi, 'clock');
  const knex = () => strapi.db.connection;

  const service = {
    async settings(): Promise<QuotaSettings> {
      const row = (await strapi.db.query(UIDS.settings).findOne({})) as Partial<QuotaSettings> | null;
      const pick = (key: keyof QuotaSettings) => (Number.isInteger(row?.[key]) && Number(row?.[key]) >= 0 ? Number(row?.[key]) : DEFAULT_QUOTAS[key]);
      return { freeDailyTokens: pick('freeDailyTokens'), vipTrialDays: pick('vipTrialDays'), vipDailyTokens: pick('vipDailyTokens'), aiDailyTokens: pick('aiDailyTokens') };
    },

    /** The budget in force; `startTrial` starts a VIP's trial at their first chat. */
    async budgetOf(user: CoachUser, options: { startTrial?: boolean } = {}): Promise<Budget> {
      const now = clock().now();
      const tier = gamification(strapi, 'memberships').tierOf(user, now);
      const day = clock().localDay(user, now);
      const settings = await service.settings();
      const resetsAt = service.dayEnd(user, day).toISOString();
      if (tier === 'ai') return { tier, day, limit: settings.aiDailyTokens, resetsAt, trialEndsAt: null };
      if (tier === 'free') return { tier, day, limit: settings.freeDailyTokens, resetsAt, trialEndsAt: null };
      let trial = await knex()(TABLES.trials).where({ user_id: user.id }).first('started_at');
      if (!trial && options.startTrial) {
        await knex()(TABLES.trials).insert({ ...newRowColumns(now), user_id: user.id, started_at: now }).onConflict(['user_id']).ignore();
        trial = await knex()(TABLES.trials).where({ user_id: user.id }).first('started_at');
      }
      const startedAt = trial ? new Date(trial.started_at as string) : now;
      const trialEndsAt = new Date(startedAt.getTime() + settings.vipTrialDays * 86_400_000);
      const inTrial = now < trialEndsAt;
      return { tier, day, limit: inTrial ? settings.vipDailyTokens : 0, resetsAt, trialEndsAt: trialEndsAt.toISOString() };
    },

    /** When the user's local `day` ends (their next day starts), across DST. */
    dayEnd(user: CoachUser, day: string): Date {
      const start = startOfLocalDay(addDays(day, 1), timezoneOf(user));
      const hour = Number.isInteger(user.dayStartHour) ? Number(user.dayStartHour) : 0;
      return new Date(start.getTime() + hour * 3_600_000);
    },

    async view(user: CoachUser): Promise<QuotaView> {
      const budget = await service.budgetOf(user);
      const row = await knex()(TABLES.usage).where({ user_id: user.id, day: budget.day }).first('used');
      const used = Number(row?.used ?? 0);
      return { tier: budget.tier, unit: 'tokens', limit: budget.limit, used, remaining: Math.max(0, budget.limit - used), day: budget.day, resetsAt: budget.resetsAt, trialEndsAt: budget.trialEndsAt };
    },

    /** 403 when the membership gives no coach at all (free with 0, a VIP after the trial). */
    assertAllowed(budget: Budget) {
      if (budget.limit > 0) return;
      const message =
        budget.tier === 'vip'
          ? 'AI 体验已结束，开通 AI 戒烟军师后继续: the VIP trial of the AI coach is over'
          : 'AI 功能未开通: the AI coach needs a membership';
      throw forbiddenError(message, { reason: 'membership_required', required: 'ai', current: budget.tier, trialEndsAt: budget.trialEndsAt });
    },

    /** Hold `tokens` of today's budget, or 429 with when it resets. */
    async reserve(userId: number, budget: Budget, tokens: number): Promise<void> {
      const now = new Date();
      await knex()(TABLES.usage)
        .insert({ ...newRowColumns(now), user_id: userId, day: budget.day, used: 0, reserved: 0 })
        .onConflict(['user_id', 'day'])
        .ignore();
      // One conditional UPDATE admits or refuses (never a read-then-write): concurrent chats queue on the row.
      const admitted = await knex()(TABLES.usage)
        .where({ user_id: userId, day: budget.day })
        .andWhereRaw('used + reserved < ?', [budget.limit])
        .update({ reserved: knex().raw('reserved + ?', [tokens]), updated_at: now });
      if (Number(admitted) === 0) {
        const retryAfterSeconds = Math.max(1, Math.ceil((new Date(budget.resetsAt).getTime() - clock().now().getTime()) / 1000));
        throw new errors.RateLimitError('今日 AI 额度已用完: the coach’s daily budget is spent', { reason: 'quota_exceeded', resetsAt: budget.resetsAt, retryAfterSeconds });
      }
    },

    /** Turn a reservation into what the provider counted (0 when nothing was). */
    async settle(userId: number, day: string, reserved: number, used: number): Promise<void> {
      await knex()(TABLES.usage)
        .where({ user_id: userId, day })
        .update({ reserved: knex().raw('CASE WHEN reserved >= ? THEN reserved - ? ELSE 0 END', [reserved, reserved]), used: knex().raw('used + ?', [Math.max(0, used)]), updated_at: new Date() });
    },
  };
  return service;
};

export type QuotaService = ReturnType<typeof quotaService>;
export default quotaService;
