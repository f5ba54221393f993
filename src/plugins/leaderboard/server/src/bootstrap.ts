import type { Core } from '@strapi/strapi';
import cron, { type ScheduledTask } from 'node-cron';
import { METRICS_CHANGED_EVENT } from '../../../gamification/server/src/services/ledger';
import type { LeaderboardConfig } from './config';
import { getService } from './utils/get-service';

export const jobs: { rebuild?: ScheduledTask; storeWatch?: NodeJS.Timeout } = {};

const USER_UID = 'plugin::users-permissions.user';
/** User fields that move a user between boards or on and off them. */
const PLACING_FIELDS = ['province', 'city', 'district', 'showInRanking', 'blocked', 'deletedAt'];
/** User fields the boards show, or that hide a user (cached by the read path for a few seconds). */
const PROFILE_FIELDS = ['nickname', 'avatar', 'showInRanking', 'blocked', 'deletedAt'];

type LifecycleEvent = {
  params: { where?: unknown; data?: Record<string, unknown> };
  result?: { id?: number } | { count?: number } | null;
  state: { userIds?: number[] };
};

/**
 * Every `seconds`, is the store still holding the boards? The last rebuild's report lives in the store
 * itself, so a Redis that lost its data (a FLUSHALL, a failover to an empty replica, a restart without
 * persistence) has none: rebuild now, under the rebuild's own lock (one instance does it, the others are
 * told it runs), instead of serving nearly empty boards until the hourly rebuild. An unreachable store is
 * skipped: the next look after it is back finds out.
 */
const watchStore = (strapi: Core.Strapi, seconds: number): NodeJS.Timeout => {
  let looking = false;
  const timer = setInterval(() => {
    if (looking) return;
    looking = true;
    const rebuild = getService(strapi, 'rebuild');
    void (async () => {
      if ((await rebuild.last()) !== null || (await rebuild.running()) !== null) return;
      strapi.log.warn('[leaderboard] the store holds no boards (emptied while the app ran?): rebuilding');
      await rebuild.start('store-reset');
    })()
      .catch(() => undefined)
      .finally(() => {
        looking = false;
      });
  }, seconds * 1000);
  timer.unref();
  return timer;
};

/**
 * Wiring: the store, the admin permissions, the feed's sources (the ledger's event after every commit
 * that changed a user's points or days; the users table's lifecycles for region, visibility, blocking
 * and deletion, whoever makes them: the app, the admin panel or code) and the scheduled rebuild.
 */
const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const config = strapi.config.get('plugin::leaderboard') as LeaderboardConfig;
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read leaderboards', uid: 'read', pluginName: 'leaderboard' },
    { section: 'plugins', displayName: 'Rebuild leaderboards', uid: 'rebuild', pluginName: 'leaderboard' },
  ]);

  await getService(strapi, 'boards').init();
  const feed = getService(strapi, 'feed');

  strapi.eventHub.on(METRICS_CHANGED_EVENT, async (payload: unknown) => {
    feed.changed([Number((payload as { userId?: unknown })?.userId)]);
  });

  /** After the surrounding transaction commits (at once when there is none). */
  const afterCommit = (userIds: number[]) => {
    if (userIds.length === 0) return;
    if (!strapi.db.inTransaction()) return feed.changed(userIds);
    void strapi.db.transaction(async ({ onCommit }) => {
      onCommit(() => feed.changed(userIds));
    });
  };
  const touchesProfile = (data: Record<string, unknown> | undefined) => !data || PROFILE_FIELDS.some((field) => field in data);
  const touchesPlacing = (data: Record<string, unknown> | undefined) => !data || PLACING_FIELDS.some((field) => field in data);
  const idsWhere = async (where: unknown): Promise<number[]> =>
    ((await strapi.db.query(USER_UID).findMany({ where: where as never, select: ['id'] })) as Array<{ id: number }>).map((row) => row.id);

  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    async afterUpdate(event: LifecycleEvent) {
      const id = (event.result as { id?: number } | null)?.id;
      if (!id) return;
      if (touchesProfile(event.params.data)) getService(strapi, 'boards').forgetProfiles([id]);
      if (touchesPlacing(event.params.data)) afterCommit([id]);
    },
    async beforeUpdateMany(event: LifecycleEvent) {
      if (touchesPlacing(event.params.data)) event.state.userIds = await idsWhere(event.params.where);
    },
    async afterUpdateMany(event: LifecycleEvent) {
      afterCommit(event.state.userIds ?? []);
    },
    async afterDelete(event: LifecycleEvent) {
      const id = (event.result as { id?: number } | null)?.id;
      if (id) afterCommit([id]);
    },
    async beforeDeleteMany(event: LifecycleEvent) {
      event.state.userIds = await idsWhere(event.params.where);
    },
    async afterDeleteMany(event: LifecycleEvent) {
      afterCommit(event.state.userIds ?? []);
    },
  } as never);

  const rebuild = getService(strapi, 'rebuild');
  if (config.storeWatchSeconds > 0) jobs.storeWatch = watchStore(strapi, config.storeWatchSeconds);
  if (process.env.NODE_ENV === 'test') return;
  if (config.rebuildCron) jobs.rebuild = cron.schedule(config.rebuildCron, () => void rebuild.start('schedule').catch(() => undefined), { name: 'leaderboard:rebuild' });
  // A store that was never built (a new deployment, a flushed Redis) is built once at boot, in the background.
  // (Unreachable store: skip; the scheduled rebuild builds it once the store is back.)
  if ((await rebuild.last().catch(() => undefined)) === null) void rebuild.start('boot').catch(() => undefined);
};

export default bootstrap;
