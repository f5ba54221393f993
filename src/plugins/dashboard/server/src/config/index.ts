import { z } from 'zod';
import { DEFAULT_TIMEZONE, isValidTimezone } from '../../../../../utils/clock';
import { configValidator } from '../../../../../utils/plugin-config';

/**
 * The dashboard's configuration (config/plugins.ts → dashboard.config), checked at boot (STYLE 11).
 * - `timezone`: the calendar of "today" and "this week" on the home page; the platform's default user
 *   timezone (src/utils/clock.ts DEFAULT_TIMEZONE, Asia/Shanghai) unless set.
 * - `weekStartsOn`: ISO weekday the week starts on (1 = Monday, as the leaderboards' weeks).
 * - `lowStockThreshold`: a lottery prize with this many left or fewer is listed as running low.
 */
export const configSchema = z
  .object({
    timezone: z.string().refine(isValidTimezone, 'an IANA timezone, e.g. Asia/Shanghai'),
    weekStartsOn: z.number().int().min(1).max(7),
    lowStockThreshold: z.number().int().min(0).max(1_000_000),
  })
  .strict();

export type DashboardConfig = z.infer<typeof configSchema>;

export const DEFAULT_CONFIG: DashboardConfig = { timezone: DEFAULT_TIMEZONE, weekStartsOn: 1, lowStockThreshold: 10 };

export default {
  default: DEFAULT_CONFIG,
  validator: configValidator('dashboard', configSchema),
};
