import net from 'node:net';
import { http } from '../helpers/strapi';
import { fakeWeChat, setupWeChat, signIn, teardownWeChat } from '../helpers/wechat';

/** A port on this machine with nothing listening: what a stopped Redis looks like. */
const closedPort = async (): Promise<number> => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

beforeAll(async () => {
  await setupWeChat({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
});
afterAll(teardownWeChat);

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

describe('a signed-in user while Redis is down', () => {
  it('signs in, and changes the nickname through WeChat\'s content check (its access token cached in the process)', async () => {
    const session = await signIn('redis-down');
    const first = await http().put('/api/me').set(session.auth).send({ nickname: '断网的小明' });
    expect(first.status).toBe(200);
    expect(first.body.data.nickname).toBe('断网的小明');
    const tokensAsked = fakeWeChat().stats.stable_token;
    expect(tokensAsked).toBeGreaterThan(0);
    // The token fetched for the first check serves the second: kept in this process while Redis is away.
    await http().put('/api/me').set(session.auth).send({ nickname: '还是小明' }).expect(200);
    expect(fakeWeChat().stats.stable_token).toBe(tokensAsked);
    expect(fakeWeChat().stats.msg_sec_check).toBeGreaterThanOrEqual(2);
  });
});
