#!/usr/bin/env node
/**
 * Seeds the history bench (issue 11, part 5): a platform database (the schema must exist: boot the
 * platform on it once) with
 * - `users` ordinary users (prefix hs_), two daily habits each, and about `checkIns` check-ins between
 *   them: each habit a run of 1..19 consecutive days (10 on average) ending on one of the last 60 days;
 * - LOYAL users (prefix hl_): 20 daily habits each, every one checked in every day for the 1,431 days
 *   that end yesterday (28,620 check-ins each, the worst case of issue 11), with the counters to match;
 * - NEW users (prefix hn_): 20 daily habits each starting today, no check-in yet.
 * All in the bench's timezone (UTC, so the day does not turn during a run in the Chinese evening).
 *
 * Plain SQL, `INSERT ... SELECT ... FROM generate_series` in big statements, no foreign-key triggers
 * (session_replication_role = replica) and no synchronous commit. check_ins' secondary indexes are
 * dropped for the bulk insert and built again afterwards (one sort per index instead of 20M inserts
 * into eight B-trees), from their own definitions, so the schema ends as the platform made it.
 *
 * Standalone: node bench/history/seed.js <database-url> [users] [checkIns]
 */
'use strict';

const { timed } = require('../lib/seeding');

const { Client } = require('pg');

const LOYAL = Number(process.env.BENCH_HISTORY_LOYAL || 10);
const NEW = Number(process.env.BENCH_HISTORY_NEW || 10);
const LOYAL_HABITS = 20;
const LOYAL_DAYS = 1431;
const TIMEZONE = 'UTC';
const PREFIX = { ordinary: 'hs_', loyal: 'hl_', fresh: 'hn_' };

const seedHistory = async (client, { users = 1000000, checkIns = 20000000, log = () => {} } = {}) => {
  const steps = [];
  const q = (sql, params) => client.query(sql, params);
  await q('SET synchronous_commit = off');
  await q('SET session_replication_role = replica');
  await q("SET maintenance_work_mem = '512MB'");
  await q("SET work_mem = '64MB'");

  const { rows: [role] } = await q("SELECT id FROM up_roles WHERE type = 'authenticated'");
  if (!role) throw new Error('no authenticated role: boot the platform on this database first');
  const { rows: [{ n: existing }] } = await q('SELECT count(*)::int AS n FROM up_users');
  if (existing > 0) throw new Error(`up_users already holds ${existing} rows: seed a fresh database`);
  const { rows: [{ today }] } = await q(`SELECT to_char((now() AT TIME ZONE '${TIMEZONE}')::date, 'YYYY-MM-DD') AS today`);
  const habitsPerUser = 2;
  const perHabit = users > 0 ? checkIns / (users * habitsPerUser) : 0;

  // Users: ordinary ones with counters roughly like their check-ins, loyal ones with exact counters.
  await timed(steps, `up_users (${users} + ${LOYAL} loyal + ${NEW} new)`, () =>
    q(
      `INSERT INTO up_users (document_id, username, provider, confirmed, blocked, openid, nickname, timezone, day_start_hour, show_in_ranking,
         membership_tier, points_balance, points_earned, makeup_cards, total_check_in_days, consecutive_days, last_check_in_date,
         created_at, updated_at, published_at)
       SELECT 'hu' || lpad(g.i::text, 22, '0'), g.name, 'wechat', true, false, 'hist-openid-' || g.i, 'bench ' || g.i, '${TIMEZONE}', 0, true,
              'free', g.days * 10, g.days * 10, 3, g.days, g.streak, g.last_date, now(), now(), now()
         FROM (
           SELECT i, '${PREFIX.ordinary}' || i AS name, ${Math.round(perHabit)} AS days, 0 AS streak, $2::date - 1 AS last_date FROM generate_series(1, $1::int) i
           UNION ALL
           SELECT $1::int + i, '${PREFIX.loyal}' || i, ${LOYAL_DAYS}, ${LOYAL_DAYS}, $2::date - 1 FROM generate_series(1, ${LOYAL}) i
           UNION ALL
           SELECT $1::int + ${LOYAL} + i, '${PREFIX.fresh}' || i, 0, 0, NULL FROM generate_series(1, ${NEW}) i
         ) g ORDER BY g.i`,
      [users, today],
    ), log);
  await timed(steps, 'up_users_role_lnk', () =>
    q(`INSERT INTO up_users_role_lnk (user_id, role_id, user_ord) SELECT id, $1, row_number() OVER (ORDER BY id) FROM up_users`, [role.id]), log);
  await q('ANALYZE up_users');

  // Habits: two per ordinary user, twenty per loyal or new user. `n` (check-ins of the habit) and
  // `last_back` (days from its last check-in to today) ride along in a temp table.
  await timed(steps, 'habits', () =>
    q(
      `INSERT INTO habits (document_id, user_id, title, category, kind, frequency_type, goal_type, reminder_enabled, archived,
         start_date, sort_order, created_at, updated_at, published_at)
       SELECT 'hh' || lpad(u.id::text, 12, '0') || lpad(k::text, 10, '0'), u.id, '习惯 ' || k, 'life', 'build', 'daily', 'none', false, false,
              CASE WHEN u.username LIKE '${PREFIX.loyal}%' THEN $1::date - ${LOYAL_DAYS}
                   WHEN u.username LIKE '${PREFIX.fresh}%' THEN $1::date
                   ELSE $1::date - 90 END,
              k, now(), now(), now()
         FROM up_users u
         CROSS JOIN LATERAL generate_series(0, CASE WHEN u.username LIKE '${PREFIX.ordinary}%' THEN ${habitsPerUser - 1} ELSE ${LOYAL_HABITS - 1} END) k
        ORDER BY u.id, k`,
      [today],
    ), log);
  await q('ANALYZE habits');

  // check_ins without its secondary indexes while 20M rows go in; the definitions are kept to rebuild them.
  const { rows: indexes } = await q(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'check_ins' AND indexname <> 'check_ins_pkey'`,
  );
  for (const index of indexes) await q(`DROP INDEX "${index.indexname}"`);

  if (users > 0) {
    // 1..19 consecutive days per habit (10 on average), the last one 0..59 days ago: hashes of the id, so
    // two seeds of one size match.
    await timed(steps, `check_ins of the ordinary users (~${checkIns})`, () =>
      q(
        `INSERT INTO check_ins (document_id, user_id, habit_id, local_date, checked_at, is_makeup, "count", points_awarded, created_at, updated_at, published_at)
         SELECT 'hc' || lpad(h.id::text, 12, '0') || lpad(j::text, 10, '0'), h.user_id, h.id, d.day, d.day + interval '8 hours', false, 1, 10,
                d.day + interval '8 hours', d.day + interval '8 hours', d.day + interval '8 hours'
           FROM habits h
           CROSS JOIN LATERAL generate_series(0, ((h.id::bigint * 7919) % ${Math.max(1, 2 * Math.round(perHabit) - 1)})) j
           CROSS JOIN LATERAL (SELECT $1::date - ((h.id::bigint * 104729) % 60)::int - j::int AS day) d
          WHERE h.document_id LIKE 'hh%' AND h.user_id <= $2
          ORDER BY h.user_id, h.id, j`,
        [today, users],
      ), log);
  }
  await timed(steps, `check_ins of the loyal users (${LOYAL} x ${LOYAL_HABITS} habits x ${LOYAL_DAYS} days)`, () =>
    q(
      `INSERT INTO check_ins (document_id, user_id, habit_id, local_date, checked_at, is_makeup, "count", points_awarded, created_at, updated_at, published_at)
       SELECT 'hc' || lpad(h.id::text, 12, '0') || lpad(j::text, 10, '0'), h.user_id, h.id, $1::date - j, ($1::date - j) + interval '8 hours', false, 1, 10,
              ($1::date - j) + interval '8 hours', ($1::date - j) + interval '8 hours', ($1::date - j) + interval '8 hours'
         FROM habits h JOIN up_users u ON u.id = h.user_id AND u.username LIKE '${PREFIX.loyal}%'
         CROSS JOIN LATERAL generate_series(1, ${LOYAL_DAYS}) j
        ORDER BY h.user_id, h.id, j`,
      [today],
    ), log);

  await timed(steps, `check_ins indexes (${indexes.length})`, async () => {
    for (const index of indexes) await q(index.indexdef);
  }, log);
  await q(`SELECT setval('check_ins_id_seq', (SELECT coalesce(max(id), 1) FROM check_ins))`);
  await timed(steps, 'vacuum analyze', async () => {
    for (const table of ['up_users', 'up_users_role_lnk', 'habits', 'check_ins']) await q(`VACUUM ANALYZE ${table}`);
  }, log);

  const { rows: [counts] } = await q(
    `SELECT (SELECT count(*)::int FROM up_users) AS users, (SELECT count(*)::int FROM habits) AS habits,
            (SELECT count(*)::int FROM check_ins) AS check_ins,
            pg_size_pretty(pg_total_relation_size('check_ins')) AS check_ins_size`,
  );
  return { steps, seconds: steps.reduce((sum, s) => sum + s.seconds, 0), counts, today };
};

module.exports = { seedHistory, PREFIX, LOYAL, NEW, LOYAL_HABITS, LOYAL_DAYS, TIMEZONE };

if (require.main === module) {
  const [url, users, checkIns] = process.argv.slice(2);
  if (!url) {
    console.error('usage: node bench/history/seed.js <database-url> [users] [checkIns]');
    process.exit(2);
  }
  (async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const result = await seedHistory(client, { users: Number(users ?? 1000000), checkIns: Number(checkIns ?? 20000000), log: console.log });
      console.log(JSON.stringify(result, null, 2));
    } finally {
      await client.end();
    }
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
