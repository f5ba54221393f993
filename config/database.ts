import path from 'node:path';
import type { Core } from '@strapi/strapi';

/**
 * SQLite by default (a fresh machine needs no services); PostgreSQL as soon as DATABASE_URL is set.
 * Test helpers point DATABASE_FILENAME / DATABASE_URL at a database of their own per jest worker.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const databaseUrl = env('DATABASE_URL', '');
  const settings = {
    // Our migrations are TypeScript; Strapi runs the compiled copies from dist/.
    useTypescriptMigrations: true,
    runMigrations: true,
  };

  if (databaseUrl) {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: databaseUrl,
          ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) } : false,
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
      settings,
    };
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
    settings,
  };
};
