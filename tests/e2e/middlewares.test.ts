import path from 'node:path';
import Koa from 'koa';
import request from 'supertest';
import { checkIn, newHabit } from '../helpers/habits';
import { APP_DIR, getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser } from '../helpers/users';

/**
 * The app's changes to Strapi's request pipeline (config/middlewares.ts), which must change how fast a
 * request is served and nothing else:
 * - strapi::security computes its headers once (src/bootstrap/security-headers.ts);
 * - the route table dispatches content-API requests without the router's walk (src/middlewares/route-table.ts).
 *   This file boots with the table off, so the router path is checked here and the table everywhere else.
 */
beforeAll(async () => {
  await setupStrapi({ ROUTE_TABLE: 'false' });
});
afterAll(teardownStrapi);

type Factory = (config: unknown, context: { strapi: unknown }) => Koa.Middleware;

const middlewareConfig = (name: string) =>
  (getStrapi().config.get('middlewares') as Array<string | { name: string; config?: unknown }>).find(
    (entry) => typeof entry === 'object' && entry.name === name,
  ) as { config?: unknown };

/** The headers Strapi's own security middleware (5.54, unextended) sets for `url` with the app's config. */
const strapiOwnHeaders = async (url: string) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { security } = require(path.join(APP_DIR, 'node_modules/@strapi/core/dist/middlewares/security.js')) as { security: Factory };
  const app = new Koa();
  app.use(security(middlewareConfig('strapi::security').config ?? {}, { strapi: getStrapi() }));
  app.use((ctx) => {
    ctx.body = 'ok';
  });
  return (await request(app.callback()).get(url)).headers;
};

const HELMET_HEADERS = [
  'content-security-policy',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'cross-origin-embedder-policy',
  'origin-agent-cluster',
];

const pick = (headers: Record<string, unknown>) => Object.fromEntries(HELMET_HEADERS.map((name) => [name, headers[name]]));

describe('security headers computed once', () => {
  it('are the ones Strapi computes per request, on API routes', async () => {
    const ours = (await http().get('/api/health').expect(200)).headers;
    const theirs = await strapiOwnHeaders('/api/health');
    expect(pick(ours)).toEqual(pick(theirs));
    expect(ours['content-security-policy']).toContain("default-src 'self'");
    expect(ours['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it("leave the documentation page to Strapi's own (it widens the CSP for Swagger UI)", async () => {
    const ours = (await http().get('/documentation').expect(200)).headers;
    const theirs = await strapiOwnHeaders('/documentation');
    expect(pick(ours)).toEqual(pick(theirs));
    expect(ours['content-security-policy']).toContain('cdn.jsdelivr.net');
  });
});

describe('the route table', () => {
  type Layer = { path: string; methods: string[]; stack: unknown[] };
  type RouterLike = { stack: Layer[]; match(path: string, method: string): { route: boolean; pathAndMethod: Layer[] } };

  /** A concrete path for every content-API route layer: parameters filled in, patterns left out. */
  const samplePaths = (router: RouterLike) =>
    router.stack
      .filter((layer) => layer.methods.length > 0 && layer.path.startsWith('/api/') && !/[()*+?]/.test(layer.path))
      .flatMap((layer) => layer.methods.map((method) => ({ method, path: layer.path.replace(/:(\w+)/g, 'x1') })));

  it('runs, for every content-API route and method, exactly the layers the router runs, minus allowedMethods, in its order', async () => {
    const { buildRouteTable, matchedLayers } = await import('../../src/middlewares/route-table');
    const router = getStrapi().server.router as unknown as RouterLike;
    const table = buildRouteTable(router as never, '/api');
    const isAllowedMethods = (layer: Layer) => layer.methods.length === 0 && (layer.stack[0] as { name?: string }).name === 'allowedMethods';
    const samples = [
      ...samplePaths(router),
      { method: 'GET', path: '/api/leaderboards/%E7%A7%AF%E5%88%86' },
      { method: 'GET', path: '/api/check-ins/today' },
      { method: 'POST', path: '/api/check-ins/x1' }, // no such route: neither matches
      { method: 'PATCH', path: '/api/habits' },
      { method: 'GET', path: '/api/nothing-here' },
    ];
    expect(samples.length).toBeGreaterThan(100);
    for (const { method, path } of samples) {
      const theirs = router.match(path, method);
      const ours = matchedLayers(table as never, method, path, '/api');
      const label = `${method} ${path}`;
      if (!theirs.route) {
        expect({ label, ours }).toEqual({ label, ours: null });
        continue;
      }
      expect({ label, layers: (ours ?? []).map(([, layer]) => layer) }).toEqual({ label, layers: theirs.pathAndMethod.filter((layer) => !isAllowedMethods(layer)) });
    }
  });

  it('off, the check-in goes through the router with the same answers', async () => {
    const user = await createUser();
    const habit = await newHabit(user);
    const first = await checkIn(user, habit).expect(201);
    expect(first.body.data.habit.documentId).toBe(habit);
    const again = await checkIn(user, habit).expect(409);
    expect(again.body.error.details.checkIn.documentId).toBe(first.body.data.documentId);
    const anonymous = await http().post('/api/check-ins').send({ data: { habit } }).expect(401);
    expect(anonymous.body).toMatchObject({ data: null, error: { status: 401, name: 'UnauthorizedError' } });
  });

  it('on, answers as the router does: params decoded, route info, policies, 404 / 405 left to the router', async () => {
    const strapi = getStrapi();
    const factory = strapi.middleware('global::route-table') as unknown as Factory;
    const table = factory({ enabled: true }, { strapi });
    // A Koa app with Strapi's context helpers (ctx.unauthorized ...) and Strapi's own error middleware.
    const app = new Koa();
    app.context = Object.create(strapi.server.app.context);
    app.response = Object.create(strapi.server.app.response);
    app.request = Object.create(strapi.server.app.request);
    app.use((strapi.middleware('strapi::errors') as unknown as Factory)({}, { strapi }));
    app.use(async (ctx, next) => {
      ctx.state = {};
      await next();
    });
    app.use(table);
    app.use((ctx) => {
      ctx.status = 418; // what reaches here went on to "the router"
    });
    const user = await createUser();
    await getStrapi().db.connection('up_users').where({ id: user.id }).update({ province: '路由省' });
    const board = await request(app.callback()).get('/api/leaderboards/total-days').query({ scope: 'province' }).set(user.auth).expect(200);
    expect(board.body.meta.board).toMatchObject({ metric: 'total-days', scope: 'province', region: '路由省' });
    const unknown = await request(app.callback()).get('/api/leaderboards/%E7%A7%AF%E5%88%86').set(user.auth);
    // The parameter reached the controller decoded (its refusal names the metric rule).
    expect(unknown.body.error).toMatchObject({ name: 'ValidationError', message: expect.stringContaining('the metric is one of') });
    await request(app.callback()).get('/api/habits').expect(401);
    await request(app.callback()).get('/api/no-such-route').expect(418);
    await request(app.callback()).patch('/api/habits').set(user.auth).expect(418);
    await request(app.callback()).get('/admin/anything').expect(418);
    // The controller's own refusals come through: the membership gate of the VIP-only national board.
    const national = await request(app.callback()).get('/api/leaderboards/total-days').query({ scope: 'national' }).set(user.auth);
    expect(national.status).toBe(403);
  });

  it('leaves the leaderboard reads working through the router when it is off', async () => {
    const user = await createUser();
    await getStrapi().db.connection('up_users').where({ id: user.id }).update({ province: '路由省' });
    const res = await http().get('/api/leaderboards/total-days').query({ scope: 'province' }).set(user.auth).expect(200);
    expect(res.body.meta.board).toMatchObject({ scope: 'province', region: '路由省' });
    await http().get('/api/leaderboards/total-days/me').query({ scope: 'province' }).expect(401);
  });
});
