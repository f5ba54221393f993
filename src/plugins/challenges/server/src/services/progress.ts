import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { CHECK_IN_CHANGED_EVENT, type CheckInChanged } from '../../../../gamification/public';
import { isPostgres } from '../../../../../utils/dialect';
import { TABLES } from '../content-types';
import { evaluateProgress, type CheckInFact, type Progress } from '../domain/progress';
import { CHECK_IN_FACT_COLUMNS, CHECK_INS_TABLE, checkInFact, holdsProgress, instant, progressColumns, termsOfRow, TERMS_COLUMNS, type TermsRow } from '../utils/rows';
import { getService } from '../utils/get-service';
import type { ChallengesConfig } from '../config';
import { PARTICIPATION_CHANGED_EVENT, type ParticipationChangedEvent as ParticipationChanged } from './joins';

/** PostgreSQL's codes for a transaction it aborted to break a deadlock or a serialization conflict: run it again. */
const RETRYABLE = new Set(['40P01', '40001']);
const RETRIES = 3;
/** The PostgreSQL type of each column progressColumns writes (the compiler holds the two lists together). */
const PROGRESS_COLUMN_TYPES: Record<keyof ReturnType<typeof progressColumns>, string> = {
  days_done: 'integer',
  days_needed: 'integer',
  streak: 'integer',
  best_streak: 'integer',
  progress_at: 'timestamp',
  reached_at: 'timestamp',
  updated_at: 'timestamp',
};

/**
 * Progress from check-ins: after a check-in, makeup or undo commits, gamification emits
 * `gamification.check-in.changed`; this finds the user's active participations on that habit, recomputes
 * each from the habit's check-in rows (domain/progress.ts), saves what changed and updates the board.
 *
 * Knex, not the Document Service: it runs after every check-in (the platform's hot path), and needs a
 * row lock so two instances handling events of the same habit cannot save an older snapshot last (the
 * lock is taken before the check-ins are read: whoever reads second sees every committed row).
 * In one process, the events of one (user, habit) run one at a time and coalesce while one runs, and the
 * pairs waiting when a worker frees up are recomputed together (config `progressBatch`): one read decides
 * which are in any challenge, one transaction locks, reads and saves them all, one store call writes
 * their boards. Under load that is a few round trips for dozens of check-ins instead of a few each.
 */
type Pair = { userId: number; habitId: number };
type ParticipantRow = TermsRow & {
  id: number;
  challenge_id: number;
  user_id: number;
  habit_id: number;
  status: string;
  days_done: number;
  days_needed: number;
  streak: number;
  best_streak: number;
  progress_at: unknown;
  reached_at: unknown;
  joined_at: unknown;
};

const progressService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  /** Per `user:habit`: waiting or running, and whether another event came while it ran. */
  type Queued = Pair & { key: string; running: boolean; again: boolean; done: Promise<void>; resolve: () => void };
  const queued = new Map<string, Queued>();
  const waiting: string[] = [];
  let active = 0;
  const idle: Array<() => void> = [];
  const settings = () => strapi.config.get('plugin::challenges') as Pick<ChallengesConfig, 'progressConcurrency' | 'progressBatch'> | undefined;

  /** Runs a batch of pairs, then again those that had another event meanwhile, until none had. */
  const work = async (batch: Queued[]) => {
    let round = batch;
    while (round.length > 0) {
      for (const entry of round) entry.again = false;
      await service.recomputeMany(round).catch((error: unknown) => {
        const pairs = round.map((entry) => `${entry.userId}/${entry.habitId}`).join(', ');
        strapi.log.error(`[challenges] progress of (user/habit) ${pairs} failed: ${error instanceof Error ? error.stack : String(error)}`);
      });
      const again: Queued[] = [];
      for (const entry of round) {
        if (entry.again) again.push(entry);
        else {
          queued.delete(entry.key);
          entry.resolve();
        }
      }
      round = again;
    }
  };

  const pump = () => {
    const concurrency = settings()?.progressConcurrency ?? 2;
    const batchSize = settings()?.progressBatch ?? 1;
    while (active < concurrency && waiting.length > 0) {
      const batch = waiting.splice(0, batchSize).map((key) => queued.get(key)!);
      for (const entry of batch) entry.running = true;
      active += 1;
      void work(batch).then(() => {
        active -= 1;
        pump();
        if (active === 0 && waiting.length === 0) for (const wake of idle.splice(0)) wake();
      });
    }
  };

  /** The active participations in open challenges of these (user, habit) pairs, in id order (the lock order). */
  const participations = async (db: Knex | Knex.Transaction, pairs: readonly Pair[], lock: boolean) => {
    // By habit (its index), then only the pairs asked for: a habit has one owner, so this is the same rows.
    const query = db(`${TABLES.participants} as p`)
      .join(`${TABLES.challenges} as c`, 'c.id', 'p.challenge_id')
      .whereIn('p.habit_id', [...new Set(pairs.map((pair) => pair.habitId))])
      .whereIn('p.user_id', [...new Set(pairs.map((pair) => pair.userId))])
      .where({ 'p.status': 'active', 'c.state': 'open' })
      .select('p.id', 'p.challenge_id', 'p.user_id', 'p.habit_id', 'p.status', 'p.days_done', 'p.days_needed', 'p.streak', 'p.best_streak', 'p.progress_at', 'p.reached_at', 'p.joined_at', ...TERMS_COLUMNS.map((column) => `c.${column}`))
      .orderBy('p.id');
    const rows = (await (lock ? query.forUpdate('p') : query)) as ParticipantRow[];
    const asked = new Set(pairs.map((pair) => `${pair.userId}:${pair.habitId}`));
    return rows.filter((row) => asked.has(`${Number(row.user_id)}:${Number(row.habit_id)}`));
  };

  /** The check-ins of these habits between two local dates, by habit. */
  const checkInsOf = async (db: Knex | Knex.Transaction, habitIds: readonly number[], from: string, to: string): Promise<Map<number, CheckInFact[]>> => {
    const rows: Array<Record<string, unknown>> = await db(CHECK_INS_TABLE)
      .whereIn('habit_id', habitIds)
      .andWhere('local_date', '>=', from)
      .andWhere('local_date', '<=', to)
      .select('habit_id', ...CHECK_IN_FACT_COLUMNS);
    const byHabit = new Map<number, CheckInFact[]>(habitIds.map((id) => [id, []]));
    for (const row of rows) byHabit.get(Number(row.habit_id))?.push(checkInFact(row));
    return byHabit;
  };

  /** Recompute and save; returns the rows whose board score must be written. */
  const recomputeIn = async (db: Knex | Knex.Transaction, pairs: readonly Pair[], lock: boolean) => {
    const rows = await participations(db, pairs, lock);
    if (rows.length === 0) return [];
    const terms = rows.map((row) => termsOfRow(row));
    const from = terms.reduce((min, t) => (t.startDate < min ? t.startDate : min), terms[0].startDate);
    const to = terms.reduce((max, t) => (t.endDate > max ? t.endDate : max), terms[0].endDate);
    // One read for every habit, over the union of the windows: evaluateProgress counts only its own window.
    const facts = await checkInsOf(db, [...new Set(rows.map((row) => Number(row.habit_id)))], from, to);
    const changed: Array<{ challengeId: number; userId: number; status: string; daysDone: number; progressAt: Date | null; joinedAt: Date }> = [];
    const updates: Array<{ id: number; progress: Progress }> = [];
    const now = new Date();
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i];
      const progress = evaluateProgress(terms[i], facts.get(Number(row.habit_id)) ?? []);
      if (holdsProgress(row, progress)) continue;
      updates.push({ id: Number(row.id), progress });
      changed.push({ challengeId: Number(row.challenge_id), userId: Number(row.user_id), status: row.status, daysDone: progress.daysDone, progressAt: progress.progressAt, joinedAt: instant(row.joined_at) ?? now });
    }
    await saveProgress(db, updates, now);
    return changed;
  };

  /** A transaction PostgreSQL aborted to break a deadlock (or a serialization conflict) is run again. */
  const retried = async <T>(run: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await run();
      } catch (error) {
        if (attempt >= RETRIES || !RETRYABLE.has(String((error as { code?: unknown }).code))) throw error;
      }
    }
  };

  /**
   * The changed participant rows. PostgreSQL: one UPDATE ... FROM (VALUES ...) for all of them (one round
   * trip, not one per challenge). SQLite: one UPDATE per row (one in-process connection: no round trips).
   */
  const saveProgress = async (db: Knex | Knex.Transaction, updates: ReadonlyArray<{ id: number; progress: Progress }>, now: Date) => {
    if (updates.length === 0) return;
    if (!isPostgres(knex())) {
      for (const { id, progress } of updates) await db(TABLES.participants).where({ id, status: 'active' }).update(progressColumns(progress, now));
      return;
    }
    // One row of VALUES per participant: its id, then the columns progressColumns writes, each cast to its
    // column's type (a VALUES list has no types of its own, and a NULL timestamp needs one).
    const columns = Object.keys(PROGRESS_COLUMN_TYPES) as Array<keyof typeof PROGRESS_COLUMN_TYPES>;
    const row = `(?::integer, ${columns.map((column) => `?::${PROGRESS_COLUMN_TYPES[column]}`).join(', ')})`;
    const bindings = updates.flatMap(({ id, progress }) => {
      const values = progressColumns(progress, now);
      return [id, ...columns.map((column) => values[column])];
    });
    await db.raw(
      `UPDATE ?? AS p SET ${columns.map((column) => `${column} = v.${column}`).join(', ')}
       FROM (VALUES ${updates.map(() => row).join(', ')}) AS v (id, ${columns.join(', ')})
       WHERE p.id = v.id AND p.status = 'active'`,
      [TABLES.participants, ...bindings],
    );
  };

  /** The changed scores on their boards: one store call for all of a recompute's challenges. */
  const writeBoards = async (changed: Awaited<ReturnType<typeof recomputeIn>>) => {
    await getService(strapi, 'board').putOnBoards(changed);
  };

  const service = {
    /** Recompute one user's participations on one habit, now (the listener's work; also after a join). */
    async recompute(userId: number, habitId: number): Promise<void> {
      await service.recomputeMany([{ userId, habitId }]);
    },

    /** Recompute the participations of several (user, habit) pairs together: what the queue runs. */
    async recomputeMany(pairs: readonly Pair[]): Promise<void> {
      // Row locks on PostgreSQL, taken in id order whatever the batch (SQLite: one connection, one
      // process, the queue orders the runs). The board is written after the commit: the SQL board store
      // takes a connection of its own, and a run holding one connection while it waits for a second
      // starves the pool under load.
      // Most habits are in no challenge: one plain read, no transaction, decides that.
      const found = await participations(knex(), pairs, false);
      if (found.length === 0) return;
      const inChallenges = [...new Map(found.map((row) => [`${row.user_id}:${row.habit_id}`, { userId: Number(row.user_id), habitId: Number(row.habit_id) }])).values()];
      const changed = await retried(() => knex().transaction((trx) => recomputeIn(trx, inChallenges, isPostgres(knex()))));
      await writeBoards(changed);
    },

    /**
     * Queue a recompute of (user, habit). At most `progressConcurrency` batches run at once in a process
     * (each holds a pooled connection: unbounded, a burst of check-ins would starve the check-ins
     * themselves), each of up to `progressBatch` pairs; runs of one pair never overlap, and events
     * arriving while one waits or runs fold into one more run.
     * Errors are logged (the check-in has committed; the next event or a board rebuild repairs).
     */
    schedule(userId: number, habitId: number): Promise<void> {
      const key = `${userId}:${habitId}`;
      const known = queued.get(key);
      if (known) {
        if (known.running) known.again = true;
        return known.done;
      }
      let resolve!: () => void;
      const entry: Queued = { key, userId, habitId, running: false, again: false, done: new Promise<void>((r) => (resolve = r)), resolve: () => resolve() };
      queued.set(key, entry);
      waiting.push(key);
      pump();
      return entry.done;
    },

    /** The handler of gamification.check-in.changed. */
    onCheckInChanged(change: CheckInChanged): Promise<void> {
      return service.schedule(Number(change.userId), Number(change.habitId));
    },

    /**
     * A join links a habit that may already have check-ins in the window: its progress is computed at once.
     * A leave takes the participant off the board (rebuilt from the participant rows).
     */
    async onParticipationChanged(change: ParticipationChanged): Promise<void> {
      if (change.kind === 'leave') {
        await getService(strapi, 'board').rebuild(Number(change.challengeId));
        return;
      }
      const row = (await knex()(TABLES.participants).where({ challenge_id: change.challengeId, user_id: change.userId }).first('habit_id')) as { habit_id: number | null } | undefined;
      if (row?.habit_id) await service.schedule(Number(change.userId), Number(row.habit_id));
    },

    /** Subscribe to the check-in and participation events (bootstrap); returns the unsubscribe. */
    listen(): () => void {
      // Not awaited: the emitter (the check-in's commit, the join) never waits for challenge progress.
      const offCheckIns = strapi.eventHub.on(CHECK_IN_CHANGED_EVENT, async (change: CheckInChanged) => {
        void service.onCheckInChanged(change);
      });
      const offParticipation = strapi.eventHub.on(PARTICIPATION_CHANGED_EVENT, async (change: ParticipationChanged) => {
        void service.onParticipationChanged(change).catch((error: unknown) => {
          strapi.log.error(`[challenges] progress after a ${change.kind}: ${error instanceof Error ? error.message : String(error)}`);
        });
      });
      return () => {
        offCheckIns();
        offParticipation();
      };
    },

    /** Resolves once every queued recompute has finished (tests, shutdown). */
    async settled(): Promise<void> {
      if (active === 0 && waiting.length === 0) return;
      await new Promise<void>((wake) => idle.push(wake));
    },

    /** How many recomputes wait or run (the bench reports the backlog). */
    backlog(): number {
      return queued.size;
    },
  };
  return service;
};

export type ProgressService = ReturnType<typeof progressService>;
export default progressService;
