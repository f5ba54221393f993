import { createMemoryStore, withLocalFallback, type KeyValueStore } from '../key-value';

/** A shared store that can be switched off, like a Redis that stopped answering. */
const switchable = () => {
  const inner = createMemoryStore();
  let up = true;
  const guard = async <T>(work: () => Promise<T>) => {
    if (!up) throw new Error('Redis is not reachable (end)');
    return work();
  };
  const store: KeyValueStore = {
    backend: 'redis',
    get: (key) => guard(() => inner.get(key)),
    set: (key, value, ttl) => guard(() => inner.set(key, value, ttl)),
    setIfAbsent: (key, value, ttl) => guard(() => inner.setIfAbsent(key, value, ttl)),
    del: (key) => guard(() => inner.del(key)),
    ping: () => guard(() => inner.ping()),
    close: () => inner.close(),
  };
  return { store, inner, down: () => (up = false), upAgain: () => (up = true) };
};

describe('withLocalFallback', () => {
  it('reads the shared store while it answers, and what this process wrote while it does not', async () => {
    const shared = switchable();
    const cache = withLocalFallback(shared.store);
    await cache.set('token', 'A', 60);
    expect(await shared.inner.get('token')).toBe('A');
    await shared.inner.set('token', 'B', 60); // another instance refreshed it
    expect(await cache.get('token')).toBe('B');

    shared.down();
    expect(await cache.get('token')).toBe('A');
    await cache.set('token', 'C', 60);
    expect(await cache.get('token')).toBe('C');
    await expect(cache.ping()).rejects.toThrow('not reachable');

    shared.upAgain();
    expect(await cache.get('token')).toBe('B');
  });

  it('takes locks in the process while the shared store is down', async () => {
    const shared = switchable();
    const cache = withLocalFallback(shared.store);
    shared.down();
    expect(await cache.setIfAbsent('lock', 'me', 10)).toBe(true);
    expect(await cache.setIfAbsent('lock', 'you', 10)).toBe(false);
    await cache.del('lock');
    expect(await cache.setIfAbsent('lock', 'you', 10)).toBe(true);
  });

  it('is the store itself when that is already in-process', () => {
    const memory = createMemoryStore();
    expect(withLocalFallback(memory)).toBe(memory);
  });
});
