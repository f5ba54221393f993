#!/usr/bin/env node
/**
 * Boots the platform for a benchmark run: compiled app, production mode, no admin bundle, quiet logs.
 * Env: DATABASE_URL (required), PORT, REDIS_URL (optional), SEED_DEMO.
 */
'use strict';

const crypto = require('node:crypto');
const path = require('node:path');

const appDir = path.resolve(__dirname, '..');
const secret = () => crypto.randomBytes(32).toString('base64');

process.env.NODE_ENV = 'production';
process.env.SERVE_ADMIN_PANEL = 'false';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
for (const key of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY', 'JWT_SECRET', 'DATA_ENCRYPTION_KEY']) {
  process.env[key] = process.env[key] || secret();
}
process.env.APP_KEYS = process.env.APP_KEYS || [secret(), secret()].join(',');
// Production refuses to boot without WeChat credentials; the benchmark never calls WeChat.
process.env.WECHAT_APP_ID = process.env.WECHAT_APP_ID || 'wx-bench-placeholder';
process.env.WECHAT_APP_SECRET = process.env.WECHAT_APP_SECRET || secret();

const main = async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  await strapi.start();
  process.send?.({ ready: true, port: Number(process.env.PORT) });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
