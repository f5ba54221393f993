import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import cron, { type ScheduledTask } from 'node-cron';
import { keyValueStore } from './key-value';

/**
 * Scheduled jobs run on every instance (node-cron), but each run takes a lock in the shared store
 * first, so only one instance does the work (DESIGN: "each job behind a Redis / DB lock").
 */
export type LockedRun<T> = { ran: true; result: T } | { ran: false };

/** Run `work` unless another holder has the lock `name`; the lock expires after `lockSeconds` regardless. */
export const runLocked = async <T>(strapi: Core.Strapi, name: string, lockSeconds: number, work: () => Promise<T>): Promise<LockedRun<T>> => {
  const store = keyValueStore(strapi);
  const key = `jobs:lock:${name}`;
  const holder = crypto.randomBytes(8).toString('hex');
  if (!(await store.setIfAbsent(key, holder, lockSeconds))) return { ran: false };
  try {
    return { ran: true, result: await work() };
  } finally {
    if ((await store.get(key)) === holder) await store.del(key);
  }
};

export const scheduleLockedJob = (
  strapi: Core.Strapi,
  job: { name: string; cron: string; lockSeconds: number; run: () => Promise<unknown> },
): ScheduledTask =>
  cron.schedule(
    job.cron,
    async () => {
      try {
        const outcome = await runLocked(strapi, job.name, job.lockSeconds, job.run);
        if (!outcome.ran) strapi.log.debug(`[jobs] ${job.name}: another instance holds the lock`);
      } catch (error) {
        strapi.log.error(`[jobs] ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    { name: job.name },
  );
