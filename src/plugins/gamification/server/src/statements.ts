import { TABLES } from './content-types';
import { statement, statementFamily } from './utils/sql';

/**
 * Every hand-written statement of the plugin (see utils/sql.ts), in one place: the services run them,
 * and the benchmark's raw baseline (bench/baseline/server.js) runs the very same text, so the two
 * differ only by the framework around them.
 */

// ---- users
/**
 * Hold the user's row for the rest of the transaction, so one user's writes run one at a time. NO KEY
 * UPDATE, not FOR UPDATE: inserts that refer to the user (foreign keys take KEY SHARE) still pass, so
 * a transaction that inserted first and locks second cannot deadlock with another doing the same.
 */
const LOCK_USER = statement('users.lock', {
  postgres: `SELECT id FROM ${TABLES.users} WHERE id = ? FOR NO KEY UPDATE`,
  sqlite: `SELECT id FROM ${TABLES.users} WHERE id = ?`,
});
const ADD_MAKEUP_CARDS = statement('users.add-makeup-cards', `UPDATE ${TABLES.users} SET makeup_cards = makeup_cards + ? WHERE id = ?`);
export const USER_SQL = { lock: LOCK_USER, addMakeupCards: ADD_MAKEUP_CARDS };

// ---- check-ins
export const CHECK_IN_COLUMNS = ['id', 'document_id', 'local_date', 'checked_at', 'is_makeup', 'made_up_on', 'mood', 'note', 'images', 'duration', 'count', 'points_awarded'];
const RETURNED_COLUMNS = CHECK_IN_COLUMNS.map((column) => `"${column}"`).join(', ');

/** Days since 1970-01-01 of a DATE column, as an integer (the day numbers of utils/calendar.ts). */
const dayNumberOf = (postgres: boolean, column: string) =>
  postgres ? `(${column} - DATE '1970-01-01')` : `CAST(julianday(${column}) - 2440587.5 AS INTEGER)`;

/**
 * The habit, its owner's counters and account state, and the habit's check-in days, in one statement.
 * The days come as day numbers (a comma list): a habit checked in daily for years has well over a
 * thousand, and numbers cost the database and Node far less to write and read than dates.
 * On PostgreSQL it also locks the owner's row, so one user's counters and balance change one at a time
 * (SQLite serialises writers by itself).
 *
 * A statement that waited for the lock returns the owner's row as the lock holder committed it, but the
 * rest (the check-in days) as of when the statement began. Every write of check-ins also updates the
 * owner's row, so `row_version` (the locked row) differing from `seen_version` (the row in the
 * statement's snapshot) says the days may be stale; the service then reads them again.
 */
const habitSelect = (dialect: { days: string; versions: string; lock: string }) => `
  SELECT h.id, h.document_id, h.title, h.kind, h.archived, h.start_date, h.end_date, h.created_at,
         h.frequency_type, h.times_per_week, h.weekdays, h.interval_days,
         u.timezone, u.day_start_hour, u.consecutive_days, u.total_check_in_days, u.last_check_in_date,
         u.last_makeup_award_date, u.makeup_cards, u.blocked, u.deleted_at, l.role_id,
         (SELECT ${dialect.days} FROM ${TABLES.checkIns} c WHERE c.habit_id = h.id) AS check_in_days,
         ${dialect.versions}
    FROM ${TABLES.habits} h
    JOIN ${TABLES.users} u ON u.id = h.user_id
    LEFT JOIN up_users_role_lnk l ON l.user_id = u.id
   WHERE h.document_id = ? AND h.user_id = ?
   LIMIT 1 ${dialect.lock}`;
const LOAD_HABIT = statement('check-ins.load-habit', {
  postgres: habitSelect({
    days: `string_agg(${dayNumberOf(true, 'c.local_date')}::text, ',')`,
    versions: `u.xmin::text AS row_version, (SELECT s.xmin::text FROM ${TABLES.users} s WHERE s.id = u.id) AS seen_version`,
    lock: 'FOR UPDATE OF u',
  }),
  sqlite: habitSelect({ days: `group_concat(${dayNumberOf(false, 'c.local_date')}, ',')`, versions: 'NULL AS row_version, NULL AS seen_version', lock: '' }),
});
const HABIT_DAYS = statement('check-ins.habit-days', {
  postgres: `SELECT ${dayNumberOf(true, 'local_date')} AS day FROM ${TABLES.checkIns} WHERE habit_id = ?`,
  sqlite: `SELECT ${dayNumberOf(false, 'local_date')} AS day FROM ${TABLES.checkIns} WHERE habit_id = ?`,
});
const insertCheckInText = (returning: string) => `INSERT INTO ${TABLES.checkIns}
     (document_id, user_id, habit_id, local_date, checked_at, created_at, updated_at, published_at,
      is_makeup, made_up_on, mood, note, images, duration, "count", points_awarded)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT (user_id, habit_id, local_date) DO NOTHING
   RETURNING ${returning}`;
const INSERT_CHECK_IN = statement('check-ins.insert', insertCheckInText(RETURNED_COLUMNS));
const LOAD_OWN_CHECK_IN = statement('check-ins.load-own', {
  postgres: `SELECT c.id, c.local_date, c.points_awarded, c.document_id, u.timezone, u.day_start_hour, h.document_id AS habit_document_id
               FROM ${TABLES.checkIns} c JOIN ${TABLES.users} u ON u.id = c.user_id JOIN ${TABLES.habits} h ON h.id = c.habit_id
              WHERE c.document_id = ? AND c.user_id = ? LIMIT 1 FOR UPDATE OF u`,
  sqlite: `SELECT c.id, c.local_date, c.points_awarded, c.document_id, u.timezone, u.day_start_hour, h.document_id AS habit_document_id
             FROM ${TABLES.checkIns} c JOIN ${TABLES.users} u ON u.id = c.user_id JOIN ${TABLES.habits} h ON h.id = c.habit_id
            WHERE c.document_id = ? AND c.user_id = ? LIMIT 1`,
});
/**
 * A habit's streak as of its last change (check-in, makeup, undo): read back by the home page without the
 * history. `holds_through` is the last local day the current streak stands without a new check-in
 * (domain/streaks.ts streakHoldsThrough); NULL there with a streak of 0 means "no current streak".
 */
const SAVE_STREAK = statement(
  'check-ins.save-streak',
  `UPDATE ${TABLES.habits} SET streak_current = ?, streak_longest = ?, streak_holds_through = ? WHERE id = ?`,
);
/**
 * PostgreSQL only: INSERT_CHECK_IN and SAVE_STREAK in one statement (a data-modifying CTE), so storing the
 * streak costs the hot path no round trip; the streak is written only if the row went in. Params: the
 * insert's 16, then streak_current, streak_longest, streak_holds_through. SQLite, which has no INSERT in
 * a WITH, runs the two statements.
 */
const insertWithStreakText = `WITH inserted AS (${insertCheckInText(`${RETURNED_COLUMNS}, habit_id`)}),
     saved AS (UPDATE ${TABLES.habits} SET streak_current = ?, streak_longest = ?, streak_holds_through = ?
                WHERE id IN (SELECT habit_id FROM inserted))
SELECT ${RETURNED_COLUMNS} FROM inserted`;
const INSERT_CHECK_IN_WITH_STREAK = statement('check-ins.insert-with-streak', { postgres: insertWithStreakText, sqlite: insertWithStreakText });
const DELETE_CHECK_IN = statement('check-ins.delete', `DELETE FROM ${TABLES.checkIns} WHERE id = ? RETURNING id`);
const COUNT_MAKEUPS = statement(
  'check-ins.count-makeups',
  `SELECT count(*) AS n FROM ${TABLES.checkIns} WHERE user_id = ? AND is_makeup = ? AND made_up_on = ?`,
);
const CHECK_IN_DAYS = statement(
  'check-ins.days',
  `SELECT DISTINCT local_date FROM ${TABLES.checkIns} WHERE user_id = ? ORDER BY local_date DESC`,
);
const FIND_CHECK_IN = statement(
  'check-ins.find-by-day',
  `SELECT ${RETURNED_COLUMNS} FROM ${TABLES.checkIns} WHERE habit_id = ? AND local_date = ? LIMIT 1`,
);

/**
 * The home page's list: the caller's active habits in their order, each with its check-in of the day if
 * any (the unique (user, habit, local date) index finds it), and its stored streak (SAVE_STREAK). One
 * statement instead of two, and no history read.
 */
const TODAY = statement(
  'check-ins.today',
  `SELECT h.id AS habit_id, h.document_id AS habit_document_id, h.title AS habit_title, h.kind AS habit_kind,
          h.frequency_type AS habit_frequency_type, h.streak_current, h.streak_longest, h.streak_holds_through,
          ${CHECK_IN_COLUMNS.map((column) => `c."${column}"`).join(', ')}
     FROM ${TABLES.habits} h
     LEFT JOIN ${TABLES.checkIns} c ON c.user_id = h.user_id AND c.habit_id = h.id AND c.local_date = ?
    WHERE h.user_id = ? AND h.archived = ?
    ORDER BY h.sort_order, h.id`,
);

/** The user's check-ins of one local day on their habits of one kind (a relapse undoes the quit habits'). */
const CHECK_INS_OF_KIND_ON_DAY = statement(
  'check-ins.of-kind-on-day',
  `SELECT c.id, c.document_id, c.points_awarded, h.document_id AS habit_document_id, h.id AS habit_id
     FROM ${TABLES.checkIns} c JOIN ${TABLES.habits} h ON h.id = c.habit_id
    WHERE c.user_id = ? AND c.local_date = ? AND h.kind = ?`,
);
const USER_BALANCE = statement('check-ins.user-balance', `SELECT points_balance FROM ${TABLES.users} WHERE id = ?`);

export const CHECK_IN_SQL = { ofKindOnDay: CHECK_INS_OF_KIND_ON_DAY, userBalance: USER_BALANCE, today: TODAY, saveStreak: SAVE_STREAK, insertWithStreak: INSERT_CHECK_IN_WITH_STREAK, loadHabit: LOAD_HABIT, habitDays: HABIT_DAYS, insert: INSERT_CHECK_IN, loadOwn: LOAD_OWN_CHECK_IN, delete: DELETE_CHECK_IN, countMakeups: COUNT_MAKEUPS, userDays: CHECK_IN_DAYS, findByDay: FIND_CHECK_IN };

// ---- stats read models
/**
 * Days since 1970-01-01 of a DATE column, as an integer, in each dialect: the bucket and run arithmetic
 * below is done on day numbers, as domain/streaks.ts does.
 */
export const dayNumberSql = dayNumberOf;

/**
 * The runs of consecutive days of a user's check-ins (gaps and islands: a day number minus its rank is
 * constant along a run), reduced to what /api/me/stats shows: one `total` row (distinct days, check-ins),
 * the longest run, and the run holding today or yesterday (the current one, if any). A few rows whatever
 * the history; the work is one pass over the user's entries of check_ins_user_day_idx (index only).
 * Params: user id, today, yesterday.
 */
const runsSelect = (postgres: boolean, rows: string) => `
  WITH check_in_days AS (
    SELECT local_date AS d, count(*) AS n FROM ${rows} GROUP BY local_date
  ), runs AS (
    SELECT min(d) AS run_first, max(d) AS run_last, count(*) AS days
      FROM (SELECT d, ${dayNumberSql(postgres, 'd')} - row_number() OVER (ORDER BY d) AS grp FROM check_in_days) numbered
     GROUP BY grp
  )
  SELECT 'total' AS kind, NULL AS run_first, NULL AS run_last, count(*) AS days, coalesce(sum(n), 0) AS check_ins FROM check_in_days
  UNION ALL
  SELECT 'longest', run_first, run_last, days, NULL FROM (SELECT run_first, run_last, days FROM runs ORDER BY days DESC LIMIT 1) longest
  UNION ALL
  SELECT 'current', run_first, run_last, days, NULL FROM runs WHERE run_first <= ? AND run_last >= ?`;
const USER_RUNS = statement('stats.user-runs', {
  postgres: runsSelect(true, `${TABLES.checkIns} WHERE user_id = ?`),
  sqlite: runsSelect(false, `${TABLES.checkIns} WHERE user_id = ?`),
});
/** The same runs over a user's published diaries (the diary streak of /api/me/stats). Params: user id, false, today, yesterday. */
const DIARY_RUNS = statement('stats.diary-runs', {
  postgres: runsSelect(true, 'diaries WHERE user_id = ? AND is_draft = ?'),
  sqlite: runsSelect(false, 'diaries WHERE user_id = ? AND is_draft = ?'),
});
/** Check-ins per day of a user in a window of days (the last 7 days of /api/me/stats). Params: user, from, to. */
const USER_DAY_COUNTS = statement(
  'stats.user-day-counts',
  `SELECT local_date, count(*) AS n FROM ${TABLES.checkIns} WHERE user_id = ? AND local_date >= ? AND local_date <= ? GROUP BY local_date`,
);

/** What the bucket of a check-in is, per frequency (domain/summaries.ts completionBucketOf says the same in JS). */
export type BucketRule =
  | { type: 'daily' | 'weekdays'; today: number }
  | { type: 'timesPerWeek'; weekStartsOn: number }
  | { type: 'everyNDays'; start: number; intervalDays: number };

const integer = (n: number) => {
  // Inlined into the SQL text (a bound parameter in a SELECT list has no type on PostgreSQL): integers only.
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return String(n);
};

/** A rule as the row of the query's `rules` table: (habit, kind, parameter, start day number). */
const ruleRow = (habitId: number, start: number, rule: BucketRule) => {
  switch (rule.type) {
    case 'daily':
      return [habitId, 0, rule.today, start];
    case 'weekdays':
      return [habitId, 1, rule.today, start];
    case 'timesPerWeek':
      return [habitId, 2, rule.weekStartsOn, start];
    case 'everyNDays':
      return [habitId, 3, rule.intervalDays, start];
  }
};

/**
 * Check-ins per completion bucket of each habit within [its start, today]: one index-only scan of the
 * user's entries in check_ins_user_habit_day_uq, joined to a small table of the habits' rules (kind 0
 * daily: -1 today, 0 before; 1 weekdays: -1 today, the ISO weekday before; 2 timesPerWeek: the first
 * day of the week; 3 everyNDays: the block index). A habit returns at most two rows when daily, eight
 * when on weekdays, one per week or per block otherwise. The rules are inlined integers (a bound
 * parameter in a VALUES list has no type on PostgreSQL), so the text varies with the habits and is not
 * a named prepared statement; it plans in well under a millisecond.
 */
export const completionBucketsQuery = (postgres: boolean, userId: number, today: string, habits: Array<{ id: number; start: number; rule: BucketRule }>) => {
  const day = dayNumberOf(postgres, 'c.local_date');
  // % truncates toward zero in both dialects; the + 7 keeps days before 1970 on the right weekday.
  const isoWeekday = `((((${day}) % 7) + 7 + 3) % 7 + 1)`;
  const values = habits.map((h) => `(${ruleRow(h.id, h.start, h.rule).map(integer).join(', ')})`).join(', ');
  const text = `
    WITH rules (habit_id, kind, p, start) AS (VALUES ${values})
    SELECT c.habit_id AS habit_id,
           CASE r.kind
             WHEN 0 THEN CASE WHEN ${day} = r.p THEN -1 ELSE 0 END
             WHEN 1 THEN CASE WHEN ${day} = r.p THEN -1 ELSE ${isoWeekday} END
             WHEN 2 THEN ${day} - ((${isoWeekday} - r.p + 7) % 7)
             ELSE (${day} - r.start) / r.p
           END AS bucket,
           count(*) AS n
      FROM ${TABLES.checkIns} c JOIN rules r ON r.habit_id = c.habit_id
     WHERE c.user_id = ? AND c.local_date <= ? AND ${day} >= r.start
     GROUP BY 1, 2`;
  return { text, params: [userId, today] };
};

export const STATS_SQL = { userRuns: USER_RUNS, diaryRuns: DIARY_RUNS, userDayCounts: USER_DAY_COUNTS };

// ---- diaries
/** Claim the user's diary award for `today`: one row back only for the first claim of that local day. */
const CLAIM_DIARY_AWARD = statement(
  'diaries.claim-award',
  `UPDATE ${TABLES.users} SET last_diary_award_date = ?
    WHERE id = ? AND (last_diary_award_date IS NULL OR last_diary_award_date <> ?)
    RETURNING id`,
);
const SET_DIARY_POINTS = statement('diaries.set-points', `UPDATE diaries SET points_awarded = ? WHERE id = ?`);
export const DIARY_SQL = { claimAward: CLAIM_DIARY_AWARD, setPoints: SET_DIARY_POINTS };

// ---- daily tasks
const TASK_COLUMNS = `t.id, t.document_id, t.local_date, t.title, t.description, t.category, t.points, t.is_system, t.completed, t.completed_at`;
const ACTIVE_TASK_TEMPLATES = statement(
  'tasks.active-templates',
  `SELECT id, title, description, category, points, weekdays FROM task_templates WHERE active = ? ORDER BY sort_order, id`,
);
const INSERT_SYSTEM_TASKS = statementFamily(
  'tasks.insert-system',
  (count) => `INSERT INTO tasks
      (document_id, user_id, template_id, local_date, title, description, category, points, is_system, completed, created_at, updated_at, published_at)
    VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
    ON CONFLICT (user_id, local_date, template_id) DO NOTHING`,
);
const COMPLETE_TASK = statement(
  'tasks.complete',
  `UPDATE tasks SET completed = ?, completed_at = ?, updated_at = ?
    WHERE document_id = ? AND user_id = ? AND local_date = ? AND completed = ?
    RETURNING id, document_id, points`,
);
const FIND_OWN_TASK = statement(
  'tasks.find-own',
  `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.document_id = ? AND t.user_id = ? LIMIT 1`,
);
export const TASK_SQL = { activeTemplates: ACTIVE_TASK_TEMPLATES, insertSystem: INSERT_SYSTEM_TASKS, complete: COMPLETE_TASK, findOwn: FIND_OWN_TASK };

// ---- lottery
const DRAWABLE_PRIZES = statement(
  'lottery.drawable-prizes',
  `SELECT id, document_id, name, kind, amount, weight, stock FROM ${TABLES.prizes}
    WHERE active = ? AND weight > 0 AND (stock = -1 OR stock > 0)
    ORDER BY sort_order, id`,
);
const LISTED_PRIZES = statement(
  'lottery.listed-prizes',
  `SELECT document_id, name, description, kind, amount, weight, stock FROM ${TABLES.prizes} WHERE active = ? ORDER BY sort_order, id`,
);
/** Never oversells: a limited prize loses one unit only while it has one. */
const TAKE_PRIZE = statement('lottery.take-prize', `UPDATE ${TABLES.prizes} SET stock = stock - 1 WHERE id = ? AND stock > 0 RETURNING stock`);
const DRAWS_ON_DAY = statement('lottery.draws-on-day', `SELECT count(*) AS n FROM ${TABLES.draws} WHERE user_id = ? AND local_date = ?`);
const INSERT_DRAW = statement(
  'lottery.insert-draw',
  `INSERT INTO ${TABLES.draws}
      (document_id, user_id, prize_id, prize_name, prize_kind, prize_amount, is_winner, cost, local_date, created_at, updated_at, published_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    RETURNING id, document_id`,
);
const LIST_DRAWS = statement(
  'lottery.list-draws',
  `SELECT d.document_id, d.prize_name, d.prize_kind, d.prize_amount, d.is_winner, d.cost, d.local_date, d.created_at, p.document_id AS prize_document_id
     FROM ${TABLES.draws} d LEFT JOIN ${TABLES.prizes} p ON p.id = d.prize_id
    WHERE d.user_id = ? ORDER BY d.id DESC LIMIT ? OFFSET ?`,
);
const COUNT_DRAWS = statement('lottery.count-draws', `SELECT count(*) AS n FROM ${TABLES.draws} WHERE user_id = ?`);
export const LOTTERY_SQL = {
  drawablePrizes: DRAWABLE_PRIZES, listedPrizes: LISTED_PRIZES, takePrize: TAKE_PRIZE, drawsOnDay: DRAWS_ON_DAY,
  insertDraw: INSERT_DRAW, listDraws: LIST_DRAWS, countDraws: COUNT_DRAWS,
};

// ---- memberships
/** The user's membership, read with the row held (NO KEY UPDATE, as USER_SQL.lock). */
const LOCK_MEMBERSHIP = statement('memberships.lock-user', {
  postgres: `SELECT membership_tier, membership_expires_at FROM ${TABLES.users} WHERE id = ? FOR NO KEY UPDATE`,
  sqlite: `SELECT membership_tier, membership_expires_at FROM ${TABLES.users} WHERE id = ?`,
});
const SET_MEMBERSHIP = statement('memberships.set', `UPDATE ${TABLES.users} SET membership_tier = ?, membership_expires_at = ? WHERE id = ?`);
const EXPIRE_DUE = statement(
  'memberships.expire-due',
  `UPDATE ${TABLES.users} SET membership_tier = ?
    WHERE membership_tier <> ? AND membership_expires_at IS NOT NULL AND membership_expires_at <= ?
    RETURNING id`,
);
export const MEMBERSHIP_SQL = { lockUser: LOCK_MEMBERSHIP, set: SET_MEMBERSHIP, expireDue: EXPIRE_DUE };

// ---- redeem codes
const FIND_CODE = statement(
  'redeem.find-code',
  `SELECT id, document_id, kind, amount, max_uses, uses, valid_from, valid_until FROM ${TABLES.redeemCodes} WHERE code_hash = ? LIMIT 1`,
);
const INSERT_REDEMPTION = statement(
  'redeem.insert-redemption',
  `INSERT INTO ${TABLES.redemptions} (document_id, user_id, code_id, kind, amount, created_at, updated_at, published_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT (user_id, code_id) DO NOTHING
   RETURNING id, document_id`,
);
/** Atomic against max_uses: one use is taken only while one is left. */
const TAKE_USE = statement('redeem.take-use', `UPDATE ${TABLES.redeemCodes} SET uses = uses + 1 WHERE id = ? AND uses < max_uses RETURNING uses`);
const SET_REDEMPTION_RESULT = statement('redeem.set-result', `UPDATE ${TABLES.redemptions} SET result = ? WHERE id = ?`);
const LIST_REDEMPTIONS = statement(
  'redeem.list',
  `SELECT document_id, kind, amount, result, created_at FROM ${TABLES.redemptions} WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
);
const COUNT_REDEMPTIONS = statement('redeem.count', `SELECT count(*) AS n FROM ${TABLES.redemptions} WHERE user_id = ?`);
const LIST_REDEMPTIONS_OF_KIND = statement(
  'redeem.list-of-kind',
  `SELECT document_id, kind, amount, result, created_at FROM ${TABLES.redemptions} WHERE user_id = ? AND kind = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
);
const COUNT_REDEMPTIONS_OF_KIND = statement('redeem.count-of-kind', `SELECT count(*) AS n FROM ${TABLES.redemptions} WHERE user_id = ? AND kind = ?`);
export const REDEEM_SQL = {
  findCode: FIND_CODE, insertRedemption: INSERT_REDEMPTION, takeUse: TAKE_USE, setResult: SET_REDEMPTION_RESULT,
  list: LIST_REDEMPTIONS, count: COUNT_REDEMPTIONS, listOfKind: LIST_REDEMPTIONS_OF_KIND, countOfKind: COUNT_REDEMPTIONS_OF_KIND,
};

// ---- points ledger
const ENTRY_COLUMNS = 'document_id, user_id, amount, balance_after, reason, source_type, source_id, note, created_at, updated_at, published_at';

// Besides the balance, the same UPDATE keeps the counters the leaderboards rank by (points earned, day
// counters) and when each last changed (their tie-break: who reached a score first), so a rebuild reads
// them from the user's row instead of summing a user's whole history.
const UPDATE_BALANCE = statement(
  'ledger.update-balance',
  `UPDATE ${TABLES.users}
      SET points_balance = points_balance + ?, points_earned = points_earned + ?,
          points_reached_at = CASE WHEN ? <> 0 THEN ? ELSE points_reached_at END
    WHERE id = ? AND points_balance + ? >= 0
    RETURNING points_balance`,
);
const UPDATE_BALANCE_AND_DAYS = statement(
  'ledger.update-balance-and-days',
  `UPDATE ${TABLES.users}
      SET points_balance = points_balance + ?, points_earned = points_earned + ?,
          points_reached_at = CASE WHEN ? <> 0 THEN ? ELSE points_reached_at END,
          days_reached_at = CASE WHEN total_check_in_days <> ? THEN ? ELSE days_reached_at END,
          streak_reached_at = CASE WHEN consecutive_days <> ? THEN ? ELSE streak_reached_at END,
          total_check_in_days = ?, consecutive_days = ?, last_check_in_date = ?,
          makeup_cards = makeup_cards + ?, last_makeup_award_date = COALESCE(?, last_makeup_award_date)
    WHERE id = ? AND points_balance + ? >= 0
    RETURNING points_balance`,
);
const INSERT_ENTRIES = statementFamily(
  'ledger.insert-entries',
  (count) => `INSERT INTO ${TABLES.ledger} (${ENTRY_COLUMNS}) VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} RETURNING id`,
);

/** The day counters a check-in, a makeup or an undo sets on the user, in the same UPDATE as the balance. */
export type DayCounterParams = {
  totalDays: number;
  consecutiveDays: number;
  lastCheckInDate: string | null;
  cardsDelta?: number;
  cardsAwardedOn?: string | null;
};

/**
 * The parameters of `updateBalance` / `updateBalanceAndDays` (and which of the two), in one place: the
 * ledger service and the bench baseline both build them here.
 */
const balanceUpdate = (change: { userId: number; total: number; earned: number; now: Date; days?: DayCounterParams }) => {
  const { userId, total, earned, now, days } = change;
  if (!days) return { statement: UPDATE_BALANCE, params: [total, earned, earned, now, userId, total] };
  return {
    statement: UPDATE_BALANCE_AND_DAYS,
    params: [
      total, earned, earned, now,
      days.totalDays, now, days.consecutiveDays, now,
      days.totalDays, days.consecutiveDays, days.lastCheckInDate, days.cardsDelta ?? 0, days.cardsAwardedOn ?? null,
      userId, total,
    ],
  };
};

export const LEDGER_SQL = { updateBalanceAndDays: UPDATE_BALANCE_AND_DAYS, updateBalance: UPDATE_BALANCE, insertEntries: INSERT_ENTRIES, balanceUpdate };

// ---- idempotency records
/**
 * A key is looked up across routes (the (user_id, key) index), so one reused on another route is caught;
 * the record of the asking route comes first should old data hold the key on two.
 */
const FIND_ANSWER = statement(
  'idempotency.find',
  `SELECT scope, request_hash, status_code, response FROM ${TABLES.idempotency}
    WHERE user_id = ? AND "key" = ?
    ORDER BY CASE WHEN scope = ? THEN 0 ELSE 1 END
    LIMIT 1`,
);
const SAVE_ANSWER = statement(
  'idempotency.save',
  `INSERT INTO ${TABLES.idempotency} (document_id, user_id, scope, "key", request_hash, status_code, response, created_at, updated_at, published_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);

export const IDEMPOTENCY_SQL = { find: FIND_ANSWER, save: SAVE_ANSWER };
