import { config } from '../config';
import { wxPlatform } from '../platform/wx';
import type { Platform } from '../platform/types';
import { ApiClient } from './client';
import { accountApi } from './endpoints/account';
import { challengesApi } from './endpoints/challenges';
import { checkInsApi } from './endpoints/check-ins';
import { communityApi } from './endpoints/community';
import { diariesApi } from './endpoints/diaries';
import { habitTemplatesApi } from './endpoints/habit-templates';
import { habitsApi } from './endpoints/habits';
import { leaderboardsApi } from './endpoints/leaderboards';
import { lotteryApi } from './endpoints/lottery';
import { mallApi } from './endpoints/mall';
import { membershipsApi } from './endpoints/memberships';
import { ordersApi } from './endpoints/orders';
import { pointsApi } from './endpoints/points';
import { quitApi } from './endpoints/quit';
import { coachApi } from './endpoints/coach';
import { remindersApi } from './endpoints/reminders';
import { redeemApi } from './endpoints/redeem';
import { statsApi } from './endpoints/stats';
import { tasksApi } from './endpoints/tasks';
import { OfflineQueue } from './offline-queue';

export { ApiClient } from './client';
export { ApiError, NetworkError, messageFor } from './errors';
export { SignedOutError } from './auth';
export type { CheckInOutcome, QueuedCheckIn } from './offline-queue';

/** Every endpoint module over one client, and the offline check-in queue. */
export const createApi = (client: ApiClient) => ({
  client,
  session: client.session,
  account: accountApi(client),
  habits: habitsApi(client),
  habitTemplates: habitTemplatesApi(client),
  checkIns: checkInsApi(client),
  stats: statsApi(client),
  diaries: diariesApi(client),
  tasks: tasksApi(client),
  points: pointsApi(client),
  lottery: lotteryApi(client),
  redeem: redeemApi(client),
  memberships: membershipsApi(client),
  leaderboards: leaderboardsApi(client),
  community: communityApi(client),
  challenges: challengesApi(client),
  mall: mallApi(client),
  orders: ordersApi(client),
  quit: quitApi(client),
  reminders: remindersApi(client),
  coach: coachApi(client),
  offlineQueue: new OfflineQueue({ client, storage: client.platform.storage }),
});

export type Api = ReturnType<typeof createApi>;

let shared: Api | null = null;

/** The app's API, built once from config.ts on wx (tests build their own with createApi). */
export const getApi = (): Api => {
  if (!shared) shared = createApi(new ApiClient({ baseUrl: config.serverUrl, platform: wxPlatform(), timeoutMs: config.requestTimeoutMs, devSignInAs: config.devSignInAs }));
  return shared;
};

/** For tests and previews: use this API instead of the wx one. */
export const setApi = (api: Api | null) => {
  shared = api;
};

/** An API over any platform (tests: a wx double, or Node's fetch). */
export const createApiOn = (platform: Platform, baseUrl: string = config.serverUrl, devSignInAs: string | null = null) =>
  createApi(new ApiClient({ baseUrl, platform, timeoutMs: config.requestTimeoutMs, devSignInAs }));
