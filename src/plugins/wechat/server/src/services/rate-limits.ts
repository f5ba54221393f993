import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { keyValueStore } from '../../../../../services/key-value';
import type { WeChatConfig } from '../config';

/**
 * Request budgets (rate-limiter-flexible): counted in Redis when REDIS_URL is set, so every instance
 * shares them, in process memory otherwise. If Redis drops out, an in-memory limiter keeps limiting.
 */
export type Bucket = 'login-ip' | 'login-code' | 'refresh-ip' | 'refresh-user' | 'avatar-user';

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const limitersByStrapi = new WeakMap<Core.Strapi, Map<Bucket, RateLimiterAbstract>>();

const rateLimitsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const pointsFor = (bucket: Bucket): number => {
    const limits = (strapi.config.get('plugin::wechat') as WeChatConfig).rateLimits;
    return {
      'login-ip': limits.loginPerIp,
      'login-code': limits.loginPerCode,
      'refresh-ip': limits.refreshPerIp,
      'refresh-user': limits.refreshPerUser,
      'avatar-user': limits.avatarPerUser,
    }[bucket];
  };

  const limiterFor = async (bucket: Bucket): Promise<RateLimiterAbstract> => {
    let limiters = limitersByStrapi.get(strapi);
    if (!limiters) {
      limiters = new Map();
      limitersByStrapi.set(strapi, limiters);
    }
    const existing = limiters.get(bucket);
    if (existing) return existing;
    const options = {
      keyPrefix: `rl:wechat:${bucket}`,
      points: pointsFor(bucket),
      duration: (strapi.config.get('plugin::wechat') as WeChatConfig).rateLimits.windowSeconds,
    };
    const store = keyValueStore(strapi);
    let limiter: RateLimiterAbstract;
    if (store.redis) {
      await store.ping().catch(() => undefined); // connect now; the insurance limiter covers an outage
      limiter = new RateLimiterRedis({ ...options, storeClient: store.redis, insuranceLimiter: new RateLimiterMemory(options) });
    } else {
      limiter = new RateLimiterMemory(options);
    }
    limiters.set(bucket, limiter);
    return limiter;
  };

  return {
    /** Spend one point of `bucket` for `key`. Keys are hashed: a login code never sits in Redis as is. */
    async consume(bucket: Bucket, key: string): Promise<Verdict> {
      const limiter = await limiterFor(bucket);
      const hashedKey = crypto.createHash('sha256').update(key).digest('base64url').slice(0, 32);
      try {
        await limiter.consume(hashedKey);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection;
      }
    },
  };
};

export type RateLimitsService = ReturnType<typeof rateLimitsService>;
export default rateLimitsService;
