#!/usr/bin/env node
/**
 * Seeds the leaderboard bench: `users` mini-program users in a booted platform database (the schema
 * must exist: boot the platform on it once), with the all-time counters the boards rank by, and the
 * check-ins and ledger rows of the current week and month for about a tenth of them. Plain SQL,
 * `INSERT ... SELECT ... FROM generate_series`: a million users take well under a minute.
 *
 * Standalone (to try it out): node bench/leaderboard/seed.js <database-url> [users]
 *
 * What the data looks like (all draws seeded, so two seeds of the same size on the same day match):
 * - regions: 31 provinces, 240 cities, 8 districts each (bench/leaderboard/regions.js), a few very big
 *   cities: 北京, 上海, 广州 and 深圳 hold 5.6% of the users each, the next tier about 1.9%.
 * - total check-in days: 8% never checked in (0), 4% heavy users (150 + exponential, mean 250, at most 1200), the rest
 *   1 + exponential (mean 35): many ties. Streak: 1 + exponential (mean 12), at most the days; the last
 *   check-in is today for 45%, yesterday for 25%, earlier (streak broken) for the rest. Points earned:
 *   10 a day, 5 a week of days, and 0..290 from tasks and diaries (multiples of 10: ties again).
 *   First-reached times: the last check-in day at a random time of day, in the user's timezone.
 * - 98% Asia/Shanghai, 2% three other timezones; 3% start their day at 04:00.
 * - 30% vip and 2% ai, a year ahead; 3% vip expired a week ago; the rest free.
 * - 3% hidden from ranking, 0.5% blocked, 0.5% deleted.
 * - period data: ~10% of users (among those who checked in today or yesterday) have one habit and 1..5
 *   check-ins this month, every day or every other day back from their last check-in (so part of them
 *   fall in this week); each with its ledger line (+10 'check-in'), plus streak bonuses (+5), diaries
 *   (+5) and lottery draws (-20, spending: not earned). Their all-time counters are raised to cover them.
 * All users link to the authenticated role.
 */
'use strict';

const { timed } = require('../lib/seeding');

const { Client } = require('pg');
const { regions, regionSlots } = require('./regions');

const SLOTS = 100000;
const SEED = 0.4242;

/** The usernames of seeded users start with this; callers are picked among them. */
const USER_PREFIX = 'lb_';

/**
 * Seed `users` users (and the period rows) into the database `client` is connected to. Returns the
 * time of each step and the counts. The database must be a freshly booted platform schema.
 */
const seedLeaderboard = async (client, { users = 1000000, activeShare = 0.16, log = () => {} } = {}) => {
  const steps = [];
  const q = (sql, params) => client.query(sql, params);
  await q('SET synchronous_commit = off');
  // The fast bulk path: no foreign-key triggers in this session (the rows are consistent by
  // construction: every link and period row points at a user or habit inserted here). Needs a superuser.
  await q('SET session_replication_role = replica');
  await q("SET maintenance_work_mem = '256MB'");
  await q("SET work_mem = '64MB'");
  await q('SELECT setseed($1)', [SEED]);

  const { rows: [role] } = await q("SELECT id FROM up_roles WHERE type = 'authenticated'");
  if (!role) throw new Error('no authenticated role: boot the platform on this database first');
  const { rows: [{ n: existing }] } = await q('SELECT count(*)::int AS n FROM up_users');
  if (existing > 0) throw new Error(`up_users already holds ${existing} rows: seed a fresh database`);

  const list = regions();
  const slots = regionSlots(list, SLOTS);
  await q('CREATE TEMP TABLE bench_region (idx int PRIMARY KEY, province text, city text, district text)');
  await q(
    'INSERT INTO bench_region SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])',
    [list.map((r) => r.idx), list.map((r) => r.province), list.map((r) => r.city), list.map((r) => r.district)],
  );
  await q('CREATE TEMP TABLE bench_slot (slot int PRIMARY KEY, region int)');
  await q('INSERT INTO bench_slot SELECT s - 1, r FROM unnest($1::int[]) WITH ORDINALITY AS t(r, s)', [slots]);
  // "Now" once: the local calendar of Asia/Shanghai, which nearly every user lives in.
  await q(`CREATE TEMP TABLE bench_clock AS
           SELECT now() AT TIME ZONE 'UTC' AS now_utc, now() AT TIME ZONE 'Asia/Shanghai' AS now_local,
                  (now() AT TIME ZONE 'Asia/Shanghai')::date AS today,
                  date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date AS month_start`);

  await timed(steps, `up_users (${users})`, () =>
    q(
      `INSERT INTO up_users (document_id, username, provider, confirmed, blocked, openid, nickname, avatar, timezone, day_start_hour,
         province, city, district, show_in_ranking, membership_tier, membership_expires_at, points_balance, makeup_cards, deleted_at,
         total_check_in_days, consecutive_days, last_check_in_date, points_earned, days_reached_at, streak_reached_at, points_reached_at,
         created_at, updated_at, published_at)
       SELECT 'lb' || lpad(g.i::text, 22, '0'), '${USER_PREFIX}' || g.i, 'wechat', true, g.r_flag < 0.005, 'lb-openid-' || g.i,
              '打卡达人' || g.i, 'https://thirdwx.qlogo.cn/mmopen/vi_32/bench' || g.i || '/132', g.tz, g.day_start_hour,
              rg.province, rg.city, rg.district, NOT (g.r_flag >= 0.005 AND g.r_flag < 0.035), g.tier, c.now_utc + g.expires_in,
              floor(g.earned * g.r_bal)::int, 3, CASE WHEN g.r_flag >= 0.035 AND g.r_flag < 0.04 THEN c.now_utc - interval '30 days' END,
              g.days, g.streak, g.last_date, g.earned, g.reached, g.reached, g.points_reached, g.created, g.created, g.created
         FROM (
           SELECT l2.*,
                  -- the user's own clock reading of the moment, stored as UTC (timestamps without zone, as Strapi does)
                  (l2.reached_local AT TIME ZONE l2.tz) AT TIME ZONE 'UTC' AS reached,
                  ((l2.reached_local + l2.r_pts * interval '3 hours') AT TIME ZONE l2.tz) AT TIME ZONE 'UTC' AS points_reached,
                  (SELECT now_utc FROM bench_clock) - (l2.days + l2.gap + 1 + floor(l2.r_age * 400)::int) * interval '1 day' AS created
             FROM (
               SELECT l1.*,
                      CASE WHEN l1.days = 0 THEN 0 ELSE least(l1.days, 1 + floor(-ln(1 - l1.r_streak) * 12)::int) END AS streak,
                      CASE WHEN l1.days = 0 THEN 0 ELSE l1.days * 10 + 5 * (l1.days / 7) + 10 * floor(l1.r_pts * 30)::int END AS earned,
                      CASE WHEN l1.days > 0 THEN c.today - l1.gap END AS last_date,
                      CASE WHEN l1.days = 0 THEN NULL
                           WHEN l1.gap = 0 THEN c.today + l1.r_time * (c.now_local - c.today)
                           ELSE (c.today - l1.gap) + interval '6 hours' + l1.r_time * interval '17 hours' END AS reached_local
                 FROM (
                   SELECT l0.*,
                          floor(l0.r_slot * ${slots.length})::int AS slot,
                          CASE WHEN l0.r_act < 0.08 THEN 0
                               WHEN l0.r_act < 0.12 THEN least(1200, 150 + floor(-ln(1 - l0.r_days) * 250)::int)
                               ELSE 1 + floor(-ln(1 - l0.r_days) * 35)::int END AS days,
                          CASE WHEN l0.r_gap < 0.45 THEN 0 WHEN l0.r_gap < 0.70 THEN 1
                               ELSE 2 + floor(-ln(1 - (l0.r_gap - 0.70) / 0.30) * 60)::int END AS gap,
                          CASE WHEN l0.r_tz < 0.98 THEN 'Asia/Shanghai' WHEN l0.r_tz < 0.99 THEN 'Asia/Tokyo'
                               WHEN l0.r_tz < 0.995 THEN 'Europe/London' ELSE 'America/Los_Angeles' END AS tz,
                          CASE WHEN l0.r_tz * 100 - floor(l0.r_tz * 100) < 0.03 THEN 4 ELSE 0 END AS day_start_hour,
                          CASE WHEN l0.r_mem < 0.30 THEN 'vip' WHEN l0.r_mem < 0.32 THEN 'ai' WHEN l0.r_mem < 0.35 THEN 'vip' ELSE 'free' END AS tier,
                          CASE WHEN l0.r_mem < 0.32 THEN interval '365 days' WHEN l0.r_mem < 0.35 THEN interval '-7 days' END AS expires_in
                     FROM (
                       SELECT i, random() AS r_slot, random() AS r_flag, random() AS r_mem, random() AS r_act, random() AS r_days,
                              random() AS r_gap, random() AS r_streak, random() AS r_pts, random() AS r_time, random() AS r_bal,
                              random() AS r_tz, random() AS r_age
                         FROM generate_series(1, $1::int) AS i
                     ) l0
                 ) l1 CROSS JOIN bench_clock c
             ) l2
         ) g
         JOIN bench_slot s ON s.slot = g.slot
         JOIN bench_region rg ON rg.idx = s.region
         CROSS JOIN bench_clock c
        ORDER BY g.i`,
      [users],
    ),
  );
  log(`[seed] up_users: ${steps.at(-1).seconds.toFixed(1)} s`);

  await timed(steps, 'up_users_role_lnk', () =>
    q(
      `INSERT INTO up_users_role_lnk (user_id, role_id, user_ord)
       SELECT id, $1, row_number() OVER (ORDER BY id) FROM up_users WHERE username LIKE '${USER_PREFIX}%'`,
      [role.id],
    ),
  );
  log(`[seed] role links: ${steps.at(-1).seconds.toFixed(1)} s`);

  // Period data: one habit each for ~10% of the users, 1..5 check-ins this month with their ledger lines.
  // Each statement timed on its own; fresh tables are analyzed before they are joined.
  const step = async (label, sql, params) => {
    await timed(steps, label, () => q(sql, params));
    log(`[seed] ${label}: ${steps.at(-1).seconds.toFixed(1)} s`);
  };
  await q('ANALYZE up_users');
  await step('active users (temp)',
    `CREATE TEMP TABLE bench_active AS
     SELECT id AS user_id, last_check_in_date AS last_date, timezone AS tz, points_balance, created_at,
            1 + floor(random() * 5)::int AS k, 1 + floor(random() * 2)::int AS step
       FROM up_users
      WHERE total_check_in_days > 0 AND last_check_in_date >= (SELECT today FROM bench_clock) - 1 AND random() < $1
      ORDER BY id`,
    [activeShare],
  );
  await q('ANALYZE bench_active');
  await step('habits', `INSERT INTO habits (document_id, user_id, title, category, kind, frequency_type, goal_type, reminder_enabled, archived,
                         start_date, sort_order, created_at, updated_at, published_at)
     SELECT 'lh' || lpad(user_id::text, 22, '0'), user_id, '早起打卡', 'life', 'build', 'daily', 'none', false, false,
            created_at::date, 0, created_at, created_at, created_at
       FROM bench_active ORDER BY user_id`,
  );
  await q('ANALYZE habits');
  await step('check-in rows (temp)', `CREATE TEMP TABLE bench_checkin AS
     SELECT x.*, (x.at_local AT TIME ZONE x.tz) AT TIME ZONE 'UTC' AS at_utc
       FROM (
         SELECT a.user_id, h.id AS habit_id, a.tz, a.points_balance, j, a.last_date - j * a.step AS local_date,
                CASE WHEN a.last_date - j * a.step = c.today THEN c.today + random() * (c.now_local - c.today)
                     ELSE (a.last_date - j * a.step) + interval '6 hours' + random() * interval '17 hours' END AS at_local,
                random() AS r
           FROM bench_active a
           JOIN habits h ON h.user_id = a.user_id
           CROSS JOIN bench_clock c
           CROSS JOIN LATERAL generate_series(0, a.k - 1) AS j
          WHERE a.last_date - j * a.step >= c.month_start
       ) x`,
  );
  await q('ANALYZE bench_checkin');
  await step('check_ins', `INSERT INTO check_ins (document_id, user_id, habit_id, local_date, checked_at, is_makeup, "count", points_awarded,
                            created_at, updated_at, published_at)
     SELECT 'lc' || lpad(user_id::text, 12, '0') || lpad(j::text, 10, '0'), user_id, habit_id, local_date, at_utc, false, 1, 10,
            at_utc, at_utc, at_utc
       FROM bench_checkin ORDER BY user_id, local_date`,
  );
  // Ledger lines: +10 per check-in; on some, a streak bonus (+5), a diary (+5) or a draw (-20, not earned).
  await step('points_ledger', `INSERT INTO points_ledger (document_id, user_id, amount, balance_after, reason, source_type, source_id, note,
                                created_at, updated_at, published_at)
     SELECT 'lp' || lpad((row_number() OVER (ORDER BY user_id, at, reason))::text, 22, '0'), user_id, amount,
            points_balance, reason, source_type, source_id, NULL, at, at, at
       FROM (
         SELECT user_id, points_balance, 10 AS amount, 'check-in' AS reason, 'check-in' AS source_type,
                'lc' || lpad(user_id::text, 12, '0') || lpad(j::text, 10, '0') AS source_id, at_utc AS at
           FROM bench_checkin
         UNION ALL
         SELECT user_id, points_balance, 5, 'streak-bonus', 'check-in', 'lc' || lpad(user_id::text, 12, '0') || lpad(j::text, 10, '0'), at_utc
           FROM bench_checkin WHERE r < 0.15
         UNION ALL
         SELECT user_id, points_balance, 5, 'diary', 'diary', 'ld' || lpad(user_id::text, 12, '0') || lpad(j::text, 10, '0'), at_utc + interval '2 minutes'
           FROM bench_checkin WHERE r >= 0.15 AND r < 0.40
         UNION ALL
         SELECT user_id, points_balance, -20, 'lottery', 'lottery', 'ly' || lpad(user_id::text, 12, '0') || lpad(j::text, 10, '0'), at_utc + interval '1 minute'
           FROM bench_checkin WHERE r >= 0.40 AND r < 0.55
       ) lines`,
  );
  // The all-time counters cover what the period rows show.
  await q('ANALYZE points_ledger');
  await step('counters of the active users', `UPDATE up_users u
        SET total_check_in_days = greatest(u.total_check_in_days, p.days),
            points_earned = greatest(u.points_earned, e.earned)
       FROM (SELECT user_id, count(*)::int AS days FROM bench_checkin GROUP BY user_id) p
       JOIN (SELECT user_id, sum(amount)::int AS earned FROM points_ledger WHERE amount > 0 GROUP BY user_id) e ON e.user_id = p.user_id
      WHERE u.id = p.user_id`,
  );

  await timed(steps, 'vacuum analyze', async () => {
    for (const table of ['up_users', 'up_users_role_lnk', 'habits', 'check_ins', 'points_ledger']) await q(`VACUUM ANALYZE ${table}`);
  });
  log(`[seed] vacuum analyze: ${steps.at(-1).seconds.toFixed(1)} s`);

  const { rows: [counts] } = await q(
    `SELECT (SELECT count(*)::int FROM up_users) AS users,
            (SELECT count(*)::int FROM up_users WHERE show_in_ranking AND NOT blocked AND deleted_at IS NULL) AS rankable,
            (SELECT count(*)::int FROM up_users WHERE membership_tier <> 'free' AND membership_expires_at > now() AT TIME ZONE 'UTC') AS members,
            (SELECT count(*)::int FROM up_users_role_lnk) AS role_links,
            (SELECT count(*)::int FROM habits) AS habits,
            (SELECT count(*)::int FROM check_ins) AS check_ins,
            (SELECT count(*)::int FROM points_ledger) AS ledger_lines,
            (SELECT count(DISTINCT city)::int FROM up_users) AS cities,
            (SELECT max(total_check_in_days) FROM up_users) AS max_days`,
  );
  return { steps, seconds: steps.reduce((sum, s) => sum + s.seconds, 0), counts };
};

module.exports = { seedLeaderboard, USER_PREFIX };

if (require.main === module) {
  const [url, users] = process.argv.slice(2);
  if (!url) {
    console.error('usage: node bench/leaderboard/seed.js <database-url> [users]');
    process.exit(2);
  }
  (async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const result = await seedLeaderboard(client, { users: Number(users || 1000000), log: console.log });
      console.log(JSON.stringify(result, null, 2));
    } finally {
      await client.end();
    }
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
