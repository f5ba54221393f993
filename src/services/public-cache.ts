import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { ROLE_PERMISSIONS } from '../bootstrap/permissions';
import { invalidationBus } from './invalidation';

/**
 * The public response cache: anonymous GETs of the public content API (catalogue lists and records,
 * approved posts and comments: every `<uid>.find` / `<uid>.findOne` the public role may call) answered
 * from this instance's memory, keyed by path + normalized query string. The middleware is
 * src/middlewares/public-cache.ts; this module holds the store and the one way to invalidate it.
 *
 * Correctness under writes, in order of importance:
 * - Every write to a type a cached answer may show (the type itself, and every type it can populate:
 *   relations, media, components, transitively) forgets that answer on every instance, through the
 *   invalidation bus. Document Service writes (a document middleware), db-layer writes (db lifecycles:
 *   the admin panel, db.query) and raw knex / SQL writes (the writer calls `invalidatePublic` after its
 *   commit) all end in `invalidatePublic`.
 * - Invalidation happens after the write commits (inside a Strapi transaction it waits for the commit),
 *   so a read cannot fetch the old rows after the cache was told to forget them.
 * - A read that began before an invalidation of its type does not store its answer (a clock is read
 *   when the request starts and compared with the type's last invalidation before storing): a read
 *   racing a write never puts the old answer back.
 * - Across instances the bus is asynchronous (Redis pub/sub: another instance forgets shortly after the
 *   commit, not in lockstep with the writer's answer), and a lost subscription makes an instance forget
 *   everything (see invalidation.ts).
 */

export const PUBLIC_CACHE_TOPIC = 'public-content';

export type CachedAnswer = {
  readonly uid: string;
  readonly body: Buffer;
  readonly contentType: string;
  /** Strong validator: a hash of the body bytes. */
  readonly etag: string;
  readonly bytes: number;
  /** The route pattern that answered it (routeLabelOf, src/services/metrics.ts), for the metrics of the hits that skip the router. */
  readonly route?: string;
};

export type ResponseCacheLimits = {
  /** Most answers kept; the least recently used go first. */
  maxEntries: number;
  /** Most body bytes kept (plus a small allowance per entry for its key and bookkeeping). */
  maxBytes: number;
};

const ENTRY_OVERHEAD_BYTES = 256;

export const etagOf = (body: Buffer) => `"${crypto.createHash('sha256').update(body).digest('base64url')}"`;

/** The store itself: bounded LRU, per-type invalidation, and the clock that guards racing reads. */
export class ResponseCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private readonly keysByType = new Map<string, Set<string>>();
  private readonly invalidatedAt = new Map<string, number>();
  private clock = 0;
  private flushedAt = 0;
  private usedBytes = 0;

  constructor(readonly limits: ResponseCacheLimits) {}

  /** Read at the start of a request; `store` refuses an answer read before a later invalidation. */
  now(): number {
    return this.clock;
  }

  get size() {
    return this.entries.size;
  }

  get bytes() {
    return this.usedBytes;
  }

  /** Whether `key` is held, without touching its recency. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): CachedAnswer | undefined {
    const found = this.entries.get(key);
    if (found) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  /** False when the answer is too big, or its type was invalidated after `startedAt` (a racing read). */
  store(key: string, answer: CachedAnswer, startedAt: number): boolean {
    if (this.flushedAt > startedAt || (this.invalidatedAt.get(answer.uid) ?? 0) > startedAt) return false;
    const cost = this.costOf(key, answer);
    if (cost > this.limits.maxBytes / 8) return false;
    this.remove(key);
    this.entries.set(key, answer);
    this.usedBytes += cost;
    let keys = this.keysByType.get(answer.uid);
    if (!keys) this.keysByType.set(answer.uid, (keys = new Set()));
    keys.add(key);
    while (this.entries.size > this.limits.maxEntries || this.usedBytes > this.limits.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
    }
    return true;
  }

  /** Forget every answer of these cached types, and refuse answers of reads already under way. */
  invalidate(uids: Iterable<string>) {
    this.clock += 1;
    for (const uid of uids) {
      this.invalidatedAt.set(uid, this.clock);
      for (const key of this.keysByType.get(uid) ?? []) this.remove(key);
    }
  }

  flush() {
    this.clock += 1;
    this.flushedAt = this.clock;
    this.entries.clear();
    this.keysByType.clear();
    this.usedBytes = 0;
  }

  private costOf(key: string, answer: CachedAnswer) {
    return answer.bytes + key.length * 2 + ENTRY_OVERHEAD_BYTES;
  }

  private remove(key: string) {
    const found = this.entries.get(key);
    if (!found) return;
    this.entries.delete(key);
    this.usedBytes -= this.costOf(key, found);
    this.keysByType.get(found.uid)?.delete(key);
  }
}

/**
 * Path + query string, the query normalized: each parameter decoded and encoded again (so `fields[0]`
 * and `fields%5B0%5D` are one key) and the parameters ordered by their top-level name, stably. Only the
 * order of different top-level names changes: the order inside one (`sort[0]`, `sort[1]`; `sort[a]` before
 * `sort[b]`, which qs turns into an ordered object) decides the answer and is kept. Null when the
 * query cannot be decoded: such a request is simply not cached.
 */
export const cacheKeyFor = (path: string, querystring: string): string | null => {
  if (!querystring) return path;
  const params: Array<{ name: string; pair: string }> = [];
  for (const piece of querystring.split('&')) {
    if (!piece) continue;
    const at = piece.indexOf('=');
    const rawName = at < 0 ? piece : piece.slice(0, at);
    const rawValue = at < 0 ? '' : piece.slice(at + 1);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      return null;
    }
    const bracket = name.indexOf('[');
    params.push({ name: bracket < 0 ? name : name.slice(0, bracket), pair: `${encodeURIComponent(name)}=${encodeURIComponent(value)}` });
  }
  if (params.length === 0) return path;
  // Array.prototype.sort is stable: parameters with the same top-level name keep their order.
  params.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `${path}?${params.map((p) => p.pair).join('&')}`;
};

type Attribute = { type: string; target?: string; private?: boolean; component?: string; components?: string[] };
type Schema = { attributes: Record<string, Attribute> };

/** `uid.find` / `uid.findOne` of content types the public role may call: what the cache may hold. */
export const publicReadActions = (strapi: Core.Strapi): Map<string, string> => {
  const actions = new Map<string, string>();
  for (const action of ROLE_PERMISSIONS.public) {
    const dot = action.lastIndexOf('.');
    const uid = action.slice(0, dot);
    const verb = action.slice(dot + 1);
    if ((verb === 'find' || verb === 'findOne') && strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) actions.set(action, uid);
  }
  return actions;
};

/**
 * For each type whose writes matter, the cached types that may show its rows: a cached type shows its
 * own rows and those of every type it can populate (relations and media, through components and
 * dynamic zones, transitively). Private attributes are left out: they never reach an answer.
 */
export const dependentsOf = (strapi: Core.Strapi, cachedTypes: Iterable<string>): Map<string, Set<string>> => {
  const dependents = new Map<string, Set<string>>();
  const schemaOf = (uid: string): Schema | undefined =>
    (strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as unknown as Schema | undefined) ??
    (strapi.components[uid as keyof typeof strapi.components] as unknown as Schema | undefined);
  for (const cached of cachedTypes) {
    const seen = new Set<string>();
    const visit = (uid: string) => {
      if (seen.has(uid)) return;
      seen.add(uid);
      if (strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) {
        if (!dependents.has(uid)) dependents.set(uid, new Set());
        dependents.get(uid)!.add(cached);
      }
      for (const attribute of Object.values(schemaOf(uid)?.attributes ?? {})) {
        if (attribute.private) continue;
        if (attribute.type === 'relation' && attribute.target) visit(attribute.target);
        else if (attribute.type === 'media') visit('plugin::upload.file');
        else if (attribute.type === 'component' && attribute.component) visit(attribute.component);
        else if (attribute.type === 'dynamiczone') for (const component of attribute.components ?? []) visit(component);
      }
    };
    visit(cached);
  }
  return dependents;
};

/**
 * Types whose writes change who may read what: a change to a role's permissions empties the whole cache
 * (the route checks ran when the answer was stored, not when it is served).
 */
export const ACCESS_TYPES = ['plugin::users-permissions.permission', 'plugin::users-permissions.role'] as const;

type PublicContent = {
  /** `uid.action` -> uid, for the actions whose answers may be cached. */
  readActions: Map<string, string>;
  /** Written type -> cached types that may show its rows. */
  dependents: Map<string, Set<string>>;
  /** Types whose writes must be announced: what a cached answer may show, and who may read it. */
  watched: Set<string>;
};
const REGISTRY = Symbol.for('habit-platform.public-cache');
type Registry = WeakMap<Core.Strapi, { content?: PublicContent; cache?: ResponseCache; unsubscribe?: () => void }>;
const globalRegistry = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
const registry: Registry = (globalRegistry[REGISTRY] ??= new WeakMap());
const slotOf = (strapi: Core.Strapi) => {
  let slot = registry.get(strapi);
  if (!slot) registry.set(strapi, (slot = {}));
  return slot;
};

/** The public read actions and the dependency map, computed once per instance from the schemas. */
export const publicContent = (strapi: Core.Strapi): PublicContent => {
  const slot = slotOf(strapi);
  if (!slot.content) {
    const readActions = publicReadActions(strapi);
    const dependents = dependentsOf(strapi, new Set(readActions.values()));
    slot.content = { readActions, dependents, watched: new Set([...dependents.keys(), ...ACCESS_TYPES]) };
  }
  return slot.content;
};

/** This instance's cache, created (and subscribed to the bus) by the middleware; undefined when it is off. */
export const publicResponseCache = (strapi: Core.Strapi): ResponseCache | undefined => slotOf(strapi).cache;

export const createPublicResponseCache = (strapi: Core.Strapi, limits: ResponseCacheLimits): ResponseCache => {
  const slot = slotOf(strapi);
  slot.unsubscribe?.();
  const cache = new ResponseCache(limits);
  const { dependents } = publicContent(strapi);
  slot.cache = cache;
  slot.unsubscribe = invalidationBus(strapi).subscribe(PUBLIC_CACHE_TOPIC, ({ keys }) => {
    if (!keys || keys.some((uid) => (ACCESS_TYPES as readonly string[]).includes(uid))) {
      cache.flush();
      return;
    }
    const affected = new Set<string>();
    for (const uid of keys) for (const cached of dependents.get(uid) ?? []) affected.add(cached);
    if (affected.size > 0) cache.invalidate(affected);
  });
  return cache;
};

const announce = async (strapi: Core.Strapi, uids: string[] | undefined) => {
  try {
    await invalidationBus(strapi).publish(PUBLIC_CACHE_TOPIC, uids);
  } catch (error) {
    strapi.log.warn(`[public-cache] invalidation failed: ${(error as Error).message}`);
  }
};

/**
 * THE way to say "rows of `uid` changed" to the public cache of every instance. Document Service and
 * db.query / admin panel writes call it by themselves (src/bootstrap/public-cache.ts); code that writes
 * a public table with knex or hand-written SQL (the lottery taking prize stock) must call it after its
 * transaction commits, and await it before answering. No `uid`: forget everything.
 *
 * Inside a Strapi transaction (`strapi.db.transaction`, which the Document Service uses) the
 * announcement waits for the commit, and is dropped on a rollback.
 */
export const invalidatePublic = async (strapi: Core.Strapi, uid?: string | readonly string[]): Promise<void> => {
  let uids: string[] | undefined;
  if (uid !== undefined) {
    const { watched } = publicContent(strapi);
    uids = (typeof uid === 'string' ? [uid] : [...uid]).filter((u) => watched.has(u));
    if (uids.length === 0) return;
  }
  if (strapi.db?.inTransaction()) {
    // Joins the transaction under way (no new one): the callback runs after its COMMIT.
    await strapi.db.transaction(async ({ onCommit }) => {
      onCommit(() => void announce(strapi, uids));
    });
    return;
  }
  await announce(strapi, uids);
};
