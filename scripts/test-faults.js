#!/usr/bin/env node
/**
 * `npm run test:faults`: the fault suite (tests/faults) — app instances as real processes, killed, drained
 * and restarted; a Redis server of the suite's own on a spare port, stopped and started by the tests;
 * a database of its own per test file on the PostgreSQL at FAULTS_DATABASE_URL (default the local server).
 * Needs `redis-server` on the PATH and PostgreSQL running (.ci/run starts it).
 */
'use strict';

const { spawnSync } = require('node:child_process');

const redis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
if (redis.status !== 0) {
  console.error('[test:faults] redis-server is not on the PATH: the suite starts and stops its own Redis');
  process.exit(1);
}
const env = {
  ...process.env,
  FAULTS_DATABASE_URL: process.env.FAULTS_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
};
console.log(`[test:faults] PostgreSQL ${env.FAULTS_DATABASE_URL.replace(/\/\/[^@]*@/, '//***@')}, ${redis.stdout.trim()}`);
const result = spawnSync('npx', ['jest', '-c', 'jest.faults.config.js', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
