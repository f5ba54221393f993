import { createInvalidationBus, type InvalidationMessage } from '../../src/services/invalidation';
import { usingRedis } from '../helpers/strapi';

/** The bus that per-instance caches listen on: every instance, this one included, hears every message. */
const quiet = () => undefined;
const until = async (check: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('the in-process invalidation bus (one instance)', () => {
  it('runs the handlers of a topic before publish returns, and only that topic', async () => {
    const bus = createInvalidationBus(undefined, quiet);
    const heard: InvalidationMessage[] = [];
    bus.subscribe('roles', (message) => heard.push(message));
    bus.subscribe('other', () => heard.push({ topic: 'wrong' }));
    await bus.publish('roles', ['3']);
    expect(heard).toEqual([{ topic: 'roles', keys: ['3'] }]);
    await bus.close();
  });

  it('keeps a failing handler from stopping the others', async () => {
    const logged: string[] = [];
    const bus = createInvalidationBus(undefined, (line) => logged.push(line));
    let heard = 0;
    bus.subscribe('t', () => {
      throw new Error('boom');
    });
    bus.subscribe('t', () => {
      heard += 1;
    });
    await bus.publish('t');
    expect(heard).toBe(1);
    expect(logged.join()).toMatch(/boom/);
    await bus.close();
  });
});

if (usingRedis()) {
  describe('the Redis invalidation bus (several instances)', () => {
    const base = new URL(String(process.env.TEST_REDIS_URL));
    const urlFor = (db: number) => {
      const url = new URL(base.toString());
      url.pathname = `/${db}`;
      return url.toString();
    };

    it('delivers a message once to the publisher and once to every other instance on the same database', async () => {
      const [a, b, c] = [createInvalidationBus(urlFor(14), quiet), createInvalidationBus(urlFor(14), quiet), createInvalidationBus(urlFor(13), quiet)];
      const heard = { a: [] as InvalidationMessage[], b: [] as InvalidationMessage[], c: [] as InvalidationMessage[] };
      a.subscribe('catalogue', (m) => heard.a.push(m));
      b.subscribe('catalogue', (m) => heard.b.push(m));
      c.subscribe('catalogue', (m) => heard.c.push(m));
      await Promise.all([a.ready(), b.ready(), c.ready()]);
      // Connecting tells each subscriber to forget everything once; start counting after that.
      await until(() => heard.a.length > 0 && heard.b.length > 0 && heard.c.length > 0);
      heard.a.length = 0;
      heard.b.length = 0;
      heard.c.length = 0;

      await a.publish('catalogue', ['api::prize.prize']);
      expect(heard.a).toEqual([{ topic: 'catalogue', keys: ['api::prize.prize'] }]);
      await until(() => heard.b.length === 1);
      expect(heard.b).toEqual([{ topic: 'catalogue', keys: ['api::prize.prize'] }]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard.a).toHaveLength(1); // its own message is not heard a second time through Redis
      expect(heard.c).toEqual([]); // another deployment (database) sharing the server hears nothing
      await Promise.all([a.close(), b.close(), c.close()]);
    });
  });
}
