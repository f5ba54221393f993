#!/usr/bin/env node
/**
 * `npm run test:services`: the same jest suites as `npm test`, against real PostgreSQL and Redis.
 * TEST_DATABASE_URL / TEST_REDIS_URL may be set by the caller; the defaults are the local servers.
 * Each jest worker gets its own database (<name>_w<worker>) and Redis logical database.
 */
'use strict';

const { spawnSync } = require('node:child_process');

const env = {
  ...process.env,
  TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/habit_test',
  TEST_REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
};
console.log(`[test:services] PostgreSQL ${env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//***@')}, Redis ${env.TEST_REDIS_URL}`);
const result = spawnSync('npx', ['jest', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
