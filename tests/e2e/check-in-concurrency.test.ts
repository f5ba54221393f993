import crypto from 'node:crypto';
import { getService } from '../../src/plugins/gamification/server/src/utils/get-service';
import { EARNED_SQL } from '../../src/plugins/gamification/server/src/domain/earned';
import { getStrapi, http, setupStrapi, teardownStrapi, usingPostgres } from '../helpers/strapi';
import { createUser } from '../helpers/users';
import { checkIn, newHabit } from '../helpers/habits';

/**
 * DESIGN invariants 1-3 under real concurrent HTTP requests (on PostgreSQL under test:services):
 * one check-in per day however many race, one answer per idempotency key, and a balance that always
 * equals its ledger and never goes below zero.
 */
const clock = () => getService(getStrapi(), 'clock');
const ledger = () => getService(getStrapi(), 'ledger');


const count = async (table: string, where: Record<string, unknown>) =>
  Number((await getStrapi().db.connection(table).where(where).count<Array<{ n: number }>>({ n: '*' }))[0].n);

const waitFor = async (condition: () => Promise<boolean>) => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('timed out waiting');
};

beforeAll(async () => {
  await setupStrapi();
});
afterEach(() => clock().setNow(null));
afterAll(teardownStrapi);

describe('100 concurrent requests', () => {
  it('checking in one habit on one day give exactly one row and one ledger entry', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow('2026-11-02T04:00:00Z');
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => checkIn(user, habit, { note: `attempt ${i}` })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(await count('check_ins', { user_id: user.id })).toBe(1);
    expect(await count('points_ledger', { user_id: user.id })).toBe(1);
    const winner = responses.find((r) => r.status === 201)!;
    for (const loser of responses.filter((r) => r.status === 409)) {
      expect(loser.body.error.details.checkIn.documentId).toBe(winner.body.data.documentId);
    }
    expect((await ledger().balance(user.id)).balance).toBe(10);
  });

  it('retrying one idempotency key all get the identical answer', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow('2026-11-03T04:00:00Z');
    const key = `retry-${crypto.randomBytes(6).toString('hex')}`;
    const responses = await Promise.all(Array.from({ length: 100 }, () => checkIn(user, habit, { idempotencyKey: key })));
    const first = responses[0];
    expect(first.status).toBe(201);
    for (const response of responses) {
      expect(response.status).toBe(first.status);
      expect(response.body).toEqual(first.body);
    }
    expect(await count('check_ins', { user_id: user.id })).toBe(1);
    expect(await count('points_ledger', { user_id: user.id })).toBe(1);
    expect(await count('idempotency_records', { user_id: user.id })).toBe(1);
  });

  it('sending one idempotency key for two habits at once check in one of them, and refuse the other with 422', async () => {
    const user = await createUser();
    const [run, read] = [await newHabit(user), await newHabit(user, { title: 'Read' })];
    clock().setNow('2026-11-04T04:00:00Z');
    const key = `mixed-${crypto.randomBytes(6).toString('hex')}`;
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => checkIn(user, i % 2 === 0 ? run : read, { idempotencyKey: key })));
    const winner = responses.find((r) => r.status === 201)!;
    const winnerHabit = winner.body.data.habit.documentId;
    for (const [i, response] of responses.entries()) {
      // Whoever sent the winner's request got its answer; the other habit's requests were refused.
      if ((i % 2 === 0 ? run : read) === winnerHabit) expect(response.body).toEqual(winner.body);
      else expect({ status: response.status, reason: response.body.error?.details?.reason }).toEqual({ status: 422, reason: 'idempotency_key_reused' });
    }
    expect(await count('check_ins', { user_id: user.id })).toBe(1);
    expect(await count('idempotency_records', { user_id: user.id })).toBe(1);
  });
});

describe('requests that wait for the same user', () => {
  it('undoing one check-in many times at once reverses its points once', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    clock().setNow('2026-11-04T04:00:00Z');
    const created = await checkIn(user, habit);
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const responses = await Promise.all(Array.from({ length: 30 }, () => http().delete(`/api/check-ins/${id}`).set(user.auth)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 404)).toHaveLength(29);
    expect(await count('points_ledger', { user_id: user.id, reason: 'check-in-reversal' })).toBe(1);
    expect((await ledger().balance(user.id)).balance).toBe(0);
  });

  it('a check-in that waited for another write of the same user sees the day that write added', async () => {
    // Six days in a row, then yesterday missed.
    const user = await createUser();
    const habit = await newHabit(user, { startDate: '2026-11-01' });
    for (const day of ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']) {
      clock().setNow(`${day}T04:00:00Z`);
      expect((await checkIn(user, habit)).status).toBe(201);
    }
    clock().setNow('2026-11-08T04:00:00Z');
    const knex = getStrapi().db.connection;
    const habitRow = await knex('habits').where({ document_id: habit }).first('id');

    // Another writer (what a makeup does) holds the user's row and adds yesterday, uncommitted...
    const trx = await knex.transaction();
    const now = new Date();
    if (usingPostgres()) await trx('up_users').where({ id: user.id }).forUpdate().first('id');
    await trx('check_ins').insert({
      document_id: crypto.randomBytes(12).toString('hex'), user_id: user.id, habit_id: habitRow.id, local_date: '2026-11-07',
      is_makeup: true, made_up_on: '2026-11-08', points_awarded: 0, checked_at: now, created_at: now, updated_at: now, published_at: now,
    });
    await trx('up_users').where({ id: user.id }).update({ makeup_cards: knex.raw('makeup_cards - 1') });
    // ...while today's check-in starts and waits for that row.
    const pending = new Promise<{ status: number; body: { meta: { streak: { current: number } } } }>((resolve, reject) => {
      checkIn(user, habit).then(resolve, reject);
    });
    if (usingPostgres()) {
      await waitFor(async () => {
        const waiting = await knex.raw(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        );
        return waiting.rows[0].n > 0;
      });
    } else {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await trx.commit();

    const today = await pending;
    expect(today.status).toBe(201);
    expect(today.body.meta.streak.current).toBe(8);
  });
});

describe('the balance always equals the ledger', () => {
  it('for many users after random check-ins, undos, makeups, grants and spends, fired concurrently', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, () => createUser()));
    const habits = await Promise.all(users.map(async (user) => [await newHabit(user), await newHabit(user)] as const));
    const grants = getStrapi().documents('plugin::gamification.points-grant' as never);
    // A seeded generator: the same scenario on every run.
    let seed = 20261122;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

    for (const day of ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13']) {
      clock().setNow(`${day}T04:00:00Z`);
      const operations = users.flatMap((user, u) =>
        Array.from({ length: 6 }, async () => {
          const habit = habits[u][random() < 0.5 ? 0 : 1];
          const roll = random();
          if (roll < 0.45) return checkIn(user, habit);
          if (roll < 0.6) {
            const created = await checkIn(user, habit);
            const id = created.body?.data?.documentId ?? created.body?.error?.details?.checkIn?.documentId;
            return id ? http().delete(`/api/check-ins/${id}`).set(user.auth) : created;
          }
          if (roll < 0.75) return http().post('/api/check-ins/makeup').set(user.auth).send({ data: { habit, date: clock().addDays(day, -1) } });
          if (roll < 0.85) return grants.create({ data: { user: user.id, amount: 5, reason: 'random grant' } } as never);
          // A spend that may or may not be affordable: it must never overdraw.
          return ledger()
            .withUserLock(user.id, (trx) => ledger().apply(trx, user.id, [{ amount: -25, reason: 'random-spend' }], new Date()))
            .catch((error: unknown) => {
              if ((error as { details?: { reason?: string } }).details?.reason !== 'insufficient_points') throw error;
            });
        }),
      );
      const results = await Promise.all(operations);
      for (const result of results) {
        const status = (result as { status?: number } | undefined)?.status;
        if (status !== undefined) expect(status).toBeLessThan(500);
      }
    }

    for (const user of users) {
      const { balance } = await ledger().balance(user.id);
      expect({ user: user.id, balance }).toEqual({ user: user.id, balance: await ledger().ledgerSum(user.id) });
      expect(balance).toBeGreaterThanOrEqual(0);
      const negativeAfter = await getStrapi().db.connection('points_ledger').where({ user_id: user.id }).andWhere('balance_after', '<', 0).first();
      expect(negativeAfter).toBeUndefined();
      // Every remaining check-in's points are in the ledger, and every undone one was reversed.
      const awarded = await getStrapi().db.connection('check_ins').where({ user_id: user.id }).sum<Array<{ s: number | null }>>({ s: 'points_awarded' });
      const fromCheckIns = await getStrapi()
        .db.connection('points_ledger')
        .where({ user_id: user.id, source_type: 'check-in' })
        .sum<Array<{ s: number | null }>>({ s: 'amount' });
      expect(Number(fromCheckIns[0].s ?? 0)).toBe(Number(awarded[0].s ?? 0));
      // The points-earned counter the leaderboards rank by, kept in the same UPDATE as the balance,
      // equals its recount from the ledger (what the rebuild's week and month sums use).
      const knex = getStrapi().db.connection;
      const [recount] = await knex('points_ledger').where({ user_id: user.id }).select(knex.raw(`coalesce(sum(${EARNED_SQL()}), 0) AS earned`));
      const counter = await knex('up_users').where({ id: user.id }).first('points_earned');
      expect({ user: user.id, earned: Number(counter.points_earned) }).toEqual({ user: user.id, earned: Number(recount.earned) });
    }
  });
});
