import { z } from 'zod';
import { configValidator } from '../../../../../utils/plugin-config';

/** The challenges' configuration, validated at boot (STYLE 11). */
export const challengesConfigSchema = z.object({
  /** How often the locked finishing job looks for challenges whose last local day is over. */
  finishCron: z.string().min(9),
  /** Per-user budgets (429 with Retry-After beyond them). */
  rateLimits: z.object({
    /** Joins, leaves and joins by code, per user per joinWindowSeconds. */
    joinsPerUser: z.number().int().positive(),
    joinWindowSeconds: z.number().int().positive(),
    /** User-made challenges per user per createWindowSeconds. */
    createsPerUser: z.number().int().positive(),
    createWindowSeconds: z.number().int().positive(),
  }),
  /** Progress recomputes (batches) running at once per process; each holds one pooled connection while it runs. */
  progressConcurrency: z.number().int().min(1).max(16),
  /** At most this many waiting (user, habit) pairs are recomputed together, in one transaction. */
  progressBatch: z.number().int().min(1).max(200),
});

export type ChallengesConfig = z.infer<typeof challengesConfigSchema>;

type Env = { (key: string, fallback?: string): string; int(key: string, fallback?: number): number };

export default {
  default: ({ env }: { env: Env }): ChallengesConfig => ({
    finishCron: env('CHALLENGES_FINISH_CRON', '*/5 * * * *'),
    rateLimits: {
      joinsPerUser: env.int('CHALLENGES_JOINS_PER_USER', 30),
      joinWindowSeconds: env.int('CHALLENGES_JOIN_WINDOW_SECONDS', 600),
      createsPerUser: env.int('CHALLENGES_CREATES_PER_USER', 5),
      createWindowSeconds: env.int('CHALLENGES_CREATE_WINDOW_SECONDS', 86400),
    },
    progressConcurrency: env.int('CHALLENGES_PROGRESS_CONCURRENCY', 2),
    progressBatch: env.int('CHALLENGES_PROGRESS_BATCH', 50),
  }),
  validator: configValidator('challenges', challengesConfigSchema),
};
