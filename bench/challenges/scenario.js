/**
 * `npm run bench -- challenges` (issue 14, progress): what a check-in costs when its habit is linked to
 * 10 active challenges, against one whose habit is in none, on one platform server (PostgreSQL; Redis
 * boards with BENCH_REDIS_URL, the SQL board table without).
 *
 * The challenge work runs after the check-in commits (the `gamification.check-in.changed` listener), so
 * the request itself gains nothing; what it costs shows as the server's and PostgreSQL's CPU per request
 * and as throughput. Two groups of users with HABITS habits each: `none` (no challenges) and `ten` (each
 * habit linked to 10 open, running challenges: 10 x HABITS challenges, each user in all of them).
 * The raw Koa + pg baseline (bench/baseline/server.js) checks in too, on a copy of the seeded database
 * (the `none` group's pairs there), so both figures are also ratios of what the hardware does.
 * Alternating rounds (baseline, none, ten, baseline, ...), each request a new (user, habit) pair, so every
 * answer is a real 201. After the rounds it waits for progress to catch up (every participant of a
 * checked-in habit at daysDone 1) and reports the backlog left at the end of the last round (check-ins
 * whose progress was not yet saved), how long it took to drain, and the drain rate (check-ins a second,
 * with no requests coming in).
 *
 * Env (besides run.js's BENCH_CONNECTIONS, BENCH_DURATION, BENCH_WARMUP, BENCH_ROUNDS, BENCH_PLATFORM_PORT):
 *   BENCH_CHALLENGE_USERS (1000 per group), BENCH_CHALLENGE_HABITS (20), BENCH_REDIS_URL (unset: SQL boards),
 *   BENCH_BASELINE_PORT (4100), BENCH_CHALLENGE_BASELINE (1; 0 leaves the baseline out),
 *   BENCH_CHALLENGE_CATCHUP_S (180: how long to wait for the backlog)
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const jwt = require('jsonwebtoken');
const { Client } = require('pg');

const USERS = Number(process.env.BENCH_CHALLENGE_USERS || 1000);
const HABITS = Number(process.env.BENCH_CHALLENGE_HABITS || 20);
const PER_HABIT = 10;
const JWT_SECRET = crypto.randomBytes(32).toString('base64');
const DB_NAME = `${process.env.BENCH_DB_PREFIX || 'habit_bench'}_challenges`;
const BASELINE_DB_NAME = `${DB_NAME}_baseline`;
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT || 4100);
const WITH_BASELINE = process.env.BENCH_CHALLENGE_BASELINE !== '0';
const CATCH_UP_MS = Number(process.env.BENCH_CHALLENGE_CATCHUP_S || 180) * 1000;
const log = (message) => console.log(`[bench] ${message}`);
const docId = () => crypto.randomBytes(12).toString('hex');

const { ipc: call } = require('../lib/ipc');
/** A call into the running platform (bench/lib/ipc.js). */
const ipc = (child, message, timeoutMs = 60_000) => call(child, message, timeoutMs);

const bulkInsert = async (client, table, columns, rows) => {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const values = chunk.map((row, r) => `(${row.map((_, c) => `$${r * columns.length + c + 1}`).join(',')})`).join(',');
    await client.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${values}`, chunk.flat());
  }
};

const shanghaiDay = (offsetDays) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A group's users and habits; their (token, habit) pairs in order of use. */
const seedGroup = async (client, group) => {
  const { rows: [role] } = await client.query("SELECT id FROM up_roles WHERE type = 'authenticated'");
  const now = new Date();
  const stamp = Date.now();
  const users = Array.from({ length: USERS }, (_, i) => [docId(), `ch_${group}_${i}_${stamp}`, 'wechat', true, false, 'Asia/Shanghai', 0, true, 'free', 0, 0, 0, 0, now, now, now]);
  await bulkInsert(client, 'up_users', ['document_id', 'username', 'provider', 'confirmed', 'blocked', 'timezone', 'day_start_hour', 'show_in_ranking', 'membership_tier', 'points_balance', 'makeup_cards', 'total_check_in_days', 'consecutive_days', 'created_at', 'updated_at', 'published_at'], users);
  const { rows: userRows } = await client.query('SELECT id FROM up_users WHERE username LIKE $1 ORDER BY id', [`ch\\_${group}\\_%`]);
  await bulkInsert(client, 'up_users_role_lnk', ['user_id', 'role_id'], userRows.map((u) => [u.id, role.id]));
  const habits = [];
  for (const u of userRows) for (let h = 0; h < HABITS; h += 1) {
    habits.push([`${group}h${String(u.id).padStart(10, '0')}${String(h).padStart(6, '0')}`, u.id, `habit ${h}`, 'life', 'build', 'daily', 'none', false, false, '2026-01-01', h, now, now, now]);
  }
  await bulkInsert(client, 'habits', ['document_id', 'user_id', 'title', 'category', 'kind', 'frequency_type', 'goal_type', 'reminder_enabled', 'archived', 'start_date', 'sort_order', 'created_at', 'updated_at', 'published_at'], habits);
  const { rows: habitRows } = await client.query('SELECT id, document_id, user_id, sort_order FROM habits WHERE document_id LIKE $1 ORDER BY sort_order, user_id', [`${group}h%`]);
  const tokens = new Map(userRows.map((u) => [u.id, jwt.sign({ id: u.id }, JWT_SECRET, { expiresIn: '2h' })]));
  return { userRows, habitRows, pairs: habitRows.map((h) => ({ token: tokens.get(h.user_id), habit: h.document_id })) };
};

/** 10 x HABITS open challenges running today; habit h of every user of the group is in challenges 10h .. 10h+9. */
const seedChallenges = async (client, { userRows, habitRows }) => {
  const now = new Date();
  const challenges = Array.from({ length: HABITS * PER_HABIT }, (_, i) => [docId(), `bench challenge ${i}`, 'Asia/Shanghai', shanghaiDay(-1), shanghaiDay(30), 'daysOf', 21, false, 0, 0, 0, 0, 'everyone', true, 'published', 'open', USERS, true, now, now, now]);
  await bulkInsert(client, 'challenges', ['document_id', 'title', 'timezone', 'start_date', 'end_date', 'rule', 'target_days', 'allow_makeup', 'entry_cost', 'reward_points', 'top_k', 'top_points', 'visibility', 'is_official', 'review', 'state', 'participants_count', 'active', 'created_at', 'updated_at', 'published_at'], challenges);
  const { rows: challengeRows } = await client.query("SELECT id FROM challenges WHERE title LIKE 'bench challenge %' ORDER BY id");
  const participants = [];
  for (const habit of habitRows) {
    for (let k = 0; k < PER_HABIT; k += 1) {
      participants.push([docId(), challengeRows[habit.sort_order * PER_HABIT + k].id, habit.user_id, habit.id, 'active', 0, 21, 0, 0, 0, now, now, now]);
    }
  }
  await bulkInsert(client, 'challenge_participants', ['document_id', 'challenge_id', 'user_id', 'habit_id', 'status', 'days_done', 'days_needed', 'streak', 'best_streak', 'entry_paid', 'joined_at', 'created_at', 'updated_at'], participants);
  log(`seeded ${challengeRows.length} challenges, ${participants.length} participants (${userRows.length} users)`);
};

const requestsOf = (pairs) => {
  let next = 0;
  return [{
    method: 'POST',
    path: '/api/check-ins',
    setupRequest: (req) => {
      const pair = pairs[next % pairs.length];
      next += 1;
      return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${pair.token}` }, body: JSON.stringify({ data: { habit: pair.habit, note: 'bench' } }) };
    },
  }];
};

exports.run = async (h) => {
  await h.recreateDatabase(DB_NAME);
  const env = { DATABASE_URL: h.dbUrl(DB_NAME), PORT: String(h.PLATFORM_PORT), JWT_SECRET, ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL } : {}) };
  const logFile = path.join(h.APP_DIR, 'bench', 'results', 'challenges-platform.log');
  let child = await h.startServer(path.join(h.APP_DIR, 'bench', 'platform-server.js'), env, logFile);
  let baseline = null;
  let client = new Client({ connectionString: h.dbUrl(DB_NAME) });
  await client.connect();
  const sides = [];
  try {
    const none = await seedGroup(client, 'none');
    const ten = await seedGroup(client, 'ten');
    await seedChallenges(client, ten);
    // Statistics, as autovacuum keeps them in production (it is off on the bench machine): without them the
    // planner takes the freshly loaded tables for tiny ones and picks scans a real database never would.
    await client.query('ANALYZE');
    // A fresh boot, as in production: nothing cached from the seeding.
    await h.stop(child);
    if (WITH_BASELINE) {
      // The baseline's copy of the seeded database (a template must have no connections while it is copied).
      await client.end();
      await h.recreateDatabase(BASELINE_DB_NAME, DB_NAME);
      client = new Client({ connectionString: h.dbUrl(DB_NAME) });
      await client.connect();
      baseline = await h.startServer(path.join(h.APP_DIR, 'bench', 'baseline', 'server.js'),
        { BASELINE_DATABASE_URL: h.dbUrl(BASELINE_DB_NAME), PORT: String(BASELINE_PORT), JWT_SECRET }, path.join(h.APP_DIR, 'bench', 'results', 'challenges-baseline.log'));
      sides.push({ key: 'baseline', label: 'baseline (koa + pg) check-in', url: `http://127.0.0.1:${BASELINE_PORT}`, pid: baseline.pid, requests: requestsOf(none.pairs), rounds: [] });
    }
    child = await h.startServer(path.join(h.APP_DIR, 'bench', 'platform-server.js'), env, logFile);
    const url = `http://127.0.0.1:${h.PLATFORM_PORT}`;
    // How many (user, habit) recomputes wait or run in the platform's queue, asked over IPC (polling the
    // participant rows would cost PostgreSQL more than the work measured).
    const backlog = async () => Number((await ipc(child, { call: 'service', plugin: 'challenges', service: 'progress', method: 'backlog', args: [] })).result);
    sides.push({ key: 'none', label: 'check-in, habit in no challenge', url, pid: child.pid, requests: requestsOf(none.pairs), rounds: [] });
    sides.push({ key: 'ten', label: 'check-in, habit in 10 challenges', url, pid: child.pid, requests: requestsOf(ten.pairs), rounds: [] });
    for (let round = 1; round <= h.ROUNDS; round += 1) {
      for (const side of sides) {
        await h.measure({ url: side.url, duration: h.WARMUP, requests: side.requests });
        const backlogBefore = await backlog();
        const before = h.cpuSnapshot(side.pid);
        const result = await h.measure({ url: side.url, duration: h.DURATION, requests: side.requests });
        const summary = h.summarise(result, before, h.cpuSnapshot(side.pid));
        // Recomputes finished during the round, a second: the round's check-ins (each queues one, a habit
        // in no challenge too) less what the backlog grew by. Equal to the request rate while progress keeps up.
        const backlogAfter = await backlog();
        const recomputed = (side.key === 'baseline' ? 0 : summary.total) - (backlogAfter - backlogBefore);
        Object.assign(summary, { backlogBefore, backlogAfter, recomputedPerSecond: Number((recomputed / h.DURATION).toFixed(1)) });
        side.rounds.push(summary);
        if (summary.non2xx > 0) console.warn(`[bench] ${side.label}: ${summary.non2xx} answers were not 2xx`);
        log(`round ${round}/${h.ROUNDS} ${side.label}: ${JSON.stringify(summary)}`);
      }
    }
    // Progress catches up after the commits.
    const started = Date.now();
    const backlogAtEnd = await backlog();
    const cpuBeforeCatchUp = h.cpuSnapshot(child.pid);
    let left = backlogAtEnd;
    while (left > 0 && Date.now() - started < CATCH_UP_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = await backlog();
    }
    const catchUpMs = Date.now() - started;
    const cpuAfterCatchUp = h.cpuSnapshot(child.pid);
    // Each queued recompute is one check-in here (every request a new (user, habit) pair).
    const drainedCheckIns = backlogAtEnd - left;
    const drainRate = drainedCheckIns > 0 ? Number((drainedCheckIns / (Math.max(catchUpMs, 1) / 1000)).toFixed(1)) : null;
    // What a check-in's progress costs, from the catch-up alone (no requests then): CPU ms per drained check-in.
    const drainCpuMs = (key) => (drainedCheckIns > 0 && cpuBeforeCatchUp ? Number(((h.cpuSpent(cpuBeforeCatchUp, cpuAfterCatchUp, key) * 1000) / drainedCheckIns).toFixed(2)) : null);
    // Every participant of a checked-in habit of the `ten` group at daysDone 1: the results are all there.
    const want = Number((await client.query("SELECT count(*) AS n FROM check_ins c JOIN habits h ON h.id = c.habit_id WHERE h.document_id LIKE 'tenh%'")).rows[0].n) * PER_HABIT;
    const have = Number((await client.query('SELECT count(*) AS n FROM challenge_participants WHERE days_done = 1')).rows[0].n);
    const results = Object.fromEntries(sides.map((side) => [side.key, h.medianRound(side.rounds)]));
    const report = {
      scenario: 'challenges',
      at: new Date().toISOString(),
      connections: h.CONNECTIONS,
      durationSeconds: h.DURATION,
      rounds: h.ROUNDS,
      boards: process.env.BENCH_REDIS_URL ? 'redis' : 'sql',
      ...results,
      throughputRatio: Number((results.ten.requestsPerSecond / results.none.requestsPerSecond).toFixed(3)),
      p99Ratio: Number((results.ten.p99Ms / Math.max(results.none.p99Ms, 1)).toFixed(2)),
      ...(results.baseline
        ? {
            overBaseline: Object.fromEntries(['none', 'ten'].map((key) => [key, {
              throughputRatio: Number((results[key].requestsPerSecond / results.baseline.requestsPerSecond).toFixed(3)),
              p99Ratio: Number((results[key].p99Ms / Math.max(results.baseline.p99Ms, 1)).toFixed(2)),
            }])),
          }
        : {}),
      progress: {
        participantsExpected: want,
        participantsUpdated: have,
        backlogCheckInsAtEnd: backlogAtEnd,
        catchUpMsAfterLastRound: catchUpMs,
        drainCheckInsPerSecond: drainRate,
        drainCpuMsPerCheckIn: { server: drainCpuMs('server'), postgres: drainCpuMs('postgres') },
      },
    };
    const rows = [
      ['', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'cpu: app', 'postgres', 'client', 'progress/s', 'backlog'],
      ...sides.map((side) => [side.key, results[side.key].requestsPerSecond, results[side.key].p50Ms, results[side.key].p99Ms, results[side.key].non2xx, results[side.key].cpuMsPerRequest.server, results[side.key].cpuMsPerRequest.postgres, results[side.key].cpuMsPerRequest.client,
        side.key === 'ten' ? results.ten.recomputedPerSecond : '', side.key === 'ten' ? results.ten.backlogAfter : '']),
    ];
    console.log(`\n(medians of ${h.ROUNDS} alternating rounds of ${h.DURATION} s; cpu: milliseconds of CPU per request; progress/s: check-ins whose`);
    console.log(' progress was saved during a `ten` round, a second; backlog: recomputes waiting at the end of it)');
    console.log(rows.map((r) => r.map((c) => String(c).padStart(10)).join(' ')).join('\n'));
    console.log(`\nthroughput ratio ten/none: ${report.throughputRatio}   p99 ratio: ${report.p99Ratio}`);
    for (const [key, ratio] of Object.entries(report.overBaseline ?? {})) console.log(`${key}/baseline: throughput ratio ${ratio.throughputRatio}   p99 ratio ${ratio.p99Ratio}`);
    console.log(`progress: ${have}/${want} participants updated, ${catchUpMs} ms after the last round; backlog at the end of it ${report.progress.backlogCheckInsAtEnd} check-ins, drained at ${drainRate ?? '-'} check-ins/s (cpu ms per drained check-in: app ${report.progress.drainCpuMsPerCheckIn.server ?? '-'}, postgres ${report.progress.drainCpuMsPerCheckIn.postgres ?? '-'})`);
    fs.mkdirSync(path.join(h.APP_DIR, 'bench', 'results'), { recursive: true });
    const file = path.join(h.APP_DIR, 'bench', 'results', `challenges-${report.at.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify(report, null, 2));
    log(`saved ${path.relative(h.APP_DIR, file)}`);
  } finally {
    await client.end();
    await h.stop(child);
    await h.stop(baseline);
  }
};
