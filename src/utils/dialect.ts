import type { Knex } from 'knex';

/** PostgreSQL needs what SQLite does by itself (row locks) or spells differently (CHECK, aggregates). */
export const isPostgres = (knex: Knex): boolean => ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));
