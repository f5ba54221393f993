import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { addDays } from '../../../../../utils/calendar';
import { isPostgres } from '../../../../../utils/dialect';
import { effectiveTimezone, FURTHEST_AHEAD_TIMEZONE, FURTHEST_BEHIND_TIMEZONE, localDayFor, localInstant } from '../../../../../utils/clock';
import { calendarDate, gamification, HEALTH_MILESTONES } from '../../../../gamification/public';
import { inQuietHours, localMinutesAt, minuteOf, minutesToRun, slotOf } from '../domain/due';
import { fill } from '../domain/fields';
import { TABLES, type Kind, type SendStatus } from '../content-types';
import { getService, remindersConfig } from '../utils/get-service';
import { truthy } from '../utils/rows';
import type { TemplateRow } from './templates';

/** One row of the minute's `due` table: a timezone and one local minute the UTC minute stands for there. */
type Due = { tz: string; minute: number; date: string; prev: string; hour: number; slot: string };

type Candidate = {
  user_id: number; habit_id: number; minute: number; local_date: unknown; today: unknown;
  title: string; habit_document_id: string; frequency_type: string; weekdays: unknown; start_date: unknown; end_date: unknown;
  streak_current: number | null; quiet_start: string | null; quiet_end: string | null; credits: number | null; long_term_accepted: unknown;
};

/** Rows written for a minute (a rerun of the minute writes none): by the status they were written with. */
export type EnqueueCounts = { selected: number; queued: number; noCredit: number; quiet: number };
/** What one minute wrote: habit reminders and streaks at risk by status, milestones and challenge endings as rows. */
export type MinuteCounts = { habit: EnqueueCounts; streak: EnqueueCounts; milestones: number; challengeEndings: number };
export type RunOutcome = { minutes: number; skippedMinutes: number; habit: EnqueueCounts; streak: EnqueueCounts; milestones: number; challengeEndings: number; swept: number; sent: number; failed: number; retried: number; refused: number; noCredit: number; interrupted: number };

const emptyCounts = (): EnqueueCounts => ({ selected: 0, queued: 0, noCredit: 0, quiet: 0 });

const WATERMARK = { type: 'plugin' as const, name: 'reminders', key: 'watermark' };

/**
 * The minute job. Each run (behind the lock: one instance) looks at every UTC minute since the last one it
 * finished, up to now, within the grace window; for each, finds the habits whose reminder time is that minute
 * in their user's own timezone (the slot index), drops what is not due (checked in today, by the user's day
 * start; not a scheduled weekday; outside start/end), and writes one send-log row per reminder — before
 * anything is sent, unique per (user, template, reason, local date, slot), so a second instance, a rerun after
 * a crash or a fall-back hour writes nothing twice. Then the sender sends what is queued.
 */
const schedulerService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const clock = () => gamification(strapi, 'clock');

  const dueTable = (minute: Date, zones: string[]): Due[] =>
    zones.flatMap((tz) => localMinutesAt(minute, tz).map((local) => ({ tz, minute: local.minute, date: local.date, prev: addDays(local.date, -1), hour: Math.floor(local.minute / 60), slot: slotOf(local.minute) })));

  /** `WITH due(...) AS (VALUES ...)` with its bindings; PostgreSQL needs the VALUES' types spelled out. */
  const dueCte = (due: Due[]): { sql: string; bindings: unknown[] } => {
    const pg = isPostgres(knex());
    const row = pg ? '(?::text, ?::int, ?::date, ?::date, ?::int, ?::text)' : '(?, ?, ?, ?, ?, ?)';
    return {
      sql: `WITH due(tz, minute, local_date, prev_date, local_hour, slot) AS (VALUES ${due.map(() => row).join(', ')})`,
      bindings: due.flatMap((d) => [d.tz, d.minute, d.date, d.prev, d.hour, d.slot]),
    };
  };

  const bool = (value: boolean) => (isPostgres(knex()) ? value : value ? 1 : 0);
  const TODAY = 'CASE WHEN COALESCE(u.day_start_hour, 0) > due.local_hour THEN due.prev_date ELSE due.local_date END';

  const rowsOf = (result: unknown): Candidate[] => (Array.isArray(result) ? result : (result as { rows: Candidate[] }).rows);

  /**
   * The habit reminders of a minute, selected and written in one INSERT ... SELECT: 100,000 due reminders never
   * pass through Node (bench: `npm run bench -- reminders`). The same rules as the streak path below, in SQL: the
   * user's local day by their day start, not checked in on it, a weekday habit on its weekdays, a timesPerWeek
   * habit while its week still needs check-ins, an everyNDays habit while its block of days has none, within
   * start and end; quiet hours and consent decide the status. Answers the statuses of the rows it wrote.
   */
  const insertHabitReminders = async (due: Due[], template: TemplateRow, minute: Date): Promise<string[]> => {
    const pg = isPostgres(knex());
    const cte = dueCte(due);
    const today = TODAY;
    // A timesPerWeek habit whose week already has its check-ins, or an everyNDays habit whose block of N days (from
    // its start date) has one, needs no reminder (the same weeks and blocks as its streak, frequency.ts).
    const { weekStartsOn } = await gamification(strapi, 'settings').get();
    const weekStart = Number.isInteger(weekStartsOn) && weekStartsOn >= 1 && weekStartsOn <= 7 ? weekStartsOn : 1;
    const start = `COALESCE(h.start_date, ${today})`;
    const weekFrom = pg
      ? `(${today} - ((CAST(EXTRACT(ISODOW FROM ${today}) AS INTEGER) - ${weekStart} + 7) % 7))`
      : `date(${today}, '-' || ((((CAST(strftime('%w', ${today}) AS INTEGER) + 6) % 7 + 1) - ${weekStart} + 7) % 7) || ' days')`;
    const blockFrom = pg
      ? `(${start} + ((${today} - ${start}) / h.interval_days) * h.interval_days)`
      : `date(${start}, '+' || ((CAST(julianday(${today}) - julianday(${start}) AS INTEGER) / h.interval_days) * h.interval_days) || ' days')`;
    const periodOpen = `(h.frequency_type <> 'timesPerWeek' OR h.times_per_week IS NULL
        OR (SELECT COUNT(*) FROM ${TABLES.checkIns} cw WHERE cw.habit_id = h.id AND cw.local_date >= ${weekFrom} AND cw.local_date <= ${today}) < h.times_per_week)
      AND (h.frequency_type <> 'everyNDays' OR h.interval_days IS NULL OR h.interval_days < 2
        OR NOT EXISTS (SELECT 1 FROM ${TABLES.checkIns} cb WHERE cb.habit_id = h.id AND cb.local_date >= ${blockFrom} AND cb.local_date <= ${today}))`;
    const weekdayOk = pg
      ? `(h.frequency_type <> 'weekdays' OR h.weekdays @> to_jsonb(CAST(EXTRACT(ISODOW FROM ${today}) AS INTEGER)))`
      : `(h.frequency_type <> 'weekdays' OR EXISTS (SELECT 1 FROM json_each(h.weekdays) w WHERE w.value = (CAST(strftime('%w', ${today}) AS INTEGER) + 6) % 7 + 1))`;
    const minuteOfText = (column: string) => `(CAST(substr(${column}, 1, 2) AS INTEGER) * 60 + CAST(substr(${column}, 4, 2) AS INTEGER))`;
    const qs = minuteOfText('st.quiet_start');
    const qe = minuteOfText('st.quiet_end');
    const quiet = `(st.quiet_start IS NOT NULL AND st.quiet_end IS NOT NULL AND ${qs} <> ${qe} AND
      CASE WHEN ${qs} < ${qe} THEN due.minute >= ${qs} AND due.minute < ${qe} ELSE due.minute >= ${qs} OR due.minute < ${qe} END)`;
    const credit = template.longTerm ? 'sub.long_term_accepted = TRUE' : 'COALESCE(sub.credits, 0) > 0';
    const localDate = 'CAST(due.local_date AS TEXT)';
    const documentId = pg ? `md5(random()::text || s.habit_ref::text)` : 'lower(hex(randomblob(12)))';
    const values = `${pg ? 'jsonb_build_object' : 'json_object'}('habit', h.title, 'time', due.slot, 'date', ${localDate}, 'streak', COALESCE(h.streak_current, 0), 'habitDocumentId', h.document_id)`;
    const result = await knex().raw(
      `${cte.sql}
       INSERT INTO ${TABLES.sends} (document_id, user_id, template_id, kind, reason, local_date, slot, dedupe_key, state, attempts, credit_spent,
         due_at, next_attempt_at, "values", test, created_at, updated_at, published_at)
       SELECT ${documentId}, s.user_ref, ?, 'habitReminder', 'habit:' || s.habit_ref, due.local_date, due.slot,
              s.user_ref || '|' || ? || '|habit:' || s.habit_ref || '|' || ${localDate} || '|' || due.slot,
              CASE WHEN ${quiet} THEN 'quiet' WHEN ${credit} THEN 'queued' ELSE 'noCredit' END, 0, ?,
              ?, ?, ${values}, ?, ?, ?, ?
       FROM due
       JOIN ${TABLES.slots} s ON s.timezone = due.tz AND s.minute = due.minute AND s.kind = 'habit'
       JOIN ${TABLES.habits} h ON h.id = s.habit_ref
       JOIN ${TABLES.users} u ON u.id = s.user_ref
       LEFT JOIN ${TABLES.settings} st ON st.user_id = s.user_ref
       LEFT JOIN ${TABLES.subscriptions} sub ON sub.user_id = s.user_ref AND sub.template_id = ?
       WHERE h.reminder_enabled = ? AND h.archived = ? AND (u.blocked IS NULL OR u.blocked = ?) AND u.deleted_at IS NULL
         AND (st.enabled IS NULL OR st.enabled = ?)
         AND (h.start_date IS NULL OR h.start_date <= ${today}) AND (h.end_date IS NULL OR h.end_date >= ${today}) AND ${weekdayOk}
         AND NOT EXISTS (SELECT 1 FROM ${TABLES.checkIns} c WHERE c.habit_id = h.id AND c.local_date = ${today})
         AND ${periodOpen}
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING state`,
      [
        ...cte.bindings, template.id, template.documentId, bool(false),
        minute, minute, bool(false), clock().now(), clock().now(), clock().now(),
        template.id, bool(true), bool(false), bool(false), bool(true),
      ],
    );
    return (Array.isArray(result) ? result : (result as { rows: Array<{ state: string }> }).rows).map((row: { state: string }) => row.state);
  };

  const selectStreaks = async (due: Due[], template: TemplateRow): Promise<Candidate[]> => {
    const cte = dueCte(due);
    return rowsOf(
      await knex().raw(
        `${cte.sql}
         SELECT s.user_ref AS user_id, h.id AS habit_id, due.minute, CAST(due.local_date AS TEXT) AS local_date, CAST(${TODAY} AS TEXT) AS today,
                h.title, h.document_id AS habit_document_id, h.frequency_type, h.weekdays, CAST(h.start_date AS TEXT) AS start_date, CAST(h.end_date AS TEXT) AS end_date, h.streak_current,
                st.quiet_start, st.quiet_end, sub.credits, sub.long_term_accepted
         FROM due
         JOIN ${TABLES.slots} s ON s.timezone = due.tz AND s.minute = due.minute AND s.kind = 'streak'
         JOIN ${TABLES.users} u ON u.id = s.user_ref
         JOIN ${TABLES.habits} h ON h.user_id = s.user_ref AND h.archived = ? AND h.streak_current >= 3 AND h.streak_holds_through = ${TODAY}
         LEFT JOIN ${TABLES.settings} st ON st.user_id = s.user_ref
         LEFT JOIN ${TABLES.subscriptions} sub ON sub.user_id = s.user_ref AND sub.template_id = ?
         WHERE (u.blocked IS NULL OR u.blocked = ?) AND u.deleted_at IS NULL AND (st.enabled IS NULL OR st.enabled = ?)
           AND NOT EXISTS (SELECT 1 FROM ${TABLES.checkIns} c WHERE c.habit_id = h.id AND c.local_date = ${TODAY})`,
        [...cte.bindings, bool(false), template.id, bool(false), bool(true)],
      ),
    );
  };

  const service = {
    /**
     * Writes the send-log rows of one UTC minute (idempotent: a rerun of the minute writes nothing new): habit
     * reminders, streaks at risk, health milestones reached, challenges ending.
     */
    async enqueueMinute(at: Date | string): Promise<MinuteCounts> {
      const minute = new Date(at);
      const habit = emptyCounts();
      const streak = emptyCounts();
      const milestones = await service.healthMilestones(minute);
      const challengeEndings = await service.challengeEndings(minute);
      const zones = await getService(strapi, 'slots').zones();
      if (zones.length === 0) return { habit, streak, milestones, challengeEndings };
      const due = dueTable(minute, zones);
      const templates = getService(strapi, 'templates');
      const [habitTemplate, streakTemplate] = await Promise.all([templates.forKind('habitReminder'), templates.forKind('streakAtRisk')]);
      if (habitTemplate) {
        for (const status of await insertHabitReminders(due, habitTemplate, minute)) {
          habit.selected += 1;
          habit[status === 'queued' ? 'queued' : status === 'quiet' ? 'quiet' : 'noCredit'] += 1;
        }
      }
      if (streakTemplate) {
        // One message per user: the habit with the longest streak at risk.
        const best = new Map<number, Candidate>();
        for (const c of await selectStreaks(due, streakTemplate)) {
          const held = best.get(Number(c.user_id));
          if (!held || Number(c.streak_current) > Number(held.streak_current)) best.set(Number(c.user_id), c);
        }
        await service.write(minute, streakTemplate, 'streakAtRisk', [...best.values()].map((c) => ({ candidate: c, reason: 'streak' })), streak);
      }
      return { habit, streak, milestones, challengeEndings };
    },

    async write(minute: Date, template: TemplateRow, kind: Kind, items: Array<{ candidate: Candidate; reason: string }>, counts: EnqueueCounts): Promise<void> {
      const now = clock().now();
      // Document ids: one random prefix for the minute and a counter (a random draw per row cost a second per 100,000).
      const prefix = crypto.randomBytes(9).toString('base64url');
      const rows = items.map(({ candidate: c, reason }, index) => {
        const localDate = calendarDate(c.local_date);
        const slot = slotOf(Number(c.minute));
        const quiet = inQuietHours(Number(c.minute), minuteOf(c.quiet_start), minuteOf(c.quiet_end));
        const credit = template.longTerm ? truthy(c.long_term_accepted) : Number(c.credits ?? 0) > 0;
        const status: SendStatus = quiet ? 'quiet' : credit ? 'queued' : 'noCredit';
        counts.selected += 1;
        counts[status === 'queued' ? 'queued' : status === 'quiet' ? 'quiet' : 'noCredit'] += 1;
        const values = { habit: c.title, time: slot, date: localDate, streak: Number(c.streak_current ?? 0), habitDocumentId: c.habit_document_id };
        return {
          document_id: `${prefix}${index.toString(36).padStart(12, '0')}`,
          created_at: now,
          updated_at: now,
          published_at: now,
          user_id: c.user_id,
          template_id: template.id,
          kind,
          reason,
          local_date: localDate,
          slot,
          dedupe_key: dedupeKey(c.user_id, template, reason, localDate, slot),
          state: status,
          attempts: 0,
          credit_spent: false,
          due_at: minute,
          next_attempt_at: minute,
          values,
          page: template.page ? fill(template.page, values) : null,
          test: false,
        };
      });
      await insertLog(rows);
    },

    /**
     * 里程碑达成 for the quit programme: each health milestone (seed 003's recovery timeline) reached in the UTC
     * minute `minute` by a quit date, one message per user and milestone, queued for the drain. In quiet hours it
     * waits for their end; nothing when the user turned reminders off. A new quit date (after a relapse) reaches
     * them again. Answers the rows written.
     */
    async healthMilestones(minute: Date): Promise<number> {
      const template = await getService(strapi, 'templates').forKind('milestoneReached');
      if (!template) return 0;
      let written = 0;
      for (const milestone of HEALTH_MILESTONES) {
        const reachedBy = new Date(minute.getTime() - milestone.afterHours * 3_600_000);
        const rows = (await knex()(`${TABLES.quitProfiles} as q`)
          .join(`${TABLES.users} as u`, 'u.id', 'q.user_id')
          .where('q.quit_at', '>', new Date(reachedBy.getTime() - 60_000))
          .andWhere('q.quit_at', '<=', reachedBy)
          .andWhere((q) => q.whereNull('u.blocked').orWhere('u.blocked', false))
          .whereNull('u.deleted_at')
          .select('q.user_id')) as Array<{ user_id: number }>;
        for (const row of rows) {
          const outcome = await getService(strapi, 'notify').send('milestoneReached', Number(row.user_id), {
            reason: `quit:${milestone.key}`, slot: 'reached', at: minute, queueOnly: true, settings: 'defer',
            values: { milestone: milestone.title, habit: '戒烟', days: Math.floor(milestone.afterHours / 24) },
          }, template);
          if (outcome.status !== 'duplicate' && outcome.status !== 'off') written += 1;
        }
      }
      return written;
    },

    /**
     * 挑战即将结束: at \`challengeEndingHour\` (20:00) of a challenge's last day in its own timezone, one message to
     * each participant still active (not yet completed, failed or gone), queued for the drain; a user in quiet
     * hours then gets none (it would come too late). Answers the rows written.
     */
    async challengeEndings(minute: Date): Promise<number> {
      const template = await getService(strapi, 'templates').forKind('challengeEnding');
      if (!template) return 0;
      const hour = String(remindersConfig(strapi).challengeEndingHour).padStart(2, '0');
      // A challenge at its last day's hour now has that day as its local day: between the last and the first local day
      // on Earth at this minute. The exact instant in its own timezone is checked below.
      const challenges = (await knex()(TABLES.challenges)
        .where({ state: 'open' })
        .whereBetween('end_date', [localDayFor({ timezone: FURTHEST_BEHIND_TIMEZONE }, minute), localDayFor({ timezone: FURTHEST_AHEAD_TIMEZONE }, minute)])
        .select('id', 'document_id', 'title', 'timezone', 'end_date')) as Array<{ id: number; document_id: string; title: string; timezone: string | null; end_date: unknown }>;
      let written = 0;
      for (const challenge of challenges) {
        const endDate = calendarDate(challenge.end_date);
        const at = localInstant(endDate, `${hour}:00`, effectiveTimezone(challenge.timezone));
        if (!(at.getTime() > minute.getTime() - 60_000 && at.getTime() <= minute.getTime())) continue;
        const participants = (await knex()(TABLES.participants)
          .where({ challenge_id: challenge.id, status: 'active' })
          .select('user_id', 'days_done', 'days_needed')) as Array<{ user_id: number; days_done: number | null; days_needed: number | null }>;
        for (const p of participants) {
          const outcome = await getService(strapi, 'notify').send('challengeEnding', Number(p.user_id), {
            reason: `challenge:${challenge.document_id}`, slot: 'ending', at: minute, queueOnly: true, settings: 'skip',
            values: { challenge: challenge.title, endDate, daysDone: Number(p.days_done ?? 0), daysNeeded: Number(p.days_needed ?? 0), challengeDocumentId: challenge.document_id },
          }, template);
          if (outcome.status !== 'duplicate' && outcome.status !== 'off') written += 1;
        }
      }
      return written;
    },

    /** One run of the minute job (the cron calls it behind the lock; tests call it with the clock set). */
    async run(at: Date = clock().now()): Promise<RunOutcome> {
      const config = remindersConfig(strapi);
      const sender = getService(strapi, 'sender');
      const swept = await sender.sweep(at);
      const store = strapi.store(WATERMARK);
      const stored = (await store.get({})) as string | null;
      const watermark = stored && !Number.isNaN(Date.parse(stored)) ? new Date(stored) : null;
      const { minutes, skipped } = minutesToRun(at, watermark, config.graceMinutes);
      const outcome: RunOutcome = { minutes: minutes.length, skippedMinutes: skipped, habit: emptyCounts(), streak: emptyCounts(), milestones: 0, challengeEndings: 0, swept, sent: 0, failed: 0, retried: 0, refused: 0, noCredit: 0, interrupted: 0 };
      if (skipped > 0) strapi.log.warn(`[reminders] ${skipped} minute(s) were missed beyond the ${config.graceMinutes}-minute grace window and are skipped`);
      for (const minute of minutes) {
        const counts = await service.enqueueMinute(minute);
        for (const key of Object.keys(counts.habit) as Array<keyof EnqueueCounts>) {
          outcome.habit[key] += counts.habit[key];
          outcome.streak[key] += counts.streak[key];
        }
        outcome.milestones += counts.milestones;
        outcome.challengeEndings += counts.challengeEndings;
        await store.set({ value: minute.toISOString() });
      }
      const drained = await sender.drain(Date.now() + config.drainMs);
      Object.assign(outcome, { sent: drained.sent, failed: drained.failed, retried: drained.retried, refused: drained.refused, noCredit: drained.noCredit, interrupted: drained.interrupted });
      return outcome;
    },
  };

  /**
   * The log rows, in batches. On PostgreSQL a batch is one JSON parameter read by json_to_recordset: knex would
   * bind 19 values a row and spend more CPU building the statement than PostgreSQL spends running it (measured
   * with `npm run bench -- reminders`).
   */
  const insertLog = async (rows: Array<Record<string, unknown>>) => {
    if (!isPostgres(knex())) {
      const stored = rows.map((row) => ({ ...row, values: JSON.stringify(row.values) }));
      for (let i = 0; i < stored.length; i += 40) await knex()(TABLES.sends).insert(stored.slice(i, i + 40)).onConflict('dedupe_key').ignore();
      return;
    }
    const size = remindersConfig(strapi).insertBatch;
    for (let i = 0; i < rows.length; i += size) await knex().raw(INSERT_LOG_FROM_JSON, [JSON.stringify(rows.slice(i, i + size))]);
  };

  return service;
};

const LOG_COLUMNS: Array<[column: string, type: string]> = [
  ['document_id', 'text'], ['user_id', 'int'], ['template_id', 'int'], ['kind', 'text'], ['reason', 'text'], ['local_date', 'date'], ['slot', 'text'],
  ['dedupe_key', 'text'], ['state', 'text'], ['attempts', 'int'], ['credit_spent', 'boolean'], ['due_at', 'timestamptz'], ['next_attempt_at', 'timestamptz'],
  ['values', 'jsonb'], ['page', 'text'], ['test', 'boolean'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['published_at', 'timestamptz'],
];
const INSERT_LOG_FROM_JSON = `INSERT INTO ${TABLES.sends} (${LOG_COLUMNS.map(([c]) => `"${c}"`).join(', ')})
  SELECT ${LOG_COLUMNS.map(([c]) => `r."${c}"`).join(', ')} FROM json_to_recordset(?::json) AS r(${LOG_COLUMNS.map(([c, t]) => `"${c}" ${t}`).join(', ')})
  ON CONFLICT (dedupe_key) DO NOTHING`;

/** The send log's unique key: (user, template, reason, local date, slot). */
export const dedupeKey = (userId: number, template: { documentId: string }, reason: string, localDate: string, slot: string): string =>
  `${userId}|${template.documentId}|${reason}|${localDate}|${slot}`;

export type SchedulerService = ReturnType<typeof schedulerService>;
export default schedulerService;
