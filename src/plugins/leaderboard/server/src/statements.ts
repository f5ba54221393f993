import { statement } from '../../../gamification/server/src/utils/sql';

/**
 * The leaderboard reads' own SQL (a hot path: DESIGN allows hand-written SQL there), prepared on
 * PostgreSQL through gamification's sql service. It takes an array of ids: the lookups of concurrent
 * requests are batched into one statement (services/scores.ts). PostgreSQL only (an array parameter);
 * SQLite reads the same columns through knex.
 */
export const PROFILE_COLUMNS = ['id', 'nickname', 'avatar', 'show_in_ranking', 'blocked', 'deleted_at'] as const;

export const PROFILES = statement('leaderboard.profiles', `SELECT ${PROFILE_COLUMNS.join(', ')} FROM up_users WHERE id = ANY(?::int[])`);
