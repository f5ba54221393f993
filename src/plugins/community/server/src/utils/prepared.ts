import type { Knex } from 'knex';
import { isPostgres } from '../../../../../utils/dialect';

/**
 * The feed's reads on PostgreSQL: each statement is built by its knex builder once (with placeholder
 * values standing for the request's), then run as a named prepared statement on a connection of
 * Strapi's own pool. Building and compiling the CTE statement of a hot page cost more CPU than the rest of
 * the request, and planning it more than running it (bench/README.md, feed). On SQLite the builder runs
 * as usual. The placeholders are values no request can have: a Date object, ids and a score below zero.
 */
export const PLACEHOLDER = { asOf: new Date(0), boardId: -424242, userId: -424243, score: -1.2345e300, cursorId: -424244, slug: '\u0000slug' } as const;
export type Values = Partial<{ asOf: Date; boardId: number; userId: number; score: number; cursorId: number; slug: string; ids: number[] }>;

type PooledConnection = { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };
type KnexPool = { acquireConnection(): Promise<PooledConnection>; releaseConnection(connection: PooledConnection): Promise<void> };

const templates = new Map<string, { name: string; sql: string; bindings: readonly unknown[] }>();

const valueOf = (binding: unknown, values: Values): unknown => {
  if (binding === PLACEHOLDER.asOf) return values.asOf;
  if (binding === PLACEHOLDER.boardId) return values.boardId;
  if (binding === PLACEHOLDER.userId) return values.userId;
  if (binding === PLACEHOLDER.score) return values.score;
  if (binding === PLACEHOLDER.cursorId) return values.cursorId;
  if (binding === PLACEHOLDER.slug) return values.slug;
  // The i-th of a list of ids is written as -(i + 1) by the builder.
  if (typeof binding === 'number' && binding < 0 && binding > -1000 && values.ids) return values.ids[-1 - binding];
  return binding;
};

/**
 * Rows of the statement `key`. `build(placeholders)` makes it with PLACEHOLDER values (and ids -1, -2 ...
 * for `values.ids`) on PostgreSQL, with the real ones on SQLite; `key` names one statement text.
 */
export const preparedRows = async <R>(k: Knex, key: string, build: (values: Values) => Knex.QueryBuilder, values: Values): Promise<R[]> => {
  if (!isPostgres(k)) return (await build(values)) as R[];
  let template = templates.get(key);
  if (!template) {
    const placeholders: Values = { ...PLACEHOLDER, ids: values.ids?.map((_, i) => -1 - i) };
    const { sql, bindings } = build(placeholders).toSQL().toNative();
    template = { name: `community.${templates.size + 1}`, sql, bindings };
    templates.set(key, template);
  }
  const pool = k.client as unknown as KnexPool;
  const connection = await pool.acquireConnection();
  try {
    const bound = template.bindings.map((binding) => valueOf(binding, values));
    return (await connection.query({ name: template.name, text: template.sql, values: bound })).rows as R[];
  } finally {
    await pool.releaseConnection(connection);
  }
};
