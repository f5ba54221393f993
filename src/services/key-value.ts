import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';

/**
 * Shared short-lived state (caches, rate-limit counters, locks): Redis when REDIS_URL is set, an
 * in-process map otherwise (single instance only: `npm run develop`, `npm test`). Both implement the
 * same interface and pass the same tests (tests/e2e/key-value.test.ts).
 */
export interface KeyValueStore {
  readonly backend: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Set only when absent (a lock); true when this call set it. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Throws when the backend cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The ioredis client, for features that need Redis itself (sorted sets, rate-limiter-flexible). */
  readonly redis?: Redis;
}

export const createMemoryStore = (now: () => number = Date.now): KeyValueStore => {
  const entries = new Map<string, { value: string; expiresAt: number | null }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    backend: 'memory',
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, { value, expiresAt: ttlSeconds ? now() + ttlSeconds * 1000 : null });
    },
    async setIfAbsent(key, value, ttlSeconds) {
      if (live(key)) return false;
      entries.set(key, { value, expiresAt: now() + ttlSeconds * 1000 });
      return true;
    },
    async del(key) {
      entries.delete(key);
    },
    async ping() {},
    async close() {
      entries.clear();
    },
  };
};

export const createRedisStore = (url: string, options: { connectTimeoutMs?: number } = {}): KeyValueStore => {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    maxRetriesPerRequest: 1,
    // Fail fast while Redis is down instead of queueing commands forever; readiness reports it.
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  let lastError = '';
  redis.on('error', (error: Error) => {
    // ioredis emits the same error on every reconnect attempt: log each distinct one once.
    if (error.message !== lastError) {
      lastError = error.message;
      process.emitWarning(`Redis: ${error.message}`);
    }
  });
  redis.on('ready', () => {
    lastError = '';
  });
  const connected = async () => {
    if (redis.status === 'wait') await redis.connect().catch(() => undefined);
    if (redis.status !== 'ready') throw new Error(`Redis is not reachable (${lastError || redis.status})`);
  };
  return {
    backend: 'redis',
    redis,
    async get(key) {
      await connected();
      return redis.get(key);
    },
    async set(key, value, ttlSeconds) {
      await connected();
      if (ttlSeconds) await redis.set(key, value, 'EX', ttlSeconds);
      else await redis.set(key, value);
    },
    async setIfAbsent(key, value, ttlSeconds) {
      await connected();
      return (await redis.set(key, value, 'EX', ttlSeconds, 'NX')) === 'OK';
    },
    async del(key) {
      await connected();
      await redis.del(key);
    },
    async ping() {
      await connected();
      await redis.ping();
    },
    async close() {
      redis.disconnect();
    },
  };
};

/**
 * For caches that must not fail a request when Redis is down (WeChat's access token, for one): every
 * write also goes to a small map in this process, and while the shared store cannot be reached reads,
 * writes and locks fall back to that map. Coordination then degrades to one instance at a time instead
 * of the whole fleet, which a cache can live with; never use this for a lock that guards money.
 */
export const withLocalFallback = (shared: KeyValueStore, local: KeyValueStore = createMemoryStore()): KeyValueStore => {
  if (shared.backend === 'memory') return shared;
  const attempt = async <T>(primary: () => Promise<T>, fallback: () => Promise<T>): Promise<T> => {
    try {
      return await primary();
    } catch {
      return fallback();
    }
  };
  return {
    backend: shared.backend,
    redis: shared.redis,
    // While the shared store answers it is the truth (another instance may have deleted or replaced a value).
    get: (key) => attempt(() => shared.get(key), () => local.get(key)),
    async set(key, value, ttlSeconds) {
      await local.set(key, value, ttlSeconds);
      await shared.set(key, value, ttlSeconds).catch(() => undefined);
    },
    setIfAbsent: (key, value, ttlSeconds) => attempt(() => shared.setIfAbsent(key, value, ttlSeconds), () => local.setIfAbsent(key, value, ttlSeconds)),
    async del(key) {
      await local.del(key);
      await shared.del(key).catch(() => undefined);
    },
    ping: () => shared.ping(),
    close: () => local.close(),
  };
};

const FALLBACKS = new WeakMap<Core.Strapi, KeyValueStore>();

/** This instance's store with the local fallback of `withLocalFallback` (for caches only). */
export const resilientCache = (strapi: Core.Strapi): KeyValueStore => {
  let store = FALLBACKS.get(strapi);
  if (!store) FALLBACKS.set(strapi, (store = withLocalFallback(keyValueStore(strapi))));
  return store;
};

/**
 * One store per Strapi instance. The registry hangs off a global symbol so that a second copy of this
 * module (the compiled app and the TypeScript source a test imports) still finds the same store.
 */
const REGISTRY = Symbol.for('habit-platform.key-value-stores');
const globalRegistry = globalThis as typeof globalThis & { [REGISTRY]?: WeakMap<Core.Strapi, KeyValueStore> };
const stores: WeakMap<Core.Strapi, KeyValueStore> = (globalRegistry[REGISTRY] ??= new WeakMap());

/** The store of this Strapi instance, created on first use from REDIS_URL. */
export const keyValueStore = (strapi: Core.Strapi): KeyValueStore => {
  let store = stores.get(strapi);
  if (!store) {
    const url = process.env.REDIS_URL?.trim();
    store = url ? createRedisStore(url) : createMemoryStore();
    stores.set(strapi, store);
  }
  return store;
};

export const closeKeyValueStore = async (strapi: Core.Strapi) => {
  const store = stores.get(strapi);
  stores.delete(strapi);
  FALLBACKS.delete(strapi);
  await store?.close();
};
