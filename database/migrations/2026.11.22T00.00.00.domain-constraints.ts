import type { Knex } from 'knex';
import { applyConstraints } from '../constraints';

/**
 * Unique keys, CHECK rules and indexes from ../constraints.ts. On an existing database this adds them
 * in one transaction; on a fresh one the tables do not exist yet when Strapi runs migrations, so the
 * boot step in src/bootstrap/database.ts applies them right after the schema sync.
 */
export async function up(knex: Knex): Promise<void> {
  await applyConstraints(knex);
}

export async function down(): Promise<void> {
  // Dropping integrity rules is never automatic.
}
