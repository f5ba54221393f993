import type { Core } from '@strapi/strapi';
import { gamification } from '../../../../gamification/public';
import { fill } from '../domain/fields';
import { slotOf, wallClock } from '../domain/due';
import { TABLES, type Kind, type SendStatus } from '../content-types';
import { getService } from '../utils/get-service';
import { newRowColumns, truthy } from '../utils/rows';
import { dedupeKey } from './scheduler';
import { effectiveTimezone } from './slots';

export type NotifyInput = {
  /** What the message is about, unique with the slot per user and local day: `order:202612050001`, `post:abc`. */
  reason: string;
  /** Within the reason's day (`shipped`, `approved`); one send per (user, template, reason, day, slot). */
  slot: string;
  /** The values the template's field mapping and page read (`{title}`, `{status}`...). */
  values: Record<string, string | number>;
  test?: boolean;
};

export type NotifyOutcome = { status: SendStatus | 'noTemplate' | 'duplicate'; id: number | null };

/**
 * Messages caused by something that happened (an order shipped, a post reviewed, a test from the admin):
 * the same send log, the same exactly-once key, the same sender; sent at once instead of at a minute.
 */
const notifyService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const service = {
    async send(kind: Kind, userId: number, input: NotifyInput, template?: import('./templates').TemplateRow | null): Promise<NotifyOutcome> {
      const chosen = template === undefined ? await getService(strapi, 'templates').forKind(kind) : template;
      if (!chosen) return { status: 'noTemplate', id: null };
      const now = gamification(strapi, 'clock').now();
      const user = await knex()(TABLES.users).where({ id: userId }).first('timezone');
      const local = wallClock(now, effectiveTimezone(user?.timezone));
      const subscription = await knex()(TABLES.subscriptions).where({ user_id: userId, template_id: chosen.id }).first('credits', 'long_term_accepted');
      const credit = chosen.longTerm ? truthy(subscription?.long_term_accepted) : Number(subscription?.credits ?? 0) > 0;
      // A test from the admin is sent even without a counted credit: WeChat itself says whether consent is left.
      const status: SendStatus = credit || input.test ? 'queued' : 'noCredit';
      const values = { date: local.date, time: slotOf(local.minute), ...input.values };
      const key = dedupeKey(userId, chosen, input.reason, local.date, input.slot);
      const columns = newRowColumns(now);
      await knex()(TABLES.sends)
        .insert({
          ...columns, user_id: userId, template_id: chosen.id, kind, reason: input.reason, local_date: local.date, slot: input.slot,
          dedupe_key: key, state: status, attempts: 0, credit_spent: false, due_at: now, next_attempt_at: now,
          values: JSON.stringify(values), page: chosen.page ? fill(chosen.page, values) : null, test: input.test === true,
        })
        .onConflict('dedupe_key')
        .ignore();
      const row = await knex()(TABLES.sends).where({ dedupe_key: key }).first('id', 'document_id');
      const id = Number(row.id);
      if (row.document_id !== columns.document_id) return { status: 'duplicate', id };
      if (status !== 'queued') return { status, id };
      const result = await getService(strapi, 'sender').sendOne(id);
      const final = await knex()(TABLES.sends).where({ id }).first('state');
      return { status: (final?.state ?? result) as SendStatus, id };
    },
  };
  return service;
};

export type NotifyService = ReturnType<typeof notifyService>;
export default notifyService;
