import type { Core } from '@strapi/strapi';
import { createPlacer, type Placed } from '../domain/boards';
import type { LeaderboardConfig } from '../config';
import { getService } from '../utils/get-service';

/**
 * The update feed: users whose scores, region or visibility changed (told after the change committed)
 * are gathered for `updateDelayMs` and then written in one batch: their scores read again from the
 * database, their entries put on exactly the boards they belong to now. Reading again, rather than adding
 * a delta, makes an update idempotent and order-free: a late or repeated one writes the same truth.
 *
 * One batch at a time per instance; users changed while a batch runs go into the next. A failed batch
 * is logged and its users retried once; the scheduled rebuild repairs whatever is still off.
 */
const feedService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::leaderboard') as LeaderboardConfig;
  let pending = new Set<number>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const retried = new Set<number>();

  const schedule = () => {
    if (timer || running || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      running = service.flush().finally(() => {
        running = null;
        if (pending.size > 0) schedule();
      });
    }, config().updateDelayMs);
  };

  const service = {
    /** These users changed (call after the commit). */
    changed(userIds: Iterable<number>) {
      for (const id of userIds) if (Number.isInteger(id) && id > 0) pending.add(id);
      if (pending.size > 0) schedule();
    },

    /** Write the users gathered so far. */
    async flush(): Promise<void> {
      const batch = [...pending];
      pending = new Set();
      if (batch.length === 0) return;
      try {
        await service.refresh(batch);
        for (const id of batch) retried.delete(id);
      } catch (error) {
        const again = batch.filter((id) => !retried.has(id));
        for (const id of again) retried.add(id);
        strapi.log.warn(
          `[leaderboard] updating ${batch.length} user(s) failed (${error instanceof Error ? error.message : String(error)}); ` +
            (again.length > 0 ? 'retrying once' : 'the next rebuild repairs them'),
        );
        if (again.length > 0) service.changed(again);
      }
    },

    /** Read these users' scores from the database and place them (used by the feed and the rebuild). */
    async refresh(userIds: number[], now = new Date()): Promise<void> {
      const scores = getService(strapi, 'scores');
      const found = await scores.forUsers(userIds, now);
      const placer = createPlacer(scores.periods(now), config().timezone);
      const placed = new Map<number, Placed>();
      for (const id of userIds) {
        const user = found.get(id);
        placed.set(id, user ? placer.place(user) : { tag: '', placements: [] });
      }
      const boards = getService(strapi, 'boards');
      await boards.store().place(placed, placer.keysOf);
      boards.forgetPages();
    },

    /** Resolves once nothing is waiting or being written (shutdown). */
    async idle(): Promise<void> {
      while (timer || running) {
        if (timer) {
          clearTimeout(timer);
          timer = null;
          running = service.flush().finally(() => {
            running = null;
          });
        }
        await running;
      }
    },

    async stop() {
      await service.idle();
      stopped = true;
    },
  };
  return service;
};

export type FeedService = ReturnType<typeof feedService>;
export default feedService;
