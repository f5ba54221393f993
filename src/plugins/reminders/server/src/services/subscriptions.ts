import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ValidationError } from '../../../../../utils/errors';
import { gamification, idempotentWrite, type IdempotentRequest, type Sql } from '../../../../gamification/public';
import { TABLES, type Kind } from '../content-types';
import { truthy } from '../utils/rows';
import { getService } from '../utils/get-service';
import type { ConsentInput } from '../validation/requests';
import { UPSERT_CONSENT } from './sql';

export type ConsentResult = 'accept' | 'reject' | 'ban' | 'filter';

export type SubscriptionView = {
  templateId: string;
  kind: Kind;
  title: string;
  longTerm: boolean;
  credits: number;
  lastResult: ConsentResult | null;
  /** Whether the client should ask at the next moment that fits: no credit left and not banned. */
  needsAsking: boolean;
};

/** wx.requestSubscribeMessage takes at most this many ids (3 on older base libraries). */
export const MAX_PER_REQUEST = 3;

/**
 * Consent credits (订阅授权). WeChat lets the server send a one-time template once per "allow" the user
 * tapped; the credits count them. A send spends one with a conditional UPDATE (never below 0); WeChat's
 * 43101 ("the user refused") zeroes them, since our count was wrong.
 */
const subscriptionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  const service = {
    async list(userId: number): Promise<SubscriptionView[]> {
      const templates = await getService(strapi, 'templates').active();
      const rows = await knex()(TABLES.subscriptions).where({ user_id: userId }).select('template_id', 'credits', 'long_term_accepted', 'last_result');
      const byTemplate = new Map(rows.map((row) => [Number(row.template_id), row]));
      return templates.map((template) => {
        const row = byTemplate.get(template.id);
        const credits = Number(row?.credits ?? 0);
        const lastResult = (row?.last_result ?? null) as ConsentResult | null;
        const longTermOn = truthy(row?.long_term_accepted);
        const needsAsking = lastResult !== 'ban' && (template.longTerm ? !longTermOn : credits === 0);
        return { templateId: template.templateId, kind: template.kind, title: template.title, longTerm: template.longTerm, credits: template.longTerm ? (longTermOn ? 1 : 0) : credits, lastResult, needsAsking };
      });
    },

    /**
     * POST /api/reminders/subscriptions: what the user answered, added per template in one transaction. With an
     * idempotency key, a retried request adds nothing the second time (it answers the current credits).
     */
    async record(userId: number, input: ConsentInput, idempotent: IdempotentRequest | null) {
      const templates = await getService(strapi, 'templates').active();
      const byWeChatId = new Map(templates.map((t) => [t.templateId, t]));
      const answers = input.templateIds.map((id) => {
        const template = byWeChatId.get(id);
        if (!template) throw new ValidationError(`${id} is not an active reminder template`, { field: 'templateIds', templateId: id });
        const result = input.results[id];
        if (!result) throw new ValidationError(`results has no answer for ${id}`, { field: 'results', templateId: id });
        return { template, result };
      });
      const work = async (sql: Sql, now: Date) => {
        for (const { template, result } of answers) await service.addAnswer(sql, userId, template, result, now);
      };
      if (idempotent) {
        await idempotentWrite(strapi, userId, idempotent, async (sql, now) => {
          await work(sql, now);
          return { statusCode: 200, body: { data: null, meta: {} } };
        });
      } else {
        await gamification(strapi, 'sql').transaction((sql) => work(sql, gamification(strapi, 'clock').now()));
      }
      return { data: await service.list(userId), meta: { maxPerRequest: MAX_PER_REQUEST } };
    },

    async addAnswer(sql: Sql, userId: number, template: { id: number; longTerm: boolean }, result: ConsentResult, now: Date) {
      const accepted = result === 'accept';
      await sql.rows(UPSERT_CONSENT, [
        crypto.randomBytes(12).toString('hex'), userId, template.id,
        accepted && !template.longTerm ? 1 : 0,
        accepted ? 1 : 0,
        template.longTerm && accepted,
        result, now, now, now, now,
      ]);
    },

    /** Spends one credit for a send; true when there was one (a long-term consent is not spent). */
    async spend(userId: number, templateRowId: number, longTerm: boolean, db: Knex | Knex.Transaction = knex()): Promise<boolean> {
      if (longTerm) {
        const row = await db(TABLES.subscriptions).where({ user_id: userId, template_id: templateRowId }).first('long_term_accepted');
        return truthy(row?.long_term_accepted);
      }
      const spent = await db(TABLES.subscriptions)
        .where({ user_id: userId, template_id: templateRowId })
        .andWhere('credits', '>', 0)
        .update({ credits: db.raw('credits - 1'), updated_at: new Date() });
      return Number(spent) === 1;
    },

    /** A spent credit WeChat did not use (the send never reached the user): given back. */
    async refund(userId: number, templateRowId: number, longTerm: boolean): Promise<void> {
      if (longTerm) return;
      await knex()(TABLES.subscriptions).where({ user_id: userId, template_id: templateRowId }).update({ credits: knex().raw('credits + 1'), updated_at: new Date() });
    },

    /** WeChat said 43101: the user has no consent left for this template, whatever we counted. */
    async zero(userId: number, templateRowId: number): Promise<void> {
      await knex()(TABLES.subscriptions).where({ user_id: userId, template_id: templateRowId }).update({ credits: 0, long_term_accepted: false, updated_at: new Date() });
    },
  };
  return service;
};

export type SubscriptionsService = ReturnType<typeof subscriptionsService>;
export default subscriptionsService;
