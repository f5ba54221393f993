import { z } from 'zod';
import { configValidator } from '../../../../../utils/plugin-config';

/** The mall's configuration, validated at boot (STYLE 11). */
export const mallConfigSchema = z.object({
  /** An unpaid WeChat Pay order is cancelled (and its stock returned) this long after it was placed. */
  paymentTimeoutMinutes: z.number().int().min(5).max(24 * 60),
  /** How often the locked timeout job looks for unpaid orders past their time. */
  timeoutCron: z.string().min(9),
  /** A completed order may still be refunded for this many days. */
  afterSalesDays: z.number().int().min(0).max(90),
  /** A shipped order completes by itself this many days after shipping. */
  autoCompleteDays: z.number().int().min(1).max(60),
  /** WeChat Pay notifications older (or newer) than this are refused. */
  notificationMaxAgeSeconds: z.number().int().min(30).max(3600),
  /** Where WeChat Pay's notifications are addressed (https://your.domain); empty: PUBLIC_URL, else this server. */
  notifyBase: z.union([z.literal(''), z.string().url()]),
  /** Per-user budgets (429 with Retry-After beyond them). */
  rateLimits: z.object({
    ordersPerUser: z.number().int().positive(),
    orderWindowSeconds: z.number().int().positive(),
    listingsPerUser: z.number().int().positive(),
    listingWindowSeconds: z.number().int().positive(),
  }),
});

export type MallConfig = z.infer<typeof mallConfigSchema>;

type Env = { (key: string, fallback?: string): string; int(key: string, fallback?: number): number };

export default {
  default: ({ env }: { env: Env }): MallConfig => ({
    paymentTimeoutMinutes: env.int('MALL_PAYMENT_TIMEOUT_MINUTES', 30),
    timeoutCron: env('MALL_TIMEOUT_CRON', '* * * * *'),
    afterSalesDays: env.int('MALL_AFTER_SALES_DAYS', 7),
    autoCompleteDays: env.int('MALL_AUTO_COMPLETE_DAYS', 10),
    notificationMaxAgeSeconds: 300,
    notifyBase: env('WECHATPAY_NOTIFY_BASE', ''),
    rateLimits: {
      ordersPerUser: env.int('MALL_ORDERS_PER_USER', 30),
      orderWindowSeconds: env.int('MALL_ORDER_WINDOW_SECONDS', 600),
      listingsPerUser: env.int('MALL_LISTINGS_PER_USER', 10),
      listingWindowSeconds: env.int('MALL_LISTING_WINDOW_SECONDS', 86400),
    },
  }),
  validator: configValidator('mall', mallConfigSchema),
};
