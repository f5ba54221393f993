import type { Knex } from 'knex';
import { isPostgres } from '../src/utils/dialect';

/**
 * Rules the Strapi schema language cannot state, enforced by the database itself so that no code path
 * (a concurrent request, a script, the admin) can break them. Each one is idempotent.
 *
 * They are applied by the migration in ./migrations and again after every schema sync at boot
 * (src/bootstrap/database.ts): Strapi runs user migrations *before* it creates tables on a fresh
 * database, and SQLite rebuilds a table (dropping its indexes and triggers) when a column changes.
 */

type UniqueIndex = { kind: 'unique'; name: string; table: string; columns: string[] };
type PlainIndex = { kind: 'index'; name: string; table: string; columns: string[] };
/** `sql` is a boolean SQL expression every row must satisfy, with each column written as `{column}`. */
type Check = { kind: 'check'; name: string; table: string; sql: string };
/** Rows are written once: the database refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) on the table. */
type AppendOnly = { kind: 'appendOnly'; name: string; table: string };
export type Constraint = UniqueIndex | PlainIndex | Check | AppendOnly;

export const CONSTRAINTS: readonly Constraint[] = [
  // DESIGN invariant 1: one check-in per (user, habit, local day).
  { kind: 'unique', name: 'check_ins_user_habit_day_uq', table: 'check_ins', columns: ['user_id', 'habit_id', 'local_date'] },
  // One diary per user per local date (seed 002 uk_user_date).
  { kind: 'unique', name: 'diaries_user_day_uq', table: 'diaries', columns: ['user_id', 'local_date'] },
  // One WeChat identity, one account, even under concurrent first logins.
  { kind: 'unique', name: 'up_users_openid_uq', table: 'up_users', columns: ['openid'] },
  { kind: 'unique', name: 'up_users_unionid_uq', table: 'up_users', columns: ['unionid'] },
  { kind: 'unique', name: 'orders_order_no_uq', table: 'orders', columns: ['order_no'] },
  // WeChat plugin: a refresh token is found by its hash; each user keeps one session key.
  { kind: 'unique', name: 'wechat_refresh_tokens_hash_uq', table: 'wechat_refresh_tokens', columns: ['token_hash'] },
  { kind: 'index', name: 'wechat_refresh_tokens_family_idx', table: 'wechat_refresh_tokens', columns: ['family_id'] },
  { kind: 'index', name: 'wechat_refresh_tokens_user_idx', table: 'wechat_refresh_tokens', columns: ['user_id'] },
  { kind: 'unique', name: 'wechat_sessions_user_uq', table: 'wechat_sessions', columns: ['user_id'] },
  // Redeem codes are looked up by hash; a user redeems a code once.
  { kind: 'unique', name: 'redeem_codes_hash_uq', table: 'redeem_codes', columns: ['code_hash'] },
  { kind: 'unique', name: 'redemptions_user_code_uq', table: 'redemptions', columns: ['user_id', 'code_id'] },
  { kind: 'check', name: 'redeem_codes_uses_valid', table: 'redeem_codes', sql: '{uses} >= 0 AND {uses} <= {max_uses}' },
  // Quit smoking: one profile per user (the PUT also serialises on the user's row).
  { kind: 'unique', name: 'quit_profiles_user_uq', table: 'quit_profiles', columns: ['user_id'] },
  // The reminders' minute job finds the quit dates that reach a health milestone in that minute (a range on quit_at).
  { kind: 'index', name: 'quit_profiles_quit_at_idx', table: 'quit_profiles', columns: ['quit_at'] },
  // AI coach: a chat retried with its idempotency key is answered once; one usage row per user and local day; one trial each.
  { kind: 'unique', name: 'ai_coach_messages_request_key_uq', table: 'ai_coach_messages', columns: ['request_key'] },
  { kind: 'index', name: 'ai_coach_messages_conversation_idx', table: 'ai_coach_messages', columns: ['conversation_id', 'id'] },
  { kind: 'index', name: 'ai_coach_conversations_user_idx', table: 'ai_coach_conversations', columns: ['user_id', 'last_message_at'] },
  { kind: 'unique', name: 'ai_coach_usage_user_day_uq', table: 'ai_coach_usage', columns: ['user_id', 'day'] },
  { kind: 'check', name: 'ai_coach_usage_valid', table: 'ai_coach_usage', sql: '{used} >= 0 AND {reserved} >= 0' },
  { kind: 'unique', name: 'ai_coach_trials_user_uq', table: 'ai_coach_trials', columns: ['user_id'] },
  // Reminders (issue 17): one consent row per user and template (the upsert's ON CONFLICT); one settings row per user;
  // DESIGN invariant 10: one send per (user, template, reason, local date, slot), written before the send;
  // the minute job's lookup by timezone and local minute; the sender's queue.
  { kind: 'unique', name: 'reminder_subscriptions_user_template_uq', table: 'reminder_subscriptions', columns: ['user_id', 'template_id'] },
  { kind: 'check', name: 'reminder_subscriptions_credits_nonneg', table: 'reminder_subscriptions', sql: '{credits} >= 0' },
  { kind: 'unique', name: 'reminder_settings_user_uq', table: 'reminder_settings', columns: ['user_id'] },
  { kind: 'unique', name: 'reminder_sends_dedupe_uq', table: 'reminder_sends', columns: ['dedupe_key'] },
  { kind: 'index', name: 'reminder_sends_queue_idx', table: 'reminder_sends', columns: ['state', 'next_attempt_at'] },
  { kind: 'index', name: 'reminder_sends_due_idx', table: 'reminder_sends', columns: ['due_at', 'template_id'] },
  { kind: 'index', name: 'reminder_slots_due_idx', table: 'reminder_slots', columns: ['timezone', 'minute', 'kind'] },
  { kind: 'index', name: 'reminder_slots_habit_idx', table: 'reminder_slots', columns: ['habit_ref'] },
  { kind: 'index', name: 'reminder_slots_user_idx', table: 'reminder_slots', columns: ['user_ref'] },
  // DESIGN invariant 2: one stored answer per (user, scope, idempotency key).
  { kind: 'unique', name: 'idempotency_records_key_uq', table: 'idempotency_records', columns: ['user_id', 'scope', 'key'] },
  // A key is looked up on every route at once (a key reused on another route is refused, not replayed).
  { kind: 'index', name: 'idempotency_records_user_key_idx', table: 'idempotency_records', columns: ['user_id', 'key'] },
  // DESIGN invariant 3: the cached balance never drops below zero; nor do makeup cards.
  { kind: 'check', name: 'up_users_points_balance_nonneg', table: 'up_users', sql: '{points_balance} >= 0' },
  { kind: 'check', name: 'up_users_makeup_cards_nonneg', table: 'up_users', sql: '{makeup_cards} >= 0' },
  { kind: 'check', name: 'points_ledger_balance_nonneg', table: 'points_ledger', sql: '{balance_after} >= 0' },
  // DESIGN invariant 4: stock never below zero; -1 means unlimited.
  { kind: 'check', name: 'prizes_stock_valid', table: 'prizes', sql: '{stock} >= 0 OR {stock} = -1' },
  // Reads every screen makes: a user's records by day.
  { kind: 'index', name: 'check_ins_user_day_idx', table: 'check_ins', columns: ['user_id', 'local_date'] },
  { kind: 'index', name: 'habits_user_idx', table: 'habits', columns: ['user_id'] },
  { kind: 'index', name: 'check_ins_habit_day_idx', table: 'check_ins', columns: ['habit_id', 'local_date'] },
  { kind: 'index', name: 'points_ledger_user_idx', table: 'points_ledger', columns: ['user_id', 'id'] },
  // One task per template per user per local day: the lazy creation of a day's tasks can race safely.
  // Custom tasks have no template, and NULLs never collide in a unique index.
  { kind: 'unique', name: 'tasks_user_day_template_uq', table: 'tasks', columns: ['user_id', 'local_date', 'template_id'] },
  // Community (issue 13): one like per user per target; one follow per pair; the feeds' keyset orders.
  { kind: 'unique', name: 'community_likes_user_target_uq', table: 'community_likes', columns: ['user_id', 'target_type', 'target_id'] },
  // AI coach diary comments (issue 16 item 5): one comment job per diary; the enqueue's ON CONFLICT needs it.
  { kind: 'unique', name: 'ai_coach_comment_jobs_diary_uq', table: 'ai_coach_comment_jobs', columns: ['diary_key'] },
  { kind: 'index', name: 'community_likes_target_idx', table: 'community_likes', columns: ['target_type', 'target_id'] },
  { kind: 'unique', name: 'community_follows_pair_uq', table: 'community_follows', columns: ['user_id', 'followee_id'] },
  { kind: 'unique', name: 'community_reports_user_target_uq', table: 'community_reports', columns: ['user_id', 'target_type', 'target_id'] },
  { kind: 'index', name: 'community_posts_board_feed_idx', table: 'community_posts', columns: ['board_id', 'status', 'listed_at', 'id'] },
  { kind: 'index', name: 'community_posts_user_idx', table: 'community_posts', columns: ['user_id', 'id'] },
  { kind: 'index', name: 'community_comments_post_idx', table: 'community_comments', columns: ['post_id', 'thread_id', 'created_at', 'id'] },
  { kind: 'index', name: 'community_notifications_user_idx', table: 'community_notifications', columns: ['user_id', 'id'] },
  { kind: 'check', name: 'community_posts_counts_nonneg', table: 'community_posts', sql: '{like_count} >= 0 AND {comment_count} >= 0 AND {view_count} >= 0' },
  { kind: 'check', name: 'community_comments_counts_nonneg', table: 'community_comments', sql: '{like_count} >= 0 AND {reply_count} >= 0' },
  // Moderation (issue 13): the decisions are an audit trail nobody edits or erases; one media check per trace id.
  { kind: 'appendOnly', name: 'community_decisions_append_only', table: 'community_decisions' },
  { kind: 'unique', name: 'community_media_checks_trace_uq', table: 'community_media_checks', columns: ['trace_id'] },
  { kind: 'index', name: 'community_reports_target_idx', table: 'community_reports', columns: ['target_type', 'target_id'] },
  { kind: 'index', name: 'community_posts_queue_idx', table: 'community_posts', columns: ['status', 'created_at', 'id'] },
  { kind: 'index', name: 'community_comments_queue_idx', table: 'community_comments', columns: ['status', 'created_at', 'id'] },
  { kind: 'index', name: 'community_mutes_user_idx', table: 'community_mutes', columns: ['user_id', 'until'] },
  // At most one notification per dedupe key per recipient (one `liked` per liker and target, however often re-liked).
  { kind: 'unique', name: 'community_notifications_dedupe_uq', table: 'community_notifications', columns: ['user_id', 'dedupe_key'] },
  { kind: 'index', name: 'community_comments_thread_idx', table: 'community_comments', columns: ['thread_id', 'created_at', 'id'] },
  { kind: 'index', name: 'community_comments_reply_to_idx', table: 'community_comments', columns: ['reply_to_id'] },
  // Boards are found by slug (the habit feed's is made at boot); posts' images are claimed by a conditional update.
  { kind: 'unique', name: 'community_boards_slug_uq', table: 'community_boards', columns: ['slug'] },
  // The mall (issue 15): stock and reservations never below zero (DESIGN invariant 4); the order trail is
  // append-only (invariant 8); a WeChat Pay notification and a refund number are each taken once.
  { kind: 'check', name: 'mall_skus_stock_valid', table: 'mall_skus', sql: '{stock} >= 0 AND {reserved} >= 0 AND {sales_count} >= 0' },
  { kind: 'appendOnly', name: 'mall_order_events_append_only', table: 'mall_order_events' },
  { kind: 'unique', name: 'mall_pay_notifications_id_uq', table: 'mall_pay_notifications', columns: ['notification_id'] },
  { kind: 'unique', name: 'mall_refunds_no_uq', table: 'mall_refunds', columns: ['out_refund_no'] },
  { kind: 'index', name: 'mall_order_events_order_idx', table: 'mall_order_events', columns: ['order_id', 'id'] },
  { kind: 'index', name: 'mall_order_items_order_idx', table: 'mall_order_items', columns: ['order_id'] },
  { kind: 'index', name: 'mall_refunds_order_idx', table: 'mall_refunds', columns: ['order_id', 'id'] },
  { kind: 'index', name: 'mall_skus_product_idx', table: 'mall_skus', columns: ['product_id'] },
  { kind: 'index', name: 'orders_user_idx', table: 'orders', columns: ['user_id', 'id'] },
  { kind: 'index', name: 'orders_pending_idx', table: 'orders', columns: ['status', 'expires_at'] },
  { kind: 'index', name: 'products_listing_idx', table: 'products', columns: ['active', 'review', 'id'] },
  { kind: 'index', name: 'community_images_user_post_idx', table: 'community_images', columns: ['user_id', 'post_id'] },
  // The hot feed's bar: the most likes and comments on a board are index lookups (services/feed.ts hotPageQuery).
  { kind: 'index', name: 'community_posts_board_likes_idx', table: 'community_posts', columns: ['board_id', 'status', 'like_count'] },
  { kind: 'index', name: 'community_posts_board_comments_idx', table: 'community_posts', columns: ['board_id', 'status', 'comment_count'] },
  // A board's pinned posts (its first page) without reading the board.
  { kind: 'index', name: 'community_posts_board_pinned_idx', table: 'community_posts', columns: ['board_id', 'pinned', 'status', 'listed_at'] },
  // Challenges (issue 14): one participant per (challenge, user); a reward of each kind paid once; one badge per
  // challenge; the cap and participants' counter never below zero; a habit's active challenges found at a check-in.
  { kind: 'unique', name: 'challenge_participants_challenge_user_uq', table: 'challenge_participants', columns: ['challenge_id', 'user_id'] },
  { kind: 'index', name: 'challenge_participants_habit_idx', table: 'challenge_participants', columns: ['habit_id', 'status'] },
  { kind: 'index', name: 'challenge_participants_user_idx', table: 'challenge_participants', columns: ['user_id', 'id'] },
  { kind: 'unique', name: 'challenge_rewards_once_uq', table: 'challenge_rewards', columns: ['challenge_id', 'user_id', 'kind'] },
  { kind: 'unique', name: 'challenge_badges_user_challenge_uq', table: 'challenge_badges', columns: ['user_id', 'challenge_id'] },
  { kind: 'check', name: 'challenges_participants_count_valid', table: 'challenges', sql: '{participants_count} >= 0' },
  { kind: 'unique', name: 'challenges_invite_code_uq', table: 'challenges', columns: ['invite_code'] },
  // The admin's home page (issue 19, src/plugins/dashboard): the day's check-ins and distinct users across all
  // users, the week's ledger flow (covering: amount read from the index), the posts whose images wait for a
  // moderator, the reports nobody has settled.
  { kind: 'index', name: 'check_ins_day_idx', table: 'check_ins', columns: ['local_date', 'user_id'] },
  { kind: 'index', name: 'points_ledger_created_idx', table: 'points_ledger', columns: ['created_at', 'amount'] },
  { kind: 'index', name: 'community_posts_media_queue_idx', table: 'community_posts', columns: ['media_check', 'status', 'created_at'] },
  { kind: 'index', name: 'community_reports_open_idx', table: 'community_reports', columns: ['resolved'] },
];


const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

const columnsOf = (check: Check) => [...new Set([...check.sql.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]))];
const render = (check: Check, prefix: string) => check.sql.replace(/\{([a-z_]+)\}/g, (_m, column: string) => `${prefix}${quote(column)}`);

const ensureCheck = async (knex: Knex, check: Check) => {
  if (isPostgres(knex)) {
    const found = await knex.raw('SELECT 1 FROM pg_constraint WHERE conname = ?', [check.name]);
    if (found.rows.length === 0) {
      await knex.raw(`ALTER TABLE ${quote(check.table)} ADD CONSTRAINT ${quote(check.name)} CHECK (${render(check, '')})`);
    }
    return;
  }
  // SQLite cannot add a CHECK to an existing table; triggers enforce the same rule on every write.
  const message = `check_violation: ${check.name}`;
  const columns = columnsOf(check).map(quote).join(', ');
  for (const [event, suffix] of [
    ['INSERT', 'ins'],
    [`UPDATE OF ${columns}`, 'upd'],
  ] as const) {
    await knex.raw(
      `CREATE TRIGGER IF NOT EXISTS ${quote(`${check.name}_${suffix}`)} BEFORE ${event} ON ${quote(check.table)} ` +
        `FOR EACH ROW WHEN NOT (${render(check, 'NEW.')}) ` +
        `BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    );
  }
};

const ensureAppendOnly = async (knex: Knex, rule: AppendOnly) => {
  const message = `append_only: ${rule.table} rows cannot be changed or deleted`;
  if (isPostgres(knex)) {
    const fn = quote(`${rule.name}_refuse`);
    await knex.raw(
      `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
        `BEGIN RAISE EXCEPTION '${message}' USING ERRCODE = 'restrict_violation'; END $$`,
    );
    for (const [suffix, event] of [
      ['row', 'BEFORE UPDATE OR DELETE ON ? FOR EACH ROW'],
      ['truncate', 'BEFORE TRUNCATE ON ? FOR EACH STATEMENT'],
    ] as const) {
      const name = `${rule.name}_${suffix}`;
      const found = await knex.raw('SELECT 1 FROM pg_trigger WHERE tgname = ?', [name]);
      if (found.rows.length === 0) {
        await knex.raw(`CREATE TRIGGER ${quote(name)} ${event.replace('?', quote(rule.table))} EXECUTE FUNCTION ${fn}()`);
      }
    }
    return;
  }
  for (const [event, suffix] of [
    ['UPDATE', 'upd'],
    ['DELETE', 'del'],
  ] as const) {
    await knex.raw(
      `CREATE TRIGGER IF NOT EXISTS ${quote(`${rule.name}_${suffix}`)} BEFORE ${event} ON ${quote(rule.table)} ` +
        `FOR EACH ROW BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    );
  }
};

/**
 * Applies every rule that is missing. On PostgreSQL, one instance at a time: instances booting at the same
 * moment (a deploy of two replicas) would otherwise race on the same DDL ("tuple concurrently updated" on
 * CREATE OR REPLACE FUNCTION, a duplicate name on CREATE INDEX); with the lock one applies them and the others
 * wait and then find them in place. The lock is held by a transaction of its own while the statements run on
 * the pool one by one, each committing at once: in one long transaction each table's lock would be held to
 * its end and deadlock with the live traffic of the other instances (a rolling restart did). Given a
 * transaction (a migration), everything runs in it.
 */
export const applyConstraints = async (knex: Knex): Promise<string[]> => {
  if (!isPostgres(knex)) return applyAll(knex);
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['habit-platform:database-constraints']);
    return applyAll(knex.isTransaction ? trx : knex);
  });
};

const applyAll = async (knex: Knex): Promise<string[]> => {
  const applied: string[] = [];
  for (const constraint of CONSTRAINTS) {
    if (!(await knex.schema.hasTable(constraint.table))) continue;
    if (constraint.kind === 'check') {
      await ensureCheck(knex, constraint);
    } else if (constraint.kind === 'appendOnly') {
      await ensureAppendOnly(knex, constraint);
    } else {
      const unique = constraint.kind === 'unique' ? 'UNIQUE ' : '';
      await knex.raw(
        `CREATE ${unique}INDEX IF NOT EXISTS ${quote(constraint.name)} ON ${quote(constraint.table)} (${constraint.columns.map(quote).join(', ')})`,
      );
    }
    applied.push(constraint.name);
  }
  return applied;
};
