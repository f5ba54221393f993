#!/usr/bin/env node
/**
 * `npm run bench -- <scenario>`: the platform and the raw Koa + pg baseline (bench/baseline/server.js)
 * serve the same request in the same run on the same PostgreSQL; autocannon measures each in turn and
 * the report gives the platform as a ratio of the baseline. Never a pass/fail timing: a measurement.
 *
 * Env: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432), BENCH_CONNECTIONS (50),
 *      BENCH_DURATION seconds (15), BENCH_WARMUP seconds (3), BENCH_ROUNDS (3: alternating rounds per side,
 *      the report takes the medians), BENCH_ONLY (baseline | platform: measure one side, for profiling; no
 *      ratio is reported), BENCH_PROFILE / BENCH_TRACE_GC (V8 CPU profile / GC trace of each server),
 *      BENCH_DB_PREFIX (habit_bench: the run's databases are <prefix>_platform and <prefix>_baseline).
 *
 * `leaderboard` is a scenario of its own shape (bench/leaderboard/scenario.js): no Koa baseline, the
 * platform's reads against its own `GET /_health`; it uses the machinery below, exported at the end.
 */
'use strict';

const { fork } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');

const APP_DIR = path.resolve(__dirname, '..');
const BASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const DURATION = Number(process.env.BENCH_DURATION || 15);
const WARMUP = Number(process.env.BENCH_WARMUP || 3);
const PLATFORM_PORT = Number(process.env.BENCH_PLATFORM_PORT || 4200);
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT || 4100);
// Two benches on one PostgreSQL (two worktrees) keep apart with their own prefixes.
const DB_PREFIX = process.env.BENCH_DB_PREFIX || 'habit_bench';
const DB = { platform: `${DB_PREFIX}_platform`, baseline: `${DB_PREFIX}_baseline` };

const dbUrl = (name) => {
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

const recreateDatabase = async (name, template) => {
  const client = new Client({ connectionString: dbUrl('postgres') });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  await client.end();
};

/** Server output goes to bench/results/<name>.log, so the report stays readable. */
const startServer = (script, env, logFile) =>
  new Promise((resolve, reject) => {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const log = fs.openSync(logFile, 'w');
    // BENCH_PROFILE=1 writes a V8 CPU profile of each server to bench/results/ (open in Chrome DevTools).
    const execArgv = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.dirname(logFile)}`] : [];
    if (process.env.BENCH_TRACE_GC) execArgv.push('--trace-gc');
    const child = fork(script, [], { env: { ...process.env, ...env }, stdio: ['ignore', log, log, 'ipc'], execArgv });
    child.once('message', (message) => (message && message.ready ? resolve(child) : reject(new Error(String(message)))));
    child.once('exit', (code) => reject(new Error(`${path.basename(script)} exited with ${code}; see ${logFile}`)));
  });

const stop = (child) =>
  new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);

/** The median of each figure over the rounds (rounds kept in the report as measured). */
const medianRound = (rounds) => {
  const median = (values) => {
    const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
    return sorted.length === 0 ? null : sorted[Math.floor((sorted.length - 1) / 2)];
  };
  const pick = (get) => median(rounds.map(get));
  const first = rounds[0];
  const out = {};
  for (const key of Object.keys(first)) if (typeof first[key] === 'number') out[key] = pick((r) => r[key]);
  out.cpuMsPerRequest = Object.fromEntries(Object.keys(first.cpuMsPerRequest).map((key) => [key, pick((r) => r.cpuMsPerRequest[key])]));
  out.rounds = rounds;
  return out;
};

const measure = (options) =>
  new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });

/**
 * CPU seconds used so far by the server under test, by PostgreSQL (all its processes) and by this
 * process (autocannon, the client). Linux /proc only; elsewhere the CPU columns stay empty. The machine
 * is shared by all three, so a platform that costs PostgreSQL or the client more shows it here.
 */
const TICKS_PER_SECOND = 100;
const procCpuSeconds = (pid) => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
};
const cpuSnapshot = (serverPid) => {
  if (!fs.existsSync('/proc/self/stat')) return null;
  // PostgreSQL (all its processes) and Redis (redis-server, for the scenarios that use it).
  const postgres = new Map();
  const redis = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'postgres') postgres.set(entry, procCpuSeconds(entry));
      else if (comm === 'redis-server') redis.set(entry, procCpuSeconds(entry));
    } catch {
      // the process ended while we looked
    }
  }
  const own = process.cpuUsage();
  return { server: procCpuSeconds(serverPid), postgres, redis, client: (own.user + own.system) / 1e6 };
};

/** CPU seconds between two snapshots; PostgreSQL backends come and go, so count each by its own pid. */
const cpuSpent = (before, after, key) => {
  if (key !== 'postgres' && key !== 'redis') return after[key] - before[key];
  let total = 0;
  for (const [pid, seconds] of after[key]) total += seconds - (before[key].get(pid) ?? 0);
  return total;
};

/** Resident memory of a process in MB (Linux /proc), or null. */
const rssMb = (pid) => {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
};

const summarise = (result, cpuBefore, cpuAfter, cpuKeys = ['server', 'postgres', 'client']) => {
  const requests = result.requests.total;
  const perRequest = (key) => (cpuBefore && cpuAfter && requests > 0 ? Number(((cpuSpent(cpuBefore, cpuAfter, key) * 1000) / requests).toFixed(2)) : null);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    p90Ms: result.latency.p90,
    p999Ms: result.latency.p99_9,
    maxMs: result.latency.max,
    total: requests,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    // Bytes read per response, headers included: what the server really sent.
    bytesPerRequest: requests > 0 ? Math.round(result.throughput.total / requests) : null,
    // CPU milliseconds per request: the server process, PostgreSQL, and the load generator.
    cpuMsPerRequest: Object.fromEntries(cpuKeys.map((key) => [key, perRequest(key)])),
  };
};

/**
 * Check-in scenario data: USERS users with HABITS habits each, on both databases, and a JWT per user.
 * Every request checks in a different (user, habit) pair, so every answer is a real 201.
 */
const USERS = Number(process.env.BENCH_USERS || 3000);
const HABITS = Number(process.env.BENCH_HABITS || 40);
const JWT_SECRET = require('node:crypto').randomBytes(32).toString('base64');
const jwt = require('jsonwebtoken');

const bulkInsert = async (client, table, columns, rows) => {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const values = chunk.map((row, r) => `(${row.map((_, c) => `$${r * columns.length + c + 1}`).join(',')})`).join(',');
    await client.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${values}`, chunk.flat());
  }
};

/** USERS mini-program users with the authenticated role and `balance` points; their ids in order. */
const insertBenchUsers = async (client, prefix, balance) => {
  const { rows: [role] } = await client.query("SELECT id FROM up_roles WHERE type = 'authenticated'");
  const now = new Date();
  const users = Array.from({ length: USERS }, (_, i) => [`${prefix}${i}${Date.now()}`, `${prefix}_${i}_${Date.now()}`, 'wechat', true, false, 'Asia/Shanghai', 0, true, 'free', balance, 3, 0, 0, now, now, now]);
  await bulkInsert(client, 'up_users', ['document_id', 'username', 'provider', 'confirmed', 'blocked', 'timezone', 'day_start_hour', 'show_in_ranking', 'membership_tier', 'points_balance', 'makeup_cards', 'total_check_in_days', 'consecutive_days', 'created_at', 'updated_at', 'published_at'], users);
  const { rows } = await client.query('SELECT id FROM up_users WHERE username LIKE $1 ORDER BY id', [`${prefix}\\_%`]);
  await bulkInsert(client, 'up_users_role_lnk', ['user_id', 'role_id'], rows.map((u) => [u.id, role.id]));
  return rows;
};

/** Items (a user's token and what to send) handed out in turn to POST `path`; the last is kept for the probe. */
const pairRequests = (pairs, bodyFor, path = '/api/check-ins') => {
  let next = 0;
  const probePair = pairs.pop();
  const requests = [
    {
      method: 'POST',
      path,
      setupRequest: (req) => {
        const pair = pairs[next % pairs.length];
        next += 1;
        return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${pair.token}` }, body: JSON.stringify(bodyFor(pair)) };
      },
    },
  ];
  requests.probe = {
    path,
    init: { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${probePair.token}` }, body: JSON.stringify(bodyFor(probePair)) },
  };
  return requests;
};

/** Like Strapi's documentIds: 24 lowercase letters and digits. */
const habitDocumentId = (userId, h) => `bh${String(userId).padStart(10, '0')}${String(h).padStart(12, '0')}`;

const checkinScenario = {
  describe: `POST /api/check-ins by ${USERS} users x ${HABITS} habits, each pair once (JWT auth, the platform's transaction on both sides)`,
  platformEnv: { JWT_SECRET },
  // Both sides run on the platform's own schema (the baseline on a copy), with the same rows.
  platformSchema: true,
  prepareBaseline: (client) => checkinScenario.preparePlatform(client),
  async preparePlatform(client) {
    const now = new Date();
    const userRows = await insertBenchUsers(client, 'bench', 0);
    const habits = [];
    for (const u of userRows) for (let h = 0; h < HABITS; h += 1) {
      habits.push([habitDocumentId(u.id, h), u.id, `habit ${h}`, 'life', 'build', 'daily', 'none', false, false, '2026-01-01', 0, now, now, now]);
    }
    await bulkInsert(client, 'habits', ['document_id', 'user_id', 'title', 'category', 'kind', 'frequency_type', 'goal_type', 'reminder_enabled', 'archived', 'start_date', 'sort_order', 'created_at', 'updated_at', 'published_at'], habits);
    const pairs = [];
    for (let h = 0; h < HABITS; h += 1) for (const u of userRows) {
      pairs.push({ token: jwt.sign({ id: u.id }, JWT_SECRET, { expiresIn: "2h" }), habit: habitDocumentId(u.id, h) });
    }
    return pairRequests(pairs, (pair) => ({ data: { habit: pair.habit, note: 'bench' } }));
  },
  expectStatus: 201,
};

/**
 * Draw scenario: USERS users with plenty of points draw in turn; seed 002's five prizes (unlimited)
 * and one limited prize. The daily cap is lifted in the settings row, on both sides.
 */
const drawScenario = {
  describe: `POST /api/lottery/draw by ${USERS} users in turn (users-permissions auth, the platform's draw transaction on both sides)`,
  platformEnv: { JWT_SECRET },
  platformSchema: true,
  prepareBaseline: (client, demo) => drawScenario.preparePlatform(client, demo),
  async preparePlatform(client, demo) {
    const now = new Date();
    const userRows = await insertBenchUsers(client, 'draw', 100000000);
    const prizes = demo.PRIZES.map((p, i) => [`bp${String(i).padStart(22, '0')}`, p.name, p.kind, 0, p.weight, p.stock, p.sortOrder, true, now, now, now]);
    prizes.push(['bplimited00000000000000', 'Limited', 'virtual', 0, 5, 100, 9, true, now, now, now]);
    await bulkInsert(client, 'prizes', ['document_id', 'name', 'kind', 'amount', 'weight', 'stock', 'sort_order', 'active', 'created_at', 'updated_at', 'published_at'], prizes);
    await client.query('DELETE FROM gamification_settings');
    await client.query(
      `INSERT INTO gamification_settings (document_id, draw_cost, draws_per_day, no_prize_name, no_prize_weight, created_at, updated_at, published_at)
       VALUES ('bsettings0000000000000000', 20, 1000000, '谢谢参与', 0, now(), now(), now())`,
    );
    // Users take turns, round after round (the cap is lifted above).
    const turns = userRows.map((u) => ({ token: jwt.sign({ id: u.id }, JWT_SECRET, { expiresIn: '2h' }) }));
    return pairRequests(turns, () => ({}), '/api/lottery/draw');
  },
  expectStatus: 201,
};

/**
 * Signed-in reads: USERS users with READ_HABITS habits each, some checked in today, and three daily task
 * templates, on both sides. `paths` are fired in order by each connection for one user, then the next user
 * (the `home` scenario replays the mini-program's home page that way).
 */
const READ_HABITS = Number(process.env.BENCH_READ_HABITS || 5);
const prepareReaders = async (client) => {
  const now = new Date();
  const userRows = await insertBenchUsers(client, 'reader', 100);
  const habits = [];
  for (const u of userRows) for (let h = 0; h < READ_HABITS; h += 1) {
    habits.push([habitDocumentId(u.id, h), u.id, `habit ${h}`, 'life', 'build', 'daily', 'none', false, false, '2026-01-01', h, now, now, now]);
  }
  await bulkInsert(client, 'habits', ['document_id', 'user_id', 'title', 'category', 'kind', 'frequency_type', 'goal_type', 'reminder_enabled', 'archived', 'start_date', 'sort_order', 'created_at', 'updated_at', 'published_at'], habits);
  await client.query('DELETE FROM task_templates');
  await bulkInsert(client, 'task_templates', ['document_id', 'title', 'category', 'points', 'sort_order', 'active', 'created_at', 'updated_at', 'published_at'],
    ['喝八杯水', '早起', '阅读十分钟'].map((title, i) => [`btt${String(i).padStart(21, '0')}`, title, 'health', 5, i, true, now, now, now]));
  return userRows.map((u) => ({ token: jwt.sign({ id: u.id }, JWT_SECRET, { expiresIn: '2h' }), userId: u.id }));
};

const sequenceRequests = (users, paths) => {
  let next = 0;
  const requests = paths.map((path, step) => ({
    method: 'GET',
    path,
    setupRequest: (req, context) => {
      if (step === 0) {
        context.user = users[next % users.length];
        next += 1;
      }
      return { ...req, headers: { authorization: `Bearer ${context.user.token}` } };
    },
  }));
  const probeUser = users[users.length - 1];
  // Every path of the sequence is probed: a wrong one stops the run instead of counting as load.
  requests.probes = paths.map((path) => ({ path, init: { method: 'GET', headers: { authorization: `Bearer ${probeUser.token}` } } }));
  return requests;
};

const readScenario = (describe, paths) => ({
  describe,
  platformEnv: { JWT_SECRET },
  platformSchema: true,
  prepareBaseline: async (client) => sequenceRequests(await prepareReaders(client), paths),
  preparePlatform: async (client) => sequenceRequests(await prepareReaders(client), paths),
  expectStatus: 200,
});

/** The calls the mini-program's home page (今日) makes when it opens. */
const HOME_CALLS = ['/api/me', '/api/check-ins/today', '/api/habits', '/api/tasks', '/api/points/balance'];

/** Diary scenario: each request writes a diary for another (user, date): USERS x 40 days back. */
const diaryScenario = {
  describe: `POST /api/diaries by ${USERS} users, each for a new date (the first of today earns points in the same transaction)`,
  platformEnv: { JWT_SECRET },
  platformSchema: true,
  prepareBaseline: (client) => diaryScenario.preparePlatform(client),
  async preparePlatform(client) {
    const users = await prepareReaders(client);
    const day = (back) => new Date(Date.now() + 8 * 3600_000 - back * 86400_000).toISOString().slice(0, 10); // Asia/Shanghai, as the users are
    const pairs = [];
    for (let back = 0; back < 40; back += 1) for (const user of users) pairs.push({ token: user.token, localDate: day(back + 1) });
    return pairRequests(pairs, (pair) => ({ data: { localDate: pair.localDate, title: '今天', content: '跑步五公里，读书二十页。', mood: 'happy' } }), '/api/diaries');
  },
  expectStatus: 201,
};

/**
 * Order scenario (issue 15): USERS buyers with plenty of points order one unit of a points-priced SKU, each
 * request another SKU of ORDER_PRODUCTS x 3 (stock enough for the whole run), picked up at the shop, with an
 * idempotency key each (as the mini-program sends): the mall's placing transaction on both sides.
 */
const ORDER_PRODUCTS = Number(process.env.BENCH_ORDER_PRODUCTS || 200);
const orderScenario = {
  describe: `POST /api/orders (points, pickup) by ${USERS} users over ${ORDER_PRODUCTS} products x 3 SKUs (the mall's placing transaction on both sides)`,
  platformEnv: { JWT_SECRET, MALL_ORDERS_PER_USER: '1000000' },
  platformSchema: true,
  prepareBaseline: (client) => orderScenario.preparePlatform(client),
  async preparePlatform(client) {
    const now = new Date();
    const userRows = await insertBenchUsers(client, 'buyer', 1_000_000_000);
    await client.query(
      `INSERT INTO mall_merchants (document_id, name, region, pickup_points, active, created_at, updated_at, published_at)
       VALUES ('bmerchant000000000000000', '校园便利店', '东校区', '["东区快递站","图书馆一楼"]', true, $1, $1, $1)`,
      [now],
    );
    const { rows: [merchant] } = await client.query("SELECT id FROM mall_merchants WHERE document_id = 'bmerchant000000000000000'");
    const products = Array.from({ length: ORDER_PRODUCTS }, (_, i) => [`bprod${String(i).padStart(19, '0')}`, `商品 ${i}`, 'mall', merchant.id, 'approved', true, 0, 10, now, now, now]);
    await bulkInsert(client, 'products', ['document_id', 'name', 'kind', 'merchant_id', 'review', 'active', 'sales_count', 'points_price', 'created_at', 'updated_at', 'published_at'], products);
    const { rows: productRows } = await client.query("SELECT id FROM products WHERE document_id LIKE 'bprod%' ORDER BY id");
    const skus = [];
    for (const [p, product] of productRows.entries()) for (let k = 0; k < 3; k += 1) {
      skus.push([`bsku${String(p * 3 + k).padStart(20, '0')}`, product.id, `规格 ${k}`, 990, 10, 1_000_000_000, 0, 0, true, 0, now, now, now]);
    }
    await bulkInsert(client, 'mall_skus', ['document_id', 'product_id', 'spec', 'price', 'points_price', 'stock', 'reserved', 'sales_count', 'active', 'sort_order', 'created_at', 'updated_at', 'published_at'], skus);
    const turns = userRows.map((u) => ({ token: jwt.sign({ id: u.id }, JWT_SECRET, { expiresIn: '2h' }) }));
    let n = 0;
    const run = `${process.pid}${Date.now()}`;
    return pairRequests(turns, () => {
      n += 1;
      return { items: [{ sku: skus[(n * 7919) % skus.length][0], quantity: 1 }], payWith: 'points', pickup: '东区快递站', note: '', idempotencyKey: `bench-${run}-${n}` };
    }, '/api/orders');
  },
  expectStatus: 201,
};

/** Each scenario prepares both databases the same way and says what request to fire. */
const SCENARIOS = {
  checkin: checkinScenario,
  draw: drawScenario,
  habits: readScenario(`GET /api/habits by ${USERS} users in turn (${READ_HABITS} habits each): the caller's own list`, ['/api/habits']),
  me: readScenario(`GET /api/me by ${USERS} users in turn`, ['/api/me']),
  'check-ins-today': readScenario(`GET /api/check-ins/today by ${USERS} users in turn`, ['/api/check-ins/today']),
  'diary-create': diaryScenario,
  order: orderScenario,
  home: readScenario(`the home page: ${HOME_CALLS.join(', ')} in order, one user after another`, HOME_CALLS),
  'habit-templates': {
    describe: 'GET /api/habit-templates (public list, first page, with total count)',
    async prepareBaseline(client, demo) {
      for (const [i, t] of demo.HABIT_TEMPLATES.entries()) {
        await client.query(
          `INSERT INTO bl_habit_templates (document_id, title, description, category, kind, icon, color, frequency_type,
             times_per_week, weekdays, interval_days, goal_type, goal_value, goal_unit, reminder_times, sort_order, active)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,true)`,
          [`tpl${i}`, t.title, t.description, t.category, t.kind, t.icon, t.color, t.frequencyType, t.timesPerWeek ?? null,
            JSON.stringify(t.weekdays ?? null), t.intervalDays ?? null, t.goalType, t.goalValue ?? null, t.goalUnit ?? null,
            JSON.stringify(t.reminderTimes ?? null), t.sortOrder],
        );
      }
    },
    platformEnv: { SEED_DEMO: 'true' },
    // Anonymous, so the public response cache answers it (src/middlewares/public-cache.ts); PUBLIC_CACHE=false: not.
    platformLabel: process.env.PUBLIC_CACHE === 'false' ? 'platform, uncached' : 'platform, cached',
    request: () => ({ method: 'GET', path: '/api/habit-templates' }),
    check: (body) => Array.isArray(body.data) && body.data.length === 7,
    // Measured on the platform's server in the same rounds: the cache's target is /_health's throughput.
    sameServer: [{ key: 'health', label: 'platform /_health', request: { method: 'GET', path: '/_health' }, status: 204 }],
  },
  leaderboard: {
    describe: 'leaderboard reads (national / city top 100 and me) on 1M seeded users, Redis backend, next to GET /_health',
    run: (helpers) => require('./leaderboard/scenario').run(helpers),
  },
  feed: require('./feed/scenario'),
  challenges: {
    describe: 'POST /api/check-ins on a habit linked to 10 active challenges vs on one in none (the after-commit progress listener)',
    run: (helpers) => require('./challenges/scenario').run(helpers),
  },
  reminders: {
    describe: 'the reminder minute job: selection and enqueue of 100,000 due reminders among 3,000,000 habits of 1,000,000 users, next to one hand-written INSERT ... SELECT',
    run: (helpers) => require('./reminders/scenario').run(helpers),
  },
  history: {
    describe: 'cost as the data grows: check-in, today, me/stats, habit stats for a new and a loyal user (28,620 check-ins), 20M check-ins against a near-empty database',
    run: (helpers) => require('./history/scenario').run(helpers),
  },
};

const main = async () => {
  const name = process.argv[2];
  const scenario = SCENARIOS[name];
  if (!scenario) {
    console.error(`usage: npm run bench -- <scenario>\nscenarios: ${Object.keys(SCENARIOS).join(', ')}`);
    process.exit(2);
  }

  console.log(`[bench] ${name}: ${scenario.describe}`);
  console.log(`[bench] compiling the app`);
  await require('@strapi/typescript-utils').compile(APP_DIR, { configOptions: { options: { incremental: true } } });
  if (scenario.run) return scenario.run(module.exports);
  const demo = require(path.join(APP_DIR, 'dist/database/seeds/demo-content.js'));

  await recreateDatabase(DB.baseline);
  await recreateDatabase(DB.platform);

  const platformTarget = { script: path.join(__dirname, 'platform-server.js'), env: { DATABASE_URL: dbUrl(DB.platform), PORT: String(PLATFORM_PORT), ...scenario.platformEnv, ...(process.env.BENCH_PLATFORM_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_PLATFORM_NODE_OPTIONS } : {}) } };
  if (scenario.platformSchema) {
    // One boot of the platform creates its schema (tables, constraints, roles, permissions); the
    // baseline gets an exact copy of it, so both run the same statements on the same tables and indexes.
    console.log('[bench] creating the platform schema and copying it for the baseline');
    await stop(await startServer(platformTarget.script, platformTarget.env, path.join(__dirname, 'results', `${name}-schema.log`)));
    await recreateDatabase(DB.baseline, DB.platform);
  }

  const results = {};
  const targets = [
    { label: 'baseline (koa + pg)', key: 'baseline', script: path.join(__dirname, 'baseline/server.js'), port: BASELINE_PORT,
      env: { BASELINE_DATABASE_URL: dbUrl(DB.baseline), PORT: String(BASELINE_PORT), JWT_SECRET } },
    { label: scenario.platformLabel ?? 'platform (strapi)', key: 'platform', port: PLATFORM_PORT, ...platformTarget },
  ];

  // Both servers are started and loaded first, then measured in alternating rounds (baseline, platform,
  // baseline, ...): a slow spell of this shared machine then hits both sides, and the report takes
  // each side's median round.
  const running = [];
  try {
    for (const target of targets.filter((t) => !process.env.BENCH_ONLY || t.key === process.env.BENCH_ONLY)) {
      const child = await startServer(target.script, target.env, path.join(__dirname, 'results', `${name}-${target.key}.log`));
      running.push({ target, child, rounds: [] });
      const client = new Client({ connectionString: dbUrl(target.key === 'baseline' ? DB.baseline : DB.platform) });
      await client.connect();
      const prepared =
        target.key === 'baseline'
          ? await scenario.prepareBaseline(client, demo)
          : scenario.preparePlatform
            ? await scenario.preparePlatform(client, demo)
            : undefined;
      await client.end();
      const url = `http://127.0.0.1:${target.port}`;
      const requests = prepared ?? [scenario.request()];
      if (prepared?.probe || prepared?.probes) {
        for (const { path: probePath, init } of prepared.probes ?? [prepared.probe]) {
          const probe = await fetch(`${url}${probePath}`, init);
          const body = await probe.text();
          if (probe.status !== scenario.expectStatus) throw new Error(`${target.label} answered the probe of ${probePath} with ${probe.status}: ${body.slice(0, 300)}`);
        }
      } else {
        const probe = await fetch(`${url}${scenario.request().path}`, { method: scenario.request().method });
        const body = await probe.json();
        if (!probe.ok || !scenario.check(body)) throw new Error(`${target.label} answered ${probe.status}: ${JSON.stringify(body).slice(0, 300)}`);
      }
      Object.assign(running[running.length - 1], { url, requests });
      for (const extra of target.key === 'platform' ? (scenario.sameServer ?? []) : []) {
        const probe = await fetch(`${url}${extra.request.path}`, { method: extra.request.method });
        if (probe.status !== extra.status) throw new Error(`${extra.label} answered ${probe.status}, not ${extra.status}`);
        running.push({ target: { label: extra.label, key: extra.key }, child: running[running.length - 1].child, rounds: [], url, requests: [extra.request] });
      }
    }

    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const side of running) {
        await measure({ url: side.url, duration: WARMUP, requests: side.requests });
        const cpuBefore = cpuSnapshot(side.child.pid);
        const result = await measure({ url: side.url, duration: DURATION, requests: side.requests });
        const summary = { ...summarise(result, cpuBefore, cpuSnapshot(side.child.pid)), rssMb: rssMb(side.child.pid) };
        side.rounds.push(summary);
        if (scenario.expectStatus && summary.non2xx > 0) console.warn(`[bench] ${side.target.label}: ${summary.non2xx} answers were not 2xx`);
        console.log(`[bench] round ${round}/${ROUNDS} ${side.target.label}: ${JSON.stringify(summary)}`);
      }
    }
  } finally {
    for (const side of running) await stop(side.child);
  }
  for (const side of running) results[side.target.key] = medianRound(side.rounds);

  const { baseline, platform } = results;
  if (!baseline || !platform) return;
  const report = {
    scenario: name,
    at: new Date().toISOString(),
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    rounds: ROUNDS,
    baseline,
    platform,
    throughputRatio: Number((platform.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)),
    p99Ratio: Number((platform.p99Ms / Math.max(baseline.p99Ms, 1)).toFixed(2)),
  };
  const extras = (scenario.sameServer ?? []).filter((extra) => results[extra.key]);
  for (const extra of extras) {
    report[extra.key] = results[extra.key];
    report[`platformOver_${extra.key}`] = Number((platform.requestsPerSecond / results[extra.key].requestsPerSecond).toFixed(3));
  }
  const rows = [
    ['', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'cpu: app', 'postgres', 'client', 'RSS MB'],
    ...[['baseline', baseline], ['platform', platform], ...extras.map((extra) => [extra.key, results[extra.key]])].map(([label, r]) => [
      label, r.requestsPerSecond, r.p50Ms, r.p99Ms, r.non2xx, r.errors, r.cpuMsPerRequest.server, r.cpuMsPerRequest.postgres, r.cpuMsPerRequest.client,
      r.rounds?.at(-1)?.rssMb ?? "",
    ]),
  ];
  console.log(`\n(medians of ${ROUNDS} alternating rounds of ${DURATION} s; cpu: milliseconds of CPU per request)`);
  console.log(rows.map((r) => r.map((c) => String(c).padStart(10)).join(' ')).join('\n'));
  console.log(`\nthroughput ratio platform/baseline: ${report.throughputRatio}   p99 ratio: ${report.p99Ratio}`);
  for (const extra of extras) console.log(`throughput ratio platform/${extra.key} (${extra.label}): ${report[`platformOver_${extra.key}`]}`);
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const file = path.join(__dirname, 'results', `${name}-${report.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`[bench] saved ${path.relative(APP_DIR, file)}`);
};

module.exports = {
  APP_DIR, CONNECTIONS, DURATION, WARMUP, ROUNDS, PLATFORM_PORT,
  dbUrl, recreateDatabase, startServer, stop, measure, medianRound, cpuSnapshot, cpuSpent, summarise, rssMb,
};

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
