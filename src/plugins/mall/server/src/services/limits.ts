import type { Core } from '@strapi/strapi';
import { spendOrRefuse } from '../../../../../services/rate-limiters';
import { mallConfig } from '../utils/get-service';

/** Per-user budgets (src/services/rate-limiters.ts; shared through Redis when the app has it): 429 with Retry-After. */
export type MallAction = 'order' | 'listing';

const limitsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async consume(action: MallAction, userId: number): Promise<void> {
    const { rateLimits } = mallConfig(strapi);
    const budget = action === 'order'
      ? { name: 'mall:order', points: rateLimits.ordersPerUser, windowSeconds: rateLimits.orderWindowSeconds }
      : { name: 'mall:listing', points: rateLimits.listingsPerUser, windowSeconds: rateLimits.listingWindowSeconds };
    await spendOrRefuse(strapi, budget, String(userId), action === 'order' ? '下单太频繁，请稍后再试' : '发布太频繁，请稍后再试');
  },
});

export type LimitsService = ReturnType<typeof limitsService>;
export default limitsService;
