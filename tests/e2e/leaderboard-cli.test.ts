import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { APP_DIR, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser } from '../helpers/users';
import { leaderboard, setCounters } from '../helpers/leaderboard';

/**
 * `npm run leaderboard:rebuild` is a second Strapi process on the same database and store: it rebuilds
 * when nobody else is, and refuses (exit 75) while another instance holds the rebuild lock.
 */
const runCli = () =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(APP_DIR, 'scripts', 'leaderboard-rebuild.js'), '--no-compile'], {
      cwd: APP_DIR,
      env: { ...process.env, LOG_LEVEL: 'error' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });

beforeAll(async () => {
  await setupStrapi();
});
afterAll(teardownStrapi);

it('rebuilds from another process, and waits its turn behind this one', async () => {
  // A province of its own: the worker's database outlives a run, and earlier runs' users stay on their boards.
  const province = `命令行省${crypto.randomBytes(3).toString('hex')}`;
  const user = await createUser();
  await setCounters(user, { province, total_check_in_days: 3, days_reached_at: new Date('2026-11-01T00:00:00Z') });
  const store = leaderboard('boards').store();
  // Read from the store itself: this instance's page cache knows nothing of the other process's writes.
  const key = leaderboard('boards').resolve({ metric: 'total-days', scope: 'province', region: province, period: 'all' }, new Date()).key;

  // This instance holds the lock: the other process must not rebuild.
  const holder = JSON.stringify({ id: 'this-process', trigger: 'admin', startedAt: new Date().toISOString() });
  expect(await store.tryLock('rebuild', holder, 120)).toBe(true);
  const refused = await runCli();
  await store.unlock('rebuild', holder);
  expect(refused.code).toBe(75);
  expect(refused.output).toMatch(/another instance is rebuilding \(admin/);
  expect(await store.count(key)).toBe(0);

  const done = await runCli();
  expect(done.output).toMatch(/leaderboard:rebuild: \d+ entries of \d+ users/);
  expect(done.code).toBe(0);
  expect((await store.range(key, 0, 10)).map((entry) => entry.userId)).toEqual([user.id]);
  expect(await leaderboard('boards').page({ metric: 'total-days', scope: 'province', region: province, period: 'all' }, 0, 10, new Date())).toMatchObject({
    entries: [{ userId: user.id, score: 3 }],
  });
  expect(await leaderboard('rebuild').last()).toMatchObject({ trigger: 'cli' });
}, 120_000);
