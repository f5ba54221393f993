#!/usr/bin/env node
/**
 * npm run openapi: write the backend's API document and its TypeScript types for the mini-program.
 *
 * Compiles the app (as `strapi develop` does), boots it headless (no HTTP listener) on a throwaway SQLite
 * database with throwaway secrets, takes the document the documentation plugin generates (the content
 * types' CRUD routes plus every route the plugins and src/api document from their zod schemas: see
 * src/openapi), and writes
 *   miniprogram/api/openapi.json   keys sorted, no generation time: the same bytes for the same API
 *   miniprogram/api/schema.d.ts    openapi-typescript's types of it
 * Commit both. `npm test` fails while they differ from what the code generates (tests/e2e/openapi.test.ts).
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const appDir = path.resolve(__dirname, '..');
const secret = () => crypto.randomBytes(32).toString('base64');

const main = async () => {
  // The document does not depend on the database or the secrets: a throwaway database and throwaway keys.
  Object.assign(process.env, {
    NODE_ENV: 'development',
    // The document names this server URL; the committed copy always names the local default.
    PUBLIC_URL: 'http://localhost:1337',
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env.OPENAPI_LOG_LEVEL || 'error',
    DATABASE_FILENAME: path.join(appDir, '.tmp', 'openapi.db'),
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    ENCRYPTION_KEY: secret(),
    JWT_SECRET: secret(),
    DATA_ENCRYPTION_KEY: secret(),
  });
  delete process.env.DATABASE_URL;
  delete process.env.REDIS_URL;
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });

  await require('./compile-app').compileApp(appDir);
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  try {
    const { exportDocument, EXPORT_PATHS } = require(path.join(appDir, 'dist', 'src', 'openapi', 'export.js'));
    const document = await exportDocument(strapi);
    const types = await require('./openapi-types').typesFor(document);
    for (const [file, content] of [[EXPORT_PATHS.document, document], [EXPORT_PATHS.types, types]]) {
      fs.mkdirSync(path.dirname(path.join(appDir, file)), { recursive: true });
      fs.writeFileSync(path.join(appDir, file), content);
      process.stdout.write(`wrote ${file} (${content.length} bytes)\n`);
    }
  } finally {
    await strapi.destroy();
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
