import { createMemoryStore, keyValueStore, type KeyValueStore } from '../../src/services/key-value';
import { getStrapi, setupStrapi, teardownStrapi, usingRedis } from '../helpers/strapi';

/**
 * The contract every KeyValueStore keeps. It runs against the store the app was booted with: the
 * in-process one under `npm test`, Redis under `npm run test:services`.
 */
let store: KeyValueStore;

beforeAll(async () => {
  await setupStrapi();
  store = keyValueStore(getStrapi());
});
afterAll(teardownStrapi);

const key = (name: string) => `test:kv:${process.pid}:${name}`;

describe('the key-value store the app booted with', () => {
  it('is the backend the environment asks for', () => {
    expect(store.backend).toBe(usingRedis() ? 'redis' : 'memory');
  });

  it('reads back what it stored and forgets what it deleted', async () => {
    await store.set(key('a'), 'one');
    expect(await store.get(key('a'))).toBe('one');
    await store.del(key('a'));
    expect(await store.get(key('a'))).toBeNull();
  });

  it('grants a lock to exactly one of many concurrent callers', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => store.setIfAbsent(key('lock'), `owner-${i}`, 30)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('answers ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('the in-process store', () => {
  it('expires entries after their time to live', async () => {
    let now = 1_000_000;
    const memory = createMemoryStore(() => now);
    await memory.set('k', 'v', 10);
    now += 9_999;
    expect(await memory.get('k')).toBe('v');
    now += 2;
    expect(await memory.get('k')).toBeNull();
    expect(await memory.setIfAbsent('k', 'again', 5)).toBe(true);
  });
});
