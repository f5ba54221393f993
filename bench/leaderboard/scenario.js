/**
 * `npm run bench -- leaderboard` (issue 6): 1,000,000 seeded users over 31 provinces; the boards rebuilt
 * from the database into Redis (timed); then, in alternating rounds at 50 connections, Strapi's own
 * `GET /_health` and four leaderboard reads by rotating members:
 *   national top 100, national me, city top 100 (the caller's city), city me.
 * The reads are reported next to /_health on the same server in the same run: throughput ratio, p50,
 * p99, CPU per request. Targets: p99 under 30 ms, at least half of /_health's throughput, rebuild under
 * 60 s. A read that answers anything but 2xx (in the probe or under load) gets no throughput figure.
 *
 * Env (besides run.js's BENCH_CONNECTIONS, BENCH_DURATION, BENCH_WARMUP, BENCH_ROUNDS, BENCH_PROFILE):
 *   BENCH_LB_USERS (1000000)       users to seed
 *   BENCH_LB_CALLERS (50000)       distinct members whose JWTs the reads rotate through
 *   BENCH_REDIS_URL (redis://127.0.0.1:6379/15)  flushed at the start of a run
 *   BENCH_LB_RESEED                seed again even if the seeded template matches
 *   BENCH_LB_ONLY                  comma list of reads to measure (health, national-top, national-me, city-top, city-me)
 *   BENCH_LB_KEEP_CRON             leave the hourly scheduled rebuild running during the rounds
 *   BENCH_LB_CLI                   after the rounds, with the server stopped, also time `npm run leaderboard:rebuild`
 *   BENCH_LB_KEEP_REDIS            leave the boards in Redis after the run (by default the bench's Redis
 *                                  database is flushed at the end: 1M users' boards take 2.5 GB or more)
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const jwt = require('jsonwebtoken');
const Redis = require('ioredis');
const { spawn } = require('node:child_process');
const { Client } = require('pg');
const { seedLeaderboard, USER_PREFIX } = require('./seed');
const { escapeLiteral, flushRedis, schemaFingerprint } = require('../lib/seeding');

const USERS = Number(process.env.BENCH_LB_USERS || 1000000);
const CALLERS = Number(process.env.BENCH_LB_CALLERS || 50000);
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379/15';
// One seeded template per size (a 1M template is kept while a small one is tried out).
const DB = { schema: 'habit_bench_lb_schema', seed: `habit_bench_lb_seed_${USERS}`, run: 'habit_bench_lb' };
const TARGET = { p99Ms: 30, throughputRatio: 0.5, rebuildSeconds: 60 };
const JWT_SECRET = crypto.randomBytes(32).toString('base64');

const READS = [
  { key: 'health', label: 'GET /_health', path: '/_health', auth: false },
  { key: 'national-top', label: 'national top 100', path: '/api/leaderboards/total-days?scope=national&limit=100', auth: true },
  { key: 'national-me', label: 'national me', path: '/api/leaderboards/total-days/me?scope=national', auth: true },
  { key: 'city-top', label: 'city top 100', path: '/api/leaderboards/total-days?scope=city&limit=100', auth: true },
  { key: 'city-me', label: 'city me', path: '/api/leaderboards/total-days/me?scope=city', auth: true },
];

const log = (message) => console.log(`[bench] ${message}`);
const seconds = (ms) => Number((ms / 1000).toFixed(1));
const localToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat: what else ran shows up here. */
const machineBusySeconds = () => {
  try {
    const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return null;
  }
};

// ------------------------------------------------------------------------------------------- IPC

const { ipc: call } = require('../lib/ipc');
/** A call into the running platform (bench/lib/ipc.js). */
const ipc = (child, message, timeoutMs = 20 * 60 * 1000) => call(child, message, timeoutMs);
const leaderboardService = (child, service, method, ...args) => ipc(child, { call: 'service', plugin: 'leaderboard', service, method, args });

// ------------------------------------------------------------------------------------------ data

/**
 * The seeded template: the platform's schema (one boot on an empty database) with USERS users. Seeding
 * takes about 40 s for a million, so the template is kept between runs and reused when it was seeded
 * today (the data is relative to today: streaks, this week's check-ins), by the same seed code, into
 * the same schema. Its description (COMMENT ON DATABASE) holds what it was seeded from.
 */
const prepareTemplate = async (h) => {
  log('booting the platform once on an empty database to create its schema');
  await h.recreateDatabase(DB.schema);
  const schemaTarget = { DATABASE_URL: h.dbUrl(DB.schema), PORT: String(h.PLATFORM_PORT), REDIS_URL: REDIS_URL, JWT_SECRET };
  await flushRedis(REDIS_URL);
  await h.stop(await h.startServer(path.join(__dirname, '..', 'platform-server.js'), schemaTarget, path.join(__dirname, '..', 'results', 'leaderboard-schema.log')));
  await flushRedis(REDIS_URL);

  const admin = new Client({ connectionString: h.dbUrl('postgres') });
  await admin.connect();
  try {
    const schemaDb = new Client({ connectionString: h.dbUrl(DB.schema) });
    await schemaDb.connect();
    const schema = await schemaFingerprint(schemaDb);
    await schemaDb.end();
    const code = crypto.createHash('sha256').update(fs.readFileSync(path.join(__dirname, 'seed.js'))).update(fs.readFileSync(path.join(__dirname, 'regions.js'))).digest('hex').slice(0, 16);
    const wanted = { schema, code, users: USERS, day: localToday() };
    const { rows: [existing] } = await admin.query(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      [DB.seed],
    );
    let previous = null;
    try {
      previous = existing?.comment ? JSON.parse(existing.comment) : null;
    } catch {
      previous = null;
    }
    const same = previous && ['schema', 'code', 'users', 'day'].every((key) => previous[key] === wanted[key]);
    if (same && !process.env.BENCH_LB_RESEED) {
      log(`reusing the seeded template ${DB.seed} (${USERS} users, seeded ${previous.seededAt} in ${previous.seedSeconds} s)`);
      return { reused: true, ...previous };
    }
    log(`seeding ${USERS} users into ${DB.seed}${previous ? ` (the template was seeded from ${same ? 'the same inputs: BENCH_LB_RESEED' : 'other inputs'})` : ''}`);
    await admin.query(`DROP DATABASE IF EXISTS "${DB.seed}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DB.seed}" TEMPLATE "${DB.schema}" STRATEGY FILE_COPY`);
    const client = new Client({ connectionString: h.dbUrl(DB.seed) });
    await client.connect();
    let seeded;
    try {
      seeded = await seedLeaderboard(client, { users: USERS, log: (line) => console.log(`[bench] ${line.replace(/^\[seed\] /, 'seed: ')}`) });
    } finally {
      await client.end();
    }
    const info = { ...wanted, seededAt: new Date().toISOString(), seedSeconds: Number(seeded.seconds.toFixed(1)), counts: seeded.counts, steps: seeded.steps };
    await admin.query(`COMMENT ON DATABASE "${DB.seed}" IS ${escapeLiteral(JSON.stringify({ ...info, steps: undefined }))}`);
    log(`seeded in ${info.seedSeconds} s: ${JSON.stringify(seeded.counts)}`);
    return { reused: false, ...info };
  } finally {
    await admin.end();
  }
};

/**
 * Redis memory while `work` runs, sampled every second (the instance's used_memory: on a shared Redis
 * it includes the other databases), and the bench database's keys and memory afterwards.
 */
const watchRedis = async (work) => {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const usedMB = async () => Math.round(Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0) / 2 ** 20);
  try {
    const beforeMB = await usedMB();
    let peakMB = beforeMB;
    const timer = setInterval(() => usedMB().then((mb) => (peakMB = Math.max(peakMB, mb)), () => undefined), 1000);
    let result;
    try {
      result = await work();
    } finally {
      clearInterval(timer);
    }
    const afterMB = await usedMB();
    return { result, redis: { keys: await redis.dbsize(), beforeMB, peakMB: Math.max(peakMB, afterMB), afterMB } };
  } finally {
    redis.disconnect();
  }
};

/** Members (vip or ai, in force) on the all-time total-days boards, in random order, with a JWT each. */
const pickCallers = async (client) => {
  await client.query('SELECT setseed(0.7)');
  const { rows } = await client.query(
    `SELECT id, province, city, total_check_in_days AS days FROM up_users
      WHERE username LIKE '${USER_PREFIX}%' AND show_in_ranking AND NOT blocked AND deleted_at IS NULL AND total_check_in_days > 0
        AND membership_tier IN ('vip', 'ai') AND (membership_expires_at IS NULL OR membership_expires_at > now() AT TIME ZONE 'UTC')
      ORDER BY random() LIMIT $1`,
    [CALLERS],
  );
  return rows.map((row) => ({ ...row, token: jwt.sign({ id: row.id }, JWT_SECRET, { expiresIn: '6h' }) }));
};

/** What the database says the caller should see on the all-time total-days board (national, or their city). */
const expected = async (client, caller, scope) => {
  const regional = scope === 'city';
  const { rows: [row] } = await client.query(
    `SELECT count(*)::int AS total, max(total_check_in_days) AS top,
            count(*) FILTER (WHERE total_check_in_days > $1)::int AS above,
            count(*) FILTER (WHERE total_check_in_days >= $1)::int AS upto
       FROM up_users
      WHERE show_in_ranking AND NOT blocked AND deleted_at IS NULL AND total_check_in_days > 0
        ${regional ? 'AND province = $2 AND city = $3' : ''}`,
    regional ? [caller.days, caller.province, caller.city] : [caller.days],
  );
  return row;
};

/** One request of each read, checked against the database; the problems found (none: an empty list). */
const probe = async (url, read, caller, client) => {
  const response = await fetch(`${url}${read.path}`, { headers: read.auth ? { authorization: `Bearer ${caller.token}` } : {} });
  const text = await response.text();
  const result = { status: response.status, problems: [] };
  if (response.status < 200 || response.status > 299) {
    result.problems.push(`answered ${response.status}: ${text.slice(0, 400)}`);
    result.failed = true;
    return result;
  }
  if (!read.auth) return result;
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    result.problems.push(`not JSON: ${text.slice(0, 200)}`);
    return result;
  }
  const scope = read.key.startsWith('city') ? 'city' : 'national';
  const want = await expected(client, caller, scope);
  if (read.key.endsWith('-top')) {
    const data = body.data ?? [];
    result.sample = { total: body.meta?.pagination?.total, first: data[0], board: body.meta?.board };
    if (data.length !== Math.min(100, want.total)) result.problems.push(`${data.length} entries, expected ${Math.min(100, want.total)}`);
    if (data.some((entry, i) => entry.rank !== i + 1)) result.problems.push('ranks are not 1, 2, 3, ...');
    if (data.some((entry, i) => i > 0 && entry.score > data[i - 1].score)) result.problems.push('scores are not in descending order');
    if (data[0] && data[0].score !== want.top) result.problems.push(`first score ${data[0].score}, the database's best is ${want.top}`);
    if (body.meta?.pagination?.total !== want.total) result.problems.push(`total ${body.meta?.pagination?.total}, the database counts ${want.total}`);
  } else {
    const data = body.data ?? {};
    result.sample = { rank: data.rank, score: data.score, total: data.total, percentile: data.percentile, above: data.above?.length, below: data.below?.length };
    if (data.score !== caller.days) result.problems.push(`score ${data.score}, the database says ${caller.days}`);
    if (!(data.rank >= want.above + 1 && data.rank <= want.upto)) result.problems.push(`rank ${data.rank}, the database puts it in ${want.above + 1}..${want.upto}`);
    if (data.total !== want.total) result.problems.push(`total ${data.total}, the database counts ${want.total}`);
  }
  return result;
};

/** The autocannon request of a read: each request by the next caller in turn. */
const requestsFor = (read, callers) => {
  if (!read.auth) return [{ method: 'GET', path: read.path }];
  let next = Math.floor(Math.random() * callers.length);
  return [
    {
      method: 'GET',
      path: read.path,
      setupRequest: (req) => {
        const caller = callers[next % callers.length];
        next += 1;
        return { ...req, headers: { authorization: `Bearer ${caller.token}` } };
      },
    },
  ];
};

/**
 * `npm run leaderboard:rebuild` against the run's database and Redis, timed from the outside (it boots
 * Strapi first) and as it reports itself. Production mode, secrets from the environment, as deployed.
 */
const rebuildWithCli = (h, env) =>
  new Promise((resolve, reject) => {
    const secret = () => crypto.randomBytes(32).toString('base64');
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', 'leaderboard:rebuild', '--', '--no-compile'], {
      cwd: h.APP_DIR,
      env: {
        ...process.env, ...env, NODE_ENV: 'production', SERVE_ADMIN_PANEL: 'false', LOG_LEVEL: 'warn',
        APP_KEYS: [secret(), secret()].join(','), API_TOKEN_SALT: secret(), ADMIN_JWT_SECRET: secret(), TRANSFER_TOKEN_SALT: secret(),
        ENCRYPTION_KEY: secret(), DATA_ENCRYPTION_KEY: secret(), WECHAT_APP_ID: 'wx-bench-placeholder', WECHAT_APP_SECRET: secret(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const match = /(\d+) entries of (\d+) users in (\d+) ms/.exec(output);
      resolve({
        exitCode: code,
        wallSeconds: seconds(Date.now() - started),
        seconds: match ? seconds(Number(match[3])) : null,
        entries: match ? Number(match[1]) : null,
        users: match ? Number(match[2]) : null,
        output: output.trim().split('\n').slice(-5).join('\n'),
      });
    });
  });

// ------------------------------------------------------------------------------------------ run

const CPU_KEYS = ['server', 'postgres', 'redis', 'client'];

const run = async (h) => {
  fs.mkdirSync(path.join(__dirname, '..', 'results'), { recursive: true });
  const startedAt = new Date();
  log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const only = process.env.BENCH_LB_ONLY ? process.env.BENCH_LB_ONLY.split(',').map((s) => s.trim()) : null;
  const reads = READS.filter((read) => !only || only.includes(read.key));

  const seed = await prepareTemplate(h);
  const admin = new Client({ connectionString: h.dbUrl('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DB.run}" WITH (FORCE)`);
  const copyStarted = Date.now();
  await admin.query(`CREATE DATABASE "${DB.run}" TEMPLATE "${DB.seed}" STRATEGY FILE_COPY`);
  await admin.end();
  log(`copied the template to ${DB.run} in ${seconds(Date.now() - copyStarted)} s`);
  await flushRedis(REDIS_URL);

  const client = new Client({ connectionString: h.dbUrl(DB.run) });
  await client.connect();
  const callers = await pickCallers(client);
  if (callers.length === 0) throw new Error('no member with a score to call as: the seed is wrong');
  log(`${callers.length} callers (vip / ai members with days on the board), JWTs signed`);

  const env = { DATABASE_URL: h.dbUrl(DB.run), REDIS_URL, PORT: String(h.PLATFORM_PORT), JWT_SECRET };
  const logFile = path.join(__dirname, '..', 'results', 'leaderboard-platform.log');
  const bootStarted = Date.now();
  const child = await h.startServer(path.join(__dirname, '..', 'platform-server.js'), env, logFile);
  log(`platform up in ${seconds(Date.now() - bootStarted)} s (log: bench/results/leaderboard-platform.log)`);
  const url = `http://127.0.0.1:${h.PLATFORM_PORT}`;

  const report = {
    scenario: 'leaderboard',
    at: startedAt.toISOString(),
    connections: h.CONNECTIONS,
    durationSeconds: h.DURATION,
    warmupSeconds: h.WARMUP,
    rounds: h.ROUNDS,
    users: USERS,
    callers: callers.length,
    redis: REDIS_URL,
    loadAverageAtStart: os.loadavg(),
    seed,
    rebuild: {},
    reads: {},
    targets: TARGET,
  };
  let failed = false;
  try {
    // A store never built is built once at boot, in the background (leaderboard bootstrap): wait for it.
    const waitStarted = Date.now();
    let sawRunning = false;
    for (;;) {
      const running = (await leaderboardService(child, 'rebuild', 'running')).result;
      if (running) sawRunning = true;
      const last = (await leaderboardService(child, 'rebuild', 'last')).result;
      if (!running && (last || (!sawRunning && Date.now() - waitStarted > 10000))) {
        report.rebuild.boot = last ?? null;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (report.rebuild.boot) {
      const boot = report.rebuild.boot;
      log(`boot rebuild (empty Redis, trigger ${boot.trigger}): ${seconds(boot.durationMs)} s, ${boot.users} users, ${boot.entries} entries`);
    } else {
      log('no rebuild at boot');
    }

    // The timed rebuild: the service, called in the server process, on a quiet server.
    const before = h.cpuSnapshot(child.pid);
    const busyBefore = machineBusySeconds();
    const { result: answer, redis: redisDuring } = await watchRedis(() => leaderboardService(child, 'rebuild', 'run', { trigger: 'bench' }));
    const after = h.cpuSnapshot(child.pid);
    const busyAfter = machineBusySeconds();
    if (!answer.result.ran) throw new Error(`the rebuild did not run: ${JSON.stringify(answer.result)}`);
    const cpu = Object.fromEntries(['server', 'postgres', 'redis'].map((key) => [key, before && after ? Number(h.cpuSpent(before, after, key).toFixed(1)) : null]));
    report.rebuild.bench = {
      ...answer.result,
      seconds: Number((answer.result.durationMs / 1000).toFixed(1)),
      wallSeconds: Number((answer.wallMs / 1000).toFixed(1)),
      cpuSeconds: { ...cpu, machine: busyBefore !== null ? Number((busyAfter - busyBefore).toFixed(1)) : null },
      redis: redisDuring,
    };
    const r = report.rebuild.bench;
    log(`rebuild (trigger bench): ${r.seconds} s for ${r.users} users, ${r.entries} entries; CPU s: server ${cpu.server}, postgres ${cpu.postgres}, redis ${cpu.redis}; Redis ${r.redis.keys} keys, ${r.redis.beforeMB} MB before, ${r.redis.peakMB} MB at the peak, ${r.redis.afterMB} MB after`);

    if (!process.env.BENCH_LB_KEEP_CRON) {
      const stopped = (await ipc(child, { call: 'stop-cron', name: 'leaderboard:rebuild' })).result;
      log(`hourly scheduled rebuild stopped for the rounds (${stopped} job${stopped === 1 ? '' : 's'}; BENCH_LB_KEEP_CRON=1 keeps it)`);
    }

    // Probe each read, checked against the database: as a random caller, and as one in the biggest city.
    const { rows: [biggest] } = await client.query('SELECT province, city FROM up_users GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1');
    const probeCallers = [callers[0], callers.find((c) => c.province === biggest.province && c.city === biggest.city)].filter(Boolean);
    for (const read of reads) {
      const results = [];
      for (const caller of read.auth ? probeCallers : probeCallers.slice(0, 1)) {
        const result = await probe(url, read, caller, client);
        results.push(result);
        if (result.problems.length > 0) log(`PROBE ${read.label} (user ${caller.id}, ${caller.city}): ${result.problems.join('; ')}`);
        else log(`probe ${read.label}${read.auth ? ` (user ${caller.id}, ${caller.city})` : ''}: ${result.status}${result.sample ? ` ${JSON.stringify(result.sample).slice(0, 200)}` : ''}`);
      }
      const merged = { status: results.map((r) => r.status).join(','), failed: results.some((r) => r.failed), problems: results.flatMap((r) => r.problems), samples: results.map((r) => r.sample) };
      report.reads[read.key] = { label: read.label, path: read.path, probe: merged, rounds: [] };
    }

    const lastRebuild = async () => JSON.stringify((await leaderboardService(child, 'rebuild', 'last')).result);
    const rebuildBefore = await lastRebuild();
    for (let round = 1; round <= h.ROUNDS; round += 1) {
      for (const read of reads) {
        const entry = report.reads[read.key];
        if (entry.probe.failed) continue;
        const requests = requestsFor(read, callers);
        await h.measure({ url, duration: h.WARMUP, requests });
        const cpuBefore = h.cpuSnapshot(child.pid);
        const machineBefore = machineBusySeconds();
        const result = await h.measure({ url, duration: h.DURATION, requests });
        const cpuAfter = h.cpuSnapshot(child.pid);
        const machineAfter = machineBusySeconds();
        const summary = h.summarise(result, cpuBefore, cpuAfter, CPU_KEYS);
        // CPU of everything else on the machine (other tests, builds): the noise in this round.
        if (machineBefore !== null && cpuBefore && summary.total > 0) {
          const ours = CPU_KEYS.reduce((sum, key) => sum + h.cpuSpent(cpuBefore, cpuAfter, key), 0);
          summary.cpuMsPerRequest.other = Number(((Math.max(0, machineAfter - machineBefore - ours) * 1000) / summary.total).toFixed(2));
        }
        summary.statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]));
        entry.rounds.push(summary);
        const bad = summary.non2xx > 0 || summary.errors > 0;
        console.log(`[bench] round ${round}/${h.ROUNDS} ${read.label}: ${summary.requestsPerSecond} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms${bad ? `, NON-2XX ${summary.non2xx} ERRORS ${summary.errors} ${JSON.stringify(summary.statusCodes)}` : ''}, cpu ms ${JSON.stringify(summary.cpuMsPerRequest)}`);
      }
    }
    report.rebuildDuringRounds = (await lastRebuild()) !== rebuildBefore;
    if (report.rebuildDuringRounds) log('WARNING: a rebuild ran during the rounds (scheduled?): the figures include it');
  } finally {
    await client.end();
    await h.stop(child);
  }
  if (process.env.BENCH_LB_CLI) {
    log('timing npm run leaderboard:rebuild (the server is stopped)');
    const cli = await rebuildWithCli(h, { DATABASE_URL: env.DATABASE_URL, REDIS_URL, JWT_SECRET });
    report.rebuild.cli = cli.exitCode === 0 && cli.seconds !== null ? cli : null;
    log(`npm run leaderboard:rebuild: exit ${cli.exitCode}, ${cli.seconds} s by its own report, ${cli.wallSeconds} s with the boot${cli.exitCode === 0 ? '' : `\n${cli.output}`}`);
    if (cli.exitCode !== 0) failed = true;
  }
  if (!process.env.BENCH_LB_KEEP_REDIS) await flushRedis(REDIS_URL);

  // ------------------------------------------------------------------------------------ report
  for (const entry of Object.values(report.reads)) {
    entry.non2xxTotal = entry.rounds.reduce((sum, r) => sum + r.non2xx, 0);
    entry.errorsTotal = entry.rounds.reduce((sum, r) => sum + r.errors, 0);
    entry.valid = !entry.probe.failed && entry.rounds.length > 0 && entry.non2xxTotal === 0 && entry.errorsTotal === 0;
    entry.dataChecked = entry.probe.problems.length === 0;
    if (entry.rounds.length > 0) {
      const median = h.medianRound(entry.rounds);
      delete median.rounds;
      entry.median = median;
    }
  }
  const health = report.reads.health;
  const healthRps = health?.valid ? health.median.requestsPerSecond : null;
  const rows = [['', 'req/s', 'p50 ms', 'p99 ms', 'x /_health', 'bytes', 'non-2xx', 'errors', 'cpu: app', 'postgres', 'redis', 'client', 'other']];
  for (const entry of Object.values(report.reads)) {
    const m = entry.median;
    if (!m) {
      rows.push([entry.label, 'FAILED', '-', '-', '-', '-', `probe ${entry.probe.status}`, '-', '-', '-', '-', '-', '-']);
      continue;
    }
    entry.throughputRatio = entry.valid && healthRps ? Number((m.requestsPerSecond / healthRps).toFixed(3)) : null;
    const c = m.cpuMsPerRequest;
    rows.push([
      entry.label, entry.valid ? m.requestsPerSecond : 'INVALID', m.p50Ms, m.p99Ms, entry.throughputRatio ?? '-', m.bytesPerRequest ?? '-',
      entry.non2xxTotal, entry.errorsTotal, c.server, c.postgres, c.redis, c.client, c.other ?? '-',
    ]);
  }
  const width = [18, 9, 8, 8, 11, 7, 9, 8, 9, 9, 7, 7, 7];
  const line = (row) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(width[i]) : String(cell).padStart(width[i]))).join(' ');
  console.log(`\n${USERS.toLocaleString('en')} users, Redis backend, ${h.CONNECTIONS} connections; medians of ${h.ROUNDS} alternating round(s) of ${h.DURATION} s;`);
  console.log('cpu: milliseconds of CPU per request (app = the Strapi process; other = the rest of the machine)');
  console.log(rows.map(line).join('\n'));

  // A missed target is a measurement, not a failure; a read that failed or answered wrong data is.
  const verdicts = [];
  const check = (label, ok, text, fatal = false) => {
    verdicts.push({ label, ok, text });
    if (!ok && fatal) failed = true;
  };
  for (const entry of Object.values(report.reads)) {
    if (entry === health) continue;
    if (!entry.valid) {
      const codes = entry.rounds.map((r) => JSON.stringify(r.statusCodes)).join(' ');
      check(entry.label, false, entry.probe.failed ? `no figures: the probe ${entry.probe.problems.join('; ')}` : `no throughput reported: ${entry.non2xxTotal} non-2xx answers, ${entry.errorsTotal} errors (${codes})`, true);
      continue;
    }
    if (!entry.dataChecked) check(`${entry.label} data`, false, `the probe's answer disagrees with the database: ${entry.probe.problems.join('; ')}`, true);
    check(`${entry.label} p99`, entry.median.p99Ms < TARGET.p99Ms, `${entry.median.p99Ms} ms (target < ${TARGET.p99Ms})`);
    if (entry.throughputRatio !== null) {
      check(`${entry.label} throughput`, entry.throughputRatio >= TARGET.throughputRatio, `${entry.median.requestsPerSecond} req/s = ${entry.throughputRatio} x /_health (target >= ${TARGET.throughputRatio})`);
    } else {
      check(`${entry.label} throughput`, false, '/_health was not measured or failed: no ratio', Boolean(health));
    }
  }
  for (const [kind, r] of Object.entries(report.rebuild)) {
    if (!r) continue;
    const s = r.seconds ?? seconds(r.durationMs);
    const what = { boot: 'at boot, empty Redis', bench: 'service, over live boards', cli: 'npm run leaderboard:rebuild' }[kind];
    check(`rebuild (${what})`, s < TARGET.rebuildSeconds, `${s} s for ${r.users} users, ${r.entries} entries (target < ${TARGET.rebuildSeconds})`);
  }
  report.verdicts = verdicts;
  console.log(`\nseed: ${seed.reused ? `template reused (seeded ${seed.seededAt} in ${seed.seedSeconds} s)` : `${seed.seedSeconds} s`} for ${USERS} users`);
  for (const v of verdicts) console.log(`${v.ok ? 'ok  ' : 'MISS'} ${v.label.padEnd(40)} ${v.text}`);
  if (report.rebuildDuringRounds) console.log('WARNING: a rebuild ran during the rounds');

  const file = path.join(__dirname, '..', 'results', `leaderboard-${report.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  log(`saved ${path.relative(h.APP_DIR, file)}`);
  if (failed) process.exitCode = 1;
};

module.exports = { run };
