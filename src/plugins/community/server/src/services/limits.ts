import type { Core } from '@strapi/strapi';
import { spendOrRefuse, type Budget } from '../../../../../services/rate-limiters';
import { communityConfig } from '../utils/get-service';

/**
 * Write budgets per user (src/services/rate-limiters.ts: shared by every instance through Redis when the
 * app has it). A refusal is a 429 with Retry-After.
 */
export type WriteKind = 'post' | 'comment' | 'report' | 'image';

const MESSAGES: Record<WriteKind, string> = {
  post: '发帖太频繁，请稍后再试',
  comment: '评论太频繁，请稍后再试',
  report: '举报太频繁，请稍后再试',
  image: '上传太频繁，请稍后再试',
};

const limitsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const budgetOf = (kind: WriteKind): Budget => {
    const { rateLimits } = communityConfig(strapi);
    const points = { post: rateLimits.postsPerUser, comment: rateLimits.commentsPerUser, report: rateLimits.reportsPerUser, image: rateLimits.imagesPerUser }[kind];
    return { name: `community:${kind}`, points, windowSeconds: rateLimits.windowSeconds };
  };

  return {
    /** Spend one write of `kind` for `userId`, or throw 429 (RateLimitError with details.retryAfterSeconds). */
    async consume(kind: WriteKind, userId: number): Promise<void> {
      await spendOrRefuse(strapi, budgetOf(kind), String(userId), MESSAGES[kind]);
    },
  };
};

export type LimitsService = ReturnType<typeof limitsService>;
export default limitsService;
