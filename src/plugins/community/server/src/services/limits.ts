import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { keyValueStore } from '../../../../../services/key-value';
import { communityConfig } from '../utils/get-service';

/**
 * Write budgets per user (rate-limiter-flexible): in Redis when REDIS_URL is set, so every instance shares
 * them, in memory otherwise; an in-memory insurance limiter keeps limiting through a Redis outage.
 */
export type WriteKind = 'post' | 'comment' | 'report' | 'image';

const limitersByStrapi = new WeakMap<Core.Strapi, Map<WriteKind, RateLimiterAbstract>>();

const MESSAGES: Record<WriteKind, string> = {
  post: '发帖太频繁，请稍后再试',
  comment: '评论太频繁，请稍后再试',
  report: '举报太频繁，请稍后再试',
  image: '上传太频繁，请稍后再试',
};

const limitsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const limiterFor = async (kind: WriteKind): Promise<RateLimiterAbstract> => {
    let limiters = limitersByStrapi.get(strapi);
    if (!limiters) limitersByStrapi.set(strapi, (limiters = new Map()));
    const existing = limiters.get(kind);
    if (existing) return existing;
    const { rateLimits } = communityConfig(strapi);
    const points = { post: rateLimits.postsPerUser, comment: rateLimits.commentsPerUser, report: rateLimits.reportsPerUser, image: rateLimits.imagesPerUser }[kind];
    const options = { keyPrefix: `rl:community:${kind}`, points, duration: rateLimits.windowSeconds };
    const store = keyValueStore(strapi);
    let limiter: RateLimiterAbstract;
    if (store.redis) {
      await store.ping().catch(() => undefined);
      limiter = new RateLimiterRedis({ ...options, storeClient: store.redis, insuranceLimiter: new RateLimiterMemory(options) });
    } else {
      limiter = new RateLimiterMemory(options);
    }
    limiters.set(kind, limiter);
    return limiter;
  };

  return {
    /** Spend one write of `kind` for `userId`, or throw 429 (RateLimitError with details.retryAfterSeconds). */
    async consume(kind: WriteKind, userId: number): Promise<void> {
      const limiter = await limiterFor(kind);
      try {
        await limiter.consume(String(userId));
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        // The route middleware plugin::community.retry-after turns details.retryAfterSeconds into the header.
        throw new errors.RateLimitError(MESSAGES[kind], { retryAfterSeconds });
      }
    },
  };
};

export type LimitsService = ReturnType<typeof limitsService>;
export default limitsService;
