import type { Core } from '@strapi/strapi';
import { claimTick, runLocked, stopJobs } from '../jobs';
import { keyValueStore } from '../key-value';

/** Graceful shutdown's part of the jobs: no new locked run once stopping, and the running ones end with their locks released. */
const fakeApp = () => ({ log: { debug() {}, error() {} } }) as unknown as Core.Strapi;

describe('stopJobs', () => {
  const previous = process.env.REDIS_URL;
  beforeAll(() => delete process.env.REDIS_URL);
  afterAll(() => {
    if (previous !== undefined) process.env.REDIS_URL = previous;
  });

  it('waits for a run in progress, which releases its lock, and starts no new one', async () => {
    const app = fakeApp();
    let finish!: () => void;
    const running = runLocked(app, 'slow', 60, () => new Promise<string>((resolve) => (finish = () => resolve('done'))));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await keyValueStore(app).get('jobs:lock:slow')).not.toBeNull();

    const stopped = stopJobs(app, 5000);
    expect(await runLocked(app, 'other', 60, async () => 'ran')).toEqual({ ran: false });
    finish();
    expect(await stopped).toBe(true);
    expect(await running).toEqual({ ran: true, result: 'done' });
    expect(await keyValueStore(app).get('jobs:lock:slow')).toBeNull();
  });

  it('gives up waiting after the timeout and says so', async () => {
    const app = fakeApp();
    void runLocked(app, 'stuck', 60, () => new Promise(() => undefined));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await stopJobs(app, 50)).toBe(false);
  });
});

describe('claimTick', () => {
  it('gives each scheduled second to one claimant only, whatever the milliseconds', async () => {
    const app = fakeApp();
    expect(await claimTick(app, 'minute', new Date('2026-12-05T10:00:00.004Z'), 55)).toBe(true);
    expect(await claimTick(app, 'minute', new Date('2026-12-05T10:00:00.950Z'), 55)).toBe(false);
    expect(await claimTick(app, 'other', new Date('2026-12-05T10:00:00.000Z'), 55)).toBe(true);
    expect(await claimTick(app, 'minute', new Date('2026-12-05T10:01:00.000Z'), 55)).toBe(true);
  });
});
