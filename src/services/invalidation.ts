import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';

/**
 * The invalidation bus: how an instance tells every instance (itself included) that something it may
 * have cached changed (a role's permissions, an editor's catalogue). Per-instance caches subscribe to a
 * topic and forget what the message names.
 *
 * - Without REDIS_URL there is one instance: `publish` calls this instance's handlers at once.
 * - With REDIS_URL the same happens locally, and the message goes to the other instances through Redis
 *   pub/sub (one channel, a subscriber connection of its own); an instance ignores its own messages, which
 *   it has already handled. A lost connection loses messages, so every subscriber is also told to forget
 *   everything when the subscriber (re)connects: a cache is never trusted across a gap.
 */
export type InvalidationMessage = { topic: string; keys?: string[] };
type Handler = (message: InvalidationMessage) => void;

export interface InvalidationBus {
  readonly backend: 'memory' | 'redis';
  /** Tell every instance; the local handlers have run when this returns. */
  publish(topic: string, keys?: string[]): Promise<void>;
  /** `handler` gets every message of `topic`, and `{ topic }` with no keys (forget everything) after a gap. */
  subscribe(topic: string, handler: Handler): () => void;
  /** Resolves once this instance receives the other instances' messages (at once without Redis). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Pub/sub channels are server-wide, not per logical database: the database number keeps deployments (and test workers) sharing one Redis apart. */
const channelFor = (redis: Redis) => `habit-platform:invalidate:${redis.options.db ?? 0}`;

export const createInvalidationBus = (url: string | undefined, log: (message: string) => void): InvalidationBus => {
  const handlers = new Map<string, Set<Handler>>();
  const deliver = (message: InvalidationMessage) => {
    for (const handler of handlers.get(message.topic) ?? []) {
      try {
        handler(message);
      } catch (error) {
        log(`invalidation handler for ${message.topic} failed: ${(error as Error).message}`);
      }
    }
  };
  const forgetEverything = () => {
    for (const topic of handlers.keys()) deliver({ topic });
  };

  if (!url) {
    return {
      backend: 'memory',
      async publish(topic, keys) {
        deliver({ topic, keys });
      },
      subscribe(topic, handler) {
        if (!handlers.has(topic)) handlers.set(topic, new Set());
        handlers.get(topic)!.add(handler);
        return () => handlers.get(topic)?.delete(handler);
      },
      async ready() {},
      async close() {
        handlers.clear();
      },
    };
  }

  const origin = crypto.randomBytes(8).toString('hex');
  const options = { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 1, retryStrategy: (attempt: number) => Math.min(attempt * 200, 5000) };
  const publisher = new Redis(url, { ...options, enableOfflineQueue: false });
  const subscriber = new Redis(url, options);
  const CHANNEL = channelFor(publisher);
  let lastError = '';
  for (const client of [publisher, subscriber]) {
    client.on('error', (error: Error) => {
      if (error.message !== lastError) {
        lastError = error.message;
        log(`invalidation bus: Redis ${error.message}`);
      }
    });
  }
  subscriber.on('message', (_channel: string, raw: string) => {
    let parsed: { origin?: string; topic?: unknown; keys?: unknown };
    try {
      parsed = JSON.parse(raw);
    } catch {
      return;
    }
    if (parsed.origin === origin || typeof parsed.topic !== 'string') return;
    deliver({ topic: parsed.topic, keys: Array.isArray(parsed.keys) ? parsed.keys.map(String) : undefined });
  });
  // Messages sent while this instance was not subscribed are gone: start every cache afresh.
  subscriber.on('ready', forgetEverything);
  // Publishes that come while the first connection is being made wait for it: without an offline
  // queue, a second `connect()` or a command sent meanwhile fails, and that instance's message is lost.
  let connecting: Promise<void> | null = null;
  const publisherConnected = () =>
    (connecting ??= publisher.connect().finally(() => {
      connecting = null;
    }));
  let subscribed: Promise<unknown> | null = null;
  const ensureSubscribed = () => {
    subscribed ??= subscriber.subscribe(CHANNEL).catch((error: Error) => {
      subscribed = null;
      log(`invalidation bus: subscribe failed: ${error.message}`);
    });
    return subscribed;
  };

  return {
    backend: 'redis',
    async publish(topic, keys) {
      deliver({ topic, keys });
      try {
        if (publisher.status === 'wait' || connecting) await publisherConnected();
        await publisher.publish(CHANNEL, JSON.stringify({ origin, topic, keys }));
      } catch (error) {
        // The other instances' caches expire on their own schedule; this write itself has succeeded.
        log(`invalidation bus: publish ${topic} failed: ${(error as Error).message}`);
      }
    },
    subscribe(topic, handler) {
      if (!handlers.has(topic)) handlers.set(topic, new Set());
      handlers.get(topic)!.add(handler);
      void ensureSubscribed();
      return () => handlers.get(topic)?.delete(handler);
    },
    async ready() {
      await ensureSubscribed();
    },
    async close() {
      handlers.clear();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
};

/** One bus per Strapi instance (a global registry, as for the key-value store: see key-value.ts). */
const REGISTRY = Symbol.for('habit-platform.invalidation-buses');
const globalRegistry = globalThis as typeof globalThis & { [REGISTRY]?: WeakMap<Core.Strapi, InvalidationBus> };
const buses: WeakMap<Core.Strapi, InvalidationBus> = (globalRegistry[REGISTRY] ??= new WeakMap());

export const invalidationBus = (strapi: Core.Strapi): InvalidationBus => {
  let bus = buses.get(strapi);
  if (!bus) {
    bus = createInvalidationBus(process.env.REDIS_URL?.trim() || undefined, (message) => strapi.log.warn(message));
    buses.set(strapi, bus);
  }
  return bus;
};

export const closeInvalidationBus = async (strapi: Core.Strapi) => {
  const bus = buses.get(strapi);
  buses.delete(strapi);
  await bus?.close();
};
