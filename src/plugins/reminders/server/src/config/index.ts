import { z } from 'zod';
import { configValidator } from '../../../../../utils/plugin-config';

/** The reminders plugin's configuration, validated at boot (STYLE 11). */
export const remindersConfigSchema = z.object({
  /** Whether this instance runs the minute job at all (every instance may; the lock lets one work). */
  scheduler: z.boolean(),
  /** node-cron expression of the job (5 fields, or 6 with seconds). */
  cron: z.string().min(9),
  /** How long one run may hold the lock (seconds): a crashed holder's lock lapses after this. */
  lockSeconds: z.number().int().min(1).max(600),
  /** A minute missed (the app was down) is still caught up this many minutes later; older ones are skipped. */
  graceMinutes: z.number().int().min(0).max(120),
  /** How long one run may spend sending what is queued (ms); the rest waits for the next run. */
  drainMs: z.number().int().min(100).max(600_000),
  /** Sends in flight at once. */
  sendConcurrency: z.number().int().min(1).max(64),
  /** Attempts of a send WeChat answered "busy" (-1) or "quota" (45009) before it is failed. */
  maxAttempts: z.number().int().min(1).max(20),
  /** First retry after this many seconds, doubling each time. */
  retryBaseSeconds: z.number().int().min(1).max(3600),
  /** A send still `sending` after this long belongs to an instance that stopped mid-send: marked interrupted, never resent. */
  staleSendingSeconds: z.number().int().min(1).max(3600),
  /** Rows written per INSERT when the minute's reminders are queued. */
  insertBatch: z.number().int().min(1).max(5000),
  /** Rows that were never sent (noCredit, quiet) are kept this many days (the admin's counts cover 7). */
  unsentRetentionDays: z.number().int().min(8).max(3650),
  /** Every other row of the send log is kept this many days. */
  logRetentionDays: z.number().int().min(8).max(3650),
  /** The local hour (in the challenge's timezone) of its last day at which active participants hear it is ending. */
  challengeEndingHour: z.number().int().min(0).max(23),
  /** WeChat's miniprogram_state of every send: developer, trial or formal (the published app). */
  miniprogramState: z.enum(['developer', 'trial', 'formal']),
  /** WeChat's lang of every send. */
  lang: z.enum(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']),
});

export type RemindersConfig = z.infer<typeof remindersConfigSchema>;

type Env = { (key: string, fallback?: string): string; int(key: string, fallback?: number): number; bool(key: string, fallback?: boolean): boolean };

export default {
  default: ({ env }: { env: Env }): RemindersConfig => ({
    scheduler: env.bool('REMINDERS_SCHEDULER', env('NODE_ENV') !== 'test'),
    cron: env('REMINDERS_CRON', '* * * * *'),
    lockSeconds: env.int('REMINDERS_LOCK_SECONDS', 55),
    graceMinutes: env.int('REMINDERS_GRACE_MINUTES', 10),
    drainMs: env.int('REMINDERS_DRAIN_MS', 45_000),
    sendConcurrency: env.int('REMINDERS_SEND_CONCURRENCY', 8),
    maxAttempts: env.int('REMINDERS_MAX_ATTEMPTS', 5),
    retryBaseSeconds: env.int('REMINDERS_RETRY_BASE_SECONDS', 30),
    staleSendingSeconds: env.int('REMINDERS_STALE_SENDING_SECONDS', 120),
    insertBatch: env.int('REMINDERS_INSERT_BATCH', 1000),
    unsentRetentionDays: env.int('REMINDERS_UNSENT_RETENTION_DAYS', 8),
    logRetentionDays: env.int('REMINDERS_LOG_RETENTION_DAYS', 90),
    challengeEndingHour: env.int('REMINDERS_CHALLENGE_ENDING_HOUR', 20),
    miniprogramState: env('REMINDERS_MINIPROGRAM_STATE', 'formal') as RemindersConfig['miniprogramState'],
    lang: env('REMINDERS_LANG', 'zh_CN') as RemindersConfig['lang'],
  }),
  validator: configValidator('reminders', remindersConfigSchema),
};
