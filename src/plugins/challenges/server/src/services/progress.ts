import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { CHECK_IN_CHANGED_EVENT, type CheckInChanged } from '../../../../gamification/public';
import { isPostgres } from '../../../../../utils/dialect';
import { TABLES } from '../content-types';
import { evaluateProgress, type CheckInFact } from '../domain/progress';
import { CHECK_IN_FACT_COLUMNS, CHECK_INS_TABLE, checkInFact, holdsProgress, instant, progressColumns, termsOfRow, TERMS_COLUMNS, type TermsRow } from '../utils/rows';
import { getService } from '../utils/get-service';
import { PARTICIPATION_CHANGED_EVENT, type ParticipationChangedEvent as ParticipationChanged } from './joins';

/** Recomputes running at once per process (each holds one pooled connection while it runs). */
const RECOMPUTE_CONCURRENCY = 2;

/**
 * Progress from check-ins: after a check-in, makeup or undo commits, gamification emits
 * `gamification.check-in.changed`; this finds the user's active participations on that habit, recomputes
 * each from the habit's check-in rows (domain/progress.ts), saves what changed and updates the board.
 *
 * Knex, not the Document Service: it runs after every check-in (the platform's hot path), and needs a
 * row lock so two instances handling events of the same habit cannot save an older snapshot last (the
 * lock is taken before the check-ins are read: whoever reads second sees every committed row).
 * In one process, the events of one (user, habit) run one at a time and coalesce while one runs.
 */
type ParticipantRow = TermsRow & {
  id: number;
  challenge_id: number;
  user_id: number;
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
  type Queued = { userId: number; habitId: number; running: boolean; again: boolean; done: Promise<void>; resolve: () => void };
  const queued = new Map<string, Queued>();
  const waiting: string[] = [];
  let active = 0;
  const idle: Array<() => void> = [];

  const pump = () => {
    while (active < RECOMPUTE_CONCURRENCY && waiting.length > 0) {
      const key = waiting.shift()!;
      const entry = queued.get(key)!;
      entry.running = true;
      active += 1;
      void (async () => {
        do {
          entry.again = false;
          await service.recompute(entry.userId, entry.habitId).catch((error: unknown) => {
            strapi.log.error(`[challenges] progress of user ${entry.userId} habit ${entry.habitId} failed: ${error instanceof Error ? error.stack : String(error)}`);
          });
        } while (entry.again);
        queued.delete(key);
        active -= 1;
        entry.resolve();
        pump();
        if (active === 0 && waiting.length === 0) for (const wake of idle.splice(0)) wake();
      })();
    }
  };

  const participations = (db: Knex | Knex.Transaction, where: { userId: number; habitId: number }, lock: boolean) => {
    const query = db(`${TABLES.participants} as p`)
      .join(`${TABLES.challenges} as c`, 'c.id', 'p.challenge_id')
      .where({ 'p.habit_id': where.habitId, 'p.user_id': where.userId, 'p.status': 'active', 'c.state': 'open' })
      .select('p.id', 'p.challenge_id', 'p.user_id', 'p.status', 'p.days_done', 'p.days_needed', 'p.streak', 'p.best_streak', 'p.progress_at', 'p.reached_at', 'p.joined_at', ...TERMS_COLUMNS.map((column) => `c.${column}`))
      .orderBy('p.id');
    return (lock ? query.forUpdate('p') : query) as unknown as Promise<ParticipantRow[]>;
  };

  const checkInsOf = async (db: Knex | Knex.Transaction, habitId: number, from: string, to: string): Promise<CheckInFact[]> => {
    const rows: Array<Record<string, unknown>> = await db(CHECK_INS_TABLE)
      .where({ habit_id: habitId })
      .andWhere('local_date', '>=', from)
      .andWhere('local_date', '<=', to)
      .select(...CHECK_IN_FACT_COLUMNS);
    return rows.map(checkInFact);
  };

  /** Recompute and save; returns the rows whose board score must be written. */
  const recomputeIn = async (db: Knex | Knex.Transaction, userId: number, habitId: number, lock: boolean) => {
    const rows = await participations(db, { userId, habitId }, lock);
    if (rows.length === 0) return [];
    const terms = rows.map((row) => termsOfRow(row));
    const from = terms.reduce((min, t) => (t.startDate < min ? t.startDate : min), terms[0].startDate);
    const to = terms.reduce((max, t) => (t.endDate > max ? t.endDate : max), terms[0].endDate);
    const facts = await checkInsOf(db, habitId, from, to);
    const changed: Array<{ challengeId: number; userId: number; status: string; daysDone: number; progressAt: Date | null; joinedAt: Date }> = [];
    const now = new Date();
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i];
      const progress = evaluateProgress(terms[i], facts);
      if (holdsProgress(row, progress)) continue;
      await db(TABLES.participants).where({ id: row.id, status: 'active' }).update(progressColumns(progress, now));
      changed.push({ challengeId: Number(row.challenge_id), userId, status: row.status, daysDone: progress.daysDone, progressAt: progress.progressAt, joinedAt: instant(row.joined_at) ?? now });
    }
    return changed;
  };

  const writeBoards = async (changed: Awaited<ReturnType<typeof recomputeIn>>) => {
    const board = getService(strapi, 'board');
    for (const entry of changed) await board.put(entry.challengeId, [entry]);
  };

  const service = {
    /** Recompute one user's participations on one habit, now (the listener's work; also after a join). */
    async recompute(userId: number, habitId: number): Promise<void> {
      // Row locks on PostgreSQL (SQLite: one connection, one process, the queue orders the runs). The
      // board is written after the commit: the SQL board store takes a connection of its own, and a
      // run holding one connection while it waits for a second starves the pool under load.
      // Most habits are in no challenge: one plain read, no transaction, decides that.
      if ((await participations(knex(), { userId, habitId }, false)).length === 0) return;
      const changed = await knex().transaction((trx) => recomputeIn(trx, userId, habitId, isPostgres(knex())));
      await writeBoards(changed);
    },

    /**
     * Queue a recompute of (user, habit). At most RECOMPUTE_CONCURRENCY run at once in a process (each
     * holds a pooled connection: unbounded, a burst of check-ins would starve the check-ins themselves);
     * runs of one pair never overlap, and events arriving while one waits or runs fold into one more run.
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
      const entry = { userId, habitId, running: false, again: false, done: new Promise<void>((r) => (resolve = r)), resolve: () => resolve() };
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
