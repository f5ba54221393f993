import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { UIDS } from '../content-types';

/** The rules editors tune in the admin (single type), with the seed documents' values as defaults. */
export type RewardSettings = {
  pointsPerCheckIn: number;
  streakBonuses: Array<{ every: number; bonus: number }>;
  makeupAwardsPoints: boolean;
  makeupWindowDays: number;
  makeupsPerDay: number;
  makeupCardEvery: number;
  weekStartsOn: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** Points for the first diary a user publishes on a local day. */
  pointsPerDiary: number;
  /** Points for completing a task a user made up themselves (seed 002: none unless editors allow). */
  customTaskPoints: number;
  /** The lottery: points per draw, draws per user per local day, and the no-prize outcome's name and weight. */
  drawCost: number;
  drawsPerDay: number;
  noPrizeName: string;
  noPrizeWeight: number;
  /**
   * What a relapse (quit plugin) does to that local day of the user's quit habits: `dayNotCheckedIn` (the
   * default) refuses a check-in of that day and undoes one already made; `keepCheckIn` leaves check-ins alone.
   */
  quitRelapseRule: QuitRelapseRule;
};

export const QUIT_RELAPSE_RULES = ['dayNotCheckedIn', 'keepCheckIn'] as const;
export type QuitRelapseRule = (typeof QUIT_RELAPSE_RULES)[number];

export const DEFAULT_SETTINGS: RewardSettings = {
  pointsPerCheckIn: 10,
  streakBonuses: [
    { every: 7, bonus: 50 },
    { every: 30, bonus: 200 },
  ],
  makeupAwardsPoints: false,
  makeupWindowDays: 7,
  makeupsPerDay: 2,
  makeupCardEvery: 7,
  weekStartsOn: 1,
  pointsPerDiary: 10,
  customTaskPoints: 0,
  drawCost: 20,
  drawsPerDay: 5,
  noPrizeName: '谢谢参与',
  noPrizeWeight: 0,
  quitRelapseRule: 'dayNotCheckedIn',
};

const bonusesSchema = z.array(z.object({ every: z.number().int().min(1), bonus: z.number().int().min(0) })).max(20);

/** Settings change rarely and are read by every check-in: cache them briefly in this process. */
const CACHE_MS = 5_000;

const settingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let cached: { value: RewardSettings; at: number } | null = null;
  return {
    async get(): Promise<RewardSettings> {
      if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
      const stored = (await strapi.documents(UIDS.settings as never).findFirst({} as never)) as Partial<RewardSettings> | null;
      const bonuses = bonusesSchema.safeParse(stored?.streakBonuses);
      const value: RewardSettings = {
        ...DEFAULT_SETTINGS,
        ...Object.fromEntries(Object.entries(stored ?? {}).filter(([key, v]) => key in DEFAULT_SETTINGS && v !== null && v !== undefined)),
        streakBonuses: bonuses.success ? bonuses.data : DEFAULT_SETTINGS.streakBonuses,
      } as RewardSettings;
      cached = { value, at: Date.now() };
      return value;
    },
    /** Forget the cached copy (after an editor saves, and in tests). */
    invalidate() {
      cached = null;
    },
  };
};

export type SettingsService = ReturnType<typeof settingsService>;
export default settingsService;
