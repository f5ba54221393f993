import { statement } from '../../../../gamification/public';
import { TABLES } from '../content-types';

/** The idempotent writes' statements (run in the gamification `sql` transactions, with the idempotency record). */
export const INSERT_RELAPSE = statement(
  'quit.insert-relapse',
  `INSERT INTO ${TABLES.relapses} (document_id, user_id, at, count, note, local_date, created_at, updated_at, published_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);

export const INSERT_CRAVING = statement(
  'quit.insert-craving',
  `INSERT INTO ${TABLES.cravings} (document_id, user_id, at, intensity, "trigger", note, resisted, local_date, local_hour, timezone, created_at, updated_at, published_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);

/** Whether the user has a relapse on a local day (the check-in guard of quit habits). */
export const RELAPSE_ON_DAY = statement('quit.relapse-on-day', `SELECT id FROM ${TABLES.relapses} WHERE user_id = ? AND local_date = ? LIMIT 1`);
