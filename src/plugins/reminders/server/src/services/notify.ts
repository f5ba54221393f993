import type { Core } from '@strapi/strapi';
import { gamification } from '../../../../gamification/public';
import { fill } from '../domain/fields';
import { inQuietHours, minuteOf, quietHoursEnd, slotOf, wallClock } from '../domain/due';
import { TABLES, type Kind, type SendStatus } from '../content-types';
import { getService } from '../utils/get-service';
import { newRowColumns, truthy } from '../utils/rows';
import { dedupeKey } from './scheduler';
import { effectiveTimezone } from '../../../../../utils/clock';

export type NotifyInput = {
  /** What the message is about, unique with the slot per user and local day: `order:202612050001`, `post:abc`. */
  reason: string;
  /** Within the reason's day (`shipped`, `approved`); one send per (user, template, reason, day, slot). */
  slot: string;
  /** The values the template's field mapping and page read (`{title}`, `{status}`...). */
  values: Record<string, string | number>;
  test?: boolean;
  /** The moment the message stands for (its local date and time); now by default. A job catching up a minute passes the minute. */
  at?: Date;
  /** Write the row and leave it to the sender's next drain instead of sending at once (the minute job). */
  queueOnly?: boolean;
  /**
   * What the user's own reminder settings (提醒设置) decide. `ignore` (an order shipped, a post reviewed: news
   * about something of theirs): always. `defer`: nothing when reminders are off; in quiet hours queued for the
   * minute they end. `skip`: nothing when off; in quiet hours written as `quiet` and never sent.
   */
  settings?: 'ignore' | 'defer' | 'skip';
};

export type NotifyOutcome = { status: SendStatus | 'noTemplate' | 'duplicate' | 'off'; id: number | null };

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
      const at = input.at ?? now;
      const [user, mine] = await Promise.all([
        knex()(TABLES.users).where({ id: userId }).first('timezone'),
        input.settings && input.settings !== 'ignore' ? knex()(TABLES.settings).where({ user_id: userId }).first('enabled', 'quiet_start', 'quiet_end') : undefined,
      ]);
      if (mine && !truthy(mine.enabled)) return { status: 'off', id: null };
      const timezone = effectiveTimezone(user?.timezone);
      const local = wallClock(at, timezone);
      const subscription = await knex()(TABLES.subscriptions).where({ user_id: userId, template_id: chosen.id }).first('credits', 'long_term_accepted');
      const credit = chosen.longTerm ? truthy(subscription?.long_term_accepted) : Number(subscription?.credits ?? 0) > 0;
      // A test from the admin is sent even without a counted credit: WeChat itself says whether consent is left.
      let status: SendStatus = credit || input.test ? 'queued' : 'noCredit';
      let nextAttempt = now;
      const quietEnd = minuteOf(mine?.quiet_end ?? null);
      if (status === 'queued' && mine && inQuietHours(local.minute, minuteOf(mine.quiet_start), quietEnd)) {
        if (input.settings === 'skip') status = 'quiet';
        else nextAttempt = new Date(Math.max(now.getTime(), quietHoursEnd(local, Number(quietEnd), timezone).getTime()));
      }
      const values = { date: local.date, time: slotOf(local.minute), ...input.values };
      const key = dedupeKey(userId, chosen, input.reason, local.date, input.slot);
      const columns = newRowColumns(now);
      await knex()(TABLES.sends)
        .insert({
          ...columns, user_id: userId, template_id: chosen.id, kind, reason: input.reason, local_date: local.date, slot: input.slot,
          dedupe_key: key, state: status, attempts: 0, credit_spent: false, due_at: at, next_attempt_at: nextAttempt,
          values: JSON.stringify(values), page: chosen.page ? fill(chosen.page, values) : null, test: input.test === true,
        })
        .onConflict('dedupe_key')
        .ignore();
      const row = await knex()(TABLES.sends).where({ dedupe_key: key }).first('id', 'document_id');
      const id = Number(row.id);
      if (row.document_id !== columns.document_id) return { status: 'duplicate', id };
      if (status !== 'queued' || input.queueOnly || nextAttempt > now) return { status, id };
      const result = await getService(strapi, 'sender').sendOne(id);
      const final = await knex()(TABLES.sends).where({ id }).first('state');
      return { status: (final?.state ?? result) as SendStatus, id };
    },
  };
  return service;
};

export type NotifyService = ReturnType<typeof notifyService>;
export default notifyService;
