import path from 'node:path';
import Koa from 'koa';
import request from 'supertest';
import { capturedLogLines } from '../helpers/audit';
import { checkIn, newHabit } from '../helpers/habits';
import { APP_DIR, getStrapi, http, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { createUser } from '../helpers/users';

/**
 * The app's changes to Strapi's request pipeline (config/middlewares.ts), which must change how fast a
 * request is served and nothing else:
 * - strapi::security computes its headers once (src/bootstrap/security-headers.ts);
 * - the fast lane answers POST /api/check-ins before the router (src/middlewares/fast-lane.ts). This
 *   file boots with the lane off, so the router path is checked here and the lane everywhere else.
 */
beforeAll(async () => {
  await setupStrapi({ FAST_LANE: 'false' });
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

describe('the fast lane', () => {
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

  it('takes only routes with no auth, policies or route middlewares, and says why it leaves the others', async () => {
    const strapi = getStrapi();
    const lane = (strapi.middleware('global::fast-lane') as unknown as Factory)(
      { handlers: ['api::check-in.check-in.makeup', 'api::check-in.check-in.update', 'api::nothing.here.at-all'] },
      { strapi },
    );
    const logs = capturedLogLines().join('\n');
    expect(logs).toContain('api::check-in.check-in.makeup goes through the router: it authenticates through users-permissions');
    expect(logs).toContain('api::check-in.check-in.update goes through the router');
    expect(logs).toContain('api::nothing.here.at-all goes through the router: no content-API route has this handler');

    // None taken: every request, those routes' included, goes on to the router.
    let passedOn = 0;
    for (const [method, url] of [['POST', '/api/check-ins/makeup'], ['POST', '/api/check-ins']]) {
      await lane({ method, path: url, state: {} } as unknown as Koa.Context, async () => {
        passedOn += 1;
      });
    }
    expect(passedOn).toBe(2);
  });

  it('takes routes with :parameters (the leaderboard reads), giving the handler ctx.params', async () => {
    const strapi = getStrapi();
    const lane = (strapi.middleware('global::fast-lane') as unknown as Factory)(
      { handlers: ['plugin::leaderboard.leaderboards.me', 'plugin::leaderboard.leaderboards.list'] },
      { strapi },
    );
    const answered = async (url: string) => {
      const ctx = { method: 'GET', path: url, query: {}, params: {}, state: {}, get: () => '' } as unknown as Koa.Context;
      let passedOn = false;
      const refusal = await Promise.resolve(
        lane(ctx, async () => {
          passedOn = true;
        }),
      ).catch((error: { status?: number }) => error);
      return { passedOn, params: ctx.params, route: ctx.state.route, status: (refusal as { status?: number } | undefined)?.status };
    };
    // Taken: the controller ran (and refused the missing token), with the parameter decoded.
    expect(await answered('/api/leaderboards/total-days/me')).toMatchObject({ passedOn: false, params: { metric: 'total-days' }, status: 401 });
    expect(await answered('/api/leaderboards/%E7%A7%AF%E5%88%86')).toMatchObject({ passedOn: false, params: { metric: '积分' }, status: 401 });
    expect((await answered('/api/leaderboards/total-days')).route).toMatchObject({ handler: 'leaderboards.list', info: { pluginName: 'leaderboard' } });
    // Not theirs: on to the router.
    expect(await answered('/api/leaderboards/total-days/me/extra')).toMatchObject({ passedOn: true });
    expect(await answered('/api/leaderboards')).toMatchObject({ passedOn: true });
  });

  it('leaves the leaderboard reads working through the router when it is off', async () => {
    const user = await createUser();
    await getStrapi().db.connection('up_users').where({ id: user.id }).update({ province: '路由省' });
    const res = await http().get('/api/leaderboards/total-days').query({ scope: 'province' }).set(user.auth).expect(200);
    expect(res.body.meta.board).toMatchObject({ scope: 'province', region: '路由省' });
    await http().get('/api/leaderboards/total-days/me').query({ scope: 'province' }).expect(401);
  });
});
