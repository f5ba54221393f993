import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { routeLabelOf } from '../services/metrics';
import { cacheKeyFor, createPublicResponseCache, etagOf, publicContent, type CachedAnswer } from '../services/public-cache';

/**
 * Anonymous GETs of the public content API answered from memory (src/services/public-cache.ts says what
 * is cached and how it is invalidated).
 *
 * A request is looked up only when it is a GET under the API prefix with no Authorization header at all
 * (a request that has one is never answered from, nor stored into, this cache). A miss goes through the
 * router as usual; its answer is stored when it is a 200 of an action the public role may call
 * (`ctx.state.route`, set by the router, names it), so the cache never decides by itself which paths are
 * public: a path is cached only after the router, users-permissions and the controller answered it.
 *
 * Every global middleware before this one (logger, errors, helmet, CORS, query parsing, pagination guard)
 * runs on hits too, so their headers and error envelope are the same as on an uncached answer. Answers
 * carry a strong ETag (hash of the body) and `Cache-Control: no-cache`: the mini-program revalidates
 * with If-None-Match and gets a 304 while nothing changed.
 *
 * Config: `{ enabled?: boolean, maxEntries?: number, maxBytes?: number }` (config/middlewares.ts).
 */
export type PublicCacheConfig = { enabled?: boolean; maxEntries?: number; maxBytes?: number };

type RouteState = { handler?: unknown; info?: { apiName?: string; pluginName?: string } };

/** `api::x.x.find` from the route the router matched (handlers are `uid.action`, or `controller.action` in an api / plugin). */
const actionOf = (route: RouteState | undefined): string | null => {
  if (!route || typeof route.handler !== 'string') return null;
  if (route.handler.includes('::')) return route.handler;
  if (route.info?.apiName) return `api::${route.info.apiName}.${route.handler}`;
  if (route.info?.pluginName) return `plugin::${route.info.pluginName}.${route.handler}`;
  return null;
};

/** The body as the bytes Koa would send; null for streams and empty bodies (not cached). */
const bytesOf = (body: unknown): Buffer | null => {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  if (body === null || body === undefined || typeof (body as { pipe?: unknown }).pipe === 'function') return null;
  // What Koa's respond() does with an object body.
  return Buffer.from(JSON.stringify(body));
};

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/"x" matches "x". */
const matchesIfNoneMatch = (header: string, etag: string): boolean => {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
};

const answerWith = (ctx: Context, answer: CachedAnswer) => {
  if (answer.route) (ctx as Context & { _matchedRoute?: string })._matchedRoute = answer.route;
  ctx.set('ETag', answer.etag);
  ctx.set('Cache-Control', 'no-cache');
  if (matchesIfNoneMatch(ctx.get('If-None-Match'), answer.etag)) {
    ctx.status = 304; // Koa drops the body and its Content-Type / Content-Length
    return;
  }
  ctx.set('Content-Type', answer.contentType);
  ctx.body = answer.body;
  ctx.status = 200;
};

export default (config: PublicCacheConfig, { strapi }: { strapi: Core.Strapi }) => {
  if (config.enabled === false) return (_ctx: Context, next: Next) => next();
  const cache = createPublicResponseCache(strapi, {
    maxEntries: config.maxEntries ?? 1000,
    maxBytes: config.maxBytes ?? 32 * 1024 * 1024,
  });
  const { readActions } = publicContent(strapi);
  const prefix = `${strapi.config.get('api.rest.prefix', '/api')}/`;

  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' || ctx.request.headers.authorization !== undefined || !ctx.path.startsWith(prefix)) return next();
    const key = cacheKeyFor(ctx.path, ctx.querystring);
    if (key === null) return next();
    const hit = cache.get(key);
    if (hit) return answerWith(ctx, hit);

    const startedAt = cache.now();
    await next();
    if (ctx.status !== 200 || ctx.response.get('Set-Cookie')) return;
    const action = actionOf(ctx.state.route as RouteState | undefined);
    const uid = action ? readActions.get(action) : undefined;
    if (!uid) return;
    const body = bytesOf(ctx.body);
    if (!body) return;
    const contentType = String(ctx.response.get('Content-Type') || 'application/json; charset=utf-8');
    const route = routeLabelOf(ctx);
    const answer: CachedAnswer = { uid, body, contentType, etag: etagOf(body), bytes: body.length, route };
    // Stored only if no write to its types was announced since this request began (a racing read).
    cache.store(key, answer, startedAt);
    answerWith(ctx, answer);
  };
};
