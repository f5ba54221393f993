import { statement } from '../../../gamification/server/src/utils/sql';

/**
 * The leaderboard reads' own SQL (a hot path: DESIGN allows hand-written SQL there), prepared on
 * PostgreSQL through gamification's sql service.
 */
export const CALLER = statement(
  'leaderboard.caller',
  `SELECT u.id, u.province, u.city, u.district, u.membership_tier, u.membership_expires_at, u.blocked, u.deleted_at, l.role_id
     FROM up_users u LEFT JOIN up_users_role_lnk l ON l.user_id = u.id
    WHERE u.id = ?
    LIMIT 1`,
);

/** PostgreSQL only (an array parameter); SQLite reads profiles through knex. */
export const PROFILES = statement(
  'leaderboard.profiles',
  'SELECT id, nickname, avatar, show_in_ranking, blocked, deleted_at FROM up_users WHERE id = ANY(?::int[])',
);
