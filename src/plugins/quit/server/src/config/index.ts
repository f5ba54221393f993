import { z } from 'zod';
import { configValidator } from '../../../../../utils/plugin-config';

/** The quit plugin's configuration, validated at boot (STYLE 11). */
export const quitConfigSchema = z.object({
  /** At most this many cravings in one GET /api/cravings answer (the newest first). */
  cravingPageSize: z.number().int().min(1).max(500),
  /** The longest date range GET /api/cravings accepts, in days. */
  cravingRangeDays: z.number().int().min(1).max(366),
});

export type QuitConfig = z.infer<typeof quitConfigSchema>;

type Env = { (key: string, fallback?: string): string; int(key: string, fallback?: number): number };

export default {
  default: ({ env }: { env: Env }): QuitConfig => ({
    cravingPageSize: env.int('QUIT_CRAVING_PAGE_SIZE', 200),
    cravingRangeDays: env.int('QUIT_CRAVING_RANGE_DAYS', 92),
  }),
  validator: configValidator('quit', quitConfigSchema),
};
