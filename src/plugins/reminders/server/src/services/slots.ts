import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { DEFAULT_TIMEZONE, effectiveTimezone } from '../../../../../utils/clock';
import { isPostgres } from '../../../../../utils/dialect';
import { minuteOf } from '../domain/due';
import { TABLES } from '../content-types';

type HabitRow = { id: number; user_id: number | null; reminder_enabled: unknown; reminder_times: unknown; archived: unknown };

const truthy = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 't';

const timesOf = (raw: unknown): number[] => {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  return [...new Set(value.map(minuteOf).filter((m): m is number => m !== null))];
};

/** Rows inserted `size` at a time (SQLite allows at most 999 bound values in one statement). */
export const insertChunks = async (db: Knex | Knex.Transaction, table: string, rows: object[], size: number): Promise<void> => {
  for (let i = 0; i < rows.length; i += size) await db(table).insert(rows.slice(i, i + size));
};

/**
 * The minute job's index: one row per reminder time of each habit with reminders on (and per user with a
 * streak-at-risk hour), holding the user's timezone, so "what is due at 21:00 in Asia/Shanghai" is one
 * indexed lookup instead of a scan of every habit. A derived copy: kept in step by the habit and user
 * lifecycles (register.ts) and the settings service, and rebuilt from the habits by `rebuildAll`.
 */
const slotsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  const timezoneOfUser = async (db: Knex | Knex.Transaction, userId: number): Promise<string> => {
    const user = await db(TABLES.users).where({ id: userId }).first('timezone');
    return effectiveTimezone(user?.timezone);
  };

  const habitRows = (habit: HabitRow, timezone: string) =>
    habit.user_id && truthy(habit.reminder_enabled) && !truthy(habit.archived)
      ? timesOf(habit.reminder_times).map((minute) => ({ user_ref: habit.user_id, habit_ref: habit.id, kind: 'habit', timezone, minute }))
      : [];

  const service = {
    /** Re-derives the slots of some habits from their rows (a deleted habit loses its slots). */
    async syncHabits(habitIds: number[], trx?: Knex.Transaction): Promise<void> {
      const ids = [...new Set(habitIds.filter((id) => Number.isInteger(id)))];
      if (ids.length === 0) return;
      const run = async (db: Knex | Knex.Transaction) => {
        const habits = (await db(TABLES.habits).whereIn('id', ids).select('id', 'user_id', 'reminder_enabled', 'reminder_times', 'archived')) as HabitRow[];
        await db(TABLES.slots).whereIn('habit_ref', ids).andWhere({ kind: 'habit' }).del();
        const zones = new Map<number, string>();
        const rows = [];
        for (const habit of habits) {
          if (!habit.user_id) continue;
          if (!zones.has(habit.user_id)) zones.set(habit.user_id, await timezoneOfUser(db, habit.user_id));
          rows.push(...habitRows(habit, zones.get(habit.user_id) as string));
        }
        await insertChunks(db, TABLES.slots, rows, 500);
      };
      if (trx) await run(trx);
      else await knex().transaction(run);
    },

    /** A user's timezone changed: their slots move with it. */
    async syncUserTimezone(userId: number, timezone: unknown, trx?: Knex.Transaction): Promise<void> {
      await (trx ?? knex())(TABLES.slots).where({ user_ref: userId }).update({ timezone: effectiveTimezone(timezone) });
    },

    /** The user's streak-at-risk slot: at `hour` (null: none). */
    async setStreakHour(userId: number, hour: number | null, trx?: Knex.Transaction): Promise<void> {
      const db = trx ?? knex();
      await db(TABLES.slots).where({ user_ref: userId, kind: 'streak' }).del();
      if (hour === null) return;
      await db(TABLES.slots).insert({ user_ref: userId, habit_ref: null, kind: 'streak', timezone: await timezoneOfUser(db, userId), minute: hour * 60 });
    },

    /** Every slot again from the habits and settings (a migration, a repair). Returns the rows written. */
    async rebuildAll(): Promise<number> {
      const db = knex();
      if (isPostgres(db)) {
        // One statement per kind on PostgreSQL: a million habits in seconds, not a round trip each.
        return db.transaction(async (trx) => {
          await trx(TABLES.slots).del();
          const habits = await trx.raw(
            `INSERT INTO ${TABLES.slots} (user_ref, habit_ref, kind, timezone, minute)
             SELECT DISTINCT h.user_id, h.id, 'habit', COALESCE(NULLIF(u.timezone, ''), ?), (split_part(t.value, ':', 1)::int * 60 + split_part(t.value, ':', 2)::int)
             FROM ${TABLES.habits} h JOIN ${TABLES.users} u ON u.id = h.user_id
             CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(h.reminder_times::jsonb) = 'array' THEN h.reminder_times::jsonb ELSE '[]'::jsonb END) AS t(value)
             WHERE h.reminder_enabled = true AND h.archived = false AND t.value ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`,
            [DEFAULT_TIMEZONE],
          );
          const streaks = await trx.raw(
            `INSERT INTO ${TABLES.slots} (user_ref, habit_ref, kind, timezone, minute)
             SELECT s.user_id, NULL, 'streak', COALESCE(NULLIF(u.timezone, ''), ?), s.streak_risk_hour * 60
             FROM ${TABLES.settings} s JOIN ${TABLES.users} u ON u.id = s.user_id WHERE s.streak_risk_hour IS NOT NULL`,
            [DEFAULT_TIMEZONE],
          );
          return Number(habits.rowCount ?? 0) + Number(streaks.rowCount ?? 0);
        });
      }
      let written = 0;
      await db.transaction(async (trx) => {
        await trx(TABLES.slots).del();
        let lastId = 0;
        for (;;) {
          const habits = (await trx(TABLES.habits)
            .where('id', '>', lastId)
            .andWhere({ reminder_enabled: true })
            .orderBy('id')
            .limit(1000)
            .select('id', 'user_id', 'reminder_enabled', 'reminder_times', 'archived')) as HabitRow[];
          if (habits.length === 0) break;
          lastId = habits[habits.length - 1]?.id ?? lastId;
          const users = new Map<number, string>();
          const userRows = await trx(TABLES.users).whereIn('id', [...new Set(habits.map((h) => h.user_id).filter((id): id is number => !!id))]).select('id', 'timezone');
          for (const user of userRows) users.set(Number(user.id), effectiveTimezone(user.timezone));
          const rows = habits.flatMap((habit) => (habit.user_id ? habitRows(habit, users.get(habit.user_id) ?? DEFAULT_TIMEZONE) : []));
          await insertChunks(trx, TABLES.slots, rows, 200);
          written += rows.length;
        }
        const settings = await trx(TABLES.settings).whereNotNull('streak_risk_hour').select('user_id', 'streak_risk_hour');
        for (const setting of settings) {
          if (!setting.user_id) continue;
          await trx(TABLES.slots).insert({ user_ref: setting.user_id, habit_ref: null, kind: 'streak', timezone: await timezoneOfUser(trx, setting.user_id), minute: Number(setting.streak_risk_hour) * 60 });
          written += 1;
        }
      });
      return written;
    },

    /**
     * The timezones that have any slot: a loose index scan (one index probe per distinct timezone, on both
     * databases), so a million slots in a handful of zones cost a handful of probes.
     */
    async zones(): Promise<string[]> {
      const rows = await knex().raw(
        `WITH RECURSIVE z(tz) AS (
           SELECT MIN(timezone) FROM ${TABLES.slots}
           UNION ALL
           SELECT (SELECT MIN(timezone) FROM ${TABLES.slots} WHERE timezone > z.tz) FROM z WHERE z.tz IS NOT NULL
         ) SELECT tz FROM z WHERE tz IS NOT NULL`,
      );
      const list = (Array.isArray(rows) ? rows : rows.rows) as Array<{ tz: string }>;
      return list.map((row) => row.tz);
    },
  };
  return service;
};

export type SlotsService = ReturnType<typeof slotsService>;
export default slotsService;
