import type { Core } from '@strapi/strapi';
import { getService } from '../../src/plugins/leaderboard/server/src/utils/get-service';
import { getStrapi, http } from './strapi';
import type { TestUser } from './users';

export const leaderboard = <K extends Parameters<typeof getService>[1]>(name: K) => getService(getStrapi(), name);

/** Set a user's ranking counters directly (hand-built data), as check-ins and the ledger would. */
export const setCounters = (user: { id: number }, counters: Record<string, unknown>) =>
  getStrapi().db.connection('up_users').where({ id: user.id }).update(counters);

export const setMembership = (user: TestUser, tier: string, expiresAt: Date | null = new Date(Date.now() + 30 * 86_400_000)) =>
  getStrapi().db.connection('up_users').where({ id: user.id }).update({ membership_tier: tier, membership_expires_at: expiresAt });

export const rebuild = async () => {
  const outcome = await leaderboard('rebuild').run({ trigger: 'test' });
  if (!outcome.ran) throw new Error('the rebuild did not run: another holds the lock');
  return outcome;
};

export const board = (user: TestUser, metric: string, query: Record<string, string | number> = {}) =>
  http().get(`/api/leaderboards/${metric}`).query(query).set(user.auth);

export const myPlace = (user: TestUser, metric: string, query: Record<string, string | number> = {}) =>
  http().get(`/api/leaderboards/${metric}/me`).query(query).set(user.auth);

/** Poll `read` until `done` holds (the feed writes shortly after a commit); the last value otherwise. */
export const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
};

/** Every entry of every board in the store, as `key → [[userId, score], ...]` in rank order. */
export const snapshot = async (strapi: Core.Strapi = getStrapi()): Promise<Record<string, Array<[number, number]>>> => {
  const store = getService(strapi, 'boards').store();
  const keys = await allKeys(strapi);
  const result: Record<string, Array<[number, number]>> = {};
  for (const key of keys.sort()) result[key] = (await store.range(key, 0, 1_000_000)).map((entry) => [entry.userId, entry.score]);
  return result;
};

const allKeys = async (strapi: Core.Strapi): Promise<string[]> => {
  const store = getService(strapi, 'boards').store();
  if (store.backend === 'sql') return (await strapi.db.connection('leaderboard_entries').distinct('board')).map((row: { board: string }) => row.board);
  const redis = (await import('../../src/services/key-value')).keyValueStore(strapi).redis!;
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', 'lb:{*', 'COUNT', 1000);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  return keys;
};

/** Empty the store (FLUSHDB on Redis; every row of the SQL store). */
export const flushStore = async (strapi: Core.Strapi = getStrapi()) => {
  const store = getService(strapi, 'boards').store();
  if (store.backend === 'sql') await strapi.db.connection('leaderboard_entries').delete();
  else await (await import('../../src/services/key-value')).keyValueStore(strapi).redis!.flushdb();
};
