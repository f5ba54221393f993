import { z } from 'zod';
import cron from 'node-cron';
import { isValidTimezone } from '../../../../../utils/clock';
import { configValidator } from '../../../../../utils/plugin-config';

const TIERS = ['free', 'vip', 'ai'] as const;
const tierList = z.array(z.enum(TIERS));

/**
 * The plugin's configuration (config/plugins.ts → leaderboard.config), checked at boot.
 * - `timezone` / `weekStartsOn`: the calendar of the week and month boards (seed 003: Asia/Shanghai, Monday).
 * - `gates`: the membership tiers that may read each scope's boards; an empty list means everyone
 *   (default: the national boards for vip and ai members only).
 * - `rebuildCron`: when every instance tries the scheduled rebuild (one of them gets the lock); hourly by
 *   default, which also retires streaks that ended at a user's midnight. `false` turns it off.
 * - `rebuildLockSeconds`: how long the rebuild lock outlives a holder that stopped renewing it (crashed).
 * - `updateDelayMs`: how long the update feed gathers changed users before it writes them in one batch.
 * - `pageCacheMs`: how long an instance answers a board page (the top 100 everyone reads) from memory
 *   (up to twice that while it refreshes the page in the background); it forgets its pages whenever it
 *   writes the boards itself, so this bounds what another instance's write takes to show here. 0 turns
 *   it off.
 * - `storeWatchSeconds`: how often each instance looks whether the store still holds the boards (the last
 *   rebuild's report). A Redis that came back empty (a flush, a failover to a fresh replica) is rebuilt
 *   under the lock at once instead of at the next scheduled rebuild. 0 turns the watch off.
 */
export const configSchema = z
  .object({
    timezone: z.string().refine(isValidTimezone, 'an IANA timezone, e.g. Asia/Shanghai'),
    weekStartsOn: z.number().int().min(1).max(7),
    gates: z.object({
      national: tierList,
      province: tierList,
      city: tierList,
      district: tierList,
      challenge: tierList,
    }),
    rebuildCron: z.union([z.literal(false), z.string().refine((value) => cron.validate(value), 'a cron expression')]),
    rebuildLockSeconds: z.number().int().min(10),
    updateDelayMs: z.number().int().min(0).max(10_000),
    pageCacheMs: z.number().int().min(0).max(60_000),
    storeWatchSeconds: z.number().int().min(0).max(3600),
  })
  .strict();

export type LeaderboardConfig = z.infer<typeof configSchema>;

export const DEFAULT_CONFIG: LeaderboardConfig = {
  timezone: 'Asia/Shanghai',
  weekStartsOn: 1,
  gates: { national: ['vip', 'ai'], province: [], city: [], district: [], challenge: [] },
  rebuildCron: '5 * * * *',
  rebuildLockSeconds: 60,
  updateDelayMs: 20,
  pageCacheMs: 1000,
  storeWatchSeconds: 15,
};

export default {
  default: DEFAULT_CONFIG,
  validator: configValidator('leaderboard', configSchema),
};
