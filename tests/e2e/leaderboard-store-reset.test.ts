import crypto from 'node:crypto';
import { getStrapi, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { board, eventually, flushStore, leaderboard, rebuild, setCounters } from '../helpers/leaderboard';
import { META_TABLE } from '../../src/plugins/leaderboard/server/src/services/store';

/**
 * Issue 18: a board store that comes back empty while the app runs (Redis flushed, or failed over to a
 * fresh replica) is rebuilt by the app itself within seconds, not at the next hourly rebuild. The watch
 * runs every second here (LEADERBOARD_STORE_WATCH_SECONDS=1). On SQLite with the SQL store (its meta
 * table emptied as well) and on PostgreSQL with Redis (FLUSHDB).
 */
beforeAll(async () => {
  await setupStrapi({ LEADERBOARD_STORE_WATCH_SECONDS: '1' });
});
afterAll(teardownStrapi);

const emptyStore = async () => {
  await flushStore();
  const store = leaderboard('boards').store();
  if (store.backend === 'sql') await getStrapi().db.connection(META_TABLE).delete();
};

it('rebuilds every board by itself once the store lost them, under the rebuild lock', async () => {
  const province = `重置省${crypto.randomBytes(3).toString('hex')}`;
  const users: TestUser[] = [];
  for (let index = 0; index < 30; index += 1) {
    const user = await createUser();
    await setCounters(user, { province, total_check_in_days: 10 + index, days_reached_at: new Date('2026-11-01T08:00:00Z') });
    users.push(user);
  }
  await rebuild();
  const read = async () => (await board(users[0], 'total-days', { scope: 'province', limit: 50 }).expect(200)).body;
  expect((await read()).meta.pagination.total).toBe(30);

  await emptyStore();
  expect(await leaderboard('rebuild').last()).toBeNull();

  const report = await eventually(() => leaderboard('rebuild').last(), (last) => last !== null, 15_000);
  expect(report).toMatchObject({ trigger: 'store-reset', users: expect.any(Number) });
  const after = await read();
  expect(after.meta.pagination.total).toBe(30);
  expect(after.data.map((entry: { score: number }) => entry.score)).toEqual(users.map((_, index) => 10 + index).reverse());
});

it('leaves a store that holds its boards alone', async () => {
  const before = await leaderboard('rebuild').last();
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect(await leaderboard('rebuild').last()).toEqual(before);
});
