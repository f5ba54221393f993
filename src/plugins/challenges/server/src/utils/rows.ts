import type { ChallengeRule, ChallengeTerms } from '../domain/progress';

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
