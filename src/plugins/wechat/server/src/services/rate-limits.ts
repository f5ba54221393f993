import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { spend, type Budget, type Verdict } from '../../../../../services/rate-limiters';
import type { WeChatConfig } from '../config';

/**
 * Request budgets of sign-in and refresh (src/services/rate-limiters.ts: shared by every instance through
 * Redis when the app has it).
 */
export type Bucket = 'login-ip' | 'login-code' | 'refresh-ip' | 'refresh-user' | 'avatar-user';
export type { Verdict };

const rateLimitsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const budgetOf = (bucket: Bucket): Budget => {
    const limits = (strapi.config.get('plugin::wechat') as WeChatConfig).rateLimits;
    const points = {
      'login-ip': limits.loginPerIp,
      'login-code': limits.loginPerCode,
      'refresh-ip': limits.refreshPerIp,
      'refresh-user': limits.refreshPerUser,
      'avatar-user': limits.avatarPerUser,
    }[bucket];
    return { name: `wechat:${bucket}`, points, windowSeconds: limits.windowSeconds };
  };

  return {
    /** Spend one point of `bucket` for `key`. Keys are hashed: a login code never sits in Redis as is. */
    async consume(bucket: Bucket, key: string): Promise<Verdict> {
      const hashedKey = crypto.createHash('sha256').update(key).digest('base64url').slice(0, 32);
      return spend(strapi, budgetOf(bucket), hashedKey);
    },
  };
};

export type RateLimitsService = ReturnType<typeof rateLimitsService>;
export default rateLimitsService;
