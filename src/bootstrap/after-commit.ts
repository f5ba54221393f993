import type { Core } from '@strapi/strapi';
// The context Strapi's `db.transaction` hands `onCommit` from; its document service queues its entry events there.
import { transactionCtx } from '@strapi/database/dist/transaction-context';

/**
 * What runs after a commit, made safe. Strapi's document service emits each entry event (`entry.create`,
 * `entry.publish`...) from an `onCommit` callback that reads the entry again, and Strapi calls those callbacks
 * without keeping their promises. A read that fails then (PostgreSQL restarting just after the write, the pool
 * closing at shutdown) was an unhandled rejection, and Node 20 ends the process on one: one write at the wrong
 * moment took the whole instance down. Now each callback's failure is logged, and `destroy` waits (bounded) for
 * the callbacks still running, so the last writes' events go out before the pool closes.
 */
const pending = new Set<Promise<unknown>>();
let log: Core.Strapi['log'] | null = null;
let guarded = false;

export const guardAfterCommitWork = (strapi: Core.Strapi): void => {
  log = strapi.log;
  if (guarded) return;
  guarded = true;
  const onCommit = transactionCtx.onCommit.bind(transactionCtx);
  transactionCtx.onCommit = (callback) =>
    onCommit(() => {
      const result: unknown = callback();
      if (typeof (result as PromiseLike<unknown> | null)?.then !== 'function') return result;
      const settled = Promise.resolve(result).catch((error: unknown) => {
        log?.error(`[database] what was to run after a commit failed (an entry event not emitted): ${(error as Error | null)?.message ?? String(error)}`);
      });
      pending.add(settled);
      void settled.finally(() => pending.delete(settled));
      return settled;
    });
};

/** Resolves once the after-commit work under way has ended, or after `timeoutMs`. */
export const afterCommitWorkSettled = async (timeoutMs: number): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all([...pending]), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
};
