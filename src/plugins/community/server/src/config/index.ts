import { z } from 'zod';
import { configValidator } from '../../../../../utils/plugin-config';

/**
 * The community's configuration, validated at boot (STYLE 11). Defaults come from the environment and
 * may be overridden in config/plugins.ts.
 */
export const communityConfigSchema = z.object({
  /** Reports hide an item pending review at `threshold` distinct reporters with accounts this old. */
  reports: z.object({ threshold: z.number().int().min(1).max(100), minAccountAgeHours: z.number().min(0).max(24 * 365) }),
  /** Writes per user per window (rate-limiter-flexible; in Redis when REDIS_URL is set). */
  rateLimits: z.object({
    windowSeconds: z.number().int().min(1),
    postsPerUser: z.number().int().min(1),
    commentsPerUser: z.number().int().min(1),
    reportsPerUser: z.number().int().min(1),
    imagesPerUser: z.number().int().min(1),
  }),
  images: z.object({
    maxBytes: z.number().int().min(1024).max(10 * 1024 * 1024),
    mimeTypes: z.array(z.string().regex(/^image\/[a-z0-9.+-]+$/)).min(1),
  }),
  /** View counts are counted in the store and added to the posts by a locked job this often. */
  viewFlushCron: z.string().min(9),
  /** Like / comment counters are recounted from the rows by a locked job (repairs any drift). */
  reconcileCron: z.string().min(9),
  /** A post whose images WeChat has not judged after this long goes to the moderators' queue. */
  mediaCheckTimeoutMinutes: z.number().int().min(1).max(24 * 60),
});

export type CommunityConfig = z.infer<typeof communityConfigSchema>;

type Env = { (key: string, fallback?: string): string; int(key: string, fallback?: number): number };

export default {
  default: ({ env }: { env: Env }): CommunityConfig => ({
    reports: { threshold: env.int('COMMUNITY_REPORT_THRESHOLD', 3), minAccountAgeHours: env.int('COMMUNITY_REPORT_MIN_ACCOUNT_AGE_HOURS', 24) },
    rateLimits: {
      windowSeconds: env.int('COMMUNITY_RATE_WINDOW_SECONDS', 600),
      postsPerUser: env.int('COMMUNITY_POSTS_PER_WINDOW', 10),
      commentsPerUser: env.int('COMMUNITY_COMMENTS_PER_WINDOW', 60),
      reportsPerUser: env.int('COMMUNITY_REPORTS_PER_WINDOW', 20),
      imagesPerUser: env.int('COMMUNITY_IMAGES_PER_WINDOW', 90),
    },
    images: { maxBytes: env.int('COMMUNITY_IMAGE_MAX_BYTES', 5 * 1024 * 1024), mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] },
    viewFlushCron: env('COMMUNITY_VIEW_FLUSH_CRON', '*/30 * * * * *'),
    reconcileCron: env('COMMUNITY_RECONCILE_CRON', '17 3 * * *'),
    mediaCheckTimeoutMinutes: env.int('COMMUNITY_MEDIA_CHECK_TIMEOUT_MINUTES', 30),
  }),
  validator: configValidator('community', communityConfigSchema),
};
