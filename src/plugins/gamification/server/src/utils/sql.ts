import type { Knex } from 'knex';

/**
 * Hand-written SQL for the hot transactions (check-in now; draws and redemptions next), written once for
 * both databases with `?` placeholders.
 *
 * On PostgreSQL each statement runs as a named prepared statement on a connection taken from Strapi's
 * own knex pool: PostgreSQL parses and plans it once per connection, and Node skips knex's query
 * builder and compiler (measured: about 1 ms of CPU per check-in of six statements; see bench/README.md).
 * On SQLite (development and tests) the same text runs through knex.
 */
export type Statement = {
  /** Unique per text: PostgreSQL keeps prepared statements per connection by name. */
  readonly name: string;
  /** `?` placeholders, for SQLite through knex. */
  readonly sqlite: string;
  /** `$1..$n` placeholders, for PostgreSQL's prepared statements. */
  readonly postgres: string;
  /** `?` placeholders, for PostgreSQL through knex. */
  readonly postgresKnex: string;
};

const numberPlaceholders = (text: string): string => {
  let n = 0;
  return text.replace(/\?/g, () => `$${(n += 1)}`);
};

const names = new Set<string>();

/**
 * A statement; `text` is one string when both databases read it alike, or one per database. Statements
 * are module constants: a name given twice is a programming error (two texts under one prepared name).
 */
export const statement = (name: string, text: string | { postgres: string; sqlite: string }): Statement => {
  if (names.has(name)) throw new Error(`SQL statement ${name} is defined twice`);
  names.add(name);
  const postgres = typeof text === 'string' ? text : text.postgres;
  const sqlite = typeof text === 'string' ? text : text.sqlite;
  if (postgres.includes('$')) throw new Error(`SQL statement ${name}: use ? placeholders`);
  return { name, sqlite, postgres: numberPlaceholders(postgres), postgresKnex: postgres };
};

/** Statements whose text depends on a count (a multi-row insert): one prepared statement per count. */
export const statementFamily = (name: string, textFor: (count: number) => string) => {
  const made = new Map<number, Statement>();
  return (count: number): Statement => {
    let found = made.get(count);
    if (!found) {
      found = statement(`${name}.${count}`, textFor(count));
      made.set(count, found);
    }
    return found;
  };
};

/** Where a statement runs: a transaction (or, for single reads, the pool). */
export interface Sql {
  readonly postgres: boolean;
  rows<T = Record<string, unknown>>(statement: Statement, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Run `callback` once the work is committed (never if it rolls back); at once outside a transaction.
   * For what must not be seen before the commit: a leaderboard update reads what was just written.
   */
  afterCommit(callback: () => void): void;
}

const runLater = (callback: () => void) => {
  setImmediate(callback);
};

/** The smallest slice of node-postgres' client this needs. */
export type PgConnection = {
  query(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
  query(text: string): Promise<unknown>;
};

/** `committed` collects the callbacks of a transaction, which runs them after its COMMIT. */
export const pgSql = (connection: PgConnection, committed?: Array<() => void>): Sql => ({
  postgres: true,
  afterCommit(callback) {
    if (committed) committed.push(callback);
    else runLater(callback);
  },
  async rows<T>(st: Statement, params: readonly unknown[] = []) {
    const result = await connection.query({ name: st.name, text: st.postgres, values: params });
    return result.rows as T[];
  },
});

/** The same statements through knex (SQLite; or PostgreSQL inside a knex transaction). */
export const knexSql = (db: Knex | Knex.Transaction, postgres: boolean): Sql => ({
  postgres,
  afterCommit(callback) {
    // A knex transaction's executionPromise settles when it commits (resolves) or rolls back (rejects).
    const execution = (db as Partial<Knex.Transaction>).isTransaction ? (db as Knex.Transaction).executionPromise : undefined;
    if (execution) execution.then(() => runLater(callback), () => undefined);
    else runLater(callback);
  },
  async rows<T>(st: Statement, params: readonly unknown[] = []) {
    const result = (await db.raw(postgres ? st.postgresKnex : st.sqlite, params as Knex.RawBinding[])) as unknown;
    if (Array.isArray(result)) return result as T[];
    return ((result as { rows?: unknown[] }).rows ?? []) as T[];
  },
});
