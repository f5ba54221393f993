import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  // GET /metrics (Prometheus, off unless METRICS_ENABLED=true) and every request's count and duration; outside
  // strapi::errors so it sees the status that middleware writes for a thrown error (src/middlewares/metrics.ts).
  { name: 'global::metrics', config: { enabled: env.bool('METRICS_ENABLED', false), token: env('METRICS_TOKEN', '') } },
  'strapi::errors',
  // The database went away under a request: 503 with a reason and Retry-After, not 500 (src/middlewares/unavailable.ts).
  'global::unavailable',
  // A 429 with details.retryAfterSeconds gets its Retry-After header (src/middlewares/retry-after.ts).
  'global::retry-after',
  {
    // Strapi's own, computed once per process instead of per request (src/bootstrap/security-headers.ts).
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // Swagger UI (documentation plugin) loads its assets from the app itself plus inline styles.
          'script-src': ["'self'", "'unsafe-inline'"],
          // WeChat avatars (qlogo.cn) show in the admin's leaderboard page and user lists.
          'img-src': ["'self'", 'data:', 'blob:', 'https://thirdwx.qlogo.cn', 'https://wx.qlogo.cn'],
          'media-src': ["'self'", 'data:', 'blob:'],
          upgradeInsecureRequests: null,
        },
      },
    },
  },
  {
    name: 'strapi::cors',
    config: { origin: env.array('CORS_ORIGINS', ['*']) },
  },
  'strapi::poweredBy',
  'strapi::query',
  'global::pagination-guard',
  {
    name: 'strapi::body',
    // includeUnparsed: WeChat Pay signs its notifications' raw bytes (the mall verifies them before parsing).
    config: { jsonLimit: env('BODY_JSON_LIMIT', '1mb'), formLimit: '1mb', textLimit: '1mb', includeUnparsed: true },
  },
  // Strapi's koa-session, skipped on the content API's bearer-token routes (src/middlewares/session.ts).
  'global::session',
  'strapi::favicon',
  'strapi::public',
  // Anonymous public GETs from memory, invalidated on every write (src/middlewares/public-cache.ts).
  { name: 'global::public-cache', config: { enabled: env.bool('PUBLIC_CACHE', true), maxEntries: env.int('PUBLIC_CACHE_MAX_ENTRIES', 1000), maxBytes: env.int('PUBLIC_CACHE_MAX_BYTES', 33554432) } },
  // Last: the content API's routes dispatched from one table, with Strapi's own handlers (src/middlewares/route-table.ts).
  { name: 'global::route-table', config: { enabled: env.bool('ROUTE_TABLE', true) } },
];
