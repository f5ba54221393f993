import { z } from 'zod';

/** The challenges' configuration, validated at boot (STYLE 11). */
export const challengesConfigSchema = z.object({
  /** How often the locked finishing job looks for challenges whose last local day is over. */
  finishCron: z.string().min(9),
});

export type ChallengesConfig = z.infer<typeof challengesConfigSchema>;

type Env = { (key: string, fallback?: string): string; int(key: string, fallback?: number): number };

export default {
  default: ({ env }: { env: Env }): ChallengesConfig => ({
    finishCron: env('CHALLENGES_FINISH_CRON', '*/5 * * * *'),
  }),
  validator: (config: unknown) => {
    const parsed = challengesConfigSchema.safeParse(config);
    if (!parsed.success) throw new Error(`[challenges] invalid plugin config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  },
};
