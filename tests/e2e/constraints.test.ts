import type { Knex } from 'knex';
import { applyConstraints, CONSTRAINTS } from '../../database/constraints';
import { isCheckViolation, isUniqueViolation } from '../../src/utils/db-errors';
import { getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * The database itself refuses duplicates and impossible values, on SQLite and on PostgreSQL, whatever
 * path the write takes: the API (409 / 400) or raw SQL (a constraint error).
 */
let user: TestUser;
let habitId: string;
let knex: Knex;

const expectRejected = async (write: Promise<unknown>, kind: 'unique' | 'check') => {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).not.toBeNull();
  expect(kind === 'unique' ? isUniqueViolation(error) : isCheckViolation(error)).toBe(true);
};

beforeAll(async () => {
  await setupStrapi();
  knex = getStrapi().db.connection;
  user = await createUser();
  habitId = (await http().post('/api/habits').set(user.auth).send({ data: { title: 'Meditate' } }).expect(201)).body.data.documentId;
});
afterAll(teardownStrapi);

describe('one check-in per user, habit and local day', () => {
  it('answers a second check-in the same day with 409 and keeps one row', async () => {
    const first = await http().post('/api/check-ins').set(user.auth).send({ data: { habit: habitId, mood: 4 } });
    expect(first.status).toBe(201);
    const second = await http().post('/api/check-ins').set(user.auth).send({ data: { habit: habitId, mood: 2 } });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ data: null, error: { status: 409, name: 'ConflictError', message: expect.stringMatching(/already checked in/) } });
    const rows = await knex('check_ins').where({ user_id: user.id });
    expect(rows).toHaveLength(1);
    expect(rows[0].mood).toBe(4);
  });

  it('refuses a duplicate written straight to the database', async () => {
    const [row] = await knex('check_ins').where({ user_id: user.id }).select('user_id', 'habit_id', 'local_date');
    await expectRejected(
      knex('check_ins').insert({ document_id: 'rawduplicate000000000001', ...row, is_makeup: false, points_awarded: 0 }),
      'unique',
    );
  });
});

describe('one diary per user per date', () => {
  it('answers a second diary for the same date with 409', async () => {
    await http().post('/api/diaries').set(user.auth).send({ data: { content: 'first', localDate: '2026-01-05' } }).expect(201);
    const again = await http().post('/api/diaries').set(user.auth).send({ data: { content: 'second', localDate: '2026-01-05' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/edit it instead/);
  });

  it('refuses a diary dated in the future', async () => {
    const res = await http().post('/api/diaries').set(user.auth).send({ data: { content: 'tomorrow', localDate: '2099-01-01' } });
    expect(res.status).toBe(400);
  });
});

describe('balances and stock never go below their floor', () => {
  it('refuses a negative points balance or makeup card count', async () => {
    const [before] = await knex('up_users').where({ id: user.id }).select('points_balance', 'makeup_cards');
    await expectRejected(knex('up_users').where({ id: user.id }).update({ points_balance: -1 }), 'check');
    await expectRejected(knex('up_users').where({ id: user.id }).update({ makeup_cards: -1 }), 'check');
    const [row] = await knex('up_users').where({ id: user.id }).select('points_balance', 'makeup_cards');
    expect(row).toEqual(before);
    expect(row.makeup_cards).toBe(3);
  });

  it('refuses a conditional spend that would overdraw, and allows one that would not', async () => {
    await knex('up_users').where({ id: user.id }).update({ points_balance: 30 });
    // The spend pattern of DESIGN invariant 3: one conditional UPDATE.
    const overdraw = await knex('up_users').where({ id: user.id }).andWhere('points_balance', '>=', 50).decrement('points_balance', 50);
    expect(overdraw).toBe(0);
    const spend = await knex('up_users').where({ id: user.id }).andWhere('points_balance', '>=', 20).decrement('points_balance', 20);
    expect(spend).toBe(1);
    // Even an unconditional decrement cannot push it below zero.
    await expectRejected(knex('up_users').where({ id: user.id }).decrement('points_balance', 11), 'check');
    expect((await knex('up_users').where({ id: user.id }).first('points_balance')).points_balance).toBe(10);
  });

  it.each(['prizes'])('keeps %s stock at -1 (unlimited) or at least 0', async (table) => {
    const [inserted] = await knex(table)
      .insert({ document_id: `stock${table}00000000000000`.slice(0, 24), name: `stock test ${table}`, stock: 1, active: false })
      .returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    await knex(table).where({ id }).update({ stock: 0 });
    await knex(table).where({ id }).update({ stock: -1 });
    await expectRejected(knex(table).where({ id }).update({ stock: -2 }), 'check');
    await expectRejected(
      knex(table).insert({ document_id: `neg${table}0000000000000000`.slice(0, 24), name: 'negative', stock: -5, active: true }),
      'check',
    );
    expect((await knex(table).where({ id }).first('stock')).stock).toBe(-1);
  });

  it('keeps a mall SKU’s stock, reserved units and sales at or above 0', async () => {
    const run = Date.now();
    const [inserted] = await knex('mall_skus').insert({ document_id: `skuck${run}`, spec: 'x', stock: 1, reserved: 0, sales_count: 0, active: true }).returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    await knex('mall_skus').where({ id }).update({ stock: 0, reserved: 1 });
    await expectRejected(knex('mall_skus').where({ id }).update({ stock: -1 }), 'check');
    await expectRejected(knex('mall_skus').where({ id }).update({ reserved: -1 }), 'check');
    await expectRejected(knex('mall_skus').where({ id }).update({ sales_count: -1 }), 'check');
    expect(await knex('mall_skus').where({ id }).first('stock', 'reserved', 'sales_count')).toEqual({ stock: 0, reserved: 1, sales_count: 0 });
  });

  it('keeps an order’s trail as written: no update, no delete', async () => {
    const run = Date.now();
    const [inserted] = await knex('mall_order_events').insert({ document_id: `evt${run}`, to_status: 'paid', actor_type: 'system' }).returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    await expect(knex('mall_order_events').where({ id }).update({ to_status: 'refunded' })).rejects.toThrow(/append_only/);
    await expect(knex('mall_order_events').where({ id }).del()).rejects.toThrow(/append_only/);
  });

  it('refuses two accounts with one WeChat openid', async () => {
    const run = Date.now();
    const openid = `o-twin-${run}`;
    await knex('up_users').insert({ document_id: `twin1${run}`, username: `twin-1-${run}`, openid, points_balance: 0, makeup_cards: 3 });
    await expectRejected(
      knex('up_users').insert({ document_id: `twin2${run}`, username: `twin-2-${run}`, openid, points_balance: 0, makeup_cards: 3 }),
      'unique',
    );
  });
});

describe('applying the constraints', () => {
  it('is idempotent and covers every declared rule', async () => {
    const applied = await applyConstraints(knex);
    expect(applied.sort()).toEqual(CONSTRAINTS.map((c) => c.name).sort());
  });

  it('restores a rule that went missing (a SQLite table rebuild, a manual drop)', async () => {
    await knex.raw('DROP INDEX IF EXISTS "check_ins_user_habit_day_uq"');
    await applyConstraints(knex);
    const [row] = await knex('check_ins').where({ user_id: user.id }).select('user_id', 'habit_id', 'local_date');
    await expectRejected(
      knex('check_ins').insert({ document_id: 'rawduplicate000000000002', ...row, is_makeup: false, points_awarded: 0 }),
      'unique',
    );
  });

  it('can run in several instances booting at once (one applies, the others wait, none fails)', async () => {
    // Two replicas deployed together both re-assert the rules at boot: on PostgreSQL, concurrent
    // CREATE OR REPLACE FUNCTION fails with "tuple concurrently updated" unless the runs are serialised.
    await knex.raw('DROP INDEX IF EXISTS "check_ins_user_habit_day_uq"');
    // Without the lock, 10 rounds of 6 failed 19 times on PostgreSQL; with it, never.
    for (let round = 0; round < 5; round += 1) {
      const runs = await Promise.all(Array.from({ length: 6 }, () => applyConstraints(knex)));
      for (const applied of runs) expect(applied.sort()).toEqual(CONSTRAINTS.map((c) => c.name).sort());
    }
    const [row] = await knex('check_ins').where({ user_id: user.id }).select('user_id', 'habit_id', 'local_date');
    await expectRejected(
      knex('check_ins').insert({ document_id: 'rawduplicate000000000003', ...row, is_makeup: false, points_awarded: 0 }),
      'unique',
    );
  });

  it('is recorded as a migration that ran', async () => {
    const names = (await knex('strapi_migrations').select('name')).map((r: { name: string }) => r.name);
    expect(names).toContain('2026.11.22T00.00.00.domain-constraints.js');
  });
});
