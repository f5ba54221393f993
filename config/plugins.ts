import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/utils/required-secret';

/**
 * Local plugins are compiled with the app (dist/src/plugins/<name>); this file runs from dist/config, so
 * resolving from here points Strapi at the compiled plugin. (A './src/plugins/<name>' path would name
 * the TypeScript sources, which Strapi skips silently for want of a strapi-server.js.)
 */
const localPlugin = (name: string) => path.resolve(__dirname, '..', 'src', 'plugins', name);

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  wechat: {
    enabled: true,
    resolve: localPlugin('wechat'),
  },
  gamification: {
    enabled: true,
    resolve: localPlugin('gamification'),
  },
  leaderboard: {
    enabled: true,
    resolve: localPlugin('leaderboard'),
    // Defaults in src/plugins/leaderboard/server/src/config: Asia/Shanghai weeks from Monday, the
    // national boards for vip and ai members, an hourly rebuild.
    config: {
      timezone: env('LEADERBOARD_TIMEZONE', 'Asia/Shanghai'),
      pageCacheMs: env.int('LEADERBOARD_PAGE_CACHE_MS', 1000),
      updateDelayMs: env.int('LEADERBOARD_UPDATE_DELAY_MS', 20),
      storeWatchSeconds: env.int('LEADERBOARD_STORE_WATCH_SECONDS', process.env.NODE_ENV === 'test' ? 0 : 15),
    },
  },
  community: {
    enabled: true,
    resolve: localPlugin('community'),
  },
  challenges: {
    enabled: true,
    resolve: localPlugin('challenges'),
  },
  mall: {
    enabled: true,
    resolve: localPlugin('mall'),
  },
  quit: {
    enabled: true,
    resolve: localPlugin('quit'),
  },
  // The provider comes from OPENAI_BASE_URL / OPENAI_API_KEY / OPENAI_MODEL (src/plugins/ai-coach/server/src/config).
  'ai-coach': {
    enabled: true,
    resolve: localPlugin('ai-coach'),
  },
  // WeChat subscribe-message reminders; the minute job's settings come from REMINDERS_* (src/plugins/reminders/server/src/config).
  reminders: {
    enabled: true,
    resolve: localPlugin('reminders'),
  },
  // The admin's home page widgets; "today" and "this week" in DASHBOARD_TIMEZONE (default: the users' default, Asia/Shanghai).
  dashboard: {
    enabled: true,
    resolve: localPlugin('dashboard'),
    config: {
      timezone: env('DASHBOARD_TIMEZONE', 'Asia/Shanghai'),
      lowStockThreshold: env.int('DASHBOARD_LOW_STOCK_THRESHOLD', 10),
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: requiredSecret('JWT_SECRET'),
      jwt: { expiresIn: env('JWT_EXPIRES_IN', '2h') },
      // Mini-program users sign in through WeChat; e-mail registration stays off for the content API.
      register: { allowedFields: [] },
    },
  },
  documentation: {
    enabled: true,
    config: {
      openapi: '3.0.0',
      info: {
        version: '0.1.0',
        title: 'Habit platform API',
        description: 'REST API consumed by the WeChat mini-program (habits, check-ins, diaries, tasks, lottery, mall).',
      },
      // Generated: the content types' CRUD routes and these plugins' routes. Every other route is merged in
      // from the zod schemas of the plugins and src/api, and every path is kept under /api: src/openapi,
      // whose registerApiDocument (src/index.ts register) also sets `mutateDocumentation`.
      'x-strapi-config': { plugins: ['users-permissions', 'upload'] },
      servers: [{ url: env('PUBLIC_URL', 'http://localhost:1337'), description: 'This server' }],
    },
  },
});
