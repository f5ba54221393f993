/**
 * `npm run bench -- reminders` (issue 17): the minute job's selection and enqueue at scale. A database of
 * BENCH_REM_USERS users (1,000,000: 90% Asia/Shanghai, 5% America/New_York, 5% Europe/London) with three
 * habits each (3,000,000), every habit with a reminder time; BENCH_REM_DUE of them (100,000) at 21:00 in
 * Shanghai, the rest spread over the other minutes of the day. Of the due ones 90% have a consent credit and
 * 10% are already checked in today.
 *
 * Measured, in alternating rounds, for the UTC minute that is 21:00 in Shanghai:
 * - platform: `scheduler.enqueueMinute` in the running platform (over IPC): the slot lookup in every
 *   timezone in use, the due filter (checked in by the user's day start, weekdays, start and end dates), the
 *   send-log rows written in batches with ON CONFLICT DO NOTHING;
 * - baseline: the same selection and insert as one hand-written `INSERT ... SELECT` run from this process
 *   on the same tables (what the least possible work looks like: no rows through Node at all).
 * Between rounds the minute's send-log rows are deleted. The report gives each side's median time, the rows
 * written, and the ratio. Target: well inside the minute (under 10 s for 100,000 due).
 *
 * Env: BENCH_REM_USERS (1000000), BENCH_REM_DUE (100000), BENCH_ROUNDS (3), BENCH_REM_DB (habit_bench_reminders),
 * BENCH_REM_REUSE=1 (keep the database of the last run when it holds these sizes: no seeding, no slot rebuild).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const { ipc } = require('../lib/ipc');
const { timed } = require('../lib/seeding');

const USERS = Number(process.env.BENCH_REM_USERS || 1_000_000);
const DUE = Number(process.env.BENCH_REM_DUE || 100_000);
const DB_NAME = process.env.BENCH_REM_DB || 'habit_bench_reminders';
const TEMPLATE_ID = 'bench-habit-reminder';
const TARGET_SECONDS = 10;
const log = (message) => console.log(`[bench] ${message}`);

/** The UTC instant of 21:00 today in Shanghai, and that local date. */
const benchMinute = () => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return { today, minute: new Date(`${today}T13:00:00.000Z`) };
};

const seed = async (client, today) => {
  const steps = [];
  const q = (text, values) => client.query(text, values);
  await timed(steps, `up_users (${USERS})`, () =>
    q(
      `INSERT INTO up_users (document_id, username, provider, confirmed, blocked, openid, nickname, timezone, day_start_hour, show_in_ranking,
         membership_tier, points_balance, points_earned, makeup_cards, total_check_in_days, consecutive_days, created_at, updated_at, published_at)
       SELECT 'ru' || lpad(i::text, 22, '0'), 'rb_' || i, 'wechat', true, false, 'o-bench-openid-' || i, 'bench ' || i,
              CASE WHEN i <= $2 OR i % 20 < 18 THEN 'Asia/Shanghai' WHEN i % 20 = 18 THEN 'America/New_York' ELSE 'Europe/London' END,
              CASE WHEN i % 10 = 0 THEN 4 ELSE 0 END, true, 'free', 0, 0, 0, 0, 0, now(), now(), now()
         FROM generate_series(1, $1::int) i`,
      [USERS, DUE],
    ), log);
  // Three habits each; the first habit of users 1..DUE reminds at 21:00, every other one at a minute spread
  // over the day (never 21:00, so exactly DUE are due in Shanghai at the bench minute).
  await timed(steps, `habits (${USERS * 3})`, () =>
    q(
      `INSERT INTO habits (document_id, user_id, title, category, kind, frequency_type, goal_type, reminder_enabled, reminder_times, archived,
         start_date, sort_order, created_at, updated_at, published_at)
       SELECT 'rh' || lpad(u::text, 12, '0') || k, u, '习惯 ' || k, 'life', 'build', 'daily', 'none', true,
              CASE WHEN k = 0 AND u <= $2 THEN '["21:00"]'::jsonb
                   ELSE jsonb_build_array(lpad((m / 60)::text, 2, '0') || ':' || lpad((m % 60)::text, 2, '0')) END,
              false, $3::date - 30, k, now(), now(), now()
         FROM generate_series(1, $1::int) u CROSS JOIN generate_series(0, 2) k
         CROSS JOIN LATERAL (SELECT CASE WHEN ((u::bigint * 3 + k) * 7919) % 1440 = 1260 THEN 1261 ELSE ((u::bigint * 3 + k) * 7919) % 1440 END AS m) mm`,
      [USERS, DUE, today],
    ), log);
  const { rows: [template] } = await q(
    `INSERT INTO reminder_templates (document_id, title, template_id, kind, long_term, fields, page, active, created_at, updated_at, published_at)
     VALUES ('rbtemplate0000000000000', '打卡提醒', $1, 'habitReminder', false, '{"thing1":"{habit}","time2":"{date} {time}"}', 'pages/habit/index?documentId={habitDocumentId}', true, now(), now(), now())
     RETURNING id`,
    [TEMPLATE_ID],
  );
  await timed(steps, 'consent credits (90% of the due users)', () =>
    q(
      `INSERT INTO reminder_subscriptions (document_id, user_id, template_id, credits, accepted_total, long_term_accepted, last_result, created_at, updated_at, published_at)
       SELECT 'rs' || lpad(i::text, 22, '0'), i, $2, 1, 1, false, 'accept', now(), now(), now() FROM generate_series(1, $1::int) i WHERE i % 10 <> 3`,
      [DUE, template.id],
    ), log);
  await timed(steps, 'check-ins today (10% of the due habits)', () =>
    q(
      `INSERT INTO check_ins (document_id, user_id, habit_id, local_date, checked_at, is_makeup, "count", points_awarded, created_at, updated_at, published_at)
       SELECT 'rc' || lpad(h.id::text, 22, '0'), h.user_id, h.id, $2::date, now(), false, 1, 10, now(), now(), now()
         FROM habits h WHERE h.sort_order = 0 AND h.user_id <= $1 AND h.user_id % 10 = 5`,
      [DUE, today],
    ), log);
  await timed(steps, 'analyze', () => q('ANALYZE'), log);
  return steps;
};

/** The least possible work: the same selection and insert in one statement, nothing through Node. */
const BASELINE_SQL = `
  INSERT INTO reminder_sends (document_id, user_id, template_id, kind, reason, local_date, slot, dedupe_key, state, attempts, credit_spent,
    due_at, next_attempt_at, "values", page, test, created_at, updated_at, published_at)
  SELECT md5(random()::text), s.user_ref, $1, 'habitReminder', 'habit:' || s.habit_ref, $2::date, '21:00',
         s.user_ref || '|t|habit:' || s.habit_ref || '|' || $2 || '|21:00',
         CASE WHEN COALESCE(sub.credits, 0) > 0 THEN 'queued' ELSE 'noCredit' END, 0, false, $3, $3,
         jsonb_build_object('habit', h.title, 'time', '21:00', 'date', $2, 'habitDocumentId', h.document_id),
         'pages/habit/index?documentId=' || h.document_id, false, now(), now(), now()
    FROM reminder_slots s
    JOIN habits h ON h.id = s.habit_ref
    JOIN up_users u ON u.id = s.user_ref
    LEFT JOIN reminder_settings st ON st.user_id = s.user_ref
    LEFT JOIN reminder_subscriptions sub ON sub.user_id = s.user_ref AND sub.template_id = $1
   WHERE s.timezone = 'Asia/Shanghai' AND s.minute = 1260 AND s.kind = 'habit'
     AND h.reminder_enabled AND NOT h.archived AND NOT u.blocked AND u.deleted_at IS NULL AND (st.enabled IS NULL OR st.enabled)
     AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.habit_id = h.id AND c.local_date = CASE WHEN COALESCE(u.day_start_hour, 0) > 21 THEN $2::date - 1 ELSE $2::date END)
  ON CONFLICT (dedupe_key) DO NOTHING`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Whether the last run's database holds these sizes and today's check-ins (BENCH_REM_REUSE). */
const reusable = async (h, today) => {
  if (!process.env.BENCH_REM_REUSE) return false;
  const client = new Client({ connectionString: h.dbUrl(DB_NAME) });
  try {
    await client.connect();
    const { rows: [row] } = await client.query(
      `SELECT (SELECT count(*) FROM up_users)::int AS users, (SELECT count(*) FROM reminder_slots)::int AS slots,
              (SELECT count(*) FROM check_ins WHERE local_date = $1::date)::int AS today`, [today]);
    return row.users === USERS && row.slots === USERS * 3 && row.today > 0;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

exports.run = async (h) => {
  const { today, minute } = benchMinute();
  const env = { DATABASE_URL: h.dbUrl(DB_NAME), PORT: String(h.PLATFORM_PORT), REMINDERS_SCHEDULER: 'false' };
  const logFile = path.join(h.APP_DIR, 'bench', 'results', 'reminders-platform.log');
  const reuse = await reusable(h, today);
  if (!reuse) {
    await h.recreateDatabase(DB_NAME);
    // One boot creates the schema; the seed goes in with the platform stopped, then a fresh boot.
    await h.stop(await h.startServer(path.join(h.APP_DIR, 'bench', 'platform-server.js'), env, logFile));
  }
  const client = new Client({ connectionString: h.dbUrl(DB_NAME) });
  await client.connect();
  let child = null;
  try {
    const steps = reuse ? [{ step: 'reused the last run\'s database', seconds: 0 }] : await seed(client, today);
    child = await h.startServer(path.join(h.APP_DIR, 'bench', 'platform-server.js'), env, logFile);
    const slotsBuilt = reuse ? { result: USERS * 3, wallMs: 0 } : await ipc(child, { call: 'service', plugin: 'reminders', service: 'slots', method: 'rebuildAll', args: [] }, 20 * 60_000);
    if (!reuse) log(`reminder slots derived from the habits: ${slotsBuilt.result} rows in ${(slotsBuilt.wallMs / 1000).toFixed(1)} s`);
    await client.query('ANALYZE reminder_slots');
    const { rows: [{ id: templateRow }] } = await client.query('SELECT id FROM reminder_templates WHERE template_id = $1', [TEMPLATE_ID]);
    const clear = () => client.query('DELETE FROM reminder_sends');
    const rounds = { platform: [], baseline: [] };
    for (let round = 1; round <= h.ROUNDS; round += 1) {
      await clear();
      const started = process.hrtime.bigint();
      const baseline = await client.query(BASELINE_SQL, [templateRow, today, minute]);
      const baselineMs = Number(process.hrtime.bigint() - started) / 1e6;
      rounds.baseline.push({ ms: baselineMs, rows: baseline.rowCount });
      await clear();
      const platform = await ipc(child, { call: 'service', plugin: 'reminders', service: 'scheduler', method: 'enqueueMinute', args: [minute.toISOString()] }, 10 * 60_000);
      const { rows: [{ n }] } = await client.query('SELECT count(*)::int AS n FROM reminder_sends');
      rounds.platform.push({ ms: platform.wallMs, cpuMs: platform.cpuMs, rows: n, counts: platform.result.habit });
      log(`round ${round}/${h.ROUNDS}: platform ${platform.wallMs.toFixed(0)} ms (${n} rows, node CPU ${platform.cpuMs.toFixed(0)} ms), baseline ${baselineMs.toFixed(0)} ms (${baseline.rowCount} rows)`);
    }
    await clear();
    const platformMs = median(rounds.platform.map((r) => r.ms));
    const baselineMs = median(rounds.baseline.map((r) => r.ms));
    const report = {
      scenario: 'reminders',
      at: new Date().toISOString(),
      users: USERS,
      habits: USERS * 3,
      dueAtMinute: DUE,
      minute: minute.toISOString(),
      seed: steps,
      slotRebuildSeconds: reuse ? null : Number((slotsBuilt.wallMs / 1000).toFixed(1)),
      platform: { medianMs: Math.round(platformMs), rounds: rounds.platform },
      baseline: { medianMs: Math.round(baselineMs), rounds: rounds.baseline },
      platformOverBaseline: Number((platformMs / baselineMs).toFixed(2)),
      target: { seconds: TARGET_SECONDS, met: platformMs / 1000 < TARGET_SECONDS },
    };
    fs.mkdirSync(path.join(h.APP_DIR, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(h.APP_DIR, 'bench', 'results', 'reminders.json'), JSON.stringify(report, null, 2));
    log(`selection + enqueue of ${DUE} due reminders among ${USERS * 3} habits: platform ${Math.round(platformMs)} ms, one-statement baseline ${Math.round(baselineMs)} ms (x${report.platformOverBaseline}); target under ${TARGET_SECONDS} s: ${report.target.met ? 'met' : 'NOT met'}`);
  } finally {
    if (child) await h.stop(child);
    await client.end();
  }
};
