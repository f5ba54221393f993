import { z } from 'zod';

/** The challenges' configuration, validated at boot (STYLE 11). */
export const challengesConfigSchema = z.object({
  /** How often the locked finishing job looks for challenges whose last local day is over. */
  finishCron: z.string().min(9),
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
    progressConcurrency: env.int('CHALLENGES_PROGRESS_CONCURRENCY', 2),
    progressBatch: env.int('CHALLENGES_PROGRESS_BATCH', 50),
  }),
  validator: (config: unknown) => {
    const parsed = challengesConfigSchema.safeParse(config);
    if (!parsed.success) throw new Error(`[challenges] invalid plugin config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  },
};
