import net from 'node:net';
import { http, setupStrapi, teardownStrapi } from '../helpers/strapi';

/** A port on this machine with nothing listening: what a stopped Redis looks like. */
const closedPort = async (): Promise<number> => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

beforeAll(async () => {
  await setupStrapi({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
});
afterAll(teardownStrapi);

describe('readiness with Redis configured but stopped', () => {
  it('stays healthy: the process is up', async () => {
    await http().get('/api/health').expect(200);
  });

  it('answers /api/ready with 503 naming Redis, in the error envelope', async () => {
    const res = await http().get('/api/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      data: null,
      error: {
        status: 503,
        message: 'Not ready: redis unreachable',
        details: { checks: { database: { status: 'ok' }, redis: { status: 'unreachable' } } },
      },
    });
  });
});
