import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { limiterFor, retryAfterSecondsOf, spend, type Budget, type Verdict } from '../../../../../services/rate-limiters';
import type { WeChatConfig } from '../config';

/**
 * Request budgets of sign-in and refresh (src/services/rate-limiters.ts: shared by every instance through
 * Redis when the app has it).
 */
export type Bucket = 'login-ip' | 'login-failed-ip' | 'login-code' | 'login-user' | 'refresh-ip' | 'refresh-user' | 'avatar-user';
export type { Verdict };

const rateLimitsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const budgetOf = (bucket: Bucket): Budget => {
    const limits = (strapi.config.get('plugin::wechat') as WeChatConfig).rateLimits;
    const points = {
      'login-ip': limits.loginPerIp,
      'login-failed-ip': limits.loginFailuresPerIp,
      'login-user': limits.loginPerUser,
      'login-code': limits.loginPerCode,
      'refresh-ip': limits.refreshPerIp,
      'refresh-user': limits.refreshPerUser,
      'avatar-user': limits.avatarPerUser,
    }[bucket];
    return { name: `wechat:${bucket}`, points, windowSeconds: limits.windowSeconds };
  };

  // Keys are hashed: a login code or an openid never sits in Redis as is.
  const hashed = (key: string) => crypto.createHash('sha256').update(key).digest('base64url').slice(0, 32);

  return {
    /** Spend one point of `bucket` for `key`. */
    async consume(bucket: Bucket, key: string): Promise<Verdict> {
      return spend(strapi, budgetOf(bucket), hashed(key));
    },

    /** Whether `bucket` has budget left for `key`, spending nothing (budgets spent only on failure). */
    async check(bucket: Bucket, key: string): Promise<Verdict> {
      const budget = budgetOf(bucket);
      const used = await (await limiterFor(strapi, budget)).get(hashed(key));
      if (!used || used.consumedPoints < budget.points) return { allowed: true };
      return { allowed: false, retryAfterSeconds: retryAfterSecondsOf(used) };
    },
  };
};

export type RateLimitsService = ReturnType<typeof rateLimitsService>;
export default rateLimitsService;
