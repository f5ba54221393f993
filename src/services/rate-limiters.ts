import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { keyValueStore } from './key-value';

/**
 * Request budgets for every plugin (rate-limiter-flexible): counted in Redis when REDIS_URL is set, so
 * every instance shares them, in process memory otherwise; an in-memory insurance limiter keeps limiting
 * through a Redis outage. One limiter per app and budget name.
 *
 *   const budget = { name: 'challenges:join', points: 20, windowSeconds: 600 };
 *   await spendOrRefuse(strapi, budget, String(userId), '操作太频繁，请稍后再试'); // 429 + Retry-After
 */
export type Budget = {
  /** Unique across the app: the Redis key prefix is `rl:<name>`. */
  name: string;
  points: number;
  windowSeconds: number;
};

/** Allowed, or refused with how long until the budget has a point again. */
export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const limitersByStrapi = new WeakMap<Core.Strapi, Map<string, RateLimiterAbstract>>();

/** The limiter of a budget (created once per app: the first call connects Redis if it is not yet). */
export const limiterFor = async (strapi: Core.Strapi, budget: Budget): Promise<RateLimiterAbstract> => {
  let limiters = limitersByStrapi.get(strapi);
  if (!limiters) limitersByStrapi.set(strapi, (limiters = new Map()));
  const known = limiters.get(budget.name);
  if (known) return known;
  const options = { keyPrefix: `rl:${budget.name}`, points: budget.points, duration: budget.windowSeconds };
  const store = keyValueStore(strapi);
  let limiter: RateLimiterAbstract;
  if (store.redis) {
    await store.ping().catch(() => undefined); // connect now; the insurance limiter covers an outage
    limiter = new RateLimiterRedis({ ...options, storeClient: store.redis, insuranceLimiter: new RateLimiterMemory(options) });
  } else {
    limiter = new RateLimiterMemory(options);
  }
  limiters.set(budget.name, limiter);
  return limiter;
};

/** Seconds until a refused budget has a point again (at least 1). */
export const retryAfterSecondsOf = (refusal: RateLimiterRes): number => Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));

/** Spend `cost` points of `budget` for `key`. */
export const spend = async (strapi: Core.Strapi, budget: Budget, key: string, cost = 1): Promise<Verdict> => {
  const limiter = await limiterFor(strapi, budget);
  try {
    await limiter.consume(key, cost);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: retryAfterSecondsOf(rejection) };
    throw rejection;
  }
};

/**
 * Spend one point, or throw 429 (RateLimitError with `details.retryAfterSeconds`, which the
 * global::retry-after middleware turns into the Retry-After header).
 */
export const spendOrRefuse = async (strapi: Core.Strapi, budget: Budget, key: string, message: string): Promise<void> => {
  const verdict = await spend(strapi, budget, key);
  if (!verdict.allowed) throw new errors.RateLimitError(message, { retryAfterSeconds: verdict.retryAfterSeconds });
};
