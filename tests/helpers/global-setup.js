/**
 * Runs once before all test files: compile the TypeScript app into dist/ (the same compile
 * `strapi develop` does), so each jest worker boots the real app from it.
 */
'use strict';

const path = require('node:path');
const fs = require('node:fs');

module.exports = async () => {
  const appDir = path.resolve(__dirname, '..', '..');
  const started = Date.now();
  await require('../../scripts/compile-app').compileApp(appDir);
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  process.stdout.write(`\n[global-setup] compiled the app in ${Date.now() - started} ms\n`);
};
