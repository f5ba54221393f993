import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { conflictError, NotFoundError, ValidationError } from '../../../../../utils/errors';
import { TABLES } from '../content-types';
import { checkInPoints, habitStreakOfDays, makeupCardsEarned, rankFor, streakHoldsThrough, streakUnitOf, toDayNumber, type Frequency, type Weekday } from '../domain';
import { getService } from '../utils/get-service';
import { calendarDate, isoInstant, parseJson } from '../utils/rows';
import type { Sql } from '../utils/sql';
import { CHECK_IN_SQL } from '../statements';
import type { DayCounters } from './ledger';
import { lastDayOfMonth } from '../../../../../utils/calendar';
import { localDayFor, type DaySettings } from '../../../../../utils/clock';
import type { CheckInInput, MakeupInput } from '../validation/check-ins';
import type { IdempotentRequest, StoredAnswer as Answer } from './idempotency';
import type { RewardSettings } from './settings';

/**
 * Check-ins, the platform's hot path. One transaction holds the user's row (so one user's counters and
 * balance change one at a time), inserts the check-in (the unique (user, habit, local_date) index is
 * the last word on duplicates), updates the user's day counters and makeup cards, and writes the points
 * through the ledger. Knex instead of the Document Service: one round trip per step, conditional SQL,
 * nothing populated that the answer does not need.
 */

/**
 * Emitted on `strapi.eventHub` after a check-in, a makeup or an undo COMMITS (never awaited by the
 * request: the hot path gains no work). Listeners (the challenges' progress) recompute from the rows.
 */
/**
 * Another plugin's say over whether a local day of a habit may be checked in (the quit plugin: not a
 * relapse day of a quit habit). Runs in the check-in's transaction, under the user's row lock; a refusal
 * is a 409 with its details.
 */
export type CheckInDayGuard = (sql: Sql, day: { userId: number; habitKind: string; localDate: string; settings: RewardSettings }) => Promise<{ message: string; details: Record<string, unknown> } | null>;

export const CHECK_IN_CHANGED_EVENT = 'gamification.check-in.changed';
export type CheckInChanged = {
  userId: number;
  habitId: number;
  localDate: string;
  kind: 'check-in' | 'makeup' | 'undo';
  /** A check-in's streak right after it, and whether it earned a streak bonus (a milestone: seed 000's 7 and 30). */
  streak?: { current: number; unit: 'days' | 'weeks' | 'periods'; milestone: boolean };
};

type HabitRow = {
  id: number;
  document_id: string;
  title: string;
  kind: string;
  archived: boolean | number;
  start_date: string | null;
  end_date: string | null;
  created_at: number | string | Date;
  frequency_type: 'daily' | 'timesPerWeek' | 'weekdays' | 'everyNDays';
  times_per_week: number | null;
  weekdays: unknown;
  interval_days: number | null;
};

type UserCounters = {
  timezone: string;
  day_start_hour: number;
  consecutive_days: number;
  total_check_in_days: number;
  last_check_in_date: string | null;
  last_makeup_award_date: string | null;
  makeup_cards: number;
};


type CheckInRow = {
  id: number;
  document_id: string;
  local_date: string;
  checked_at: number | string | Date | null;
  is_makeup: boolean | number;
  made_up_on: string | null;
  mood: number | null;
  note: string | null;
  images: unknown;
  duration: number | null;
  count: number | null;
  points_awarded: number;
};



export const frequencyOf = (habit: Pick<HabitRow, 'frequency_type' | 'times_per_week' | 'weekdays' | 'interval_days'>): Frequency => {
  switch (habit.frequency_type) {
    case 'timesPerWeek':
      return { type: 'timesPerWeek', timesPerWeek: habit.times_per_week ?? 1 };
    case 'weekdays': {
      const days = parseJson(habit.weekdays);
      return { type: 'weekdays', weekdays: (Array.isArray(days) ? days : [1, 2, 3, 4, 5, 6, 7]) as Weekday[] };
    }
    case 'everyNDays':
      return { type: 'everyNDays', intervalDays: habit.interval_days ?? 2 };
    default:
      return { type: 'daily' };
  }
};

/** The signed-in user as authentication read them for this request (the full row: fresh counters). */
type TodayUser = { id: number; timezone?: string | null; dayStartHour?: number | null; pointsBalance?: number | null; makeupCards?: number | null };

type TodayRow = CheckInRow & {
  habit_id: number;
  habit_document_id: string;
  habit_title: string;
  habit_kind: string;
  habit_frequency_type: HabitRow['frequency_type'];
  streak_current: number | null;
  streak_longest: number | null;
  streak_holds_through: unknown;
};

type NewCheckIn = {
  userId: number;
  habitId: number;
  localDate: string;
  now: Date;
  madeUpOn?: string;
  pointsAwarded: number;
  input?: Partial<Pick<CheckInInput, 'mood' | 'note' | 'images' | 'duration' | 'count'>>;
};

/** The habit's streak to store with a check-in (habits.streak_*). */
type StoredStreak = { current: number; longest: number; holdsThrough: string | null };

/**
 * Insert one check-in, whatever made it (a check-in or a makeup), and store the habit's streak with it;
 * undefined (and nothing stored) when the day is taken. One statement on PostgreSQL, two on SQLite.
 */
const insertCheckIn = async (sql: Sql, row: NewCheckIn, streak: StoredStreak): Promise<CheckInRow | undefined> => {
  const { input = {}, now } = row;
  const params = [
    crypto.randomBytes(12).toString('hex'), row.userId, row.habitId, row.localDate, now, now, now, now,
    row.madeUpOn !== undefined, row.madeUpOn ?? null, input.mood ?? null, input.note ?? null,
    input.images ? JSON.stringify(input.images) : null, input.duration ?? null, input.count ?? null, row.pointsAwarded,
  ];
  const streakParams = [streak.current, streak.longest, streak.holdsThrough];
  if (sql.postgres) return (await sql.rows<CheckInRow>(CHECK_IN_SQL.insertWithStreak, [...params, ...streakParams]))[0];
  const [inserted] = await sql.rows<CheckInRow>(CHECK_IN_SQL.insert, params);
  if (inserted) await sql.rows(CHECK_IN_SQL.saveStreak, [...streakParams, row.habitId]);
  return inserted;
};

/** A habit's first day: its start date, else the owner's local day when it was created. */
export const habitStartDate = (habit: Pick<HabitRow, 'start_date' | 'created_at'>, owner: DaySettings): string =>
  habit.start_date ? calendarDate(habit.start_date) : localDayFor(owner, new Date(habit.created_at as number));

const checkInView = (row: CheckInRow, habit: Pick<HabitRow, 'document_id' | 'title'>) => ({
  id: Number(row.id),
  documentId: row.document_id,
  localDate: calendarDate(row.local_date),
  checkedAt: isoInstant(row.checked_at),
  isMakeup: Boolean(row.is_makeup),
  madeUpOn: row.made_up_on ? calendarDate(row.made_up_on) : null,
  mood: row.mood,
  note: row.note,
  images: parseJson(row.images),
  duration: row.duration,
  count: row.count,
  pointsAwarded: Number(row.points_awarded),
  habit: { documentId: habit.document_id, title: habit.title },
});

const checkInsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => getService(strapi, 'clock');
  const dayGuards: CheckInDayGuard[] = [];
  const dayRefusal = async (sql: Sql, day: { userId: number; habitKind: string; localDate: string; settings: RewardSettings }) => {
    for (const guard of dayGuards) {
      const refusal = await guard(sql, day);
      if (refusal) return refusal;
    }
    return null;
  };

  /**
   * The habit (with its owner's counters, locked) or a 404.
   */
  const loadHabit = async (sql: Sql, userId: number, habitDocumentId: string) => {
    type Row = HabitRow & UserCounters & { check_in_days: string | null; row_version: string | null; seen_version: string | null };
    const [row] = await sql.rows<Row>(CHECK_IN_SQL.loadHabit, [habitDocumentId, userId]);
    if (!row) throw new NotFoundError(`habit ${habitDocumentId} not found among your habits`, { field: 'habit' });
    // Waited for a concurrent write of this user: the lock is ours now, so a new read is current.
    // Day numbers, not dates: parsing a long history's dates cost a loyal user's check-in milliseconds.
    const checkInDays =
      row.row_version !== row.seen_version
        ? (await sql.rows<{ day: number | string }>(CHECK_IN_SQL.habitDays, [row.id])).map((r) => Number(r.day))
        : row.check_in_days
          ? row.check_in_days.split(',').map(Number)
          : [];
    return { ...row, checkInDays };
  };

  const startOf = (habit: HabitRow & UserCounters) => habitStartDate(habit, { timezone: habit.timezone, dayStartHour: habit.day_start_hour });

  /** A 409 as an answer that can be stored under an idempotency key (the envelope Strapi would send). */
  const conflictAnswer = (message: string, details: Record<string, unknown>): Answer => {
    const error = conflictError(message, details);
    return { statusCode: 409, body: { data: null, error: { status: 409, name: error.name, message: error.message, details: error.details } } };
  };

  const duplicateAnswer = async (sql: Sql, habit: HabitRow, localDate: string): Promise<Answer> => {
    const [existing] = await sql.rows<CheckInRow>(CHECK_IN_SQL.findByDay, [habit.id, localDate]);
    return conflictAnswer(`This habit is already checked in for ${localDate}`, { reason: 'already_checked_in', checkIn: checkInView(existing, habit) });
  };

  /**
   * Whether a missed `date` of this habit can still be made up today, by the rules POST /check-ins/makeup
   * applies (`blockedBy` is that route's refusal reason), for a client offering the makeup.
   */
  const makeupOutlook = async (sql: Sql, habit: HabitRow & UserCounters, userId: number, date: string, today: string, settings: RewardSettings) => {
    const [made] = await sql.rows<{ n: number | string }>(CHECK_IN_SQL.countMakeups, [userId, true, today]);
    const makeupsLeftToday = Math.max(0, settings.makeupsPerDay - Number(made.n));
    const cardsLeft = Number(habit.makeup_cards);
    const withinWindow = date < today && date >= clock().addDays(today, -settings.makeupWindowDays);
    const blockedBy = !withinWindow
      ? 'too_old'
      : date < startOf(habit)
        ? 'before_start'
        : habit.end_date && date > calendarDate(habit.end_date)
          ? 'after_end'
          : cardsLeft < 1
            ? 'no_cards'
            : makeupsLeftToday < 1
              ? 'daily_limit'
              : null;
    return {
      possible: blockedBy === null,
      blockedBy,
      withinWindow,
      /** The last local day on which `date` is still inside the makeup window. */
      lastDay: clock().addDays(date, settings.makeupWindowDays),
      windowDays: settings.makeupWindowDays,
      cardsLeft,
      makeupsPerDay: settings.makeupsPerDay,
      makeupsLeftToday,
    };
  };

  const dayPassedAnswer = async (sql: Sql, habit: HabitRow & UserCounters, userId: number, date: string, today: string, settings: RewardSettings) => {
    const makeup = await makeupOutlook(sql, habit, userId, date, today, settings);
    const next = makeup.possible ? 'a makeup (POST /api/check-ins/makeup) can still mend it' : `it cannot be made up (${makeup.blockedBy})`;
    return conflictAnswer(`${date} is over (your local day is ${today}), so it is not checked in; ${next}`, {
      reason: 'day_passed',
      date,
      today,
      habit: { documentId: habit.document_id, title: habit.title },
      makeup,
    });
  };

  const streakOf = (habit: HabitRow & UserCounters, days: number[], today: string, settings: RewardSettings) =>
    habitStreakOfDays({ frequency: frequencyOf(habit), startDate: startOf(habit), checkInDays: days, today, weekStartsOn: settings.weekStartsOn });

  /**
   * Keep the habit's streak on its row after a change of its days (check-in, makeup, undo), with the last
   * day it holds without another check-in: the home page reads it back instead of the history.
   */
  const storedStreak = (habit: HabitRow & UserCounters, days: number[], today: string, settings: RewardSettings, streak = streakOf(habit, days, today, settings)): StoredStreak => {
    const input = { frequency: frequencyOf(habit), startDate: startOf(habit), checkInDays: days, today, weekStartsOn: settings.weekStartsOn };
    return { current: streak.current, longest: streak.longest, holdsThrough: streakHoldsThrough(input, streak.current) };
  };
  const saveStreak = async (sql: Sql, habit: HabitRow & UserCounters, days: number[], today: string, settings: RewardSettings) => {
    const { current, longest, holdsThrough } = storedStreak(habit, days, today, settings);
    await sql.rows(CHECK_IN_SQL.saveStreak, [current, longest, holdsThrough, habit.id]);
  };

  /** The user's day counters recounted from their check-ins (after a makeup or an undo: rare, so exact). */
  const countDays = async (sql: Sql, userId: number, today: string): Promise<Pick<DayCounters, 'totalDays' | 'consecutiveDays' | 'lastCheckInDate'>> => {
    const rows = await sql.rows<{ local_date: unknown }>(CHECK_IN_SQL.userDays, [userId]);
    const days = rows.map((r) => calendarDate(r.local_date)).filter((day) => day <= today);
    let consecutive = 0;
    if (days.length > 0 && (days[0] === today || days[0] === clock().addDays(today, -1))) {
      consecutive = 1;
      while (consecutive < days.length && days[consecutive] === clock().addDays(days[0], -consecutive)) consecutive += 1;
    }
    return { totalDays: days.length, consecutiveDays: consecutive, lastCheckInDate: days[0] ?? null };
  };

  /** Tell listeners once the transaction has committed (they read what it wrote). */
  const announce = (sql: Sql, change: CheckInChanged) => {
    sql.afterCommit(() => {
      void strapi.eventHub.emit(CHECK_IN_CHANGED_EVENT, change);
    });
  };

  const service = {
    /**
     * POST /api/check-ins: today's check-in of one habit, with points and counters, or the first answer to
     * this idempotency key. `input.localDate` is the day the user tapped (an offline queue replays later):
     * today is a check-in; an earlier day is never moved onto today, it is a 409 `day_passed` saying whether
     * a makeup can still mend it; a later day is a 400.
     */
    async checkIn(userId: number, input: CheckInInput, idempotent?: IdempotentRequest): Promise<Answer> {
      const idempotency = getService(strapi, 'idempotency');
      if (idempotent) {
        const stored = await idempotency.find(null, userId, idempotent);
        if (stored) return stored;
      }
      const settings = await getService(strapi, 'settings').get();
      const now = clock().now();

      return getService(strapi, 'sql').transaction(async (sql) => {
        // The habit load takes the user's row lock; only then is a stored answer final.
        const habit = await loadHabit(sql, userId, input.habit);
        if (idempotent) {
          // A concurrent retry may have committed while we waited for the lock.
          const stored = await idempotency.find(sql, userId, idempotent);
          if (stored) return stored;
        }
        const today = clock().localDay({ timezone: habit.timezone, dayStartHour: habit.day_start_hour }, now);
        if (input.localDate !== undefined && input.localDate > today) {
          throw new ValidationError(`localDate ${input.localDate} is after your local day (${today}): a day can only be checked in once it has come`, {
            field: 'localDate',
            reason: 'future_date',
            today,
          });
        }
        if (habit.archived) throw new ValidationError('This habit is archived; restore it to check in', { field: 'habit' });
        const days = habit.checkInDays;
        const finish = async (answer: Answer) => {
          if (idempotent) await idempotency.save(sql, userId, idempotent, answer, now);
          return answer;
        };
        if (input.localDate !== undefined && input.localDate < today) {
          // Done that day already (online, or by an earlier replay): the client's "already done".
          if (days.includes(toDayNumber(input.localDate))) return finish(await duplicateAnswer(sql, habit, input.localDate));
          return finish(await dayPassedAnswer(sql, habit, userId, input.localDate, today, settings));
        }
        if (startOf(habit) > today) throw new ValidationError(`This habit starts on ${startOf(habit)}`, { field: 'habit' });
        if (habit.end_date && calendarDate(habit.end_date) < today) throw new ValidationError(`This habit ended on ${calendarDate(habit.end_date)}`, { field: 'habit' });

        const todayNumber = toDayNumber(today);
        if (days.includes(todayNumber)) return finish(await duplicateAnswer(sql, habit, today));
        const refusal = await dayRefusal(sql, { userId, habitKind: habit.kind, localDate: today, settings });
        if (refusal) return finish(conflictAnswer(refusal.message, refusal.details));

        const streak = streakOf(habit, [...days, todayNumber], today, settings);
        const points = checkInPoints({ perCheckIn: settings.pointsPerCheckIn, streakBonuses: settings.streakBonuses }, streak.current);

        const inserted = await insertCheckIn(
          sql,
          { userId, habitId: habit.id, localDate: today, now, pointsAwarded: points.total, input },
          storedStreak(habit, [...days, todayNumber], today, settings, streak),
        );
        if (!inserted) return finish(await duplicateAnswer(sql, habit, today));
        announce(sql, {
          userId, habitId: habit.id, localDate: today, kind: 'check-in',
          streak: { current: streak.current, unit: streak.unit, milestone: points.parts.some((part) => part.reason === 'streak-bonus') },
        });

        // The user's day counters: only the first check-in of a local day moves them.
        const yesterday = clock().addDays(today, -1);
        const lastDay = habit.last_check_in_date ? calendarDate(habit.last_check_in_date) : null;
        const firstToday = lastDay !== today;
        const before = lastDay === today || lastDay === yesterday ? Number(habit.consecutive_days) : 0;
        const consecutive = firstToday ? before + 1 : before;
        const totalDays = Number(habit.total_check_in_days) + (firstToday ? 1 : 0);
        const awardDay = habit.last_makeup_award_date ? calendarDate(habit.last_makeup_award_date) : null;
        // At most one card award per local day, so deleting and redoing today's check-in cannot farm cards.
        const cardsEarned = firstToday && awardDay !== today ? makeupCardsEarned(before, consecutive, settings.makeupCardEvery) : 0;
        const { balance } = await getService(strapi, 'ledger').apply(
          sql,
          userId,
          points.parts.map((part) => ({
            amount: part.amount,
            reason: part.reason,
            sourceType: 'check-in',
            sourceId: inserted.document_id,
            note: part.every ? `${part.every}-${streak.unit} streak` : undefined,
          })),
          now,
          { totalDays, consecutiveDays: consecutive, lastCheckInDate: today, cardsDelta: cardsEarned, cardsAwardedOn: cardsEarned > 0 ? today : null },
        );

        const body = {
          data: checkInView(inserted, habit),
          meta: {
            streak: { current: streak.current, longest: streak.longest, unit: streak.unit },
            points: { awarded: points.total, parts: points.parts, balance },
            user: {
              totalDays,
              consecutiveDays: consecutive,
              makeupCards: Number(habit.makeup_cards) + cardsEarned,
              makeupCardsEarned: cardsEarned,
              rank: rankFor(totalDays),
            },
          },
        };
        return finish({ statusCode: 201, body });
      });
    },

    /** POST /api/check-ins/makeup: spend a makeup card on a missed past day (seed 003 rules). */
    async makeup(userId: number, input: MakeupInput): Promise<Answer> {
      const settings = await getService(strapi, 'settings').get();
      const now = clock().now();
      return getService(strapi, 'sql').transaction(async (sql) => {
        const habit = await loadHabit(sql, userId, input.habit);
        const today = clock().localDay({ timezone: habit.timezone, dayStartHour: habit.day_start_hour }, now);
        const refuse = (message: string, reason: string) => new ValidationError(message, { field: 'date', reason });
        if (habit.archived) throw new ValidationError('This habit is archived; restore it first', { field: 'habit' });
        if (input.date >= today) throw refuse('Only past days can be made up', 'not_past');
        if (input.date < clock().addDays(today, -settings.makeupWindowDays)) {
          throw refuse(`Only the last ${settings.makeupWindowDays} days can be made up`, 'too_old');
        }
        if (input.date < startOf(habit)) throw refuse(`This habit started on ${startOf(habit)}`, 'before_start');
        if (habit.end_date && input.date > calendarDate(habit.end_date)) throw refuse(`This habit ended on ${calendarDate(habit.end_date)}`, 'after_end');

        const days = habit.checkInDays;
        const dayNumber = toDayNumber(input.date);
        if (days.includes(dayNumber)) return duplicateAnswer(sql, habit, input.date);
        const refusal = await dayRefusal(sql, { userId, habitKind: habit.kind, localDate: input.date, settings });
        if (refusal) throw conflictError(refusal.message, refusal.details);
        if (Number(habit.makeup_cards) < 1) {
          throw refuse(`No makeup cards left: one is earned for every ${settings.makeupCardEvery} consecutive days`, 'no_cards');
        }
        const [madeToday] = await sql.rows<{ n: number | string }>(CHECK_IN_SQL.countMakeups, [userId, true, today]);
        if (Number(madeToday.n) >= settings.makeupsPerDay) {
          throw refuse(`At most ${settings.makeupsPerDay} makeups a day`, 'daily_limit');
        }

        const streak = streakOf(habit, [...days, dayNumber], today, settings);
        const points = settings.makeupAwardsPoints
          ? checkInPoints({ perCheckIn: settings.pointsPerCheckIn, streakBonuses: [] }, streak.current)
          : { total: 0, parts: [] };
        const inserted = await insertCheckIn(
          sql,
          { userId, habitId: habit.id, localDate: input.date, madeUpOn: today, now, pointsAwarded: points.total },
          storedStreak(habit, [...days, dayNumber], today, settings, streak),
        );
        // The owner's row is locked and has a card (checked above); the CHECK constraint is the backstop.
        if (!inserted) return duplicateAnswer(sql, habit, input.date);
        announce(sql, { userId, habitId: habit.id, localDate: input.date, kind: 'makeup' });
        const counters = await countDays(sql, userId, today);
        const { balance } = await getService(strapi, 'ledger').apply(
          sql,
          userId,
          points.parts.map((part) => ({ amount: part.amount, reason: 'makeup', sourceType: 'check-in', sourceId: inserted.document_id })),
          now,
          { ...counters, cardsDelta: -1 },
        );
        return {
          statusCode: 201,
          body: {
            data: checkInView(inserted, habit),
            meta: {
              streak: { current: streak.current, longest: streak.longest, unit: streak.unit },
              points: { awarded: points.total, balance },
              user: { ...counters, makeupCards: Number(habit.makeup_cards) - 1, rank: rankFor(counters.totalDays) },
            },
          },
        };
      });
    },

    /** Add a say over which days may be checked in (another plugin's register()). */
    addDayGuard(guard: CheckInDayGuard) {
      dayGuards.push(guard);
    },

    /**
     * Undo, inside the caller's transaction `sql` (which holds the user's row lock), the user's check-ins of
     * `localDate` on their habits of `habitKind` (a relapse undoing the quit habits' day). Unlike DELETE, any
     * day: the streak and day counters are recounted, and the check-in's points are reversed through the
     * ledger as far as the balance allows (points already spent stay spent: the balance never goes below 0,
     * and `pointsNotReversed` says how many). Returns what was undone. `settings` are read before the transaction
     * (on SQLite a read outside it would wait for the one connection the transaction holds).
     */
    async undoDay(sql: Sql, userId: number, localDate: string, habitKind: string, now: Date, settings: RewardSettings) {
      type Row = { id: number; document_id: string; points_awarded: number; habit_document_id: string };
      const rows = await sql.rows<Row>(CHECK_IN_SQL.ofKindOnDay, [userId, localDate, habitKind]);
      const undone: Array<{ checkIn: string; habit: string; pointsReversed: number; pointsNotReversed: number }> = [];
      for (const row of rows) {
        const deleted = await sql.rows(CHECK_IN_SQL.delete, [row.id]);
        if (deleted.length === 0) continue;
        const habit = await loadHabit(sql, userId, row.habit_document_id);
        const today = clock().localDay({ timezone: habit.timezone, dayStartHour: habit.day_start_hour }, now);
        await saveStreak(sql, habit, habit.checkInDays, today, settings);
        announce(sql, { userId, habitId: habit.id, localDate, kind: 'undo' });
        const [user] = await sql.rows<{ points_balance: number | string }>(CHECK_IN_SQL.userBalance, [userId]);
        const awarded = Number(row.points_awarded);
        const reversed = Math.min(awarded, Math.max(0, Number(user?.points_balance ?? 0)));
        const lines = reversed > 0 ? [{ amount: -reversed, reason: 'check-in-reversal', sourceType: 'check-in', sourceId: row.document_id, note: 'relapse' }] : [];
        await getService(strapi, 'ledger').apply(sql, userId, lines, now, await countDays(sql, userId, today));
        undone.push({ checkIn: row.document_id, habit: row.habit_document_id, pointsReversed: reversed, pointsNotReversed: awarded - reversed });
      }
      return undone;
    },

    /** DELETE /api/check-ins/:id: only today's, and its points go back through the ledger. */
    async remove(userId: number, documentId: string): Promise<void> {
      const now = clock().now();
      const settings = await getService(strapi, 'settings').get();
      await getService(strapi, 'sql').transaction(async (sql) => {
        type Row = { id: number; local_date: unknown; points_awarded: number; document_id: string; timezone: string; day_start_hour: number; habit_document_id: string };
        const [row] = await sql.rows<Row>(
          CHECK_IN_SQL.loadOwn,
          [documentId, userId],
        );
        if (!row) throw new NotFoundError('Check-in not found');
        const today = clock().localDay({ timezone: row.timezone, dayStartHour: row.day_start_hour }, now);
        if (calendarDate(row.local_date) !== today) {
          throw new ValidationError("Only today's check-in can be undone; past days stay as they are", { reason: 'not_today' });
        }
        // A concurrent undo of the same check-in may have committed while this one waited for the lock.
        const deleted = await sql.rows(CHECK_IN_SQL.delete, [row.id]);
        if (deleted.length === 0) throw new NotFoundError('Check-in not found');
        const habit = await loadHabit(sql, userId, row.habit_document_id);
        await saveStreak(sql, habit, habit.checkInDays, today, settings);
        announce(sql, { userId, habitId: habit.id, localDate: today, kind: 'undo' });
        const awarded = Number(row.points_awarded);
        // Reversed, never edited: a negative entry. If the points were already spent, the check-in stays.
        const reversal = awarded > 0 ? [{ amount: -awarded, reason: 'check-in-reversal', sourceType: 'check-in', sourceId: row.document_id }] : [];
        await getService(strapi, 'ledger')
          .apply(sql, userId, reversal, now, await countDays(sql, userId, today))
          .catch((error: unknown) => {
            if ((error as { details?: { reason?: string } }).details?.reason === 'insufficient_points') {
              throw conflictError('The points of this check-in were already spent, so it can no longer be undone', { reason: 'points_spent' });
            }
            throw error;
          });
      });
    },

    /**
     * GET /api/check-ins/today: the user's local day, today's check-ins, and each active habit's state with
     * its stored streak; the user's balance and cards come from the row authentication read for this request.
     * One statement; a habit whose streak was never stored (created by SQL, or edited to a new schedule) is
     * counted once from its history and stored.
     */
    async today(user: TodayUser) {
      const today = clock().localDay(user);
      const sql = getService(strapi, 'sql');
      let rows = await sql.rows<TodayRow>(CHECK_IN_SQL.today, [today, user.id, false]);
      const unknown = rows.filter((row) => row.streak_longest === null);
      if (unknown.length > 0) {
        const settings = await getService(strapi, 'settings').get();
        await sql.transaction(async (tx) => {
          for (const row of unknown) {
            const habit = await loadHabit(tx, user.id, row.habit_document_id);
            await saveStreak(tx, habit, habit.checkInDays, clock().localDay({ timezone: habit.timezone, dayStartHour: habit.day_start_hour }), settings);
          }
        });
        rows = await sql.rows<TodayRow>(CHECK_IN_SQL.today, [today, user.id, false]);
      }
      const habitOf = (row: TodayRow) => ({ document_id: row.habit_document_id, title: row.habit_title });
      const streakOfRow = (row: TodayRow) => {
        const holdsThrough = row.streak_holds_through ? calendarDate(row.streak_holds_through) : null;
        return {
          current: holdsThrough !== null && today <= holdsThrough ? Number(row.streak_current) : 0,
          longest: Number(row.streak_longest ?? 0),
          unit: streakUnitOf(row.habit_frequency_type),
        };
      };
      const done = rows.filter((row) => row.id !== null).length;
      return {
        data: rows.filter((row) => row.id !== null).map((row) => checkInView(row, habitOf(row))),
        meta: {
          localDate: today,
          habits: rows.map((row) => ({
            documentId: row.habit_document_id,
            title: row.habit_title,
            kind: row.habit_kind,
            checkedIn: row.id !== null,
            streak: streakOfRow(row),
          })),
          progress: { done, total: rows.length },
          user: { pointsBalance: Number(user.pointsBalance ?? 0), makeupCards: Number(user.makeupCards ?? 0) },
        },
      };
    },

    /**
     * GET /api/check-ins/makeup/rules: the makeup rules in force (the editors' settings, seed 003 defaults)
     * and where the user stands today, so a client shows them instead of hard-coding them.
     */
    async makeupRules(user: TodayUser) {
      const settings = await getService(strapi, 'settings').get();
      const today = clock().localDay(user);
      const [made] = await getService(strapi, 'sql').rows<{ n: number | string }>(CHECK_IN_SQL.countMakeups, [user.id, true, today]);
      const usedToday = Number(made.n);
      const startingCards = (strapi.contentType('plugin::users-permissions.user').attributes as Record<string, { default?: unknown }>).makeupCards?.default;
      return {
        windowDays: settings.makeupWindowDays,
        /** The oldest and the newest day a makeup may be for, today. */
        earliestDate: clock().addDays(today, -settings.makeupWindowDays),
        latestDate: clock().addDays(today, -1),
        perDay: settings.makeupsPerDay,
        usedToday,
        leftToday: Math.max(0, settings.makeupsPerDay - usedToday),
        cardsLeft: Number(user.makeupCards ?? 0),
        cardCost: 1,
        awardsPoints: settings.makeupAwardsPoints,
        earning: {
          /** One card each time the user's run of consecutive check-in days reaches a multiple of this (once a day). */
          everyConsecutiveDays: settings.makeupCardEvery,
          startingCards: typeof startingCards === 'number' ? startingCards : null,
          /** Besides streaks: lottery prizes of kind makeupCard and redeem codes of kind makeupCards. */
          otherSources: ['lottery', 'redeem-code'],
        },
        localDate: today,
      };
    },

    /**
     * GET /api/check-ins/calendar?month=YYYY-MM: every day of the month with the habits checked in, and the
     * makeup rules (the page offers makeups on missed days).
     */
    async calendar(user: TodayUser, month: string) {
      const userId = user.id;
      const from = `${month}-01`;
      const to = lastDayOfMonth(month);
      const rows = await strapi.db
        .connection(`${TABLES.checkIns} as c`)
        .join(`${TABLES.habits} as h`, 'h.id', 'c.habit_id')
        .where('c.user_id', userId)
        .andWhere('c.local_date', '>=', from)
        .andWhere('c.local_date', '<=', to)
        .orderBy('c.local_date')
        .select('c.local_date', 'c.is_makeup', 'c.document_id', 'h.document_id as habit_document_id', 'h.title');
      const days = new Map<string, Array<{ documentId: string; isMakeup: boolean; habit: { documentId: string; title: string } }>>();
      for (const row of rows) {
        const day = calendarDate(row.local_date);
        const list = days.get(day) ?? [];
        list.push({ documentId: row.document_id, isMakeup: Boolean(row.is_makeup), habit: { documentId: row.habit_document_id, title: row.title } });
        days.set(day, list);
      }
      return { data: [...days.entries()].map(([date, checkIns]) => ({ date, checkIns })), meta: { month, from, to, makeup: await service.makeupRules(user) } };
    },
  };
  return service;
};

export type CheckInsService = ReturnType<typeof checkInsService>;
export default checkInsService;
