/**
 * `npm run bench -- history` (issue 11, part 5: cost as the data grows). Two databases of the
 * platform's schema: a big one (BENCH_HISTORY_USERS ordinary users, about BENCH_HISTORY_CHECKINS
 * check-ins) and a near-empty one, both holding the same loyal users (20 daily habits, every day for
 * 1,431 days: 28,620 check-ins each) and new users (20 habits, nothing yet); see seed.js. One platform
 * serves each (BENCH_PLATFORM_PORT: big, BENCH_BASELINE_PORT: near-empty), and in alternating rounds
 * autocannon measures, for a new and for a loyal user:
 *   POST /api/check-ins, GET /api/check-ins/today, GET /api/me/stats, GET /api/habits/:id/stats.
 * Targets: on the big database each call keeps >= 0.8x its throughput on the near-empty one, and the
 * loyal user's median time is within 2x of the new user's.
 *
 * A check-in is a real 201 only once per (user, habit, day), and a loyal user has 20 habits: POST is
 * measured in bursts of every pair of the group once, and between bursts the group's check-ins of today
 * are deleted and their day counters put back (SQL from this process; its PostgreSQL CPU is in the
 * figures). Its req/s is requests over the bursts' own time; p50 / p99 are the medians over the bursts.
 *
 * Seeded databases are kept (habit_bench_history_<users>_<checkIns>) and reused while the schema, the
 * seed code, the sizes and the day match; each run puts back what it changed.
 *
 * Env (besides run.js's BENCH_CONNECTIONS, BENCH_DURATION, BENCH_WARMUP, BENCH_ROUNDS, ports):
 *   BENCH_HISTORY_USERS (1000000), BENCH_HISTORY_CHECKINS (20000000), BENCH_HISTORY_LOYAL (10), BENCH_HISTORY_NEW (10)
 *   BENCH_HISTORY_RESEED   seed again even if the kept database matches
 *   BENCH_HISTORY_ONLY     comma list of calls (check-in, today, me-stats, habit-stats)
 *   BENCH_REDIS_URL (redis://127.0.0.1:6379/12)
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const jwt = require('jsonwebtoken');
const Redis = require('ioredis');
const { Client } = require('pg');
const { seedHistory, PREFIX } = require('./seed');
const { escapeLiteral, flushRedis, schemaFingerprint } = require('../lib/seeding');

const USERS = Number(process.env.BENCH_HISTORY_USERS || 1000000);
const CHECKINS = Number(process.env.BENCH_HISTORY_CHECKINS || 20000000);
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379/12';
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT || 4301);
const JWT_SECRET = crypto.randomBytes(32).toString('base64');
const DB = { schema: 'habit_bench_history_schema', big: `habit_bench_history_${USERS}_${CHECKINS}`, small: 'habit_bench_history_0_0' };
const TARGET = { throughputRatio: 0.8, loyalOverNew: 2 };

const CALLS = [
  { key: 'check-in', label: 'POST /api/check-ins' },
  { key: 'today', label: 'GET /api/check-ins/today', path: () => '/api/check-ins/today' },
  { key: 'me-stats', label: 'GET /api/me/stats', path: () => '/api/me/stats' },
  { key: 'habit-stats', label: 'GET /api/habits/:id/stats', path: (habit) => `/api/habits/${habit}/stats` },
];

const log = (message) => console.log(`[bench] ${message}`);
const seconds = (ms) => Number((ms / 1000).toFixed(1));
/** A seeded database of `users` / `checkIns`, kept between runs and reused when it was seeded from the same inputs. */
const prepareDatabase = async (h, admin, name, schema, users, checkIns) => {
  const code = crypto.createHash('sha256').update(fs.readFileSync(path.join(__dirname, 'seed.js'))).digest('hex').slice(0, 16);
  const day = new Date().toISOString().slice(0, 10);
  const wanted = { schema, code, users, checkIns, day };
  const { rows: [existing] } = await admin.query("SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1", [name]);
  let previous = null;
  try {
    previous = existing?.comment ? JSON.parse(existing.comment) : null;
  } catch {
    previous = null;
  }
  if (previous && Object.keys(wanted).every((key) => previous[key] === wanted[key]) && !process.env.BENCH_HISTORY_RESEED) {
    log(`reusing ${name} (seeded ${previous.seededAt} in ${previous.seedSeconds} s: ${JSON.stringify(previous.counts)})`);
    return previous;
  }
  log(`seeding ${name}: ${users} users, ~${checkIns} check-ins, plus the loyal and new users`);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${DB.schema}" STRATEGY FILE_COPY`);
  const client = new Client({ connectionString: h.dbUrl(name) });
  await client.connect();
  let seeded;
  try {
    seeded = await seedHistory(client, { users, checkIns, log: (line) => log(line.replace(/^\[seed\] /, 'seed: ')) });
  } finally {
    await client.end();
  }
  const info = { ...wanted, seededAt: new Date().toISOString(), seedSeconds: Number(seeded.seconds.toFixed(1)), counts: seeded.counts, steps: seeded.steps };
  await admin.query(`COMMENT ON DATABASE "${name}" IS ${escapeLiteral(JSON.stringify({ ...info, steps: undefined }))}`);
  log(`seeded ${name} in ${info.seedSeconds} s: ${JSON.stringify(seeded.counts)}`);
  return info;
};

/** The loyal and the new users of a database, each with a JWT and the documentIds of their habits. */
const groupsOf = async (client) => {
  const group = async (prefix) => {
    const { rows } = await client.query(
      `SELECT u.id, array_agg(h.document_id ORDER BY h.sort_order) AS habits
         FROM up_users u JOIN habits h ON h.user_id = u.id
        WHERE u.username LIKE $1 GROUP BY u.id ORDER BY u.id`,
      [`${prefix}%`],
    );
    const { rows: counters } = await client.query(
      `SELECT id, total_check_in_days, consecutive_days, last_check_in_date::text AS last_check_in_date, makeup_cards,
              last_makeup_award_date::text AS last_makeup_award_date
         FROM up_users WHERE username LIKE $1`,
      [`${prefix}%`],
    );
    return { users: rows.map((r) => ({ id: r.id, habits: r.habits, token: jwt.sign({ id: r.id }, JWT_SECRET, { expiresIn: '6h' }) })), counters };
  };
  return { new: await group(PREFIX.fresh), loyal: await group(PREFIX.loyal) };
};

/** Deletes the group's check-ins of today (their day) and puts their day counters back as seeded. */
const resetGroup = async (client, group) => {
  const ids = group.counters.map((c) => c.id);
  await client.query(`DELETE FROM check_ins WHERE user_id = ANY($1::int[]) AND local_date >= (now() AT TIME ZONE 'UTC')::date`, [ids]);
  await client.query(
    `UPDATE up_users u SET total_check_in_days = c.total, consecutive_days = c.consecutive, last_check_in_date = c.last_day,
            makeup_cards = c.cards, last_makeup_award_date = c.award_day
       FROM unnest($1::int[], $2::int[], $3::int[], $4::date[], $5::int[], $6::date[]) AS c(id, total, consecutive, last_day, cards, award_day)
      WHERE u.id = c.id`,
    [ids, ...['total_check_in_days', 'consecutive_days', 'last_check_in_date', 'makeup_cards', 'last_makeup_award_date'].map((k) => group.counters.map((c) => c[k]))],
  );
};

/** The autocannon requests of a call for a group: each request by the next user (and habit) in turn. */
const requestsFor = (call, group) => {
  if (call.key === 'check-in') {
    const pairs = group.users.flatMap((u) => u.habits.map((habit) => ({ token: u.token, habit })));
    let next = 0;
    return {
      amount: pairs.length,
      requests: [{
        method: 'POST',
        path: '/api/check-ins',
        setupRequest: (req) => {
          const pair = pairs[next % pairs.length];
          next += 1;
          return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${pair.token}` }, body: JSON.stringify({ data: { habit: pair.habit } }) };
        },
      }],
      reset: () => {
        next = 0;
      },
    };
  }
  let next = 0;
  return {
    requests: [{
      method: 'GET',
      path: call.path('x'),
      setupRequest: (req) => {
        const user = group.users[next % group.users.length];
        const habit = user.habits[Math.floor(next / group.users.length) % user.habits.length];
        next += 1;
        return { ...req, path: call.path(habit), headers: { authorization: `Bearer ${user.token}` } };
      },
    }],
  };
};

/** GET: one autocannon run of DURATION. POST: bursts (each pair once, then a reset) for DURATION. */
const measureCall = async (h, side, call, kind, durationSeconds) => {
  const group = side.groups[kind];
  const spec = requestsFor(call, group);
  if (call.key !== 'check-in') {
    const before = h.cpuSnapshot(side.child.pid);
    const result = await h.measure({ url: side.url, duration: durationSeconds, requests: spec.requests });
    return h.summarise(result, before, h.cpuSnapshot(side.child.pid));
  }
  const bursts = [];
  const before = h.cpuSnapshot(side.child.pid);
  const started = Date.now();
  while (Date.now() - started < durationSeconds * 1000) {
    await resetGroup(side.client, group);
    spec.reset();
    const result = await h.measure({ url: side.url, amount: spec.amount, connections: Math.min(h.CONNECTIONS, spec.amount), requests: spec.requests });
    bursts.push(result);
  }
  const after = h.cpuSnapshot(side.child.pid);
  await resetGroup(side.client, group);
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const total = bursts.reduce((sum, b) => sum + b.requests.total, 0);
  // The shape summarise() reads, from the bursts taken together.
  const merged = {
    requests: { total, average: total / bursts.reduce((sum, b) => sum + b.duration, 0) },
    latency: { p50: median(bursts.map((b) => b.latency.p50)), p99: median(bursts.map((b) => b.latency.p99)), p90: median(bursts.map((b) => b.latency.p90)), p99_9: median(bursts.map((b) => b.latency.p99_9)), max: Math.max(...bursts.map((b) => b.latency.max)) },
    non2xx: bursts.reduce((sum, b) => sum + b.non2xx, 0),
    errors: bursts.reduce((sum, b) => sum + b.errors, 0),
    timeouts: bursts.reduce((sum, b) => sum + b.timeouts, 0),
    throughput: { total: bursts.reduce((sum, b) => sum + b.throughput.total, 0) },
  };
  return { ...h.summarise(merged, before, after), bursts: bursts.length };
};

/** One request of each call for each group, checked; the loyal user's answers must match across the two databases. */
const probe = async (sides) => {
  const problems = [];
  const samples = {};
  for (const side of sides) {
    for (const kind of ['new', 'loyal']) {
      const user = side.groups[kind].users[0];
      const auth = { authorization: `Bearer ${user.token}` };
      for (const call of CALLS.filter((c) => c.key !== 'check-in')) {
        const response = await fetch(`${side.url}${call.path(user.habits[0])}`, { headers: auth });
        const text = await response.text();
        if (response.status !== 200) problems.push(`${side.key} ${kind} ${call.label}: ${response.status} ${text.slice(0, 200)}`);
        samples[`${side.key}.${kind}.${call.key}`] = text;
      }
    }
  }
  for (const kind of ['new', 'loyal']) {
    for (const call of ['me-stats', 'habit-stats']) {
      const strip = (text) => {
        const body = JSON.parse(text);
        if (body.data?.habit) body.data.habit.documentId = null;
        // The POST bursts leave their points behind (the counters are put back, the ledger is not).
        if (body.data) delete body.data.pointsBalance;
        return JSON.stringify(body.data);
      };
      if (strip(samples[`big.${kind}.${call}`]) !== strip(samples[`small.${kind}.${call}`])) problems.push(`${kind} ${call}: the two databases answer differently`);
    }
  }
  const loyal = JSON.parse(samples['big.loyal.me-stats']).data;
  return { problems, loyalMeStats: { totalDays: loyal.totalDays, totalCheckIns: loyal.totalCheckIns, consecutiveDays: loyal.consecutiveDays, longestStreakDays: loyal.longestStreakDays, completionRate: loyal.completionRate } };
};

const run = async (h) => {
  fs.mkdirSync(path.join(__dirname, '..', 'results'), { recursive: true });
  const startedAt = new Date();
  log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const only = process.env.BENCH_HISTORY_ONLY ? process.env.BENCH_HISTORY_ONLY.split(',').map((s) => s.trim()) : null;
  const calls = CALLS.filter((c) => !only || only.includes(c.key));

  log('booting the platform once on an empty database to create its schema');
  await h.recreateDatabase(DB.schema);
  await flushRedis(REDIS_URL);
  await h.stop(await h.startServer(path.join(__dirname, '..', 'platform-server.js'),
    { DATABASE_URL: h.dbUrl(DB.schema), PORT: String(h.PLATFORM_PORT), REDIS_URL, JWT_SECRET }, path.join(__dirname, '..', 'results', 'history-schema.log')));
  const admin = new Client({ connectionString: h.dbUrl('postgres') });
  await admin.connect();
  const schemaDb = new Client({ connectionString: h.dbUrl(DB.schema) });
  await schemaDb.connect();
  const schema = await schemaFingerprint(schemaDb);
  await schemaDb.end();
  const seeds = {
    big: await prepareDatabase(h, admin, DB.big, schema, USERS, CHECKINS),
    small: await prepareDatabase(h, admin, DB.small, schema, 0, 0),
  };
  await admin.end();
  await flushRedis(REDIS_URL);

  const sides = [];
  const report = {
    scenario: 'history', at: startedAt.toISOString(), connections: h.CONNECTIONS, durationSeconds: h.DURATION, warmupSeconds: h.WARMUP, rounds: h.ROUNDS,
    databases: { big: { name: DB.big, ...seeds.big, steps: undefined }, small: { name: DB.small, ...seeds.small, steps: undefined } },
    targets: TARGET, results: {},
  };
  try {
    for (const [key, port] of [['big', h.PLATFORM_PORT], ['small', BASELINE_PORT]]) {
      const started = Date.now();
      const child = await h.startServer(path.join(__dirname, '..', 'platform-server.js'),
        { DATABASE_URL: h.dbUrl(DB[key]), PORT: String(port), REDIS_URL, JWT_SECRET }, path.join(__dirname, '..', 'results', `history-${key}.log`));
      const client = new Client({ connectionString: h.dbUrl(DB[key]) });
      await client.connect();
      const groups = await groupsOf(client);
      sides.push({ key, child, client, groups, url: `http://127.0.0.1:${port}` });
      log(`platform on ${DB[key]} up in ${seconds(Date.now() - started)} s (port ${port})`);
    }
    const probed = await probe(sides);
    report.probe = probed;
    log(`probe: ${probed.problems.length === 0 ? 'all 200, the same answers on both databases' : probed.problems.join('; ')}; loyal me/stats ${JSON.stringify(probed.loyalMeStats)}`);

    for (const call of calls) {
      for (const kind of ['new', 'loyal']) {
        const rounds = { big: [], small: [] };
        for (let round = 1; round <= h.ROUNDS; round += 1) {
          for (const side of sides) {
            await measureCall(h, side, call, kind, h.WARMUP);
            const summary = await measureCall(h, side, call, kind, h.DURATION);
            rounds[side.key].push(summary);
            log(`${call.label} ${kind} on ${side.key}, round ${round}/${h.ROUNDS}: ${summary.requestsPerSecond} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, non-2xx ${summary.non2xx}, cpu ${JSON.stringify(summary.cpuMsPerRequest)}`);
          }
        }
        report.results[`${call.key}.${kind}`] = { big: h.medianRound(rounds.big), small: h.medianRound(rounds.small) };
      }
    }
  } finally {
    for (const side of sides) {
      await side.client.end().catch(() => undefined);
      await h.stop(side.child);
    }
    await flushRedis(REDIS_URL).catch(() => undefined);
  }

  const rows = [['call', 'user', 'db', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'cpu app', 'cpu pg', 'big/small', 'loyal/new p50']];
  for (const call of calls) {
    for (const kind of ['new', 'loyal']) {
      for (const db of ['small', 'big']) {
        const r = report.results[`${call.key}.${kind}`][db];
        const small = report.results[`${call.key}.${kind}`].small;
        const fresh = report.results[`${call.key}.new`][db];
        const ratio = db === 'big' ? (r.requestsPerSecond / small.requestsPerSecond).toFixed(2) : '';
        const loyalOverNew = kind === 'loyal' ? (r.p50Ms / Math.max(fresh.p50Ms, 0.5)).toFixed(2) : '';
        rows.push([call.label, kind, db, r.requestsPerSecond, r.p50Ms, r.p99Ms, r.non2xx, r.cpuMsPerRequest.server, r.cpuMsPerRequest.postgres, ratio, loyalOverNew]);
      }
    }
  }
  console.log(`\n(medians of ${h.ROUNDS} alternating rounds of ${h.DURATION} s at ${h.CONNECTIONS} connections; cpu: ms per request; big: ${JSON.stringify(seeds.big.counts)})`);
  console.log(rows.map((r, i) => r.map((c, j) => String(c)[j < 3 ? 'padEnd' : 'padStart'](j === 0 ? 26 : j < 3 ? 6 : 9)).join(' ') + (i === 0 ? '' : '')).join('\n'));
  const file = path.join(__dirname, '..', 'results', `history-${report.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  log(`saved ${path.relative(h.APP_DIR, file)}`);
};

module.exports = { run };
