#!/usr/bin/env node
/**
 * Boots the platform for a benchmark run: compiled app, production mode, no admin bundle, quiet logs.
 * Env: DATABASE_URL (required), PORT, REDIS_URL (optional), SEED_DEMO.
 *
 * Over IPC (bench/leaderboard/scenario.js), once ready:
 * - { call: 'service', id, plugin, service, method, args }: calls strapi.plugin(plugin).service(service)[method](...args)
 *   and answers { reply: id, result, wallMs, cpuMs } or { reply: id, error };
 * - { call: 'stop-cron', id, name }: stops the node-cron jobs of that name (the bench keeps scheduled work
 *   out of its measurements) and answers { reply: id, result: <how many> }.
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
  const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  // BENCH_DROP_MIDDLEWARES=strapi::session,strapi::favicon: what each global middleware costs a request.
  const dropped = (process.env.BENCH_DROP_MIDDLEWARES || '').split(',').filter(Boolean);
  if (dropped.length > 0) {
    const nameOf = (entry) => (typeof entry === 'string' ? entry : entry.name ?? entry.resolve);
    app.config.set('middlewares', app.config.get('middlewares').filter((entry) => !dropped.includes(nameOf(entry))));
  }
  const strapi = await app.load();
  await strapi.start();
  process.on('message', (message) => {
    if (!message || typeof message.call !== 'string') return;
    const answer = async () => {
      if (message.call === 'stop-cron') {
        let stopped = 0;
        for (const task of require('node-cron').getTasks().values()) {
          if (task.name === message.name) {
            await task.stop();
            stopped += 1;
          }
        }
        return { result: stopped };
      }
      if (message.call === 'service') {
        const started = process.hrtime.bigint();
        const cpu = process.cpuUsage();
        const result = await strapi.plugin(message.plugin).service(message.service)[message.method](...(message.args ?? []));
        const used = process.cpuUsage(cpu);
        return { result, wallMs: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (used.user + used.system) / 1000 };
      }
      throw new Error(`unknown call ${message.call}`);
    };
    answer().then(
      (reply) => process.send?.({ reply: message.id, ...reply }),
      (error) => process.send?.({ reply: message.id, error: String(error?.stack ?? error) }),
    );
  });
  process.send?.({ ready: true, port: Number(process.env.PORT) });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
