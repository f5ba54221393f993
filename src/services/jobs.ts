import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import cron, { type ScheduledTask } from 'node-cron';
import { keyValueStore } from './key-value';
import { recordJobRun, secondsSince } from './metrics';

/**
 * Scheduled jobs run on every instance (node-cron), but each run takes a lock in the shared store
 * first, so only one instance does the work (DESIGN: "each job behind a Redis / DB lock").
 */
export type LockedRun<T> = { ran: true; result: T } | { ran: false };

/** Per app: its scheduled tasks, the locked runs in progress, and whether it is shutting down. */
type JobState = { tasks: Set<ScheduledTask>; running: Set<Promise<unknown>>; stopping: boolean };
const STATES = new WeakMap<Core.Strapi, JobState>();
const stateOf = (strapi: Core.Strapi): JobState => {
  let state = STATES.get(strapi);
  if (!state) STATES.set(strapi, (state = { tasks: new Set(), running: new Set(), stopping: false }));
  return state;
};

/**
 * Graceful shutdown (src/bootstrap/graceful-shutdown.ts): stop every scheduled task of this app, start no
 * new locked run, and wait up to `timeoutMs` for the runs in progress, which release their locks as they
 * end. True when all ended in time.
 */
export const stopJobs = async (strapi: Core.Strapi, timeoutMs: number): Promise<boolean> => {
  const state = stateOf(strapi);
  state.stopping = true;
  for (const task of state.tasks) task.stop();
  state.tasks.clear();
  if (state.running.size === 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    Promise.allSettled([...state.running]).then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return ended;
};

/** Run `work` unless another holder has the lock `name`; the lock expires after `lockSeconds` regardless. */
export const runLocked = async <T>(strapi: Core.Strapi, name: string, lockSeconds: number, work: () => Promise<T>): Promise<LockedRun<T>> => {
  const state = stateOf(strapi);
  if (state.stopping) return { ran: false };
  const startedAt = process.hrtime.bigint();
  const run = lockedRun(strapi, name, lockSeconds, work);
  state.running.add(run);
  try {
    const outcome = await run;
    recordJobRun(strapi, name, outcome.ran ? 'ran' : 'skipped_locked', secondsSince(startedAt));
    return outcome;
  } catch (error) {
    recordJobRun(strapi, name, 'failed', secondsSince(startedAt));
    throw error;
  } finally {
    state.running.delete(run);
  }
};

const lockedRun = async <T>(strapi: Core.Strapi, name: string, lockSeconds: number, work: () => Promise<T>): Promise<LockedRun<T>> => {
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

/** Claim the tick of `name` scheduled at `date` (to the second); false when another instance has it. */
export const claimTick = (strapi: Core.Strapi, name: string, date: Date, lockSeconds: number): Promise<boolean> =>
  keyValueStore(strapi).setIfAbsent(`jobs:tick:${name}:${Math.floor(date.getTime() / 1000)}`, String(process.pid), Math.max(lockSeconds, 120));

export const scheduleLockedJob = (
  strapi: Core.Strapi,
  job: { name: string; cron: string; lockSeconds: number; run: () => Promise<unknown> },
): ScheduledTask => {
  const task = cron.schedule(
    job.cron,
    async (context: { date?: Date }) => {
      try {
        // One run per tick across the fleet: the first instance to claim the tick runs it. The running lock
        // alone would let an instance whose clock is a little behind run the same tick again once the first
        // run ended and released it.
        const tick = context?.date ?? new Date();
        if (!(await claimTick(strapi, job.name, tick, job.lockSeconds))) {
          strapi.log.debug(`[jobs] ${job.name}: another instance took this tick`);
          return;
        }
        const outcome = await runLocked(strapi, job.name, job.lockSeconds, job.run);
        if (!outcome.ran) strapi.log.debug(`[jobs] ${job.name}: another instance holds the lock`);
        else strapi.log.debug(`[jobs] ${job.name} ran the tick of ${new Date(Math.floor(tick.getTime() / 1000) * 1000).toISOString()}`);
      } catch (error) {
        strapi.log.error(`[jobs] ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    { name: job.name },
  );
  stateOf(strapi).tasks.add(task);
  return task;
};
