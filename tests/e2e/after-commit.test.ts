import { getStrapi, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { capturedLogLines } from '../helpers/audit';

/**
 * What Strapi runs after a commit (its document service's entry events re-read the entry there) through the same
 * `db.transaction` / `onCommit` it uses. Strapi drops those callbacks' promises: a failure was an unhandled
 * rejection, which ends a Node 20 process (src/bootstrap/after-commit.ts).
 */
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await setupStrapi();
  process.on('unhandledRejection', onRejection);
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await teardownStrapi();
});

it('logs work after a commit that fails (the database gone under an entry event) instead of an unhandled rejection', async () => {
  const written = await getStrapi().db.transaction(async ({ onCommit }) => {
    onCommit(async () => {
      await delay(10);
      throw new Error('Connection terminated unexpectedly');
    });
    return 'committed';
  });
  expect(written).toBe('committed');
  await delay(200);
  expect(rejections).toEqual([]);
  expect(capturedLogLines().filter((line) => line.includes('after a commit failed') && line.includes('Connection terminated unexpectedly'))).toHaveLength(1);
});

it('lets the work after the last commit finish, with the database, before shutting down', async () => {
  const strapi = getStrapi();
  const steps: string[] = [];
  await strapi.db.transaction(async ({ onCommit }) => {
    onCommit(async () => {
      await delay(300);
      const [row] = await strapi.db.connection('up_users').count({ n: '*' });
      steps.push(`read ${Number(row.n) >= 0}`);
    });
  });
  await teardownStrapi();
  steps.push('shut down');
  expect(steps).toEqual(['read true', 'shut down']);
  expect(rejections).toEqual([]);
});
