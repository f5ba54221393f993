#!/usr/bin/env node
/**
 * `npm run bench -- <scenario>`: the platform and the raw Koa + pg baseline (bench/baseline/server.js)
 * serve the same request in the same run on the same PostgreSQL; autocannon measures each in turn and
 * the report gives the platform as a ratio of the baseline. Never a pass/fail timing: a measurement.
 *
 * Env: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432), BENCH_CONNECTIONS (50),
 *      BENCH_DURATION seconds (15), BENCH_WARMUP seconds (3).
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
const PLATFORM_PORT = 4200;
const BASELINE_PORT = 4100;

const dbUrl = (name) => {
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

const recreateDatabase = async (name) => {
  const client = new Client({ connectionString: dbUrl('postgres') });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
};

/** Server output goes to bench/results/<name>.log, so the report stays readable. */
const startServer = (script, env, logFile) =>
  new Promise((resolve, reject) => {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const log = fs.openSync(logFile, 'w');
    const child = fork(script, [], { env: { ...process.env, ...env }, stdio: ['ignore', log, log, 'ipc'] });
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

const measure = (options) =>
  new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });

const summarise = (result) => ({
  requestsPerSecond: Math.round(result.requests.average),
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
});

/** Each scenario prepares both databases the same way and says what request to fire. */
const SCENARIOS = {
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
    request: () => ({ method: 'GET', path: '/api/habit-templates' }),
    check: (body) => Array.isArray(body.data) && body.data.length === 7,
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
  const demo = require(path.join(APP_DIR, 'dist/database/seeds/demo-content.js'));

  await recreateDatabase('habit_bench_baseline');
  await recreateDatabase('habit_bench_platform');

  const results = {};
  const targets = [
    { label: 'baseline (koa + pg)', key: 'baseline', script: path.join(__dirname, 'baseline/server.js'), port: BASELINE_PORT,
      env: { BASELINE_DATABASE_URL: dbUrl('habit_bench_baseline'), PORT: String(BASELINE_PORT) } },
    { label: 'platform (strapi)', key: 'platform', script: path.join(__dirname, 'platform-server.js'), port: PLATFORM_PORT,
      env: { DATABASE_URL: dbUrl('habit_bench_platform'), PORT: String(PLATFORM_PORT), ...scenario.platformEnv } },
  ];

  for (const target of targets) {
    const child = await startServer(target.script, target.env, path.join(__dirname, 'results', `${name}-${target.key}.log`));
    try {
      if (target.key === 'baseline') {
        const client = new Client({ connectionString: dbUrl('habit_bench_baseline') });
        await client.connect();
        await scenario.prepareBaseline(client, demo);
        await client.end();
      }
      const url = `http://127.0.0.1:${target.port}`;
      const probe = await fetch(`${url}${scenario.request().path}`, { method: scenario.request().method });
      const body = await probe.json();
      if (!probe.ok || !scenario.check(body)) throw new Error(`${target.label} answered ${probe.status}: ${JSON.stringify(body).slice(0, 300)}`);

      await measure({ url, duration: WARMUP, requests: [scenario.request()] });
      results[target.key] = summarise(await measure({ url, duration: DURATION, requests: [scenario.request()] }));
      console.log(`[bench] ${target.label}: ${JSON.stringify(results[target.key])}`);
    } finally {
      await stop(child);
    }
  }

  const { baseline, platform } = results;
  const report = {
    scenario: name,
    at: new Date().toISOString(),
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    baseline,
    platform,
    throughputRatio: Number((platform.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)),
    p99Ratio: Number((platform.p99Ms / Math.max(baseline.p99Ms, 1)).toFixed(2)),
  };
  const rows = [
    ['', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
    ['baseline', baseline.requestsPerSecond, baseline.p50Ms, baseline.p99Ms, baseline.non2xx, baseline.errors],
    ['platform', platform.requestsPerSecond, platform.p50Ms, platform.p99Ms, platform.non2xx, platform.errors],
  ];
  console.log('\n' + rows.map((r) => r.map((c) => String(c).padStart(10)).join(' ')).join('\n'));
  console.log(`\nthroughput ratio platform/baseline: ${report.throughputRatio}   p99 ratio: ${report.p99Ratio}`);
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const file = path.join(__dirname, 'results', `${name}-${report.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`[bench] saved ${path.relative(APP_DIR, file)}`);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
