import { http, setupStrapi, teardownStrapi } from '../helpers/strapi';

beforeAll(async () => {
  await setupStrapi();
});
afterAll(teardownStrapi);

describe('operations endpoints', () => {
  it('answers /api/health while the process is up', async () => {
    const res = await http().get('/api/health').expect(200);
    expect(res.body.data.status).toBe('ok');
  });

  it('reports ready when the database answers', async () => {
    const res = await http().get('/api/ready').expect(200);
    expect(res.body.data.status).toBe('ready');
    expect(res.body.data.checks.database.status).toBe('ok');
  });
});
