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

/**
 * The database went away under a query: SQLSTATE class 08 (connection exception) and 57P01-57P03 (admin or
 * crash shutdown, cannot connect now) from PostgreSQL, node-postgres's and the socket's own errors, and
 * knex's pool timeout. Not a constraint or a bad query: retrying later can succeed.
 */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection error and is not queryable|Timeout acquiring a connection|Client was closed and is not queryable|terminating connection due to administrator command|the database system is (starting up|shutting down)/i;

export const isDatabaseUnavailable = (error: unknown): boolean => {
  const code = codeOf(error);
  if (code.startsWith('08') || UNAVAILABLE_CODES.has(code)) return true;
  if ((error as { name?: unknown } | null)?.name === 'KnexTimeoutError') return true;
  return UNAVAILABLE_MESSAGES.test(messageOf(error));
};
