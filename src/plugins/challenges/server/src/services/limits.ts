import type { Core } from '@strapi/strapi';
import { spendOrRefuse, type Budget } from '../../../../../services/rate-limiters';
import { challengesConfig } from '../utils/get-service';

/**
 * Budgets per user (src/services/rate-limiters.ts, shared by every instance through Redis when the app
 * has it): joins, leaves and joins by code share one (each is a ledger write; by code, it also bounds
 * guessing invite codes), making a challenge has its own. A refusal is a 429 with Retry-After.
 */
export type ChallengeAction = 'join' | 'create';

const MESSAGES: Record<ChallengeAction, string> = {
  join: '加入或退出挑战太频繁，请稍后再试',
  create: '创建挑战太频繁，请稍后再试',
};

const limitsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const budgetOf = (action: ChallengeAction): Budget => {
    const { rateLimits } = challengesConfig(strapi);
    return action === 'join'
      ? { name: 'challenges:join', points: rateLimits.joinsPerUser, windowSeconds: rateLimits.joinWindowSeconds }
      : { name: 'challenges:create', points: rateLimits.createsPerUser, windowSeconds: rateLimits.createWindowSeconds };
  };

  return {
    /** Spend one `action` of `userId`'s budget, or throw 429 (RateLimitError with details.retryAfterSeconds). */
    async consume(action: ChallengeAction, userId: number): Promise<void> {
      await spendOrRefuse(strapi, budgetOf(action), String(userId), MESSAGES[action]);
    },
  };
};

export type LimitsService = ReturnType<typeof limitsService>;
export default limitsService;
