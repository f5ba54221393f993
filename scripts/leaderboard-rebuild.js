#!/usr/bin/env node
/**
 * `npm run leaderboard:rebuild`: recompute every leaderboard from the database now, from this machine,
 * against the database and store the app is configured with (.env / DATABASE_URL / REDIS_URL). It boots
 * the app without serving HTTP and takes the same lock as the scheduled job, so it never runs alongside
 * another instance's rebuild: then it says who is running and exits with 75 (EX_TEMPFAIL).
 *
 * `--no-compile` skips compiling the TypeScript app first (when dist/ is known to be current).
 */
'use strict';

const path = require('node:path');

const EX_TEMPFAIL = 75;

const main = async () => {
  const appDir = path.resolve(__dirname, '..');
  if (!process.argv.includes('--no-compile')) {
    await require('./compile-app').compileApp(appDir);
  }
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  let code = 0;
  try {
    const outcome = await strapi.plugin('leaderboard').service('rebuild').run({ trigger: 'cli' });
    if (outcome.ran) {
      console.log(`leaderboard:rebuild: ${outcome.entries} entries of ${outcome.users} users in ${outcome.durationMs} ms`);
    } else {
      console.error(`leaderboard:rebuild: another instance is rebuilding (${outcome.trigger ?? 'unknown'}, since ${outcome.runningSince ?? 'unknown'}); try again later`);
      code = EX_TEMPFAIL;
    }
  } catch (error) {
    console.error(`leaderboard:rebuild failed: ${error instanceof Error ? error.stack : String(error)}`);
    code = 1;
  } finally {
    await strapi.destroy();
  }
  process.exit(code);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
