import { z } from 'zod';

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
  }),
  validator: (config: unknown) => {
    const parsed = challengesConfigSchema.safeParse(config);
    if (!parsed.success) throw new Error(`[challenges] invalid plugin config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  },
};
