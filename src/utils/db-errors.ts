/**
 * Recognise constraint violations from PostgreSQL (SQLSTATE) and SQLite (better-sqlite3 codes), so a
 * duplicate or an impossible value becomes a 409 / 400 instead of a 500.
 */
type DbError = { code?: unknown; message?: unknown };

const codeOf = (error: unknown): string => String((error as DbError | null)?.code ?? '');
const messageOf = (error: unknown): string => String((error as DbError | null)?.message ?? '');

export const isUniqueViolation = (error: unknown): boolean =>
  codeOf(error) === '23505' || codeOf(error) === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(messageOf(error));

/** CHECK constraints on PostgreSQL; on SQLite our CHECK triggers RAISE(ABORT, 'check_violation: ...'). */
export const isCheckViolation = (error: unknown): boolean =>
  codeOf(error) === '23514' ||
  codeOf(error) === 'SQLITE_CONSTRAINT_CHECK' ||
  /check_violation|CHECK constraint failed/.test(messageOf(error));
