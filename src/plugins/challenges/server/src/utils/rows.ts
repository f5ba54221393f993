import type { ChallengeRule, ChallengeTerms, CheckInFact, Progress } from '../domain/progress';

/** A date column as YYYY-MM-DD (SQLite keeps text; PostgreSQL's date parser hands text too). */
export const calendarDate = (value: unknown): string => String(value).slice(0, 10);
/** A datetime column (epoch ms on SQLite, timestamp on PostgreSQL) as a Date, or null. */
export const instant = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
export const truthy = (value: unknown) => value === true || value === 1 || value === '1' || value === 't' || value === 'true';

/** The challenge columns the rules read. */
export const TERMS_COLUMNS = ['timezone', 'start_date', 'end_date', 'rule', 'target_days', 'per_week', 'weeks', 'allow_makeup'] as const;
export type TermsRow = Record<(typeof TERMS_COLUMNS)[number], unknown>;

export const termsOfRow = (row: TermsRow): ChallengeTerms => ({
  timezone: String(row.timezone || 'Asia/Shanghai'),
  startDate: calendarDate(row.start_date),
  endDate: calendarDate(row.end_date),
  rule: String(row.rule) as ChallengeRule,
  targetDays: Number(row.target_days),
  perWeek: row.per_week === null || row.per_week === undefined ? null : Number(row.per_week),
  weeks: row.weeks === null || row.weeks === undefined ? null : Number(row.weeks),
  allowMakeup: truthy(row.allow_makeup),
});

/** The saved progress columns of a participant row. */
export type ProgressRow = { days_done: unknown; days_needed: unknown; streak: unknown; best_streak: unknown; progress_at: unknown; reached_at: unknown };

const sameInstant = (a: Date | null, b: unknown) => (a === null ? b === null || b === undefined : instant(b)?.getTime() === a.getTime());
/** Whether a participant row already holds this progress (nothing to write). */
export const holdsProgress = (row: ProgressRow, p: Progress) =>
  Number(row.days_done) === p.daysDone &&
  Number(row.days_needed) === p.daysNeeded &&
  Number(row.streak) === p.streak &&
  Number(row.best_streak) === p.bestStreak &&
  sameInstant(p.progressAt, row.progress_at) &&
  sameInstant(p.reachedAt, row.reached_at);

/** The progress columns to write. */
export const progressColumns = (p: Progress, now: Date) => ({
  days_done: p.daysDone,
  days_needed: p.daysNeeded,
  streak: p.streak,
  best_streak: p.bestStreak,
  progress_at: p.progressAt,
  reached_at: p.reachedAt,
  updated_at: now,
});

/** The gamification plugin's check-in table (read only: progress is computed from its rows). */
export const CHECK_INS_TABLE = 'check_ins';
export const CHECK_IN_FACT_COLUMNS = ['local_date', 'created_at', 'checked_at', 'is_makeup'] as const;
/** A check-in row as the rules see it. */
export const checkInFact = (row: Record<string, unknown>): CheckInFact => ({
  localDate: calendarDate(row.local_date),
  // When the row was written: a makeup's created_at is the day it was made, not the day it mends.
  writtenAt: instant(row.created_at) ?? instant(row.checked_at) ?? new Date(0),
  isMakeup: truthy(row.is_makeup),
});
