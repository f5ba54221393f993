import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { createPlacer } from '../domain/boards';
import type { LeaderboardConfig } from '../config';
import { getService } from '../utils/get-service';

export type RebuildTrigger = 'schedule' | 'admin' | 'cli' | 'boot' | 'store-reset' | 'bench' | 'test';
export type RebuildReport = { trigger: RebuildTrigger; startedAt: string; finishedAt: string; durationMs: number; users: number; entries: number; replayed: number };
export type RebuildOutcome = ({ ran: true } & RebuildReport) | { ran: false; runningSince: string | null; trigger: string | null };

const LOCK = 'rebuild';
const LAST = 'rebuild:last';

/**
 * The full rebuild: every board recomputed from the database and swapped in at once (DESIGN invariant 7:
 * the boards are a rebuildable copy). One instance at a time: the run holds a lock in the store itself
 * (Redis `SET NX EX`, or a row in the SQL store's meta table), so two Strapi processes, the scheduled
 * job and `npm run leaderboard:rebuild` never rebuild at once; a second caller is told who is running.
 */
const rebuildService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::leaderboard') as LeaderboardConfig;

  const service = {
    async run({ trigger }: { trigger: RebuildTrigger }): Promise<RebuildOutcome> {
      const store = getService(strapi, 'boards').store();
      const startedAt = new Date();
      const holder = JSON.stringify({ id: crypto.randomBytes(8).toString('hex'), trigger, startedAt: startedAt.toISOString(), pid: process.pid });
      const lockSeconds = config().rebuildLockSeconds;
      if (!(await store.tryLock(LOCK, holder, lockSeconds))) {
        const running = await service.running();
        return { ran: false, runningSince: running?.startedAt ?? null, trigger: running?.trigger ?? null };
      }
      // The lock lapses `rebuildLockSeconds` after its holder's last sign of life; a running rebuild renews
      // it every third of that, so a crashed instance (or a killed CLI) blocks the next one briefly.
      const heartbeat = setInterval(() => {
        store.extendLock(LOCK, holder, lockSeconds).catch((error: unknown) => strapi.log.warn(`[leaderboard] renewing the rebuild lock failed: ${String(error)}`));
      }, (lockSeconds * 1000) / 3);
      heartbeat.unref();
      try {
        // Users updated from here on are placed again after the swap: the snapshot may predate them.
        await store.takeTouched();
        const { timezone } = config();
        const scores = getService(strapi, 'scores');
        const placer = createPlacer(scores.periods(startedAt), timezone);
        let users = 0;
        const { entries } = await store.replaceAll(async (write) => {
          users = await scores.forEveryone(startedAt, async (batch) => {
            for (const user of batch) await write(user.userId, placer.row(user));
          });
        });
        getService(strapi, 'boards').forgetPages();
        const touched = await store.takeTouched();
        if (touched.length > 0) await getService(strapi, 'feed').refresh(touched);
        const finishedAt = new Date();
        const report: RebuildReport = {
          trigger,
          startedAt: startedAt.toISOString(),
          finishedAt: finishedAt.toISOString(),
          durationMs: finishedAt.getTime() - startedAt.getTime(),
          users,
          entries,
          replayed: touched.length,
        };
        await store.setMeta(LAST, JSON.stringify(report));
        strapi.log.info(`[leaderboard] rebuilt ${entries} entries of ${users} users in ${report.durationMs} ms (${trigger})`);
        return { ran: true, ...report };
      } finally {
        clearInterval(heartbeat);
        await store.unlock(LOCK, holder);
      }
    },

    /** Start a rebuild without waiting for it (the admin button); errors are logged. */
    start(trigger: RebuildTrigger): Promise<RebuildOutcome> {
      const outcome = service.run({ trigger });
      outcome.catch((error: unknown) => strapi.log.error(`[leaderboard] rebuild failed: ${error instanceof Error ? error.stack : String(error)}`));
      return outcome;
    },

    async running(): Promise<{ trigger: string; startedAt: string } | null> {
      const holder = await getService(strapi, 'boards').store().lockedBy(LOCK);
      if (!holder) return null;
      try {
        const parsed = JSON.parse(holder) as { trigger: string; startedAt: string };
        return { trigger: parsed.trigger, startedAt: parsed.startedAt };
      } catch {
        return { trigger: 'unknown', startedAt: '' };
      }
    },

    async last(): Promise<RebuildReport | null> {
      const value = await getService(strapi, 'boards').store().getMeta(LAST);
      return value ? (JSON.parse(value) as RebuildReport) : null;
    },
  };
  return service;
};

export type RebuildService = ReturnType<typeof rebuildService>;
export default rebuildService;
