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

  // Every browser asks for it (the admin panel, Swagger UI): Strapi's favicon middleware reads favicon.png
  // from the app's root and answered 500 while there was none.
  it('serves the favicon browsers ask for', async () => {
    const res = await http().get('/favicon.ico').buffer(true).expect(200);
    expect(res.headers['content-type']).toMatch(/^image\//);
    expect(Buffer.from(res.body).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
