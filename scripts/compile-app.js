'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * The incremental compile of the TypeScript app into dist/ (the one `strapi develop` does), for the tests
 * and the scripts that boot the app. tsc never deletes: a compiled file whose source was removed (a router,
 * a controller) would still be loaded by Strapi from dist/, so those are removed first, as a fresh clone
 * has none.
 */
const pruneOrphans = (appDir) => {
  const distDir = path.join(appDir, 'dist');
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(file);
      } else if (entry.name.endsWith('.js')) {
        const source = path.join(appDir, path.relative(distDir, file)).replace(/\.js$/, '');
        if (!['.ts', '.tsx', '.js'].some((ext) => fs.existsSync(source + ext))) fs.rmSync(file);
      }
    }
  };
  for (const top of ['src', 'config', 'database']) walk(path.join(distDir, top));
};

const compileApp = async (appDir) => {
  pruneOrphans(appDir);
  await require('@strapi/typescript-utils').compile(appDir, { configOptions: { options: { incremental: true }, ignoreDiagnostics: false } });
};

module.exports = { compileApp, pruneOrphans };
