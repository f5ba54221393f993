import type { Core } from '@strapi/strapi';
import { isPostgres } from '../../../../../utils/dialect';
import { knexSql, pgSql, type PgConnection, type Sql, type Statement } from '../utils/sql';

/** What this service uses of knex's client: its pool, so the hot path shares Strapi's connections. */
type PooledConnection = PgConnection & { __knex__disposed?: unknown };
type KnexPool = {
  acquireConnection(): Promise<PooledConnection>;
  releaseConnection(connection: PooledConnection): Promise<void>;
};

/**
 * Transactions for the hand-written statements of utils/sql.ts. On PostgreSQL a transaction is one
 * connection from Strapi's knex pool with BEGIN / COMMIT around the work (ROLLBACK on any error); a
 * connection whose ROLLBACK fails is marked broken, so the pool discards it instead of lending it again.
 * On SQLite it is a knex transaction.
 */
const sqlService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const pool = () => knex().client as unknown as KnexPool;

  const withConnection = async <T>(work: (connection: PooledConnection) => Promise<T>): Promise<T> => {
    const connection = await pool().acquireConnection();
    try {
      return await work(connection);
    } finally {
      await pool().releaseConnection(connection);
    }
  };

  return {
    isPostgres(): boolean {
      return isPostgres(knex());
    },

    async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      if (!isPostgres(knex())) return knex().transaction((trx) => work(knexSql(trx, false)));
      return withConnection(async (connection) => {
        await connection.query('BEGIN');
        const committed: Array<() => void> = [];
        try {
          const result = await work(pgSql(connection, committed));
          await connection.query('COMMIT');
          for (const callback of committed) setImmediate(callback);
          return result;
        } catch (error) {
          await connection.query('ROLLBACK').catch((rollbackError: unknown) => {
            connection.__knex__disposed = rollbackError;
          });
          throw error;
        }
      });
    },

    /** One statement outside any transaction (a read before the transaction starts). */
    async rows<T = Record<string, unknown>>(statement: Statement, params: readonly unknown[] = []): Promise<T[]> {
      if (!isPostgres(knex())) return knexSql(knex(), false).rows<T>(statement, params);
      return withConnection((connection) => pgSql(connection).rows<T>(statement, params));
    },
  };
};

export type SqlService = ReturnType<typeof sqlService>;
export default sqlService;
